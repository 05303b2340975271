import type { KurentoRoomClientMessages, KurentoRoomServerMessages } from "@wiretype/kurento-room";
import { kurentoRoomProtocol } from "@wiretype/kurento-room/protocol";
import { type ClientOptions, createClient, RequestError, type UndeliveredMessage } from "@wiretype/runtime";
import type { VertoClientMessages, VertoClientReplies, VertoServerMessages, VertoServerReplies } from "@wiretype/verto";
import { vertoProtocol } from "@wiretype/verto/protocol";
import type { VoxyClientMessages, VoxyClientReplies, VoxyServerMessages, VoxyServerReplies } from "@wiretype/voxy";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { Cleanup, type Peer, startWsServer, until, WebSocket } from "./support.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const reconnect = { initialDelayMs: 20, maxDelayMs: 50 };
const say = (content: string) =>
  ({ action: "say", type: "1", user_id: "1", to_userid: "2", content, category: "private", media: "" }) as const;

function voxyClient(url: string, options: Partial<ClientOptions<VoxyClientMessages>> = {}) {
  const client = createClient<VoxyClientMessages, VoxyServerMessages, VoxyClientReplies, VoxyServerReplies>(
    voxyProtocol,
    { url, WebSocket, reconnect, deadPeerTimeoutMs: false, ...options },
  );
  const undelivered: UndeliveredMessage<VoxyClientMessages>[] = [];
  const errors: string[] = [];
  client.onEvent("undelivered", (messages) => undelivered.push(...messages));
  client.onEvent("error", (error) => errors.push(error.message));
  cleanup.add(() => client.close());
  return { client, undelivered, errors };
}

const contents = (messages: readonly UndeliveredMessage<VoxyClientMessages>[]) =>
  messages.map((entry) => (entry.key === "say" ? entry.message.content : entry.key));

/** The server reads `count` messages, then its connection dies without a close frame. */
async function readThenDie(peer: Peer, count: number) {
  const read = [];
  for (let index = 0; index < count; index += 1) read.push(await peer.messages.next());
  peer.socket.terminate();
  return read;
}

describe("delivery accounting (voxy: no answers to say)", () => {
  it("reports the unconfirmed messages of a connection that dies, with an error event", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client, undelivered, errors } = voxyClient(url);
    await client.connect();
    for (const text of ["one", "two", "three"]) client.sendMessage("say", say(text));
    await readThenDie(await peers.next(), 3);
    await until(() => undelivered.length === 3);
    expect(contents(undelivered)).toEqual(["one", "two", "three"]);
    expect(undelivered.every((entry) => entry.reason === "connection-lost")).toBe(true);
    expect(errors).toContain("3 message(s) may not have reached the server: the connection was lost");
  });

  it("re-sends the keys the app declares idempotent first on the next connection, then the queue", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client, undelivered } = voxyClient(url, { resend: (key) => key === "say" });
    await client.connect();
    client.sendMessage("say", say("one"));
    client.sendMessage("say", say("two"));
    await readThenDie(await peers.next(), 2);
    await until(() => client.state === "reconnecting");
    client.sendMessage("say", say("queued"));
    const second = await peers.next();
    const received = [await second.messages.next(), await second.messages.next(), await second.messages.next()];
    expect(received.map((message) => message.content)).toEqual(["one", "two", "queued"]);
    expect(undelivered).toEqual([]);
  });

  it("reports nothing after a clean close: the server answered the close frame, so it read everything", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client, undelivered } = voxyClient(url);
    await client.connect();
    const peer = await peers.next();
    for (const text of ["one", "two"]) client.sendMessage("say", say(text));
    await client.close();
    expect((await peer.messages.next()).content).toBe("one");
    expect(undelivered).toEqual([]);
  });

  it("a pong confirms what was written before its ping (ws servers answer pings)", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client, undelivered } = voxyClient(url, { deadPeerTimeoutMs: 400 });
    await client.connect();
    client.sendMessage("say", say("confirmed"));
    const peer = await peers.next();
    await peer.messages.next();
    await new Promise<void>((resolve) => peer.socket.once("ping", () => setTimeout(resolve, 20)));
    peer.socket.terminate();
    await until(() => client.state === "reconnecting");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(undelivered).toEqual([]);
  });

  it("past maxUnconfirmed on an open connection, reports the oldest as unconfirmed", async () => {
    const { url } = await startWsServer(cleanup);
    const { client, undelivered } = voxyClient(url, { maxUnconfirmed: 3 });
    await client.connect();
    for (const text of ["1", "2", "3", "4", "5"]) client.sendMessage("say", say(text));
    expect(contents(undelivered)).toEqual(["1", "2"]);
    expect(undelivered.map((entry) => entry.reason)).toEqual(["unconfirmed", "unconfirmed"]);
  });

  it("closes and reconnects a connection silent past deadPeerTimeoutMs (a server that stops answering pings)", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client, undelivered } = voxyClient(url, { deadPeerTimeoutMs: 300 });
    await client.connect();
    const peer = await peers.next();
    // Stop reading: no frame and no pong come back, yet the TCP connection stays up.
    (peer.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    client.sendMessage("say", say("stuck"));
    await until(() => client.state === "reconnecting", 1_000);
    await until(() => undelivered.length === 1);
    expect(contents(undelivered)).toEqual(["stuck"]);
    await peers.next();
  });
});

