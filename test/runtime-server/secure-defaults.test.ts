import { kurentoRoomProtocol } from "@wiretype/kurento-room/protocol";
import { createServer, type ServerOptions } from "@wiretype/runtime/server";
import { vertoProtocol } from "@wiretype/verto/protocol";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import type { VoxyClientMessages, VoxyServerMessages } from "@wiretype/voxy/types";
import { describe, expect, it } from "vitest";
import { type Frame, onCleanup, RawClient, settle, waitFor } from "./support.js";

type VoxyOptions = ServerOptions<VoxyServerMessages, VoxyClientMessages["bind"]>;

async function listening<T extends { listen(): Promise<{ port: number }>; close(): Promise<void> }>(server: T) {
  onCleanup(() => server.close());
  const { port } = await server.listen();
  return { server, port };
}

const voxy = (options: VoxyOptions) => listening(createServer(voxyProtocol, options));
const bind = (userId: string) => ({ action: "bind", user_id: userId, link_id: 1, to_userid: "0", user_name: userId });
const say = (from: string, to: string) => ({
  action: "say",
  user_id: from,
  to_userid: to,
  content: "hi",
  category: "private",
  media: "",
});
const isAction = (action: string) => (frame: Frame) => frame.action === action;

async function voxyBound(port: number, userId: string): Promise<RawClient> {
  const client = await RawClient.connect(port);
  client.send(bind(userId));
  await client.next(isAction("bind"));
  return client;
}

describe("sessions open only after the application's check", () => {
  it("refuses every handshake when the server has no check, and says why once", async () => {
    const errors: string[] = [];
    const { server, port } = await voxy({});
    server.onEvent("error", (_connection, error) => errors.push(error.message));
    const client = await RawClient.connect(port);
    client.send(bind("mallory"));
    expect(await client.next(isAction("error"))).toMatchObject({ kind: "session-refused" });
    client.send(say("mallory", "x"));
    expect(await client.next(isAction("error"))).toMatchObject({ kind: "before-session" });
    expect(server.connections.size).toBe(1);
    expect([...server.connections.values()][0]?.authenticated).toBe(false);
    expect(errors).toEqual([expect.stringContaining("no session check")]);
  });

  it("asks the authenticate option: false refuses, true opens under the spec's presence key, a string names it", async () => {
    const { server, port } = await voxy({
      authenticate: (message) => (message.user_id === "eve" ? false : message.user_id === "al" ? "alias-al" : true),
    });
    const eve = await RawClient.connect(port);
    eve.send(bind("eve"));
    expect(await eve.next(isAction("error"))).toMatchObject({ kind: "session-refused" });
    const ann = await voxyBound(port, "ann");
    await voxyBound(port, "al");
    const keys = [...server.connections.values()].map((connection) => connection.presenceKey ?? "(none)");
    expect(keys.sort()).toEqual(["(none)", "alias-al", "ann"]);
    expect(ann.all(isAction("error"))).toEqual([]);
  });

  it("waits for an asynchronous check before anything else the client sent", async () => {
    const { port } = await voxy({
      authenticate: async (message) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return message.user_id !== "";
      },
    });
    const bo = await voxyBound(port, "bo");
    const ann = await RawClient.connect(port);
    ann.send(bind("ann"));
    ann.send(say("ann", "bo"));
    expect(await bo.next(isAction("say"))).toMatchObject({ user_id: "ann" });
  });

  it("insecure development mode opens sessions but never lets a second connection take a present key", async () => {
    const { server, port } = await voxy({ insecureDevelopmentMode: true });
    const owner = await voxyBound(port, "ann");
    const thief = await RawClient.connect(port);
    thief.send(bind("ann"));
    expect(await thief.next(isAction("error"))).toMatchObject({ kind: "session-refused" });
    const bo = await voxyBound(port, "bo");
    bo.send(say("bo", "ann"));
    expect(await owner.next(isAction("say"))).toMatchObject({ user_id: "bo" });
    await settle();
    expect(thief.all(isAction("say"))).toEqual([]);
    expect(server.connections.size).toBe(3);
  });

  it("lets the application's check accept a second device for the same member", async () => {
    const { port } = await voxy({ authenticate: () => true });
    const phone = await voxyBound(port, "ann");
    const laptop = await voxyBound(port, "ann");
    const bo = await voxyBound(port, "bo");
    bo.send(say("bo", "ann"));
    expect(await phone.next(isAction("say"))).toMatchObject({ user_id: "bo" });
    expect(await laptop.next(isAction("say"))).toMatchObject({ user_id: "bo" });
  });

  it("forwards the sender's session id, never the id the frame claims", async () => {
    const { port } = await voxy({ insecureDevelopmentMode: true });
    const ann = await voxyBound(port, "ann");
    const bo = await voxyBound(port, "bo");
    bo.send(say("ann", "ann"));
    expect(await ann.next(isAction("say"))).toMatchObject({ user_id: "bo", to_userid: "ann" });
  });
});

