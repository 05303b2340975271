import { isHeartbeatEventData } from "@wiretype/verto/guards";
import { describe, expect, it } from "vitest";
import {
  heartbeatData,
  loggedInClient,
  RawPeer,
  settle,
  startVertoServer,
  users,
  type WireFrame,
  waitFor,
} from "../support/verto.js";

const heartbeat = "FSevent.heartbeat";
const maxFrameBytes = 4_096;
const call = (id: string | number | undefined, method: string, params: unknown) => ({
  jsonrpc: "2.0",
  ...(id === undefined ? {} : { id }),
  method,
  params,
});

/** One bad frame and the error answer it must get (a subset, matched with toMatchObject). */
interface Case {
  readonly name: string;
  readonly frame: unknown;
  readonly answer: WireFrame;
}

const beforeLogin: Case[] = [
  {
    name: "a method before login",
    frame: call(1, "verto.subscribe", { eventChannel: heartbeat, sessid: "raw" }),
    answer: { id: 1, error: { code: -32000, message: "Authentication Required" } },
  },
  {
    name: "login with invalid params",
    frame: call("bad-login", "login", { login: "1000@seven.local", passwd: 7, sessid: "raw" }),
    answer: { id: "bad-login", error: { code: -32602, data: { kind: "invalid-message" } } },
  },
];

const afterLogin: Case[] = [
  { name: "invalid JSON", frame: "{oops", answer: { id: null, error: { code: -32700 } } },
  {
    name: "a wrong jsonrpc version",
    frame: { jsonrpc: "1.0", id: 3, method: "echo", params: {} },
    answer: { id: 3, error: { code: -32600, data: { kind: "invalid-envelope" } } },
  },
  { name: "neither call nor answer", frame: { jsonrpc: "2.0", id: 4 }, answer: { id: null, error: { code: -32600 } } },
  { name: "a batch", frame: [], answer: { id: null, error: { code: -32600 } } },
  {
    name: "an unknown method",
    frame: call("u-1", "verto.nosuch", {}),
    answer: { id: "u-1", error: { code: -32601, data: { kind: "unknown-message" } } },
  },
  {
    name: "invalid params",
    frame: call(5, "verto.subscribe", { eventChannel: 42, sessid: "raw" }),
    answer: { id: 5, error: { code: -32602, data: { kind: "invalid-message" } } },
  },
  {
    name: "a handler that throws",
    frame: call(6, "fsapi", { cmd: "status", sessid: "raw" }),
    answer: { id: 6, error: { code: -32603, message: "fsapi is down" } },
  },
  {
    name: "an oversized frame",
    frame: call(7, "echo", { sessid: "raw", padding: "x".repeat(maxFrameBytes * 2) }),
    answer: { id: null, error: { code: -32600, data: { kind: "too-large" } } },
  },
];

describe("verto e2e: bad input at the server", () => {
  it("answers each bad frame with its JSON-RPC error, keeps the connection, and other clients miss no event", async () => {
    const { url, server } = await startVertoServer({ maxFrameBytes });
    server.on("fsapi", () => {
      throw new Error("fsapi is down");
    });
    server.on("echo", (params) => ({ sessid: params.sessid ?? "" }));
    const refusals: string[] = [];
    server.onEvent("invalid", (_connection, error) => refusals.push(error.kind));
    const watcher = await loggedInClient(url, "1001@seven.local");
    await watcher.client.request.vertoSubscribe({ eventChannel: heartbeat, sessid: watcher.sessid });
    const raw = await RawPeer.connect(url);

    let published = 0;
    const check = async (bad: Case) => {
      raw.send(bad.frame);
      expect(await raw.next(), bad.name).toMatchObject({ jsonrpc: "2.0", ...bad.answer });
      published += 1;
      server.toRoom(heartbeat, "verto.event", {
        eventChannel: heartbeat,
        data: heartbeatData(published),
        eventSerno: published,
      });
    };
    for (const bad of beforeLogin) await check(bad);
    raw.send(call(2, "login", { login: "1000@seven.local", passwd: users["1000@seven.local"], sessid: "raw" }));
    expect(await raw.next()).toEqual({ jsonrpc: "2.0", id: 2, result: { message: "logged in", sessid: "raw" } });
    expect(await raw.next()).toMatchObject({ method: "verto.clientReady" });
    for (const bad of afterLogin) await check(bad);

    // Still usable: a good call is answered, and the raw connection was never closed.
    raw.send(call(8, "echo", { sessid: "after" }));
    expect(await raw.next()).toEqual({ jsonrpc: "2.0", id: 8, result: { sessid: "after" } });
    expect(raw.closeCode).toBeUndefined();
    expect(refusals).toEqual([
      "before-session",
      "invalid-message",
      "malformed-json",
      "invalid-envelope",
      "invalid-envelope",
      "invalid-envelope",
      "unknown-message",
      "invalid-message",
      "too-large",
    ]);

    // The watcher received every event, in order, once, and acknowledged each.
    const events = () => watcher.received.all("verto.event");
    await waitFor(() => (events().length >= published ? true : undefined), 3_000, "every event");
    await settle();
    expect(published).toBe(beforeLogin.length + afterLogin.length);
    expect(events().map((event) => event.eventSerno)).toEqual(Array.from({ length: published }, (_, i) => i + 1));
    expect(events().every((event) => isHeartbeatEventData(event.data))).toBe(true);
    const acks = watcher.wire.sent.filter((frame) => JSON.stringify(frame.result) === '{"method":"verto.event"}');
    expect(acks).toHaveLength(published);
    expect(watcher.client.state).toBe("open");
  });

  it("rejects a generated client's request with the handler's -32603 and keeps the client usable", async () => {
    const { url, server } = await startVertoServer();
    server.on("fsapi", () => {
      throw new Error("fsapi is down");
    });
    const { client, sessid } = await loggedInClient(url, "1000@seven.local");
    await expect(client.request.fsapi({ cmd: "status", sessid })).rejects.toMatchObject({
      reason: "failed",
      answer: { code: -32603, message: "fsapi is down" },
    });
    expect(await client.request.vertoSubscribe({ eventChannel: heartbeat, sessid })).toMatchObject({
      subscribedChannels: [heartbeat],
    });
  });
});
