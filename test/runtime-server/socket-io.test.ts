import { createRequire } from "node:module";
import { createServer, type ServerOptions } from "@wiretype/runtime/server";
import { workspaceProtocol } from "@wiretype/workspace/protocol";
import type {
  WorkspaceClientMessages,
  WorkspaceClientReplies,
  WorkspaceServerMessages,
} from "@wiretype/workspace/types";
import { Server as ServerV4 } from "socket.io";
import { io as connectV4 } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { onCleanup, settle, waitFor, within } from "./support.js";

/** The 2.x packages ship no types: the little of them these tests use. */
interface EventSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny?: unknown;
  emit(event: string, ...args: unknown[]): unknown;
  close(): unknown;
  connected: boolean;
}
type ClientFactory = (url: string, options: Record<string, unknown>) => EventSocket;

const require = createRequire(import.meta.url);
const ServerV2 = require("socket.io-v2") as unknown;
const connectV2 = require("socket.io-client-v2") as ClientFactory;

/** A client that records every event it receives. */
class EventClient {
  readonly events: { event: string; data: unknown }[] = [];
  private constructor(readonly socket: EventSocket) {}

  static async connect(factory: ClientFactory, port: number, events: readonly string[]): Promise<EventClient> {
    const socket = factory(`http://127.0.0.1:${port}`, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    const client = new EventClient(socket);
    onCleanup(() => void socket.close());
    for (const event of events) socket.on(event, (data) => client.events.push({ event, data }));
    await waitFor(() => (socket.connected ? true : undefined), within, "the socket.io connection");
    return client;
  }

  next(event: string): Promise<unknown> {
    return waitFor(() => this.events.find((entry) => entry.event === event)?.data, within, event);
  }

  count(event: string): number {
    return this.events.filter((entry) => entry.event === event).length;
  }
}

const listened = ["auth-success", "socket-api-error", "socket-api-error-t-2", "conversation-broadcast"];
const connectV4Client: ClientFactory = (url, options) => connectV4(url, options) as unknown as EventSocket;

async function workspaceServer(socketIo: unknown, options: ServerOptions<WorkspaceServerMessages> = {}) {
  const server = createServer<WorkspaceClientMessages, WorkspaceServerMessages, WorkspaceClientReplies, object>(
    workspaceProtocol,
    { socketIo, insecureDevelopmentMode: true, ...options },
  );
  onCleanup(() => server.close());
  const { port } = await server.listen();
  return { server, port };
}

const pairs = [
  { name: "socket.io 4 server, 4.x client", server: ServerV4 as unknown, client: connectV4Client },
  { name: "socket.io 4 server, 2.x client", server: ServerV4 as unknown, client: connectV2 },
  { name: "socket.io 2 server, 2.x client", server: ServerV2, client: connectV2 },
];

describe.each(pairs)("socket.io framing (workspace): $name", ({ server: socketIo, client: factory }) => {
  it("refuses events before auth, answers auth with the default success carrying the transaction", async () => {
    const { port } = await workspaceServer(socketIo);
    const client = await EventClient.connect(factory, port, listened);
    client.socket.emit("conversation-broadcast", { action: "typing" });
    expect(await client.next("socket-api-error")).toMatchObject({ event: "conversation-broadcast" });
    client.socket.emit("auth", { transaction: "t-1", token: "tok", workspaceId: "w-1" });
    expect(await client.next("auth-success")).toEqual({ transaction: "t-1", userId: "" });
  });

  it("answers invalid and unknown events with socket-api-error (and the transaction's own event)", async () => {
    const { server, port } = await workspaceServer(socketIo, { maxFrameBytes: 1024 });
    const kinds: string[] = [];
    server.onEvent("invalid", (_connection, error) => kinds.push(error.kind));
    const client = await EventClient.connect(factory, port, listened);
    client.socket.emit("auth", { transaction: "t-2", token: 5 });
    expect(await client.next("socket-api-error-t-2")).toMatchObject({ message: expect.stringContaining("token") });
    expect(await client.next("socket-api-error")).toMatchObject({ event: "auth" });
    client.socket.emit("dance", { steps: 3 });
    client.socket.emit("auth", { token: "x".repeat(2048), workspaceId: "w" });
    await waitFor(() => (client.count("socket-api-error") === 3 ? true : undefined));
    expect(kinds).toEqual(["invalid-message", "unknown-message", "too-large"]);
    client.socket.emit("auth", { token: "tok", workspaceId: "w" });
    expect(await client.next("auth-success")).toMatchObject({ userId: "" });
  });

  it("names no transaction event for an empty transaction (no `socket-api-error-`)", async () => {
    const { port } = await workspaceServer(socketIo);
    const client = await EventClient.connect(factory, port, [...listened, "socket-api-error-"]);
    client.socket.emit("auth", { transaction: "", token: 5 });
    expect(await client.next("socket-api-error")).toMatchObject({ event: "auth" });
    await settle();
    expect(client.count("socket-api-error-")).toBe(0);
  });

  it("runs handlers with rooms: a conversation broadcast reaches the room, the sender included", async () => {
    const { server, port } = await workspaceServer(socketIo);
    server.on("auth", (message, context) => {
      if (message.workspaceId !== "lobby") context.join(message.workspaceId);
      context.authenticate();
      return { userId: `user-${message.token}` };
    });
    const ann = await EventClient.connect(factory, port, listened);
    const bo = await EventClient.connect(factory, port, listened);
    const outsider = await EventClient.connect(factory, port, listened);
    ann.socket.emit("auth", { transaction: "a", token: "ann", workspaceId: "w-1" });
    bo.socket.emit("auth", { token: "bo", workspaceId: "w-1" });
    outsider.socket.emit("auth", { token: "out", workspaceId: "lobby" });
    expect(await ann.next("auth-success")).toEqual({ userId: "user-ann", transaction: "a" });
    await bo.next("auth-success");
    await outsider.next("auth-success");
    bo.socket.emit("conversation-broadcast", { action: "typing", data: { on: true } });
    expect(await ann.next("conversation-broadcast")).toMatchObject({ action: "typing", data: { on: true } });
    expect(await bo.next("conversation-broadcast")).toMatchObject({ action: "typing" });
    await settle();
    expect(outsider.count("conversation-broadcast")).toBe(0);
  });
});
