import { createClient, type FrameError, type RpcId, rpcErrorCodes } from "@wiretype/runtime";
import type { VertoClientMessages, VertoClientReplies, VertoServerMessages, VertoServerReplies } from "@wiretype/verto";
import { vertoProtocol } from "@wiretype/verto/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { Cleanup, Inbox, type Peer, startWsServer, until, WebSocket } from "./support.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const sessid = "8faafdd3-dc45-c333-c37d-9997320f354f";
const login = { login: "1000@example.com", passwd: "secret", sessid };

function vertoClient(url: string, options: { nextRequestId?: () => RpcId; handshake?: () => typeof login } = {}) {
  const client = createClient<VertoClientMessages, VertoServerMessages, VertoClientReplies, VertoServerReplies>(
    vertoProtocol,
    { url, WebSocket, reconnect: false, ...options },
  );
  cleanup.add(() => client.close());
  return client;
}

async function connected(options: Parameters<typeof vertoClient>[1] = {}) {
  const { url, peers } = await startWsServer(cleanup);
  const client = vertoClient(url, options);
  await client.connect();
  return { client, peer: await peers.next() };
}

/** Sends a server request and waits for the client's answer to it. */
async function ask(peer: Peer, envelope: Record<string, unknown>) {
  peer.send({ jsonrpc: "2.0", ...envelope });
  return peer.messages.next();
}

describe("json-rpc client (verto)", () => {
  it("sends envelopes with incrementing integer ids and matches results by id", async () => {
    const { client, peer } = await connected();
    const first = client.requestMessage("echo", { sessid });
    const second = client.requestMessage("verto.ping", { sessid });
    const [one, two] = [await peer.messages.next(), await peer.messages.next()];
    expect(one).toEqual({ jsonrpc: "2.0", id: 1, method: "echo", params: { sessid } });
    expect(two).toMatchObject({ id: 2, method: "verto.ping" });
    peer.send({ jsonrpc: "2.0", id: 2, result: { sessid: "second" } });
    peer.send({ jsonrpc: "2.0", id: 1, result: { sessid: "first" } });
    expect(await first).toEqual({ sessid: "first" });
    expect(await second).toEqual({ sessid: "second" });
  });

  it("uses string ids when asked to, and rejects an error answer as failed", async () => {
    let counter = 0;
    const { client, peer } = await connected({ nextRequestId: () => `req-${++counter}` });
    const answer = client.requestMessage("fsapi", { cmd: "status", sessid });
    expect(await peer.messages.next()).toMatchObject({ id: "req-1", method: "fsapi" });
    const error = { code: -32000, message: "Authentication Required" };
    peer.send({ jsonrpc: "2.0", id: "req-1", error });
    await expect(answer).rejects.toMatchObject({ reason: "failed", answer: error });
  });

  it("reports a result that does not match the spec and fails the request", async () => {
    const { client, peer } = await connected();
    const invalid = new Inbox<FrameError>();
    client.onEvent("invalid", (frameError) => invalid.push(frameError));
    const answer = client.requestMessage("verto.ping", { sessid });
    await peer.messages.next();
    peer.send({ jsonrpc: "2.0", id: 1, result: { sessid: 42 } });
    await expect(answer).rejects.toMatchObject({ reason: "failed" });
    expect((await invalid.next()).messageName).toBe("verto.ping");
  });

  it("answers server requests with the spec's default result, string or integer id", async () => {
    const { peer } = await connected();
    expect(await ask(peer, { id: 7, method: "verto.ping", params: { serno: 1 } })).toEqual({
      jsonrpc: "2.0",
      id: 7,
      result: { method: "verto.ping" },
    });
    const attach = { callID: "c-1", sdp: "v=0" };
    expect(await ask(peer, { id: "s-9", method: "verto.display", params: attach })).toMatchObject({
      id: "s-9",
      result: { method: "verto.display" },
    });
  });

  it("answers with the handler's value, or an error when the handler throws", async () => {
    const { client, peer } = await connected();
    const pings = new Inbox<unknown>();
    client.on("verto.ping", (params) => pings.push(params));
    client.handle("verto.ping", () => ({ method: "verto.ping-custom" }));
    client.handle("verto.bye", () => {
      throw new Error("no such call");
    });
    expect(await ask(peer, { id: 1, method: "verto.ping", params: { serno: 3 } })).toMatchObject({
      result: { method: "verto.ping-custom" },
    });
    expect(await pings.next()).toEqual({ serno: 3 });
    expect(await ask(peer, { id: 2, method: "verto.bye", params: { callID: "c-1" } })).toMatchObject({
      id: 2,
      error: { code: rpcErrorCodes.internalError, message: "no such call" },
    });
  });

  it("answers an unknown method -32601, invalid params -32602, and stays connected", async () => {
    const { client, peer } = await connected();
    const invalid = new Inbox<FrameError>();
    client.onEvent("invalid", (frameError) => invalid.push(frameError));
    expect(await ask(peer, { id: 3, method: "verto.nothing", params: {} })).toMatchObject({
      id: 3,
      error: { code: rpcErrorCodes.methodNotFound },
    });
    expect(await ask(peer, { id: 4, method: "verto.ping", params: { serno: "x" } })).toMatchObject({
      id: 4,
      error: { code: rpcErrorCodes.invalidParams },
    });
    peer.socket.send("not json");
    expect((await invalid.next()).kind).toBe("unknown-message");
    expect((await invalid.next()).kind).toBe("invalid-message");
    expect((await invalid.next()).kind).toBe("malformed-json");
    expect(client.state).toBe("open");
  });

  it("logs in as the session handshake, and a refused login is an error", async () => {
    const { url, peers } = await startWsServer(cleanup);
    const client = vertoClient(url, { handshake: () => login });
    const opening = client.connect();
    const peer = await peers.next();
    const request = await peer.messages.next();
    expect(request).toMatchObject({ method: "login", params: login });
    peer.send({ jsonrpc: "2.0", id: request.id, result: { message: "logged in", sessid } });
    await opening;
    expect(client.state).toBe("open");

    const refused = vertoClient(url, { handshake: () => login });
    const errors = new Inbox<Error>();
    refused.onEvent("error", (error) => errors.push(error));
    const refusedOpening = refused.connect();
    const other = await peers.next();
    const otherLogin = await other.messages.next();
    other.send({ jsonrpc: "2.0", id: otherLogin.id, error: { code: -32001, message: "Authentication Failure" } });
    await expect(refusedOpening).rejects.toMatchObject({ reason: "failed" });
    expect((await errors.next()).message).toMatch(/Authentication Failure/);
    await until(() => refused.state === "closed");
  });
});
