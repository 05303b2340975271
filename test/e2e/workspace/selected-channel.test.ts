import type { SocketIoConnect } from "@wiretype/runtime";
import type { WorkspaceServerMessages } from "@wiretype/workspace";
import { createWorkspaceServer } from "@wiretype/workspace/server";
import { afterEach, describe, expect, it } from "vitest";
import { crossNodeSettle, skipInClusterMode, startNodes } from "../support/cluster-mode.js";
import {
  Cleanup,
  connectV2,
  connectV4Io,
  Inbox,
  noClusterOnV2,
  rawIoClient,
  ServerV2,
  ServerV4,
  until,
  workspaceClient,
  workspaceId,
} from "../support/workspace.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const pairs: { name: string; socketIo: unknown; io: SocketIoConnect }[] = [
  { name: "socket.io 4 server, socket.io-client 4", socketIo: ServerV4, io: connectV4Io },
  { name: "socket.io 2.5.1 server, socket.io-client 2.5.0", socketIo: ServerV2, io: connectV2 },
];

const mediaState = { microphone: true, speakers: true, screen: false, camera: false, speaking: false };

/** A server whose auth only names the user (token = user id): no application code joins any room. */
async function selectionServer(socketIo: unknown) {
  const { server, port } = await startNodes(createWorkspaceServer, { socketIo, insecureDevelopmentMode: true }, true);
  server.on("auth", (message, context) => {
    context.connection.data.set("userId", message.token);
    return { userId: message.token, reconnected: false };
  });
  cleanup.add(() => server.close());
  const connectionOf = (user: string) =>
    [...server.connections.values()].find((connection) => connection.data.get("userId") === user);
  return { server, url: `http://127.0.0.1:${port}`, connectionOf };
}

describe.each(pairs)("workspace end to end, server-decided channel selection: $name", ({ socketIo, io }) => {
  skipInClusterMode(socketIo === ServerV2, noClusterOnV2);
  it("names connections by their Socket.IO socket id, the id user-selected-channel's socketId carries", async () => {
    const app = await selectionServer(socketIo);
    const { socket } = await rawIoClient(cleanup, io, app.url, []);
    const ids = [...app.server.connections.keys()];
    expect(ids).toEqual([(socket as unknown as { id: string }).id]);
  });

  it("joins and leaves the conversation that user-selected-channel / user-unselected-channel announce", async () => {
    const app = await selectionServer(socketIo);
    const members = ["ann", "bo", "cy"].map((user) => {
      const client = workspaceClient(cleanup, app.url, io, () => ({ token: user, workspaceId }));
      const pushes = new Inbox<WorkspaceServerMessages["conversation-broadcast"]>();
      const selected = new Inbox<WorkspaceServerMessages["user-selected-channel"]>();
      client.on("conversation-broadcast", (push) => pushes.push(push));
      client.on("user-selected-channel", (announcement) => selected.push(announcement));
      return { user, client, pushes, selected };
    });
    await Promise.all(members.map(({ client }) => client.connect()));
    // Socket.IO cluster nodes answer auth before the others' copies have the member: let them catch up.
    await crossNodeSettle();
    const [ann, bo, cy] = members;
    if (ann === undefined || bo === undefined || cy === undefined) throw new Error("three members");
    const socketOf = (user: string) => app.connectionOf(user)?.id ?? "";

    // The application only announces the selection (made through its HTTP API) to the workspace.
    for (const user of ["ann", "bo"]) {
      const announcement = { userId: user, channelId: "c1", userMediaState: mediaState, socketId: socketOf(user) };
      expect(app.server.broadcast("user-selected-channel", announcement)).toBe(3);
      expect(await cy.selected.next()).toEqual(announcement);
    }
    expect([...(app.connectionOf("ann")?.rooms ?? [])]).toEqual(["c1"]);
    expect(app.connectionOf("cy")?.rooms.size).toBe(0);

    // The forward fills the sender's userId from its record: the announcement that put it in the room.
    ann.client.send.conversationBroadcast({ action: "sound", data: { name: "wave" } });
    const expected = { action: "sound", userId: "ann", data: { name: "wave" } };
    expect(await ann.pushes.next()).toEqual(expected);
    expect(await bo.pushes.next()).toEqual(expected);
    expect(await cy.pushes.nothingWithin(150)).toBeUndefined();

    app.server.broadcast("user-unselected-channel", { userId: "bo", channelId: "c1", socketId: socketOf("bo") });
    // At once on one server; in cluster mode bo's node applies it when the adapter brings it there,
    // and ann's node hears of it from bo's node (the Socket.IO cluster's member copies).
    await until(() => app.connectionOf("bo")?.rooms.size === 0);
    await crossNodeSettle();
    ann.client.send.conversationBroadcast({ action: "sound", data: { name: "again" } });
    expect(await ann.pushes.next()).toMatchObject({ data: { name: "again" } });
    expect(await bo.pushes.nothingWithin(150)).toBeUndefined();
  });

  it("changes nothing for an announcement naming no connection, or one the server's schema refuses", async () => {
    const app = await selectionServer(socketIo);
    const client = workspaceClient(cleanup, app.url, io, () => ({ token: "ann", workspaceId }));
    await client.connect();
    const socketId = app.connectionOf("ann")?.id ?? "";
    app.server.broadcast("user-selected-channel", {
      userId: "ann",
      channelId: "c1",
      userMediaState: mediaState,
      socketId: "no-such-socket",
    });
    const invalid = { userId: "ann", channelId: "c2", socketId } as WorkspaceServerMessages["user-selected-channel"];
    app.server.broadcast("user-selected-channel", invalid);
    expect(app.connectionOf("ann")?.rooms.size).toBe(0);
  });
});
