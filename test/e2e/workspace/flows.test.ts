import { RequestError, type SocketIoConnect } from "@wiretype/runtime";
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
  ServerV2,
  ServerV4,
  serverExamples,
  startWorkspaceServer,
  tokenFor,
  workspaceClient,
  workspaceId,
} from "../support/workspace.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

type ServerKey = keyof WorkspaceServerMessages & string;
const examples = serverExamples();
/** Server events the application sends on its own (answers and errors are covered by the auth tests). */
const pushKeys = workspaceProtocol.server.keys.filter(
  (key) => key !== "auth-success" && !workspaceProtocol.server.failures.includes(key),
);

const pairs: { name: string; socketIo: unknown; io: SocketIoConnect }[] = [
  { name: "socket.io 4 server, socket.io-client 4", socketIo: ServerV4, io: connectV4Io },
  { name: "socket.io 4 server, socket.io-client 2.5.0", socketIo: ServerV4, io: connectV2 },
  { name: "socket.io 2.5.1 server, socket.io-client 2.5.0", socketIo: ServerV2, io: connectV2 },
];

describe.each(pairs)("workspace end to end, generated client and server: $name", ({ socketIo, io }) => {
  skipInClusterMode(socketIo === ServerV2, noClusterOnV2);
  it("authenticates: auth-success echoes the transaction and carries the user id", async () => {
    const app = await startWorkspaceServer(cleanup, socketIo);
    const client = workspaceClient(cleanup, app.url, io);
    await client.connect();
    const answer = await client.request.auth({ transaction: "t-1", token: tokenFor("ann", "c1"), workspaceId });
    expect(answer).toEqual({ transaction: "t-1", userId: "ann", reconnected: false });
    expect(app.connectionOf("ann")?.authenticated).toBe(true);
  });

  it("fails auth: both error events arrive and request.auth rejects with the failure", async () => {
    const app = await startWorkspaceServer(cleanup, socketIo);
    const client = workspaceClient(cleanup, app.url, io);
    const errors = new Inbox<WorkspaceServerMessages["socket-api-error"]>();
    const transactionErrors = new Inbox<WorkspaceServerMessages["socket-api-error-{transaction}"]>();
    client.on("socket-api-error", (error) => errors.push(error));
    client.on("socket-api-error-{transaction}", (error) => transactionErrors.push(error));
    await client.connect();
    const failed = client.request.auth({ transaction: "t-2", token: "stolen", workspaceId });
    await expect(failed).rejects.toBeInstanceOf(RequestError);
    await expect(failed).rejects.toMatchObject({ reason: "failed", answer: { message: invalidToken } });
    expect(await errors.next()).toEqual({ event: "auth", message: invalidToken });
    expect(await transactionErrors.next()).toEqual({ message: invalidToken });
    expect(app.server.connections.size).toBe(1);
  });

  it("refuses events before auth with socket-api-error and the transaction's own error", async () => {
    const app = await startWorkspaceServer(cleanup, socketIo);
    const client = workspaceClient(cleanup, app.url, io);
    const errors = new Inbox<WorkspaceServerMessages["socket-api-error"]>();
    const transactionErrors = new Inbox<WorkspaceServerMessages["socket-api-error-{transaction}"]>();
    client.on("socket-api-error", (error) => errors.push(error));
    client.on("socket-api-error-{transaction}", (error) => transactionErrors.push(error));
    const broadcasts = new Inbox<unknown>();
    client.on("conversation-broadcast", (push) => broadcasts.push(push));
    await client.connect();
    const early = { action: "typing", transaction: "t-3" };
    client.send.conversationBroadcast(early);
    expect(await errors.next()).toMatchObject({
      event: "conversation-broadcast",
      message: expect.stringMatching(/auth/),
    });
    expect(await transactionErrors.next()).toEqual({ message: expect.stringMatching(/auth/) });
    expect((await app.invalid.next()).error.kind).toBe("before-session");
    expect(await broadcasts.nothingWithin(100)).toBeUndefined();
  });

  it("delivers every server event of the document to an authenticated client, typed and validated", async () => {
    const app = await startWorkspaceServer(cleanup, socketIo);
    const client = workspaceClient(cleanup, app.url, io, () => ({ token: tokenFor("ann", "c1"), workspaceId }));
    const arrived = new Inbox<{ key: string; data: unknown }>();
    for (const key of pushKeys) client.on(key, (data) => arrived.push({ key, data }));
    const invalid = new Inbox<string | undefined>();
    client.onEvent("invalid", (error) => invalid.push(error.messageName));
    // These compile only if the generated types carry the spec's fields.
    client.on("password-changed", (data) => pinType<null>(data));
    client.on("workspace-updated", (data) => pinType<string | undefined>(data.workspace.id));
    client.on("muted-for-all", (data) => pinType<string>(data.socketId));
    await client.connect();
    const connection = app.connectionOf("ann");
    expect(connection?.authenticated).toBe(true);
    for (const key of pushKeys)
      connection?.send(key as ServerKey, examples.get(key) as WorkspaceServerMessages[ServerKey]);
    for (const key of pushKeys) expect(await arrived.next()).toEqual({ key, data: examples.get(key) });
    connection?.send("password-changed", { changed: true } as unknown as null);
    expect(await invalid.next()).toBe("password-changed");
    expect(await arrived.nothingWithin(100)).toBeUndefined();
  });

  it("forwards a conversation broadcast to the sender's conversation, sender included, with its user id", async () => {
    const app = await startWorkspaceServer(cleanup, socketIo);
    const members = [
      { user: "ann", channel: "c1" },
      { user: "bo", channel: "c1" },
      { user: "cy", channel: "c2" },
    ].map(({ user, channel }) => {
      const client = workspaceClient(cleanup, app.url, io, () => ({ token: tokenFor(user, channel), workspaceId }));
      const pushes = new Inbox<WorkspaceServerMessages["conversation-broadcast"]>();
      client.on("conversation-broadcast", (push) => pushes.push(push));
      return { client, pushes };
    });
    await Promise.all(members.map(({ client }) => client.connect()));
    const [ann, bo, cy] = members;
    bo?.client.send.conversationBroadcast({ action: "sound", userId: "forged", data: { name: "wave" } });
    const expected = { action: "sound", userId: "bo", data: { name: "wave" } };
    expect(await ann?.pushes.next()).toEqual(expected);
    expect(await bo?.pushes.next()).toEqual(expected);
    expect(await cy?.pushes.nothingWithin(150)).toBeUndefined();
  });
});

/** A no-op whose signature pins a value's type at compile time. */
function pinType<T>(_value: T): void {}
