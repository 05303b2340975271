import { createKurentoRoomServer } from "@wiretype/kurento-room/server";
import { createVertoServer } from "@wiretype/verto/server";
import { createVoxyServer } from "@wiretype/voxy/server";
import { createWorkspaceServer } from "@wiretype/workspace/server";
import type { YueyueServerMessages } from "@wiretype/yueyue";
import { createYueyueServer } from "@wiretype/yueyue/server";
import { Server as SocketIoServer } from "socket.io";
import { type FuzzProtocol, profileOf, validExamples } from "./profiles.js";

/** The server under attack, as the child process runs it, with what it counted. */
export interface ChildApp {
  readonly port: number;
  readonly counts: { invalid: number; errors: number };
  close(): Promise<void>;
}

/** Sessions open without an auth check (the runtime refuses them otherwise); spread, so older option types accept it. */
const insecure = { insecureDevelopmentMode: true };
export const workspaceId = "0c0e2d6f-3a8e-4f43-9b0e-6f1b7a5d2c11";
export const vertoPasswords: Readonly<Record<string, string>> = { "1000@fuzz.local": "secret-1000" };
/** The user id a workspace token names (`tok-<user>-<channel>`), or undefined. */
export const workspaceTokenUser = (token: string) => /^tok-([^-]+)-([^-]+)$/.exec(token);

interface Server {
  listen(): Promise<{ readonly port: number }>;
  close(): Promise<void>;
  onEvent(event: "invalid" | "error", listener: () => void): unknown;
}

async function listen(server: Server): Promise<ChildApp> {
  const counts = { invalid: 0, errors: 0 };
  server.onEvent("invalid", () => {
    counts.invalid += 1;
  });
  server.onEvent("error", () => {
    counts.errors += 1;
  });
  const { port } = await server.listen();
  return { port, counts, close: () => server.close() };
}

function voxy(): Server {
  let linkIds = 100;
  const iceserver_config = { iceServers: { urls: "stun:127.0.0.1:3478", username: "u", credential: "p" } };
  const greeting = () => {
    linkIds += 1;
    return { action: "link_on" as const, content: "ok", link_id: linkIds, category: "system", iceserver_config };
  };
  return createVoxyServer({ greeting, ...insecure });
}

/** yueyue has no session: the probe is a signed `enter_room_report`, answered with the spec's `enter_room`. */
function yueyue(): Server {
  const pushed = validExamples(profileOf("yueyue"), "server").get(
    "enter_room",
  ) as unknown as YueyueServerMessages["enter_room"];
  const server = createYueyueServer({
    greeting: (connection) => ({ action: "create_token", online_token: `token-${connection.query.sid ?? ""}` }),
    ...insecure,
  });
  server.on("enter_room_report", (_message, context) => context.connection.send("enter_room", pushed));
  return server;
}

function verto(): Server {
  const server = createVertoServer({ requestTimeoutMs: 2_000, ...insecure });
  server.on("login", (params, context) => {
    if (params.login === undefined || vertoPasswords[params.login] !== params.passwd) {
      return context.fail({ code: -32001, message: "Authentication Failure" });
    }
    context.authenticate(params.sessid);
    context.reply({ message: "logged in", sessid: params.sessid ?? "" });
    return undefined;
  });
  server.on("echo", (params) => ({ sessid: params.sessid ?? "" }));
  return server;
}

function workspace(): Server {
  const server = createWorkspaceServer({ socketIo: SocketIoServer, ...insecure });
  server.on("auth", (message, context) => {
    const known = workspaceTokenUser(message.token);
    if (known === null) throw new Error("Invalid access token");
    context.connection.data.set("userId", known[1]);
    context.join(known[2] ?? "");
    return { userId: known[1] ?? "", reconnected: false };
  });
  server.on("conversation-broadcast", (message, context) => {
    message.userId = String(context.connection.data.get("userId"));
    context.runDefaults();
  });
  return server;
}

const factories: Record<FuzzProtocol, () => Server> = {
  voxy,
  yueyue,
  "kurento-room": () => createKurentoRoomServer({ ...insecure }),
  verto,
  workspace,
};

export function startApp(protocol: FuzzProtocol): Promise<ChildApp> {
  return listen(factories[protocol]());
}
