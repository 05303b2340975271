import { isChannelPvtData, isConferenceChatCommand, isHeartbeatEventData } from "@wiretype/verto/guards";
import type { VertoEvent } from "@wiretype/verto/types";
import { describe, expect, it } from "vitest";
import { heartbeatData, loggedInClient, type Received, settle, startVertoServer } from "../support/verto.js";

const heartbeat = "FSevent.heartbeat";
const chat = "conference-chat.3000-seven.local@seven.local";
const info = "conference-info.3000-seven.local@seven.local";

const on = (received: Received, channel: string): VertoEvent[] =>
  received.all("verto.event").filter((event) => event.eventChannel === channel);

describe("verto e2e: subscriptions and events", () => {
  it("subscribes to one channel or a list, and answers with subscribedChannels", async () => {
    const { url } = await startVertoServer();
    const single = await loggedInClient(url, "1000@seven.local");
    const list = await loggedInClient(url, "1001@seven.local");
    expect(await single.client.request.vertoSubscribe({ eventChannel: heartbeat, sessid: single.sessid })).toEqual({
      subscribedChannels: [heartbeat],
      sessid: single.sessid,
    });
    expect(await list.client.request.vertoSubscribe({ eventChannel: [chat, info], sessid: list.sessid })).toEqual({
      subscribedChannels: [chat, info],
      sessid: list.sessid,
    });
  });

  it("delivers verto.event to the subscribers of its channel only, and each subscriber acknowledges it", async () => {
    const { url, server } = await startVertoServer();
    const first = await loggedInClient(url, "1000@seven.local");
    const second = await loggedInClient(url, "1001@seven.local");
    const outsider = await loggedInClient(url, "admin@seven.local");
    await first.client.request.vertoSubscribe({ eventChannel: heartbeat, sessid: first.sessid });
    await second.client.request.vertoSubscribe({ eventChannel: [heartbeat, chat], sessid: second.sessid });

    const event = { eventChannel: heartbeat, data: heartbeatData(62396), eventSerno: 93 };
    expect(server.toRoom(heartbeat, "verto.event", event)).toBe(2);
    for (const subscriber of [first, second]) {
      const received = await subscriber.received.next("verto.event");
      expect(received).toEqual(event);
      expect(isHeartbeatEventData(received.data)).toBe(true);
      const asked = subscriber.wire.received.find((frame) => frame.method === "verto.event");
      expect(subscriber.wire.sent).toContainEqual({ jsonrpc: "2.0", id: asked?.id, result: { method: "verto.event" } });
    }
    await settle();
    expect(outsider.received.all("verto.event")).toEqual([]);
    expect(on(second.received, heartbeat)).toHaveLength(1);
  });

  it("sends private events (channelPvtData) to the connection's own sessid channel", async () => {
    const { url, server } = await startVertoServer();
    const caller = await loggedInClient(url, "1000@seven.local");
    const other = await loggedInClient(url, "1001@seven.local");
    const pvtData = {
      callID: "be5d95cb-7612-801f-c642-9c4fa6b451c1",
      action: "conference-liveArray-join",
      laChannel: "conference-liveArray.723773739@seven.local",
      laName: "723773739",
      role: "moderator",
      chatID: "conf+723773739@seven.local",
      conferenceMemberID: "77",
      canvasCount: 1,
      modChannel: "conference-mod.723773739@seven.local",
      chatChannel: "conference-chat.723773739@seven.local",
      infoChannel: "conference-info.723773739@seven.local",
    };
    const event = { pvtData, eventChannel: caller.sessid, eventType: "channelPvtData", eventSerno: 0 };
    expect(server.sendToPresence(caller.sessid, "verto.event", event)).toBe(1);
    const received = await caller.received.next("verto.event");
    expect(received).toEqual(event);
    expect(received.eventType).toBe("channelPvtData");
    expect(isChannelPvtData(received.pvtData)).toBe(true);
    await settle();
    expect(other.received.all("verto.event")).toEqual([]);
  });

  it("accepts the LiveArray bootstrap a client sends as verto.event, as the document shows, and relays it", async () => {
    const { url } = await startVertoServer();
    const laChannel = "conference-liveArray.723773739@seven.local";
    const manager = await loggedInClient(url, "admin@seven.local");
    const listener = await loggedInClient(url, "1001@seven.local");
    for (const peer of [manager, listener]) {
      await peer.client.request.vertoSubscribe({ eventChannel: laChannel, sessid: peer.sessid });
    }
    const liveArray = { command: "bootstrap", context: laChannel, name: "723773739", obj: {} } as const;
    const sent = { eventChannel: laChannel, data: { liveArray }, sessid: manager.sessid };
    const answer = await manager.client.request.vertoEvent({
      ...sent,
      userid: "admin@seven.local",
      fromDisplay: "admin",
      eventSerno: 0,
    });
    expect(answer).toMatchObject({ sessid: manager.sessid });
    for (const subscriber of [manager, listener]) {
      expect(await subscriber.received.next("verto.event")).toMatchObject(sent);
    }
  });

  it("relays verto.broadcast to every subscriber of the channel, the sender included, and to a sessid channel", async () => {
    const { url } = await startVertoServer();
    const speaker = await loggedInClient(url, "1000@seven.local");
    const listener = await loggedInClient(url, "1001@seven.local");
    const outsider = await loggedInClient(url, "admin@seven.local");
    await speaker.client.request.vertoSubscribe({ eventChannel: chat, sessid: speaker.sessid });
    await listener.client.request.vertoSubscribe({ eventChannel: [chat], sessid: listener.sessid });

    const data = { action: "send", message: "hello", type: "message" } as const;
    const answer = await speaker.client.request.vertoBroadcast({ eventChannel: chat, data, sessid: speaker.sessid });
    expect(answer).toMatchObject({ sessid: speaker.sessid });
    for (const subscriber of [speaker, listener]) {
      const relayed = await subscriber.received.next("verto.event");
      expect(relayed).toMatchObject({ eventChannel: chat, data, sessid: speaker.sessid });
      expect(isConferenceChatCommand(relayed.data)).toBe(true);
    }

    // A broadcast on a sessid reaches that connection only (its implicit private channel).
    const direct = { action: "send", message: "just you", type: "message" } as const;
    await outsider.client.request.vertoBroadcast({
      eventChannel: listener.sessid,
      data: direct,
      sessid: outsider.sessid,
    });
    expect(await listener.received.next("verto.event")).toMatchObject({ eventChannel: listener.sessid, data: direct });

    // After unsubscribing, the listener gets nothing more on the channel.
    await listener.client.request.vertoUnsubscribe({ eventChannel: chat, sessid: listener.sessid });
    await speaker.client.request.vertoBroadcast({ eventChannel: chat, data, sessid: speaker.sessid });
    expect(await speaker.received.next("verto.event")).toMatchObject({ eventChannel: chat });
    await settle();
    expect(on(listener.received, chat)).toHaveLength(1);
    expect(outsider.received.all("verto.event")).toEqual([]);
  });
});
