/**
 * A peer no one here wrote: the `Verto` client of `@signalwire/js` 1.5.0, in Node, against the generated
 * verto server. The library reads `globalThis.WebSocket` once, when it is loaded, so `ws` (a subclass that
 * records frames) is installed before the import and the global restored right after. No other browser
 * global is needed for login, subscribe, events and broadcast: its storage helpers see Node (no `window`)
 * and do nothing, and nothing else touches `window`, `navigator` or `document` on these paths.
 */
import { isChannelPvtData, isHeartbeatEventData, isLiveArrayRequest } from "@wiretype/verto/guards";
import type { VertoClientMessages } from "@wiretype/verto/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  heartbeatData,
  loggedInClient,
  onCleanup,
  settle,
  startVertoServer,
  tappedWebSocket,
  users,
  type Wire,
  waitFor,
} from "../support/verto.js";

type SignalWire = typeof import("@signalwire/js");
type SignalWireVerto = InstanceType<SignalWire["Verto"]>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const heartbeat = "FSevent.heartbeat";
const chat = "conference-chat.3000-seven.local@seven.local";
const laChannel = "conference-liveArray.3000-seven.local@seven.local";

/** What every @signalwire/js socket of this file sent and received (reset before each test). */
const wire: Wire = { sent: [], received: [] };
let Verto: SignalWire["Verto"];
const globals = globalThis as { WebSocket?: unknown };
const originalWebSocket = globals.WebSocket;

beforeAll(async () => {
  globals.WebSocket = tappedWebSocket(wire);
  try {
    const loaded = (await import("@signalwire/js")) as SignalWire & { default?: SignalWire };
    Verto = (loaded.default ?? loaded).Verto;
  } finally {
    globals.WebSocket = originalWebSocket;
  }
});
afterAll(() => {
  globals.WebSocket = originalWebSocket;
});
beforeEach(() => {
  wire.sent.length = 0;
  wire.received.length = 0;
});

const login = "1000@seven.local";

/** A @signalwire/js Verto session, connected and logged in (its `signalwire.ready` event). */
async function signalwireVerto(url: string) {
  const verto = new Verto({ host: url, login, passwd: users[login] ?? "" });
  const notifications: { type?: string }[] = [];
  const errors: unknown[] = [];
  verto.on("signalwire.notification", (notification: { type?: string }) => notifications.push(notification));
  verto.on("signalwire.error", (error: unknown) => errors.push(error));
  const ready = new Promise<void>((resolve) => verto.on("signalwire.ready", () => resolve()));
  onCleanup(() => verto.disconnect());
  await verto.connect();
  await ready;
  return { verto, notifications, errors, sessid: (verto as SignalWireVerto & { sessionid: string }).sessionid };
}

const sentRequests = (method: string) => wire.sent.filter((frame) => frame.method === method);

