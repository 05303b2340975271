import { createRequire } from "node:module";
import { createClient, type FrameError, type SocketIoConnect } from "@wiretype/runtime";
import type { WorkspaceClientMessages, WorkspaceClientReplies, WorkspaceServerMessages } from "@wiretype/workspace";
import { workspaceProtocol } from "@wiretype/workspace/protocol";
import { Server as ServerV4 } from "socket.io";
import { io as connectV4 } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { Cleanup, Inbox, listenHttp, until } from "./support.js";

/** The part of a server-side socket (2.x or 4.x) these tests use. */
interface ServerSocket {
  on(event: string, listener: (data: unknown) => void): unknown;
  emit(event: string, data: unknown): unknown;
  disconnect(close?: boolean): unknown;
}
interface SocketIoServer {
  on(event: "connection", listener: (socket: ServerSocket) => void): unknown;
  close(callback?: () => void): unknown;
}

const require = createRequire(import.meta.url);
const createServerV2 = require("socket.io-v2") as (server: unknown, options: object) => SocketIoServer;
const connectV2 = require("socket.io-client-v2") as SocketIoConnect;
const startV4 = (http: unknown): SocketIoServer =>
  new ServerV4(http as ConstructorParameters<typeof ServerV4>[0], { allowEIO3: true }) as unknown as SocketIoServer;
const startV2 = (http: unknown): SocketIoServer => createServerV2(http, { path: "/socket.io" });

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const workspaceId = "5b3f4f0e-2f0a-4c5e-9a55-0c2f3b1d9e10";
type AuthData = { transaction?: string; token?: string };

/** A workspace-like server: `auth` with token `good` succeeds, others fail on `socket-api-error-{transaction}`. */
async function workspaceServer(start: (http: unknown) => SocketIoServer, answerDelayMs = 0) {
  const { url, attached: io } = await listenHttp(cleanup, start);
  const received = new Inbox<{ event: string; data: unknown }>();
  const sockets = new Inbox<ServerSocket>();
  io.on("connection", (socket) => {
    sockets.push(socket);
    for (const event of ["auth", "logout", "conversation-broadcast"]) {
      socket.on(event, (data) => received.push({ event, data }));
    }
    socket.on("auth", (data) => {
      const { transaction, token } = data as AuthData;
      const answer = () =>
        token === "good"
          ? socket.emit("auth-success", { transaction, userId: `user-${transaction}` })
          : socket.emit(`socket-api-error-${transaction}`, { message: "Invalid token" });
      setTimeout(answer, token === "slow" ? answerDelayMs : 0);
    });
  });
  return { url, received, sockets };
}

const pairs = [
  { name: "4.x client, socket.io 4 server", io: connectV4 satisfies SocketIoConnect, start: startV4 },
  { name: "2.x client, socket.io 4 server (allowEIO3)", io: connectV2, start: startV4 },
  { name: "2.x client, socket.io 2 server", io: connectV2, start: startV2 },
];

describe.each(pairs)("socket.io client (workspace): $name", ({ io, start }) => {
  function workspaceClient(url: string, options: { handshake?: () => WorkspaceClientMessages["auth"] } = {}) {
    const client = createClient<WorkspaceClientMessages, WorkspaceServerMessages, WorkspaceClientReplies>(
      workspaceProtocol,
      { url, io, reconnect: { initialDelayMs: 20, maxDelayMs: 100 }, ...options },
    );
    cleanup.add(() => client.close());
    return client;
  }

  it("correlates answers by transaction, and fails on the transaction's error event", async () => {
    const { url } = await workspaceServer(start);
    const client = workspaceClient(url);
    await client.connect();
    const success = await client.requestMessage("auth", { token: "good", workspaceId, transaction: "t-1" });
    expect(success).toEqual({ transaction: "t-1", userId: "user-t-1" });
    const failure = client.requestMessage("auth", { token: "bad", workspaceId });
    await expect(failure).rejects.toMatchObject({ reason: "failed", answer: { message: "Invalid token" } });
  });

  it("generates a unique transaction when the message has none, and matches out-of-order answers", async () => {
    const { url, received } = await workspaceServer(start, 80);
    const client = workspaceClient(url);
    await client.connect();
    const slow = client.requestMessage("auth", { token: "slow", workspaceId });
    const slowFails = expect(slow).rejects.toMatchObject({ reason: "failed" });
    const fast = client.requestMessage("auth", { token: "good", workspaceId });
    const [slowSent, fastSent] = [await received.next(), await received.next()];
    const slowTransaction = (slowSent.data as AuthData).transaction;
    const fastTransaction = (fastSent.data as AuthData).transaction;
    expect(slowTransaction).toEqual(expect.any(String));
    expect(fastTransaction).not.toBe(slowTransaction);
    await expect(fast).resolves.toMatchObject({ transaction: fastTransaction });
    await slowFails;
  });

  it("authenticates on connect and again after the server drops the connection, then flushes the queue", async () => {
    const { url, received, sockets } = await workspaceServer(start);
    const client = workspaceClient(url, { handshake: () => ({ token: "good", workspaceId }) });
    await client.connect();
    expect((await received.next()).event).toBe("auth");
    (await sockets.next()).disconnect(true);
    await until(() => client.state === "reconnecting");
    client.sendMessage("conversation-broadcast", { action: "typing" });
    client.sendMessage("logout", null);
    expect((await received.next()).event).toBe("auth");
    expect(await received.next()).toEqual({ event: "conversation-broadcast", data: { action: "typing" } });
    expect(await received.next()).toEqual({ event: "logout", data: null });
    expect(client.state).toBe("open");
  });

  it("reports a refused handshake as an error, closes, and flushes nothing", async () => {
    const { url, received } = await workspaceServer(start);
    const client = workspaceClient(url, { handshake: () => ({ token: "bad", workspaceId }) });
    const errors = new Inbox<Error>();
    client.onEvent("error", (error) => errors.push(error));
    client.sendMessage("logout", null);
    await expect(client.connect()).rejects.toMatchObject({ reason: "failed" });
    expect((await errors.next()).message).toMatch(/auth failed/);
    expect((await received.next()).event).toBe("auth");
    expect(await received.nothingWithin(100)).toBeUndefined();
    expect(client.state).toBe("closed");
  });

  it("validates inbound events and keeps the connection", async () => {
    const { url, sockets } = await workspaceServer(start);
    const client = workspaceClient(url);
    const invalid = new Inbox<FrameError>();
    const changed = new Inbox<unknown>();
    client.onEvent("invalid", (error) => invalid.push(error));
    client.on("password-changed", (message) => changed.push(message));
    await client.connect();
    const socket = await sockets.next();
    socket.emit("password-changed", { changed: true });
    socket.emit("password-changed", null);
    expect(await invalid.next()).toMatchObject({ kind: "invalid-message", messageName: "password-changed" });
    expect(await changed.next()).toBeNull();
    expect(client.state).toBe("open");
  });
});
