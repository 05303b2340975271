import { createServer, heartbeatTimeoutCode, type ServerOptions } from "@wiretype/runtime/server";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import type { VoxyClientMessages, VoxyClientReplies, VoxyServerMessages } from "@wiretype/voxy/types";
import { describe, expect, it } from "vitest";
import { type Frame, onCleanup, RawClient, settle } from "./support.js";

type Options = ServerOptions<VoxyServerMessages>;
let linkIds = 0;

async function voxyServer(options: Options = {}) {
  const server = createServer<VoxyClientMessages, VoxyServerMessages, VoxyClientReplies, object>(voxyProtocol, {
    insecureDevelopmentMode: true,
    greeting: () => {
      linkIds += 1;
      return {
        action: "link_on",
        content: "hello",
        link_id: linkIds,
        category: "system",
        iceserver_config: { iceServers: { urls: "stun:127.0.0.1:3478", username: "u", credential: "p" } },
      };
    },
    ...options,
  });
  onCleanup(() => server.close());
  const { port } = await server.listen();
  return { server, port };
}

const bind = (userId: string, linkId = 1) => ({
  action: "bind",
  user_id: userId,
  link_id: linkId,
  to_userid: "0",
  user_name: userId,
});
const say = (from: string, to: string, category = "private") => ({
  action: "say",
  user_id: from,
  to_userid: to,
  content: `hi ${to}`,
  category,
  media: "",
});
const isAction = (action: string) => (frame: Frame) => frame.action === action;

async function bound(port: number, userId: string): Promise<RawClient> {
  const client = await RawClient.connect(port);
  await client.next(isAction("link_on"));
  client.send(bind(userId));
  await client.next(isAction("bind"));
  return client;
}