describe("verto e2e: @signalwire/js 1.5.0 Verto against the generated server", () => {
  it("logs in with credentials at once, adopts the server's sessid and sees verto.clientReady", async () => {
    const { url, logins, server } = await startVertoServer();
    const { notifications, errors, sessid } = await signalwireVerto(url);
    // One login, credentials included, no sessid (it has none stored in Node): the server chose it.
    expect(logins).toEqual([{ login, passwd: users[login], userVariables: {}, loginParams: {} }]);
    expect(sessid).toMatch(uuid);
    expect([...server.connections.values()].map((connection) => connection.presenceKey)).toEqual([sessid]);
    const [loginFrame] = sentRequests("login");
    expect(loginFrame).toMatchObject({ jsonrpc: "2.0", id: expect.stringMatching(uuid) });
    await waitFor(() => notifications.find((notification) => notification.type === "vertoClientReady"));
    expect(errors).toEqual([]);
  });

  it("subscribes with an eventChannel array and UUID ids, and receives events of its channels only", async () => {
    const { url, server } = await startVertoServer();
    const { verto, sessid } = await signalwireVerto(url);
    const events: Record<string, unknown>[] = [];
    const subscribed = await verto.subscribe({
      channels: [heartbeat],
      handler: (event: Record<string, unknown>) => events.push(event),
    });
    expect(subscribed).toEqual({ subscribedChannels: [heartbeat], sessid });
    const [frame] = sentRequests("verto.subscribe");
    expect(frame).toEqual({
      jsonrpc: "2.0",
      id: expect.stringMatching(uuid),
      method: "verto.subscribe",
      params: { sessid, eventChannel: [heartbeat] },
    });

    const other = await loggedInClient(url, "1001@seven.local");
    await other.client.request.vertoSubscribe({ eventChannel: chat, sessid: other.sessid });
    server.toRoom(chat, "verto.event", { eventChannel: chat, data: { action: "send", message: "not for you" } });
    const event = { eventChannel: heartbeat, data: heartbeatData(7), eventSerno: 1 };
    expect(server.toRoom(heartbeat, "verto.event", event)).toBe(1);
    await waitFor(() => events[0]);
    expect(events[0]).toEqual(event);
    expect(isHeartbeatEventData(events[0]?.data)).toBe(true);
    await settle();
    expect(events).toHaveLength(1);
    expect(await other.received.next("verto.event")).toMatchObject({ eventChannel: chat });
  });

  it("broadcasts to the channel's subscribers (itself included) and receives a generated client's broadcast", async () => {
    const { url } = await startVertoServer();
    const { verto, sessid } = await signalwireVerto(url);
    const events: { data?: unknown; sessid?: unknown }[] = [];
    await verto.subscribe({ channels: [chat], handler: (event: { data?: unknown }) => events.push(event) });
    const listener = await loggedInClient(url, "1001@seven.local");
    await listener.client.request.vertoSubscribe({ eventChannel: [chat], sessid: listener.sessid });

    const hello = { action: "send", message: "hello from signalwire", type: "message" };
    verto.broadcast({ channel: chat, data: hello });
    expect(await listener.received.next("verto.event")).toMatchObject({ eventChannel: chat, data: hello, sessid });
    await waitFor(() => events[0]);
    expect(events[0]).toMatchObject({ data: hello, sessid });
    expect(sentRequests("verto.broadcast")).toEqual([
      {
        jsonrpc: "2.0",
        id: expect.stringMatching(uuid),
        method: "verto.broadcast",
        params: { sessid, eventChannel: chat, data: hello },
      },
    ]);

    const reply = { action: "send", message: "hello from wiretype", type: "message" } as const;
    await listener.client.request.vertoBroadcast({ eventChannel: chat, data: reply, sessid: listener.sessid });
    await waitFor(() => events[1]);
    expect(events[1]).toMatchObject({ data: reply, sessid: listener.sessid });
  });

  it("on channelPvtData it subscribes to the conference's LiveArray and broadcasts its bootstrap", async () => {
    const { url, server } = await startVertoServer();
    const broadcasts: VertoClientMessages["verto.broadcast"][] = [];
    server.on("verto.broadcast", (params, context) => {
      broadcasts.push(params);
      context.runDefaults();
      return undefined;
    });
    const { sessid } = await signalwireVerto(url);
    const pvtData = {
      callID: "be5d95cb-7612-801f-c642-9c4fa6b451c1",
      action: "conference-liveArray-join",
      laChannel,
      laName: "3000-seven.local",
      role: "moderator",
      chatID: "conf+3000-seven.local@seven.local",
      conferenceMemberID: "77",
      canvasCount: 1,
      modChannel: "conference-mod.3000-seven.local@seven.local",
      chatChannel: "conference-chat.3000-seven.local@seven.local",
      infoChannel: "conference-info.3000-seven.local@seven.local",
    };
    expect(isChannelPvtData(pvtData)).toBe(true);
    server.sendToPresence(sessid, "verto.event", { eventChannel: sessid, eventType: "channelPvtData", pvtData });

    const bootstrap = await waitFor(() => broadcasts[0]);
    expect(bootstrap.eventChannel).toBe(laChannel);
    expect(isLiveArrayRequest(bootstrap.data) && bootstrap.data.liveArray).toEqual({
      command: "bootstrap",
      context: laChannel,
      name: "3000-seven.local",
    });
    expect(sentRequests("verto.subscribe").map((frame) => frame.params)).toEqual([
      { sessid, eventChannel: [laChannel] },
    ]);
    const [connection] = [...server.connections.values()];
    expect([...(connection?.rooms ?? [])]).toEqual([laChannel]);
  });
});
