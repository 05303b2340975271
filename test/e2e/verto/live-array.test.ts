import {
  isChannelPvtData,
  isCmanBootstrapRequest,
  isLiveArrayAdd,
  isLiveArrayBootObj,
  isLiveArrayDel,
  isLiveArrayModify,
  isLiveArrayRequest,
  isMemberStatus,
  isXccMember,
} from "@wiretype/verto/guards";
import type { VertoServer } from "@wiretype/verto/server";
import type { LiveArrayBootObj, MemberTuple, VertoEvent, XccMember } from "@wiretype/verto/types";
import { describe, expect, it } from "vitest";
import { loggedInClient, type Received, settle, startVertoServer } from "../support/verto.js";

const laChannel = "conference-liveArray.3000-seven.local@seven.local";
const xccChannel = "conference-liveArray.716418825-xswitch.cn@xswitch.cn";
const hashKey = "8844c7ba-1a9b-0578-ed3f-419f6829981c";

const status = (floor: boolean, oldStatus: string) =>
  JSON.stringify({
    audio: { muted: false, deaf: false, onHold: false, talking: false, floor, energyScore: 0 },
    video: false,
    oldStatus,
    isModerator: true,
  });
const member = (floor: boolean, oldStatus: string): MemberTuple => [
  "0002",
  "admin",
  "Admin",
  "opus@48000",
  status(floor, oldStatus),
  {},
  null,
];

const freeswitchBoot: LiveArrayBootObj = {
  action: "bootObj",
  name: "3000-seven.local",
  wireSerno: -1,
  data: [
    ["be5d95cb-7612-801f-c642-9c4fa6b451c1", ["0077", "admin", "Admin", "opus@48000", status(true, "FLOOR"), {}, null]],
  ],
};

const xccMember: XccMember = {
  memberID: "142",
  cidNumber: "1001",
  cidName: "1001",
  codec: "",
  status: { audio: { talking: false, deaf: false, muted: false, onHold: false, energyScore: 0, floor: false } },
  email: "",
  node_uuid: "1407beec-b94a-43c1-bf9e-a222b146d786",
  active: false,
  uuid: "743d92d9-6bd8-6f9b-0916-9ea325a324dc",
};

/**
 * The application's LiveArray handling (the conference module's part): a `bootstrap` command is relayed
 * to the channel and answered with the full list to the requester only; XCC's `cman.bootstrap` gets pvtData on the requester's sessid
 * channel and the list in XCC object form; anything else is relayed to the channel as usual.
 */
function serveLiveArrays(server: VertoServer): void {
  server.on("verto.broadcast", (params, context) => {
    const sessid = context.connection.presenceKey ?? "";
    const toSender = (event: VertoEvent) => context.sendTo(context.connection.id, "verto.event", event);
    if (isLiveArrayRequest(params.data) && params.data.liveArray.command === "bootstrap") {
      context.reply({ sessid });
      context.runDefaults(); // the command itself is relayed to the channel, as mod_verto does
      toSender({ eventChannel: params.eventChannel, sessid, eventSerno: 0, data: freeswitchBoot });
      return undefined;
    }
    if (params.eventChannel === "cman.bootstrap" && isCmanBootstrapRequest(params.data)) {
      const { conferenceName, domain } = params.data;
      context.reply({ sessid });
      const laName = `${conferenceName}-${domain}`;
      // Every member the document shows is required; XCC derives them from the conference name and domain.
      const pvtData = {
        callID: xccMember.uuid,
        action: "conference-liveArray-join",
        laChannel: xccChannel,
        laName,
        role: "moderator",
        chatID: `conf+${laName}@${domain}`,
        conferenceMemberID: xccMember.memberID,
        canvasCount: 1,
        modChannel: `conference-mod.${laName}@${domain}`,
        chatChannel: `conference-chat.${laName}@${domain}`,
        infoChannel: `conference-info.${laName}@${domain}`,
      };
      toSender({ eventChannel: sessid, eventType: "channelPvtData", pvtData, eventSerno: 0 });
      const boot: LiveArrayBootObj = {
        action: "bootObj",
        name: laName,
        data: [[xccMember.uuid, xccMember]],
        wireSerno: -1,
      };
      toSender({ eventChannel: xccChannel, sessid, data: boot });
      return undefined;
    }
    context.runDefaults();
    return undefined;
  });
}

/** The `index`-th verto.event a client received on a channel (waiting for it). */
async function eventOn(received: Received, channel: string, index: number): Promise<VertoEvent> {
  await expect.poll(() => events(received, channel).length, { timeout: 3_000 }).toBeGreaterThan(index);
  const event = events(received, channel)[index];
  if (event === undefined) throw new Error(`no event ${index} on ${channel}`);
  return event;
}

const nextData = async (received: Received, channel: string, index: number): Promise<unknown> =>
  (await eventOn(received, channel, index)).data;

const events = (received: Received, channel: string) =>
  received.all("verto.event").filter((event) => event.eventChannel === channel);

