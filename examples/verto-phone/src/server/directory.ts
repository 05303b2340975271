/** Who may log in: verto login (`user@domain`) → password. A real deployment checks its user store. */
export type Directory = ReadonlyMap<string, string>;

/** `VERTO_USERS="1000@example.com:pw,1001@example.com:pw"`, or two demo users whose password is 1234. */
export function directoryFromEnvironment(value = process.env.VERTO_USERS): Directory {
  if (value === undefined || value.trim() === "") {
    return new Map(["1000@wiretype.local", "1001@wiretype.local"].map((login) => [login, "1234"]));
  }
  const pairs = value.split(",").map((pair) => pair.split(":") as [string, string]);
  return new Map(pairs.map(([login, password]) => [login.trim(), password]));
}