describe("no half-finished state after a failure", () => {
  const join = (userId: string) => ({
    id: "joinRoom",
    token: "t",
    userId,
    communityId: "0",
    roomId: "r",
    video: true,
    audio: true,
  });
  const isId = (id: string) => (frame: Frame) => frame.id === id;

  it("takes back a join and a session when the handler fails half-way", async () => {
    const { server, port } = await listening(createServer(kurentoRoomProtocol, { insecureDevelopmentMode: true }));
    server.on("joinRoom", (message, context) => {
      if (message.userId !== "bad") return context.runDefaults();
      context.join(message.roomId);
      context.authenticate();
      throw new Error("answer could not be built");
    });
    const bad = await RawClient.connect(port);
    bad.send(join("bad"));
    expect(await bad.next(isId("error"))).toMatchObject({ kind: "handler-failed" });
    const connection = [...server.connections.values()][0];
    expect(connection?.rooms.size).toBe(0);
    expect(connection?.authenticated).toBe(false);
    const good = await RawClient.connect(port);
    good.send(join("good"));
    expect(await good.next(isId("existingParticipants"))).toMatchObject({ members: [] });
  });
});

describe("channel subscriptions are authorised", () => {
  const call = (id: number, method: string, params: unknown) => ({ jsonrpc: "2.0", id, method, params });
  const answerTo = (id: number) => (frame: Frame) => frame.id === id && frame.method === undefined;

  async function login(port: number, sessid: string) {
    const client = await RawClient.connect(port);
    client.send(call(1, "login", { login: "1000", passwd: "pw", sessid }));
    expect(await client.next(answerTo(1))).toMatchObject({ result: { sessid } });
    return client;
  }

  it("refuses a subscription to another member's private channel by default", async () => {
    const { server, port } = await listening(createServer(vertoProtocol, { insecureDevelopmentMode: true }));
    await login(port, "victim");
    const spy = await login(port, "spy");
    spy.send(call(2, "verto.subscribe", { sessid: "spy", eventChannel: ["victim", "public"] }));
    await spy.next(answerTo(2));
    const spyConnection = [...server.connections.values()].find((connection) => connection.presenceKey === "spy");
    expect([...(spyConnection?.rooms ?? [])]).toEqual(["public"]);
  });

  it("asks authorizeJoin when given", async () => {
    const asked: string[] = [];
    const { server, port } = await listening(
      createServer(vertoProtocol, {
        insecureDevelopmentMode: true,
        authorizeJoin: (_connection, room) => {
          asked.push(room);
          return room.startsWith("ok.");
        },
      }),
    );
    const client = await login(port, "s-1");
    client.send(call(2, "verto.subscribe", { sessid: "s-1", eventChannel: ["ok.a", "no.b"] }));
    await client.next(answerTo(2));
    expect(asked).toEqual(["ok.a", "no.b"]);
    await waitFor(() => ([...server.connections.values()][0]?.rooms.size === 1 ? true : undefined));
  });

  it("answers a refused login with the spec's documented failure", async () => {
    const { port } = await listening(createServer(vertoProtocol, { authenticate: () => false }));
    const client = await RawClient.connect(port);
    client.send(call(1, "login", { login: "1000", passwd: "bad", sessid: "s" }));
    expect(await client.next(answerTo(1))).toMatchObject({ error: { code: expect.any(Number) } });
  });
});

describe("bounded decoding", () => {
  const deep = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

  it("refuses a deeply nested frame before anything recursive, and keeps the connection", async () => {
    const { server, port } = await voxy({ insecureDevelopmentMode: true });
    const kinds: string[] = [];
    server.onEvent("invalid", (_connection, error) => kinds.push(error.kind));
    const client = await RawClient.connect(port);
    client.send(`{"action":"bind","user_id":${deep(100_000)}}`);
    expect(await client.next(isAction("error"))).toMatchObject({ kind: "too-deep" });
    client.send(bind("still-here"));
    expect(await client.next(isAction("bind"))).toBeDefined();
    expect(kinds).toEqual(["too-deep"]);
  });

  it("keeps frames within the limit, strings full of brackets included", async () => {
    const { port } = await voxy({ insecureDevelopmentMode: true, maxFrameDepth: 4 });
    const client = await RawClient.connect(port);
    client.send({ ...bind("brackets"), user_name: "[[[[[[[[{{{{{{{{" });
    expect(await client.next(isAction("bind"))).toBeDefined();
    client.send(`{"action":"say","x":[[[[[1]]]]]}`);
    expect(await client.next(isAction("error"))).toMatchObject({ kind: "too-deep" });
  });
});