describe("verto e2e: LiveArray", () => {
  it("bootstraps to the requester (bootObj), then add/modify/del reach every subscriber typed", async () => {
    const { url, server } = await startVertoServer();
    serveLiveArrays(server);
    const requester = await loggedInClient(url, "1000@seven.local");
    const watcher = await loggedInClient(url, "1001@seven.local");
    for (const { client, sessid } of [requester, watcher]) {
      await client.request.vertoSubscribe({ eventChannel: laChannel, sessid });
    }
    const liveArray = { command: "bootstrap", context: laChannel, name: "3000-seven.local", obj: {} } as const;
    const sessid = requester.sessid;
    expect(
      await requester.client.request.vertoBroadcast({ eventChannel: laChannel, data: { liveArray }, sessid }),
    ).toEqual({
      sessid,
    });

    for (const { received } of [requester, watcher]) {
      const relayed = await eventOn(received, laChannel, 0);
      expect(relayed.sessid).toBe(sessid);
      expect(isLiveArrayRequest(relayed.data) && relayed.data.liveArray.command).toBe("bootstrap");
    }
    const boot = await nextData(requester.received, laChannel, 1);
    if (!isLiveArrayBootObj(boot)) throw new Error("expected a bootObj");
    expect(boot.wireSerno).toBe(-1);
    const [key, row] = boot.data[0] ?? [];
    expect(key).toBe("be5d95cb-7612-801f-c642-9c4fa6b451c1");
    if (!Array.isArray(row)) throw new Error("expected the FreeSWITCH array form");
    expect(row[0]).toBe("0077");
    expect(typeof row[4] === "string" && isMemberStatus(JSON.parse(row[4]))).toBe(true);

    const updates = [
      { action: "add", arrIndex: 0, name: "3000-seven.local", hashKey, wireSerno: 1, data: member(false, "ACTIVE") },
      { action: "modify", name: "3000-seven.local", hashKey, wireSerno: 2, data: member(true, "FLOOR") },
      { action: "del", name: "3000-seven.local", hashKey, wireSerno: 4, data: member(true, "FLOOR") },
    ] as const;
    for (const data of updates)
      expect(server.toRoom(laChannel, "verto.event", { eventChannel: laChannel, data })).toBe(2);

    for (const { received } of [requester, watcher]) {
      const offset = received === requester.received ? 2 : 1;
      const add = await nextData(received, laChannel, offset);
      const modify = await nextData(received, laChannel, offset + 1);
      const del = await nextData(received, laChannel, offset + 2);
      if (!isLiveArrayAdd(add) || !isLiveArrayModify(modify) || !isLiveArrayDel(del)) throw new Error("untyped update");
      expect([add.arrIndex, add.hashKey, add.wireSerno]).toEqual([0, hashKey, 1]);
      expect([modify.hashKey, modify.wireSerno]).toEqual([hashKey, 2]);
      expect([del.hashKey, del.wireSerno]).toEqual([hashKey, 4]);
      if (!Array.isArray(modify.data)) throw new Error("expected the FreeSWITCH array form");
      const modified = modify.data[4];
      expect(typeof modified === "string" && JSON.parse(modified).oldStatus).toBe("FLOOR");
    }
    await settle();
    // Only the requester got the bootObj; the watcher got the relayed command and exactly the three updates.
    expect(events(requester.received, laChannel)).toHaveLength(5);
    expect(events(watcher.received, laChannel).map((event) => event.data)).toEqual([{ liveArray }, ...updates]);
  });

  it("answers the XCC cman.bootstrap with pvtData on the sessid channel and a bootObj in object form", async () => {
    const { url, server } = await startVertoServer();
    serveLiveArrays(server);
    const browser = await loggedInClient(url, "1000@seven.local");
    const other = await loggedInClient(url, "1001@seven.local");
    const data = { conferenceName: "716418825", domain: "xswitch.cn" };
    const { sessid } = browser;
    await browser.client.request.vertoBroadcast({ eventChannel: "cman.bootstrap", data, sessid });

    const pvtEvent = await eventOn(browser.received, sessid, 0);
    expect(pvtEvent).toMatchObject({ eventChannel: sessid, eventType: "channelPvtData" });
    expect(isChannelPvtData(pvtEvent.pvtData) && pvtEvent.pvtData.laChannel).toBe(xccChannel);

    const boot = await nextData(browser.received, xccChannel, 0);
    if (!isLiveArrayBootObj(boot)) throw new Error("expected a bootObj");
    const row = boot.data[0];
    const xcc = row?.[1];
    if (!isXccMember(xcc)) throw new Error("expected the XCC object form");
    expect(xcc.node_uuid).toBe("1407beec-b94a-43c1-bf9e-a222b146d786");
    expect(xcc.status.audio.floor).toBe(false);
    await settle();
    expect(other.received.all("verto.event")).toEqual([]);
  });
});
