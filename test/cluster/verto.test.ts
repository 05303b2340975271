import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedInClient, settle } from "../e2e/support/verto.js";
import { redisAvailable } from "../support/redis-server.js";
import { startCluster, type TestCluster } from "./support/cluster.js";

/** Lets a subscription made on one node reach the others (Redis pub/sub on loopback). */
const converge = () => settle(200);
const chat = "conference-chat.3000@seven.local";
const laMain = "conference-liveArray";
const laChannel = "conference-liveArray.3000-seven.local@seven.local";

describe.skipIf(!redisAvailable())("verto cluster: event channels and LiveArray over three nodes", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster("verto");
  }, 30_000);
  afterAll(() => cluster?.stop());
  const url = (index: number) => cluster.nodes[index]?.url ?? "";

  it("relays verto.broadcast to the channel's subscribers on every node, the sender included", async () => {
    const speaker = await loggedInClient(url(0), "1000@seven.local");
    const listener = await loggedInClient(url(1), "1001@seven.local");
    const outsider = await loggedInClient(url(2), "admin@seven.local");
    await speaker.client.request.vertoSubscribe({ eventChannel: chat, sessid: speaker.sessid });
    await listener.client.request.vertoSubscribe({ eventChannel: [chat], sessid: listener.sessid });
    await converge();
    const data = { action: "send", message: "hello", type: "message" } as const;
    await speaker.client.request.vertoBroadcast({ eventChannel: chat, data, sessid: speaker.sessid });
    for (const subscriber of [speaker, listener]) {
      expect(await subscriber.received.next("verto.event")).toMatchObject({ eventChannel: chat, data });
    }
    // A broadcast on a sessid channel reaches that connection on its own node.
    const direct = { action: "send", message: "just you", type: "message" } as const;
    await outsider.client.request.vertoBroadcast({
      eventChannel: listener.sessid,
      data: direct,
      sessid: outsider.sessid,
    });
    expect(await listener.received.next("verto.event")).toMatchObject({ data: direct });
    await settle();
    expect(outsider.received.all("verto.event")).toEqual([]);
  });

  it("sends the application's LiveArray updates from one node to subscribers on the others (main channel too)", async () => {
    const member = await loggedInClient(url(0), "1000@seven.local");
    const watcher = await loggedInClient(url(1), "1001@seven.local");
    await member.client.request.vertoSubscribe({ eventChannel: laChannel, sessid: member.sessid });
    await watcher.client.request.vertoSubscribe({ eventChannel: laMain, sessid: watcher.sessid });
    await converge();
    const liveArray = { action: "add", arrIndex: 0, name: "3000-seven.local", hashKey: "k", wireSerno: 1, data: [] };
    const event = { eventChannel: laChannel, eventType: "liveArray", data: liveArray, eventSerno: 1 };
    expect(await cluster.nodes[2]?.ask({ type: "toRoom", room: laChannel, key: "verto.event", message: event })).toBe(
      2,
    );
    for (const subscriber of [member, watcher]) {
      expect(await subscriber.received.next("verto.event")).toMatchObject({ eventChannel: laChannel, data: liveArray });
    }
    const pvtData = {
      callID: "be5d95cb-7612-801f-c642-9c4fa6b451c1",
      action: "conference-liveArray-join",
      laChannel,
      laName: "3000-seven.local",
      role: "moderator",
      chatID: "conf+3000@seven.local",
      conferenceMemberID: "77",
      canvasCount: 1,
      modChannel: "conference-mod.3000@seven.local",
      chatChannel: chat,
      infoChannel: "conference-info.3000@seven.local",
    };
    const pvt = { pvtData, eventChannel: member.sessid, eventType: "channelPvtData", eventSerno: 0 };
    const sent = await cluster.nodes[1]?.ask({
      type: "sendToPresence",
      room: member.sessid,
      key: "verto.event",
      message: pvt,
    });
    expect(sent).toBe(1);
    expect(await member.received.next("verto.event")).toMatchObject({ eventChannel: member.sessid });
  });

  it("stops relaying to a client that unsubscribed on its node", async () => {
    const speaker = await loggedInClient(url(2), "1000@seven.local");
    const listener = await loggedInClient(url(0), "1001@seven.local");
    const channel = "conference-chat.4000@seven.local";
    await listener.client.request.vertoSubscribe({ eventChannel: channel, sessid: listener.sessid });
    await converge();
    const data = { action: "send", message: "one", type: "message" } as const;
    await speaker.client.request.vertoBroadcast({ eventChannel: channel, data, sessid: speaker.sessid });
    expect(await listener.received.next("verto.event")).toMatchObject({ data });
    await listener.client.request.vertoUnsubscribe({ eventChannel: channel, sessid: listener.sessid });
    await converge();
    await speaker.client.request.vertoBroadcast({
      eventChannel: channel,
      data: { ...data, message: "two" },
      sessid: speaker.sessid,
    });
    await settle();
    expect(listener.received.all("verto.event")).toHaveLength(1);
  });
});
