import type {
  KurentoRoomClientMessages,
  KurentoRoomClientReplies,
  KurentoRoomServerMessages,
} from "@wiretype/kurento-room";
import { kurentoRoomProtocol } from "@wiretype/kurento-room/protocol";
import { type ConnectionState, createClient, type FrameError, RequestError } from "@wiretype/runtime";
import type { VoxyClientMessages, VoxyClientReplies, VoxyServerMessages, VoxyServerReplies } from "@wiretype/voxy";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { Cleanup, Inbox, type Peer, startWsServer, until, WebSocket } from "./support.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const bind = { action: "bind", user_id: "1", link_id: 7, to_userid: "-1" } as const;
const bindResult = { action: "bind", content: "ok", link_id: 7, time: "12:00", list: [], category: "system" };
const say = (content: string) =>
  ({ action: "say", user_id: "1", to_userid: "2", content, category: "private", media: "" }) as const;

type VoxyOptions = Parameters<typeof createClient<VoxyClientMessages, VoxyServerMessages>>[1];

function voxyClient(url: string, options: Partial<VoxyOptions> = {}) {
  const client = createClient<VoxyClientMessages, VoxyServerMessages, VoxyClientReplies, VoxyServerReplies>(
    voxyProtocol,
    { url, WebSocket, reconnect: { initialDelayMs: 20, maxDelayMs: 100 }, ...options },
  );
  cleanup.add(() => client.close());
  return client;
}

/** Answers every bind like the voxy server does. */
function answerBinds(peer: Peer): void {
  peer.socket.on("message", (data) => {
    if (JSON.parse(String(data)).action === "bind") peer.send(bindResult);
  });
}

describe("json client: connection lifecycle", () => {
  it("reports its states, and resolves connect() once the handshake is answered", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = voxyClient(url, { handshake: () => bind });
    const states: ConnectionState[] = [];
    client.onEvent("state", (state) => states.push(state));
    const connected = client.connect();
    const peer = await peers.next();
    expect(await peer.messages.next()).toEqual(bind);
    expect(client.state).toBe("connecting");
    peer.send(bindResult);
    await connected;
    expect(client.state).toBe("open");
    await client.close();
    expect(states).toEqual(["connecting", "open", "closing", "closed"]);
  });

  it("reconnects after the server drops it, re-sends the handshake, then flushes the queue in order", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = voxyClient(url, { handshake: () => bind });
    const states: ConnectionState[] = [];
    client.onEvent("state", (state) => states.push(state));
    const connected = client.connect();
    const first = await peers.next();
    expect(await first.messages.next()).toEqual(bind);
    first.send(bindResult);
    await connected;
    first.socket.terminate();
    await until(() => client.state === "reconnecting");
    for (const text of ["one", "two", "three"]) client.sendMessage("say", say(text));
    const second = await peers.next();
    expect(await second.messages.next()).toEqual(bind);
    // Nothing goes out before the session is open again.
    expect(await second.messages.nothingWithin(50)).toBeUndefined();
    second.send(bindResult);
    const contents = [await second.messages.next(), await second.messages.next(), await second.messages.next()];
    expect(contents.map((message) => message.content)).toEqual(["one", "two", "three"]);
    expect(states).toEqual(["connecting", "open", "reconnecting", "open"]);
  });

  it("answers the first connection's handshake too", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = voxyClient(url, { handshake: () => bind });
    const connected = client.connect();
    answerBinds(await peers.next());
    await connected;
    expect(client.state).toBe("open");
  });

  it("keeps retrying while the server is down, and does not reconnect after close()", async () => {
    const { url, peers, server } = await startWsServer(cleanup);
    const client = voxyClient(url);
    await client.connect();
    const peer = await peers.next();
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(peer.socket.readyState).toBe(WebSocket.CLOSED);
    expect(server.clients.size).toBe(0);
    expect(await peers.nothingWithin(100)).toBeUndefined();
    expect(client.state).toBe("closed");
  });

  it("gives up after maxAttempts failed attempts and rejects connect()", async () => {
    const { port, server } = await startWsServer(cleanup);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = voxyClient(`ws://127.0.0.1:${port}/`, { reconnect: { maxAttempts: 2, initialDelayMs: 10 } });
    const errors: Error[] = [];
    client.onEvent("error", (error) => errors.push(error));
    await expect(client.connect()).rejects.toThrow();
    expect(client.state).toBe("closed");
    expect(errors).toHaveLength(2);
  });

  it("throws when the outbound queue is full, and never drops what it accepted", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = voxyClient(url, { maxQueue: 2 });
    client.sendMessage("say", say("a"));
    client.sendMessage("say", say("b"));
    expect(() => client.sendMessage("say", say("c"))).toThrow(/queue full/);
    await client.connect();
    const peer = await peers.next();
    expect([(await peer.messages.next()).content, (await peer.messages.next()).content]).toEqual(["a", "b"]);
  });
});

