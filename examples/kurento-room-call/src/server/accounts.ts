import { randomBytes } from "node:crypto";

/** Who may sign in: user id → password. A real deployment checks its own user store instead. */
export type Accounts = ReadonlyMap<string, string>;

/** `ROOM_USERS="alice:pw1,bob:pw2"`, or three demo accounts whose password is `demo`. */
export function accountsFromEnvironment(value = process.env.ROOM_USERS): Accounts {
  if (value === undefined || value.trim() === "") {
    return new Map(["alice", "bob", "carol", "dave"].map((user) => [user, "demo"]));
  }
  const pairs = value.split(",").map((pair) => pair.split(":") as [string, string]);
  return new Map(pairs.map(([user, password]) => [user.trim(), password]));
}

/** Session tokens handed out by the login endpoint, checked when the WebSocket binds. */
export class SessionTokens {
  readonly #users = new Map<string, string>();

  constructor(private readonly accounts: Accounts) {}

  /** A fresh token for a correct user id and password, else undefined. */
  signIn(user: string, password: string): string | undefined {
    if (this.accounts.get(user) !== password) return undefined;
    const token = randomBytes(24).toString("base64url");
    this.#users.set(token, user);
    return token;
  }

  userOf(token: string | undefined): string | undefined {
    return token === undefined ? undefined : this.#users.get(token);
  }
}