describe("json framing (voxy)", () => {
  it("greets with the greeting option's message", async () => {
    const { port } = await voxyServer();
    const client = await RawClient.connect(port);
    const greeting = await client.next();
    expect(greeting).toMatchObject({ action: "link_on", category: "system" });
  });

  it("skips a greeting the schema cannot be built for without the option", async () => {
    const server = createServer(voxyProtocol, { port: 0, insecureDevelopmentMode: true });
    onCleanup(() => server.close());
    const { port } = await server.listen();
    const client = await RawClient.connect(port);
    client.send(bind("solo"));
    expect((await client.next()).action).toBe("bind");
  });

  it("refuses messages before bind, keeps the connection, then accepts bind with the default answer", async () => {
    const invalid: string[] = [];
    const { server, port } = await voxyServer();
    server.onEvent("invalid", (_connection, error) => invalid.push(error.kind));
    const other = await bound(port, "u-1");
    const client = await RawClient.connect(port);
    await client.next(isAction("link_on"));
    client.send(say("u-2", "u-1"));
    const refused = await client.next(isAction("error"));
    expect(refused).toMatchObject({ kind: "before-session" });
    expect(invalid).toEqual(["before-session"]);
    client.send({ action: "ping", link_id: "1" });
    client.send(bind("u-2", 7));
    const answer = await client.next(isAction("bind"));
    expect(answer).toMatchObject({ action: "bind", link_id: 7, content: "", category: "" });
    expect(answer.list).toEqual([{ user_id: "u-1", user_name: "u-1", link_id: 1 }]);
    expect(other.all(isAction("say"))).toEqual([]);
    expect(client.closeCode).toBeUndefined();
  });

  it("forwards a private say to the peer's connection only, and a default say to everyone else", async () => {
    const { port } = await voxyServer();
    const alice = await bound(port, "alice");
    const bob = await bound(port, "bob");
    const carol = await bound(port, "carol");
    alice.send(say("alice", "bob"));
    const received = await bob.next(isAction("say"));
    expect(received).toMatchObject({
      action: "say",
      content: "hi bob",
      user_id: "alice",
      to_userid: "bob",
      link_id: 1,
    });
    bob.send(say("bob", "-1", "default"));
    expect(await alice.next(isAction("say"))).toMatchObject({ content: "hi -1", category: "default" });
    expect(await carol.next(isAction("say"))).toMatchObject({ content: "hi -1" });
    await settle();
    expect(bob.all(isAction("say"))).toHaveLength(1);
    expect(carol.all(isAction("say"))).toHaveLength(1);
  });

  it("forwards WebRTC signalling to the peer (client_offer)", async () => {
    const { port } = await voxyServer();
    const caller = await bound(port, "caller");
    const callee = await bound(port, "callee");
    const offer = { type: "offer", sdp: "v=0" };
    caller.send({ action: "client_offer", user_id: "caller", to_userid: "callee", info: offer });
    expect(await callee.next(isAction("client_offer"))).toMatchObject({ info: offer, user_id: "caller" });
  });

  it("reports a missing peer through onPeerMissing (calls to nobody are answered 4 by the server itself)", async () => {
    const missing: string[] = [];
    const { port } = await voxyServer({
      onPeerMissing: ({ key, as, peer }) => missing.push(`${key} ${as} ${peer}`),
    });
    const caller = await bound(port, "caller");
    caller.send({
      action: "say",
      user_id: "caller",
      to_userid: "nobody",
      content: "hi",
      category: "private",
      media: "",
    });
    caller.send({
      action: "call_remote",
      user_id: "caller",
      user_img: "",
      user_name: "caller",
      to_userid: "nobody",
      used_phone: 1,
      media_type: 1,
      user_voice_fee: 0,
      user_text_fee: 0,
      user_video_fee: 0,
      to_user_os_type: 1,
      user_age: 30,
      to_user_token: "",
      connection_mode: "0",
    });
    expect(await caller.next(isAction("call_remote_callback"))).toMatchObject({ used_phone: 4, user_id: "nobody" });
    expect(missing).toEqual(["say say nobody"]);
  });

  it("answers bad frames with the error frame and keeps every connection", async () => {
    const { server, port } = await voxyServer({ maxFrameBytes: 2048 });
    const kinds: string[] = [];
    server.onEvent("invalid", (_connection, error) => kinds.push(error.kind));
    const alice = await bound(port, "alice");
    const bob = await bound(port, "bob");
    alice.send("{not json");
    expect(await alice.next(isAction("error"))).toMatchObject({ kind: "malformed-json" });
    alice.send({ action: "say", user_id: 5 });
    const invalid = await alice.next(isAction("error"));
    expect(invalid).toMatchObject({ kind: "invalid-message" });
    expect(JSON.stringify(invalid.details)).toContain("user_id");
    alice.send({ action: "dance" });
    expect(await alice.next(isAction("error"))).toMatchObject({ kind: "unknown-message" });
    alice.send([1, 2]);
    expect(await alice.next(isAction("error"))).toMatchObject({ kind: "not-an-object" });
    alice.send({ ...say("alice", "bob"), content: "x".repeat(4096) });
    expect(await alice.next(isAction("error"))).toMatchObject({ kind: "too-large" });
    alice.sendBinary(say("alice", "bob"));
    expect(await bob.next(isAction("say"))).toMatchObject({ content: "hi bob" });
    expect(kinds).toEqual(["malformed-json", "invalid-message", "unknown-message", "not-an-object", "too-large"]);
    expect(alice.closeCode).toBeUndefined();
    expect(bob.closeCode).toBeUndefined();
  });

  it("lets a handler replace the default, answer with its return value, and run the defaults on demand", async () => {
    const { server, port } = await voxyServer();
    server.on("bind", (message, context) => {
      context.runDefaults();
      context.connection.data.set("name", message.user_name);
      return undefined;
    });
    server.on("say", (message, context) => {
      if (message.content === "boom") throw new Error("handler exploded");
      context.sendToPresence(message.user_id, "say", {
        action: "say",
        content: `echo ${message.content}`,
        link_id: 0,
        time: "now",
        list: [],
        to_userid: message.user_id,
        to_userimg: "",
        to_username: "",
        category: "private",
        media: "",
      });
      return undefined;
    });
    const errors: string[] = [];
    server.onEvent("error", (_connection, error) => errors.push(error.message));
    const alice = await bound(port, "alice");
    const bob = await bound(port, "bob");
    alice.send(say("alice", "bob"));
    expect(await alice.next(isAction("say"))).toMatchObject({ content: "echo hi bob" });
    alice.send({ ...say("alice", "bob"), content: "boom" });
    expect(await alice.next(isAction("error"))).toMatchObject({ kind: "handler-failed", message: "handler exploded" });
    await settle();
    expect(bob.all(isAction("say"))).toEqual([]);
    expect(errors).toEqual(["handler exploded"]);
    const connection = [...server.connections.values()].find((candidate) => candidate.presenceKey === "alice");
    expect(connection?.data.get("name")).toBe("alice");
  });

  it("closes a client that stops sending heartbeats, and keeps one that pings", async () => {
    const { port } = await voxyServer({ heartbeatTimeoutMs: 150 });
    const silent = await RawClient.connect(port);
    const pinging = await RawClient.connect(port);
    const timer = setInterval(() => pinging.send({ action: "ping", link_id: "1" }), 40);
    onCleanup(() => clearInterval(timer));
    expect(await silent.closed(2000)).toBe(heartbeatTimeoutCode);
    expect(pinging.closeCode).toBeUndefined();
  });
});
