import { phpJsonSign } from "@wiretype/runtime";
import type { YueyueClientMessages, YueyueServerMessages } from "@wiretype/yueyue";
import { yueyueProtocol } from "@wiretype/yueyue/protocol";
import { afterEach, describe, expect, it } from "vitest";
import {
  Cleanup,
  discoveringClient,
  Inbox,
  missingUserSid,
  specExamples,
  startDiscovery,
  startYueyueServer,
  tokenOf,
  until,
} from "../support/yueyue.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

type ClientKey = keyof YueyueClientMessages & string;
type ServerKey = keyof YueyueServerMessages & string;
const clientExamples = specExamples("client");
const serverExamples = specExamples("server");

const sidA = "1233s0a6d4b7e2c9f1835";
const sidB = "1001s7c41e09b5d2a6f38";

/** The spec's example of a message. */
function example(examples: Map<string, Record<string, unknown>[]>, key: string, index = 0): Record<string, unknown> {
  const found = examples.get(key)?.[index];
  if (found === undefined) throw new Error(`the spec has no example ${index} of ${key}`);
  return found;
}

/** The spec's correctly signed example of a client message (each has one, with its md5). */
function signedExample(key: string): Record<string, unknown> {
  const signed = clientExamples.get(key)?.find((payload) => /^[0-9a-f]{32}$/.test(String(payload.sign)));
  if (signed === undefined) throw new Error(`the spec has no signed example of ${key}`);
  return signed;
}

/** A yueyue server, its discovery endpoint, and connected clients for the given sids. */
async function roomWith(...sids: string[]) {
  const app = await startYueyueServer(cleanup);
  const discovery = await startDiscovery(cleanup, app.url, 15);
  const clients = sids.map((sid) => discoveringClient(cleanup, discovery.url, sid));
  await Promise.all(clients.map(({ client }) => client.connect()));
  return { app, discovery, clients };
}

