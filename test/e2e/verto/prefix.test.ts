import { describe, expect, it } from "vitest";
import { heartbeatData, loggedInClient, settle, startVertoServer } from "../support/verto.js";

// mod_verto (jsock_send_event) writes an event to its channel's subscribers, then to the main channel's:
// the part of the name before the first ".".
const main = "conference-liveArray";
const sub = "conference-liveArray.3000-seven.local@seven.local";

describe("verto e2e: a subscription to a main channel receives its sub-channels", () => {
  it("relays a verto.broadcast on a sub-channel to the main channel's subscribers, once each", async () => {
    const { url } = await startVertoServer();
    const speaker = await loggedInClient(url, "1000@seven.local");
    const whole = await loggedInClient(url, "1001@seven.local");
    const both = await loggedInClient(url, "admin@seven.local");
    await speaker.client.request.vertoSubscribe({ eventChannel: sub, sessid: speaker.sessid });
    await whole.client.request.vertoSubscribe({ eventChannel: main, sessid: whole.sessid });
    await both.client.request.vertoSubscribe({ eventChannel: [main, sub], sessid: both.sessid });

    const data = { action: "send", message: "hello", type: "message" } as const;
    await speaker.client.request.vertoBroadcast({ eventChannel: sub, data, sessid: speaker.sessid });
    for (const subscriber of [speaker, whole, both]) {
      expect(await subscriber.received.next("verto.event")).toMatchObject({ eventChannel: sub, data });
    }
    await settle();
    expect(both.received.all("verto.event")).toHaveLength(1);
    expect(whole.received.all("verto.event")).toHaveLength(1);
  });

  it("delivers the application's events on a sub-channel to the main channel's subscribers", async () => {
    const { url, server } = await startVertoServer();
    const whole = await loggedInClient(url, "1000@seven.local");
    await whole.client.request.vertoSubscribe({ eventChannel: "FSevent", sessid: whole.sessid });
    const event = { eventChannel: "FSevent.heartbeat", data: heartbeatData(7), eventSerno: 1 };
    expect(server.toRoom("FSevent.heartbeat", "verto.event", event)).toBe(1);
    expect(await whole.received.next("verto.event")).toEqual(event);
  });

  it("does not deliver to a subscriber whose channel is not the main channel of the event's", async () => {
    const { url, server } = await startVertoServer();
    const speaker = await loggedInClient(url, "1000@seven.local");
    // A text prefix but not at a separator; a sub-channel of the event's (not its main channel); a deeper level.
    const textPrefix = await loggedInClient(url, "1001@seven.local");
    const deeper = await loggedInClient(url, "admin@seven.local");
    await speaker.client.request.vertoSubscribe({ eventChannel: sub, sessid: speaker.sessid });
    await textPrefix.client.request.vertoSubscribe({ eventChannel: "conference", sessid: textPrefix.sessid });
    await deeper.client.request.vertoSubscribe({ eventChannel: `${sub}.x`, sessid: deeper.sessid });

    const data = { action: "send", message: "hello", type: "message" } as const;
    await speaker.client.request.vertoBroadcast({ eventChannel: sub, data, sessid: speaker.sessid });
    expect(await speaker.received.next("verto.event")).toMatchObject({ eventChannel: sub });
    // An event on `conference-chat.…` is not for the `conference-liveArray` main channel.
    expect(server.toRoom("conference-chat.3000-seven.local@seven.local", "verto.event", { eventChannel: "x" })).toBe(0);
    await settle();
    expect(textPrefix.received.all("verto.event")).toEqual([]);
    expect(deeper.received.all("verto.event")).toEqual([]);
  });
});
