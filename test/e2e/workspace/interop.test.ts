import type { SocketIoConnect } from "@wiretype/runtime";
import type { WorkspaceServerMessages } from "@wiretype/workspace";
import { workspaceProtocol } from "@wiretype/workspace/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { skipInClusterMode } from "../support/cluster-mode.js";
import {
  Cleanup,
  connectV2,
  connectV4Io,
  Inbox,
  invalidToken,
  noClusterOnV2,
  rawIoClient,
  ServerV2,
  ServerV4,
  serverExamples,
  startWorkspaceServer,
  tokenFor,
  workspaceClient,
  workspaceId,
} from "../support/workspace.js";
import { peerServers, startPeerBackend } from "../support/workspace-peers.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const examples = serverExamples();
const pushKeys = workspaceProtocol.server.keys.filter(
  (key) => key !== "auth-success" && !workspaceProtocol.server.failures.includes(key),
);
const listened = [
  "auth-success",
  "socket-api-error",
  "socket-api-error-t-1",
  "socket-api-error-t-2",
  "channel-created",
];

// A 4.x client cannot talk to a 2.x server (Engine.IO 4 vs 3), so that pair does not exist.
const rawPeers: { name: string; socketIo: unknown; io: SocketIoConnect }[] = [
  { name: "socket.io-client 4 → generated server on socket.io 4", socketIo: ServerV4, io: connectV4Io },
  { name: "socket.io-client 2.5.0 → generated server on socket.io 4", socketIo: ServerV4, io: connectV2 },
  { name: "socket.io-client 2.5.0 → generated server on socket.io 2.5.1", socketIo: ServerV2, io: connectV2 },
];

describe.each(rawPeers)("workspace interop: $name", ({ socketIo, io }) => {
  skipInClusterMode(socketIo === ServerV2, noClusterOnV2);
  it("answers a plain Socket.IO client the way the real backend does", async () => {
    const app = await startWorkspaceServer(cleanup, socketIo);
    const { socket, received } = await rawIoClient(cleanup, io, app.url, [...listened, "conversation-broadcast"]);
    socket.emit("conversation-broadcast", { action: "typing", transaction: "t-1" });
    expect(await received.next()).toMatchObject({
      event: "socket-api-error",
      data: { event: "conversation-broadcast" },
    });
    expect(await received.next()).toEqual({ event: "socket-api-error-t-1", data: { message: expect.any(String) } });
    socket.emit("auth", { transaction: "t-2", token: "stolen", workspaceId });
    expect(await received.next()).toEqual({
      event: "socket-api-error",
      data: { event: "auth", message: invalidToken },
    });
    expect(await received.next()).toEqual({ event: "socket-api-error-t-2", data: { message: invalidToken } });
    socket.emit("auth", {
      transaction: "t-3",
      token: tokenFor("ann", "c1"),
      workspaceId,
      localTimeZone: "Europe/Moscow",
    });
    expect(await received.next()).toEqual({
      event: "auth-success",
      data: { transaction: "t-3", userId: "ann", reconnected: false },
    });
    app.connectionOf("ann")?.send("channel-created", examples.get("channel-created") as never);
    expect(await received.next()).toEqual({ event: "channel-created", data: examples.get("channel-created") });
    socket.emit("conversation-broadcast", { action: "typing" });
    expect(await received.next()).toEqual({
      event: "conversation-broadcast",
      data: { action: "typing", userId: "ann" },
    });
  });
});

const backends: { name: string; start: (typeof peerServers)[keyof typeof peerServers]; io: SocketIoConnect }[] = [
  {
    name: "generated client on socket.io-client 2.5.0 → socket.io@2.5.1 backend",
    start: peerServers["socket.io@2.5.1"],
    io: connectV2,
  },
  {
    name: "generated client on socket.io-client 2.5.0 → socket.io@4 backend",
    start: peerServers["socket.io@4"],
    io: connectV2,
  },
  {
    name: "generated client on socket.io-client 4 → socket.io@4 backend",
    start: peerServers["socket.io@4"],
    io: connectV4Io,
  },
];

describe.each(backends)("workspace interop: $name", ({ start, io }) => {
  it("authenticates, and rejects request.auth with the backend's failure", async () => {
    const backend = await startPeerBackend(cleanup, start);
    const client = workspaceClient(cleanup, backend.url, io);
    const errors = new Inbox<WorkspaceServerMessages["socket-api-error"]>();
    client.on("socket-api-error", (error) => errors.push(error));
    await client.connect();
    const failed = client.request.auth({ transaction: "t-1", token: "stolen", workspaceId });
    await expect(failed).rejects.toMatchObject({ reason: "failed", answer: { message: invalidToken } });
    expect(await errors.next()).toEqual({ event: "auth", message: invalidToken });
    const answer = await client.request.auth({ token: "good-ann", workspaceId });
    expect(answer).toEqual({ userId: "ann", transaction: expect.any(String), reconnected: false });
  });

  it("hears the backend refuse an event sent before auth, on both error events", async () => {
    const backend = await startPeerBackend(cleanup, start);
    const client = workspaceClient(cleanup, backend.url, io);
    const errors = new Inbox<unknown>();
    client.on("socket-api-error", (error) => errors.push(error));
    client.on("socket-api-error-{transaction}", (error) => errors.push(error));
    await client.connect();
    // Any event may carry a transaction (the spec's error rule); the schema leaves room for it.
    const early = { action: "typing", transaction: "t-5" };
    client.send.conversationBroadcast(early);
    expect(await errors.next()).toEqual({ event: "conversation-broadcast", message: "Socket is not authenticated" });
    expect(await errors.next()).toEqual({ message: "Socket is not authenticated" });
    expect(await backend.received.nothingWithin(100)).toBeUndefined();
  });

  it("authenticates on connect, then receives every server event of the document typed, and sends", async () => {
    const backend = await startPeerBackend(cleanup, start);
    const client = workspaceClient(cleanup, backend.url, io, () => ({ token: "good-bo", workspaceId }));
    const arrived = new Inbox<{ key: string; data: unknown }>();
    for (const key of pushKeys) client.on(key, (data) => arrived.push({ key, data }));
    await client.connect();
    const socket = await backend.authenticated.next();
    for (const key of pushKeys) socket.emit(key, examples.get(key));
    for (const key of pushKeys) expect(await arrived.next()).toEqual({ key, data: examples.get(key) });
    client.send.conversationBroadcast({ action: "sound", data: { name: "wave" } });
    client.send.logout(null);
    expect(await backend.received.next()).toEqual({
      event: "conversation-broadcast",
      data: { action: "sound", data: { name: "wave" } },
    });
    expect(await backend.received.next()).toEqual({ event: "logout", data: null });
  });
});