const sessid = "8faafdd3-dc45-c333-c37d-9997320f354f";

function vertoClient(url: string, options: Partial<ClientOptions<VertoClientMessages>> = {}) {
  const client = createClient<VertoClientMessages, VertoServerMessages, VertoClientReplies, VertoServerReplies>(
    vertoProtocol,
    { url, WebSocket, reconnect, deadPeerTimeoutMs: false, ...options },
  );
  const undelivered: UndeliveredMessage<VertoClientMessages>[] = [];
  client.onEvent("undelivered", (messages) => undelivered.push(...messages));
  cleanup.add(() => client.close());
  return { client, undelivered };
}

describe("delivery accounting (verto: JSON-RPC answers confirm)", () => {
  it("an answer confirms the messages written before it; an unanswered request fails with closed", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client, undelivered } = vertoClient(url, { reconnect: false });
    await client.connect();
    const peer = await peers.next();
    client.sendMessage("verto.info", { sessid, msg: { body: "before" } } as VertoClientMessages["verto.info"]);
    const echo = client.requestMessage("echo", { sessid });
    const unanswered = client.requestMessage("verto.ping", { sessid });
    await peer.messages.next();
    const echoFrame = await peer.messages.next();
    await peer.messages.next();
    peer.send({ jsonrpc: "2.0", id: echoFrame.id, result: { sessid } });
    await echo;
    peer.socket.terminate();
    const failure = await unanswered.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestError);
    expect((failure as RequestError).reason).toBe("closed");
    expect(undelivered).toEqual([]);
  });

  it("retryRequests: an unanswered request goes out again after the reconnection and gets its answer", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client } = vertoClient(url, { retryRequests: true });
    await client.connect();
    const answer = client.requestMessage("echo", { sessid });
    await readThenDie(await peers.next(), 1);
    const second = await peers.next();
    const again = await second.messages.next();
    expect(again.method).toBe("echo");
    second.send({ jsonrpc: "2.0", id: again.id, result: { sessid } });
    expect(await answer).toEqual({ sessid });
  });

  it("restores verto.subscribe with the channels still subscribed, once, after a reconnection", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const { client } = vertoClient(url);
    await client.connect();
    const first = await peers.next();
    client.sendMessage("verto.subscribe", { eventChannel: ["a", "b", "c"], sessid });
    client.sendMessage("verto.unsubscribe", { eventChannel: "b", sessid });
    await readThenDie(first, 2);
    const second = await peers.next();
    const restored = await second.messages.next();
    expect(restored).toMatchObject({ method: "verto.subscribe", params: { eventChannel: ["a", "c"], sessid } });
    expect(await second.messages.nothingWithin(100)).toBeUndefined();
  });
});

const join = (roomId: string) =>
  ({ id: "joinRoom", token: "t", userId: "u1", communityId: "0", roomId, video: true, audio: true }) as const;

function kurentoClient(url: string, options: Partial<ClientOptions<KurentoRoomClientMessages>> = {}) {
  const client = createClient<KurentoRoomClientMessages, KurentoRoomServerMessages>(kurentoRoomProtocol, {
    url,
    WebSocket,
    reconnect,
    deadPeerTimeoutMs: false,
    ...options,
  });
  cleanup.add(() => client.close());
  return client;
}

describe("restore (kurento-room: joinRoom is also the handshake)", () => {
  it("with a handshake option, the handshake alone joins again: joinRoom is not sent twice", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = kurentoClient(url, { handshake: () => join("r-5") });
    const connected = client.connect();
    const first = await peers.next();
    expect(await first.messages.next()).toMatchObject({ roomId: "r-5" });
    first.send({ id: "existingParticipants", members: [] });
    await connected;
    client.sendMessage("joinRoom", join("r-6"));
    await readThenDie(first, 1);
    const second = await peers.next();
    expect(await second.messages.next()).toMatchObject({ id: "joinRoom", roomId: "r-5" });
    second.send({ id: "existingParticipants", members: [] });
    expect(await second.messages.nothingWithin(100)).toBeUndefined();
  });

  it("without one, the joinRoom the app sent is restored, once", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = kurentoClient(url);
    await client.connect();
    const first = await peers.next();
    client.sendMessage("joinRoom", join("r-7"));
    await readThenDie(first, 1);
    const second = await peers.next();
    expect(await second.messages.next()).toMatchObject({ id: "joinRoom", roomId: "r-7" });
    expect(await second.messages.nothingWithin(100)).toBeUndefined();
  });
});