describe("json client: inbound frames", () => {
  it("reports invalid frames and keeps the connection up; accepts binary frames", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = voxyClient(url);
    const invalid = new Inbox<FrameError>();
    const binds = new Inbox<unknown>();
    client.onEvent("invalid", (error) => invalid.push(error));
    client.on("bind", (message) => binds.push(message));
    await client.connect();
    const peer = await peers.next();
    peer.socket.send("{not json");
    peer.send({ action: "no_such_action" });
    peer.send({ ...bindResult, link_id: "seven" });
    peer.socket.send(Buffer.from(JSON.stringify(bindResult)), { binary: true });
    expect((await invalid.next()).kind).toBe("malformed-json");
    expect((await invalid.next()).kind).toBe("unknown-message");
    const wrongField = await invalid.next();
    expect(wrongField.kind).toBe("invalid-message");
    expect(wrongField.issues.map((issue) => issue.path)).toEqual(["link_id"]);
    expect(await binds.next()).toEqual(bindResult);
    expect(client.state).toBe("open");
  });

  it("calls every listener of a key until it unsubscribes", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = voxyClient(url);
    const first = new Inbox<unknown>();
    const second = new Inbox<unknown>();
    const stopFirst = client.on("bind", (message) => first.push(message));
    client.on("bind", (message) => second.push(message));
    await client.connect();
    const peer = await peers.next();
    peer.send(bindResult);
    await Promise.all([first.next(), second.next()]);
    stopFirst();
    peer.send(bindResult);
    await second.next();
    expect(first.all).toHaveLength(1);
  });
});

describe("json client: heartbeat", () => {
  it("sends the minimal heartbeat frame, or the user's, at the spec's interval", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const fast = {
      ...voxyProtocol,
      heartbeat: { sender: "client", key: "ping", intervalMs: 40, timeoutMs: 100 },
    } as const;
    const client = createClient<VoxyClientMessages, VoxyServerMessages>(fast, { url, WebSocket });
    cleanup.add(() => client.close());
    const started = Date.now();
    await client.connect();
    const peer = await peers.next();
    expect(await peer.messages.next()).toEqual({ action: "ping" });
    expect(await peer.messages.next()).toEqual({ action: "ping" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    const withValues = createClient<VoxyClientMessages, VoxyServerMessages>(fast, {
      url,
      WebSocket,
      heartbeat: () => ({ action: "ping", link_id: "7" }),
    });
    cleanup.add(() => withValues.close());
    await withValues.connect();
    expect(await (await peers.next()).messages.next()).toEqual({ action: "ping", link_id: "7" });
  });
});

describe("json client: requests", () => {
  function kurentoClient(url: string, reconnect: { initialDelayMs: number } | false = false) {
    const client = createClient<KurentoRoomClientMessages, KurentoRoomServerMessages, KurentoRoomClientReplies>(
      kurentoRoomProtocol,
      { url, WebSocket, reconnect },
    );
    cleanup.add(() => client.close());
    return client;
  }
  const offer = (userId: string) => ({ id: "receiveVideoFrom", userId, sdpOffer: "v=0" }) as const;
  const answer = (userId: string) => ({ id: "receiveVideoAnswer", userId, sdpAnswer: "v=0 answer" });

  it("resolves uncorrelated requests in order (FIFO) with the answer keys of the spec", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = kurentoClient(url);
    await client.connect();
    const peer = await peers.next();
    const first = client.requestMessage("receiveVideoFrom", offer("a"));
    const second = client.requestMessage("receiveVideoFrom", offer("b"));
    await peer.messages.next();
    await peer.messages.next();
    peer.send({ id: "iceCandidate", userId: "x", candidate: { candidate: "c", sdpMid: "0", sdpMLineIndex: 0 } });
    peer.send(answer("first"));
    peer.send(answer("second"));
    expect(await first).toEqual(answer("first"));
    expect(await second).toEqual(answer("second"));
  });

  it("fails with timeout, aborted, and closed", async () => {
    const { url } = await startWsServer(cleanup);
    const client = kurentoClient(url);
    await client.connect();
    const timedOut = client.requestMessage("receiveVideoFrom", offer("a"), { timeoutMs: 30 });
    await expect(timedOut).rejects.toMatchObject({ name: "RequestError", reason: "timeout" });
    const controller = new AbortController();
    const aborted = client.requestMessage("receiveVideoFrom", offer("b"), { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ reason: "aborted" });
    const preAborted = client.requestMessage("receiveVideoFrom", offer("c"), { signal: AbortSignal.abort() });
    await expect(preAborted).rejects.toBeInstanceOf(RequestError);
    const pending = client.requestMessage("receiveVideoFrom", offer("d"));
    await client.close();
    await expect(pending).rejects.toMatchObject({ reason: "closed" });
  });

  it("does not send a request aborted while it waited in the queue", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = kurentoClient(url);
    const controller = new AbortController();
    const aborted = client.requestMessage("receiveVideoFrom", offer("skipped"), { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ reason: "aborted" });
    const kept = client.requestMessage("receiveVideoFrom", offer("kept"));
    await client.connect();
    const peer = await peers.next();
    expect(await peer.messages.next()).toMatchObject({ userId: "kept" });
    peer.send(answer("kept"));
    await expect(kept).resolves.toEqual(answer("kept"));
  });

  it("fails requests the dropped connection carried with closed, and sends queued ones after reconnecting", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = kurentoClient(url, { initialDelayMs: 20 });
    await client.connect();
    const first = await peers.next();
    const lost = client.requestMessage("receiveVideoFrom", offer("lost"));
    await first.messages.next();
    first.socket.terminate();
    await expect(lost).rejects.toMatchObject({ reason: "closed" });
    const queued = client.requestMessage("receiveVideoFrom", offer("queued"));
    const second = await peers.next();
    expect(await second.messages.next()).toMatchObject({ userId: "queued" });
    second.send(answer("queued"));
    await expect(queued).resolves.toEqual(answer("queued"));
  });
});
