import { createServer, type ServerOptions } from "@wiretype/runtime/server";
import { vertoProtocol } from "@wiretype/verto/protocol";
import type {
  VertoClientMessages,
  VertoClientReplies,
  VertoServerMessages,
  VertoServerReplies,
} from "@wiretype/verto/types";
import { describe, expect, it } from "vitest";
import { type Frame, onCleanup, RawClient, settle, waitFor } from "./support.js";

async function vertoServer(options: ServerOptions<VertoServerMessages> = {}) {
  const server = createServer<VertoClientMessages, VertoServerMessages, VertoClientReplies, VertoServerReplies>(
    vertoProtocol,
    { insecureDevelopmentMode: true, ...options },
  );
  onCleanup(() => server.close());
  const { port } = await server.listen();
  return { server, port };
}

const call = (id: string | number | undefined, method: string, params: unknown) => ({
  jsonrpc: "2.0",
  ...(id === undefined ? {} : { id }),
  method,
  params,
});
const answerTo = (id: unknown) => (frame: Frame) => frame.id === id && frame.method === undefined;

async function loggedIn(port: number, sessid: string, message = "logged in") {
  const client = await RawClient.connect(port);
  client.send(call(1, "login", { login: "1000", passwd: "pw", sessid }));
  // The default answer carries the documented `message` (a const in the spec).
  expect(await client.next(answerTo(1))).toEqual({ jsonrpc: "2.0", id: 1, result: { message, sessid } });
  return client;
}

describe("json-rpc framing (verto)", () => {
  it("answers refused frames with the JSON-RPC error codes and keeps the connection", async () => {
    const { server, port } = await vertoServer();
    const kinds: string[] = [];
    server.onEvent("invalid", (_connection, error) => kinds.push(error.kind));
    const client = await RawClient.connect(port);
    client.send("{oops");
    expect((await client.next()).error).toMatchObject({ code: -32700 });
    client.send({ jsonrpc: "1.0", id: 3, method: "echo", params: {} });
    expect(await client.next(answerTo(3))).toMatchObject({ error: { code: -32600 } });
    client.send(call("u", "no.such.method", {}));
    expect(await client.next(answerTo("u"))).toMatchObject({ error: { code: -32601 } });
    client.send(call(4, "login", { sessid: 5 }));
    const invalid = await client.next(answerTo(4));
    expect(invalid).toMatchObject({ error: { code: -32602, data: { kind: "invalid-message" } } });
    client.send(call("before", "echo", {}));
    const before = await client.next(answerTo("before"));
    // mod_verto's own answer to a call before login, as the spec documents it.
    expect(before).toEqual({
      jsonrpc: "2.0",
      id: "before",
      error: { code: -32000, message: "Authentication Required" },
    });
    expect(kinds).toEqual([
      "malformed-json",
      "invalid-envelope",
      "unknown-message",
      "invalid-message",
      "before-session",
    ]);
    expect(client.closeCode).toBeUndefined();
  });

  it("answers with the request's string or integer id, and never answers a notification", async () => {
    const { server, port } = await vertoServer();
    server.on("echo", (params) => ({ sessid: `echo:${params.sessid ?? ""}` }));
    const client = await loggedIn(port, "s-1");
    client.send(call("abc", "echo", { sessid: "a" }));
    client.send(call(42, "echo", { sessid: "b" }));
    client.send(call(undefined, "echo", { sessid: "c" }));
    expect(await client.next(answerTo("abc"))).toMatchObject({ result: { sessid: "echo:a" } });
    expect(await client.next(answerTo(42))).toMatchObject({ result: { sessid: "echo:b" } });
    await settle();
    expect(client.received).toHaveLength(3);
  });

  it("answers a throwing handler with -32603 and an unhandled call with -32601", async () => {
    const { server, port } = await vertoServer({ defaults: false });
    server.on("login", (params, context) => {
      context.authenticate(params.sessid);
      return { message: "logged in", sessid: params.sessid ?? "" };
    });
    server.on("echo", () => {
      throw new Error("echo broke");
    });
    const client = await loggedIn(port, "s-2", "logged in");
    client.send(call(2, "echo", {}));
    expect(await client.next(answerTo(2))).toMatchObject({ error: { code: -32603, message: "echo broke" } });
    client.send(call(3, "verto.ping", {}));
    expect(await client.next(answerTo(3))).toMatchObject({ error: { code: -32601 } });
  });

  it("sends server-to-client requests and resolves with the client's validated result", async () => {
    const { server, port } = await vertoServer({ requestTimeoutMs: 300 });
    const client = await loggedIn(port, "s-3");
    const [connection] = [...server.connections.values()];
    if (connection === undefined) throw new Error("no connection");
    const answered = server.request(connection.id, "verto.ping", { serno: 1 });
    const asked = await client.next((frame) => frame.method === "verto.ping");
    expect(asked).toMatchObject({ jsonrpc: "2.0", params: { serno: 1 } });
    client.send({ jsonrpc: "2.0", id: asked.id, result: { method: "verto.ping" } });
    await expect(answered).resolves.toEqual({ method: "verto.ping" });

    const refused = server.request(connection.id, "verto.ping", { serno: 2 });
    const second = await client.next((frame) => frame.method === "verto.ping");
    client.send({ jsonrpc: "2.0", id: second.id, result: { method: 7 } });
    await expect(refused).rejects.toThrow(/does not match/);
    await expect(server.request(connection.id, "verto.ping", { serno: 3 })).rejects.toThrow(/no answer/);
  });

  it("delivers a broadcast to the channel's subscribers as verto.event", async () => {
    const { port } = await vertoServer();
    const listener = await loggedIn(port, "s-listen");
    const speaker = await loggedIn(port, "s-speak");
    listener.send(call(2, "verto.subscribe", { eventChannel: "conference-chat", sessid: "s-listen" }));
    expect(await listener.next(answerTo(2))).toMatchObject({
      result: { subscribedChannels: ["conference-chat"], sessid: "s-listen" },
    });
    speaker.send(
      call(2, "verto.broadcast", { eventChannel: "conference-chat", data: { text: "hello" }, sessid: "s-speak" }),
    );
    expect(await speaker.next(answerTo(2))).toMatchObject({ result: { sessid: "s-speak" } });
    const event = await listener.next((frame) => frame.method === "verto.event");
    expect(event.params).toMatchObject({ eventChannel: "conference-chat", data: { text: "hello" } });
    await settle();
    expect(speaker.all((frame) => frame.method === "verto.event")).toEqual([]);
  });

  it("pings an idle connection with the spec's heartbeat request", async () => {
    const { port } = await vertoServer({ heartbeatIdleMs: 100 });
    const client = await loggedIn(port, "s-idle");
    const ping = await client.next((frame) => frame.method === "verto.ping", 2000);
    expect(typeof ping.id).toBe("number");
    await waitFor(() => (client.closeCode === undefined ? true : undefined));
  });
});