describe("yueyue end to end: discovery, greeting, signed reports, room pushes", () => {
  it("discovers the endpoint over HTTP with the sid, connects with ?sid=, and is greeted with its token", async () => {
    const { app, discovery, clients } = await roomWith(sidA);
    const request = await discovery.requests.next();
    expect(request.pathname).toBe("/iapi/websocket/end_point");
    expect(request.searchParams.get("sid")).toBe(sidA);
    expect(await clients[0]?.greetings.next()).toEqual({ action: "create_token", online_token: tokenOf(sidA) });
    expect(app.connectionOf(sidA)?.query.sid).toBe(sidA);
  });

  it("greets a sid that names no user with the error code and reason", async () => {
    const { clients } = await roomWith(missingUserSid);
    const greeting = await clients[0]?.greetings.next();
    expect(greeting).toEqual({ action: "create_token", online_token: "", error_code: -1, error_reason: "用户不存在" });
  });

  it("signs every client message as the spec's signed examples do, and the server accepts each", async () => {
    const { app, clients } = await roomWith(sidB);
    const received = new Inbox<{ key: string; message: Record<string, unknown> }>();
    for (const key of yueyueProtocol.client.keys) {
      app.server.on(key, (message) => received.push({ key, message: { ...message } }));
    }
    const client = clients[0]?.client;
    for (const key of yueyueProtocol.client.keys) {
      const values = { ...signedExample(key), sign: "to be recomputed" };
      client?.sendMessage(key as ClientKey, values as YueyueClientMessages[ClientKey]);
    }
    for (const key of yueyueProtocol.client.keys) {
      const { key: arrived, message } = await received.next();
      expect(arrived).toBe(key);
      expect(message).toEqual(signedExample(key));
      expect(message.sign).toBe(phpJsonSign(message, "sign"));
    }
  });

  it("tells one member that a user dropped out; that member relays it and confirms with its signed report (§2.4)", async () => {
    const { app, clients } = await roomWith(sidA, sidB);
    const [relay, bystander] = clients;
    if (relay === undefined || bystander === undefined) throw new Error("two clients expected");
    const reports = new Inbox<{ sid: string | undefined; report: YueyueClientMessages["exit_room_report"] }>();
    app.server.on("exit_room_report", (report, context) => reports.push({ sid: context.connection.query.sid, report }));
    const seenByBystander: unknown[] = [];
    bystander.client.on("exit_room", (push) => seenByBystander.push(push));
    relay.client.on("exit_room", (push) => {
      relay.client.send.exitRoomReport({
        action: "exit_room_report",
        user_id: push.user_id,
        online_token: relay.token(),
        sid: sidA,
        timestamp: 1525328461,
        sign: "",
      });
    });
    const push = example(serverExamples, "exit_room") as unknown as YueyueServerMessages["exit_room"];
    app.connectionOf(sidA)?.send("exit_room", push);
    const { sid, report } = await reports.next();
    expect(sid).toBe(sidA);
    expect(report).toMatchObject({ user_id: push.user_id, online_token: tokenOf(sidA), sid: sidA });
    expect(report.sign).toBe(phpJsonSign({ ...report }, "sign"));
    expect(await reports.nothingWithin(150)).toBeUndefined();
    expect(seenByBystander).toEqual([]);
  });

  it("pairs a report only with the disconnect pushes the document pairs it with", () => {
    const replies = Object.entries(yueyueProtocol.server.replies).map(([push, reply]) => [push, reply?.keys]);
    expect(replies).toEqual([
      ["exit_room", ["exit_room_report"]],
      ["hang_up", ["hang_up_report"]],
    ]);
  });

  it("delivers every push of the spec typed and validated, and refuses a push that breaks its schema", async () => {
    const { app, clients } = await roomWith(sidA);
    const client = clients[0]?.client;
    const arrived = new Inbox<{ key: string; message: unknown }>();
    const pushKeys = yueyueProtocol.server.keys.filter((key) => key !== "create_token" && key !== "error");
    for (const key of pushKeys) client?.on(key, (message) => arrived.push({ key, message }));
    const invalid = new Inbox<{ kind: string; messageName: string | undefined }>();
    client?.onEvent("invalid", (error) => invalid.push({ kind: error.kind, messageName: error.messageName }));
    // Typed access: these lines only compile if the generated types carry the spec's fields.
    client?.on("send_gift", (push) => expectTypeOf<string>(push.gift.name));
    client?.on("up", (push) => expectTypeOf<number>(push.room_seat.id));
    client?.on("room_notice", (push) => expectTypeOf<string>(push.content));
    const connection = app.connectionOf(sidA);
    for (const key of pushKeys) {
      connection?.send(key as ServerKey, example(serverExamples, key) as unknown as YueyueServerMessages[ServerKey]);
    }
    for (const key of pushKeys) expect(await arrived.next()).toEqual({ key, message: example(serverExamples, key) });
    const { gift: _dropped, ...giftless } = example(serverExamples, "send_gift");
    connection?.send("send_gift", giftless as unknown as YueyueServerMessages["send_gift"]);
    expect(await invalid.next()).toEqual({ kind: "invalid-message", messageName: "send_gift" });
    expect(await arrived.nothingWithin(100)).toBeUndefined();
    expect(client?.state).toBe("open");
  });

  it("broadcasts a room notice to every connected member", async () => {
    const { app, clients } = await roomWith(sidA, sidB);
    // Members once greeted (on a cluster the greeting goes out once every node knows the connection).
    await until(() => clients.every(({ token }) => token() !== ""));
    const notices = new Inbox<{ sid: string; content: string }>();
    for (const [index, { client }] of clients.entries()) {
      client.on("room_notice", (push) => notices.push({ sid: index === 0 ? sidA : sidB, content: push.content }));
    }
    const notice = example(serverExamples, "room_notice") as unknown as YueyueServerMessages["room_notice"];
    expect(app.server.broadcast("room_notice", notice)).toBe(2);
    const both = [await notices.next(), await notices.next()].map((entry) => entry.sid).sort();
    expect(both).toEqual([sidB, sidA].sort());
  });
});

/** A no-op whose signature pins a value's type at compile time. */
function expectTypeOf<T>(_value: T): void {}
