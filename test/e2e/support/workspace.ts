import { createRequire } from "node:module";
import type { SocketIoConnect } from "@wiretype/runtime";
import type { Connection, FrameRefusal, ServerOptions } from "@wiretype/runtime/server";
import type { WorkspaceClientMessages, WorkspaceServerMessages } from "@wiretype/workspace";
import { createWorkspaceClient, type WorkspaceClient } from "@wiretype/workspace/client";
import { createWorkspaceServer, type WorkspaceServer } from "@wiretype/workspace/server";
import { Server as ServerV4 } from "socket.io";
import { io as connectV4 } from "socket.io-client";
import { type Cleanup, Inbox, until } from "../../runtime-client/support.js";
import { listMessages } from "../../support/raw-spec.js";
import { isJsonObject, readSpecData } from "../../support/spec-files.js";
import { startNodes } from "./cluster-mode.js";

export { Cleanup, Inbox, until } from "../../runtime-client/support.js";

/** The 2.x packages ship no types: loaded untyped, used through the runtime's narrow socket types. */
const require = createRequire(import.meta.url);
export const ServerV2 = require("socket.io-v2") as unknown;
export const connectV2 = require("socket.io-client-v2") as SocketIoConnect;
export { ServerV4 };

/** Why the socket.io 2.x server cases skip in cluster mode (the 2.x client cases run on socket.io 4). */
export const noClusterOnV2 =
  "socket.io 2.x has no cluster adapter (the runtime refuses it; socket.io 4 serves 2.x clients)";
export const connectV4Io: SocketIoConnect = (url, options) =>
  connectV4(url, options) as unknown as ReturnType<SocketIoConnect>;

export const workspaceId = "0c0e2d6f-3a8e-4f43-9b0e-6f1b7a5d2c11";
export const invalidToken = "Invalid access token";

/** Tokens the test apps accept: `tok-<user>-<channel>` (the channel the user has selected). */
export function tokenFor(user: string, channel: string): string {
  return `tok-${user}-${channel}`;
}

function parseToken(token: string): { user: string; channel: string } | undefined {
  const match = /^tok-([^-]+)-([^-]+)$/.exec(token);
  return match?.[1] && match[2] ? { user: match[1], channel: match[2] } : undefined;
}

/** The spec's example payloads (null included), by event name, of the messages the server sends. */
export function serverExamples(): Map<string, unknown> {
  const examples = new Map<string, unknown>();
  for (const message of listMessages(readSpecData("workspace"))) {
    if (!message.senders.has("server") || message.wireName === undefined) continue;
    const first = Array.isArray(message.message.examples) ? message.message.examples[0] : undefined;
    if (isJsonObject(first) && "payload" in first) examples.set(message.wireName, first.payload);
  }
  return examples;
}

/**
 * The generated server as the workspace backend runs it: `auth` with a known token joins the user's
 * channel and answers its user id; anything else fails (→ both error events); a conversation broadcast
 * carries the sender's user id, then the spec's forwarding runs.
 */
export async function startWorkspaceServer(
  cleanup: Cleanup,
  socketIo: unknown,
  options: ServerOptions<WorkspaceServerMessages> = {},
) {
  const started = await startNodes(
    createWorkspaceServer,
    { socketIo, insecureDevelopmentMode: true, ...options },
    true,
  );
  const server: WorkspaceServer = started.server;
  server.on("auth", (message, context) => {
    const known = parseToken(message.token);
    if (known === undefined) throw new Error(invalidToken);
    context.connection.data.set("userId", known.user);
    context.join(known.channel);
    return { userId: known.user, reconnected: false };
  });
  server.on("conversation-broadcast", (message, context) => {
    message.userId = String(context.connection.data.get("userId"));
    context.runDefaults();
  });
  server.on("logout", (_message, context) => context.close());
  const invalid = new Inbox<{ connection: Connection<WorkspaceServerMessages>; error: FrameRefusal }>();
  server.onEvent("invalid", (connection, error) => invalid.push({ connection, error }));
  const { port } = started;
  cleanup.add(() => server.close());
  const connectionOf = (user: string) =>
    [...server.connections.values()].find((connection) => connection.data.get("userId") === user);
  return { server, nodes: started.nodes, url: `http://127.0.0.1:${port}`, port, invalid, connectionOf };
}

/** A generated workspace client on `io` (socket.io-client 2.x or 4.x), websocket transport only. */
export function workspaceClient(
  cleanup: Cleanup,
  url: string,
  io: SocketIoConnect,
  handshake?: () => WorkspaceClientMessages["auth"],
): WorkspaceClient {
  const client = createWorkspaceClient({
    url,
    io,
    reconnect: false,
    ioOptions: { transports: ["websocket"] },
    ...(handshake ? { handshake } : {}),
  });
  cleanup.add(() => client.close());
  return client;
}

/** A plain socket.io-client socket (2.x or 4.x) recording every event named in `events`. */
export async function rawIoClient(cleanup: Cleanup, io: SocketIoConnect, url: string, events: readonly string[]) {
  const socket = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  cleanup.add(() => void socket.close());
  const received = new Inbox<{ event: string; data: unknown }>();
  for (const event of events) socket.on(event, (data) => received.push({ event, data }));
  await until(() => socket.connected, 3_000);
  return { socket, received };
}
