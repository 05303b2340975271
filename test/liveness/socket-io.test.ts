import { createRequire } from "node:module";
import type { SocketIoClientSocket, SocketIoConnect } from "@wiretype/runtime";
import { createWorkspaceServer, type WorkspaceServer } from "@wiretype/workspace/server";
import { Server as ServerV4 } from "socket.io";
import { io as connectV4 } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { expectNear, onCleanup, Peer, poll, ServerV2, settle } from "./support.js";

const require = createRequire(import.meta.url);
const connectV2 = require("socket.io-client-v2") as SocketIoConnect;
const connectV4Io: SocketIoConnect = (url, options) => connectV4(url, options) as unknown as SocketIoClientSocket;

/** Scaled down from the 10 s default so the test is short; defaults.test.ts checks the default. */
const handshakeTimeoutMs = 800;

async function workspaceServer(socketIo: unknown, options: { handshakeTimeoutMs?: number } = {}) {
  const server: WorkspaceServer = createWorkspaceServer({ socketIo, ...options });
  server.on("auth", () => ({ userId: "u-1", reconnected: false }));
  onCleanup(() => server.close());
  const { port } = await server.listen();
  return { server, port };
}

/** A socket.io-client socket, resolved once connected, with when it connected and when the server dropped it. */
async function ioClient(io: SocketIoConnect, port: number) {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ["websocket"], forceNew: true, reconnection: false });
  onCleanup(() => void socket.close());
  const events: string[] = [];
  socket.on("auth-success", () => events.push("auth-success"));
  const dropped = new Promise<{ at: number; reason: unknown }>((resolve) =>
    socket.on("disconnect", (reason) => resolve({ at: Date.now(), reason })),
  );
  await poll(() => (socket.connected ? true : undefined));
  return { socket, events, connectedAt: Date.now(), dropped };
}

const pairs = [
  { name: "socket.io 4 server, socket.io-client 4", socketIo: ServerV4, io: connectV4Io },
  { name: "socket.io 2.5.1 server, socket.io-client 2.5.0", socketIo: ServerV2, io: connectV2 },
];

describe.each(pairs)("liveness, workspace handshake timeout: $name", ({ name, socketIo, io }) => {
  it("disconnects a connection that never sends auth at the handshake timeout", async () => {
    const { port } = await workspaceServer(socketIo, { handshakeTimeoutMs });
    const client = await ioClient(io, port);
    const dropped = await client.dropped;
    expect(dropped.reason).toBe("io server disconnect");
    expectNear(
      `workspace (${name}) connection that never sends auth`,
      dropped.at - client.connectedAt,
      handshakeTimeoutMs,
    );
  });

  it("keeps a connection that authenticated", async () => {
    const { port } = await workspaceServer(socketIo, { handshakeTimeoutMs });
    const client = await ioClient(io, port);
    client.socket.emit("auth", { transaction: "t-1", token: "token", workspaceId: "w-1" });
    await settle(handshakeTimeoutMs * 2);
    expect(client.events).toEqual(["auth-success"]);
    expect(client.socket.connected).toBe(true);
  });
});

const repeats = 2000;
const attacks = [
  { name: "socket.io 4 server, EIO=3", socketIo: ServerV4, eio: 3 },
  { name: "socket.io 4 server, EIO=4", socketIo: ServerV4, eio: 4 },
  { name: "socket.io 2.5.1 server, EIO=3", socketIo: ServerV2, eio: 3 },
  { name: "socket.io 2.5.1 server, EIO=4", socketIo: ServerV2, eio: 4 },
];

/** A raw Engine.IO WebSocket connected to the default namespace (EIO=3: by the server; EIO=4: by its `40`). */
async function rawNamespace(port: number, eio: number) {
  const peer = await Peer.open(`ws://127.0.0.1:${port}/socket.io/?EIO=${eio}&transport=websocket`);
  if (eio === 4) peer.send("40");
  await poll(() => peer.frames.find((frame) => frame.text.startsWith("40")));
  return peer;
}

/** Counts the connections the server opens, and the most it held at once. */
function watchRegistry(server: WorkspaceServer) {
  const seen = { opened: 0, most: server.connections.size };
  server.onEvent("connection", () => {
    seen.opened += 1;
    seen.most = Math.max(seen.most, server.connections.size);
  });
  return seen;
}

describe.each(attacks)("liveness, Socket.IO connect repeats: $name", ({ socketIo, eio }) => {
  it(`closes a connection that repeats its connect packet ${repeats} times, and frees every socket`, async () => {
    const { server, port } = await workspaceServer(socketIo);
    const bystander = await ioClient(socketIo === ServerV4 ? connectV4Io : connectV2, port);
    const baseline = server.connections.size;
    const seen = watchRegistry(server);
    const peer = await rawNamespace(port, eio);
    for (let sent = 0; sent < repeats; sent += 1) peer.send("40");
    await peer.closedWithin(3000);
    await poll(() => (server.connections.size === baseline ? true : undefined));
    expect(seen.opened).toBe(1);
    expect(seen.most).toBe(baseline + 1);
    expect(bystander.socket.connected).toBe(true);
  });

  it(`opens one connection at most for ${repeats} connect packets sent before the first is answered`, async () => {
    const { server, port } = await workspaceServer(socketIo);
    const seen = watchRegistry(server);
    const peer = await Peer.open(`ws://127.0.0.1:${port}/socket.io/?EIO=${eio}&transport=websocket`);
    for (let sent = 0; sent < repeats; sent += 1) peer.send("40");
    await peer.closedWithin(3000);
    await poll(() => (server.connections.size === 0 ? true : undefined));
    expect(seen.opened).toBeLessThanOrEqual(1);
    expect(seen.most).toBeLessThanOrEqual(1);
  });
});

describe("liveness, Socket.IO connect repeats: namespace-level reconnect", () => {
  it("lets a client connect the namespace again on the same connection after leaving it", async () => {
    const { server, port } = await workspaceServer(ServerV4);
    const peer = await rawNamespace(port, 4);
    await poll(() => (server.connections.size === 1 ? true : undefined));
    peer.send("41");
    await poll(() => (server.connections.size === 0 ? true : undefined));
    peer.send("40");
    await poll(() => (peer.frames.filter((frame) => frame.text.startsWith("40{")).length === 2 ? true : undefined));
    expect(server.connections.size).toBe(1);
    expect(peer.open).toBe(true);
  });
});
