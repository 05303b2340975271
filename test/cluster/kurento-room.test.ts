import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinedParticipant, settle, waitFor } from "../e2e/support/kurento-room.js";
import { redisAvailable } from "../support/redis-server.js";
import { startCluster, type TestCluster } from "./support/cluster.js";

/** Lets a membership change published on one node reach the others (Redis pub/sub on loopback). */
const converge = () => settle(200);
const expiryMs = 1_500;

describe.skipIf(!redisAvailable())("kurento-room cluster: one room split over three nodes", () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster("kurento-room", expiryMs);
  }, 30_000);
  afterAll(() => cluster?.stop());
  const url = (index: number) => cluster.nodes[index]?.url ?? "";

  it("lists participants on other nodes, announces arrivals, state changes and departures across nodes", async () => {
    const ann = await joinedParticipant(url(0), "ann", { roomId: "r-1", video: true, audio: false });
    await converge();
    const bo = await joinedParticipant(url(1), "bo", { roomId: "r-1", video: false, audio: true });
    expect(bo.inbox.all("existingParticipants")[0]?.members).toEqual([{ userId: "ann", video: true, audio: false }]);
    expect(await ann.inbox.next("newParticipantArrived")).toEqual({
      id: "newParticipantArrived",
      member: { userId: "bo", video: false, audio: true },
    });
    await converge();
    const cy = await joinedParticipant(url(2), "cy", { roomId: "r-1" });
    const members = cy.inbox.all("existingParticipants")[0]?.members ?? [];
    expect(members.map((member) => member.userId).sort()).toEqual(["ann", "bo"]);
    expect((await bo.inbox.next("newParticipantArrived")).member.userId).toBe("cy");

    bo.client.send.audioStateFrom({ id: "audioStateFrom", userId: "bo", audio: false });
    for (const participant of [ann, bo, cy]) {
      expect(await participant.inbox.next("audioStateAnswer")).toEqual({
        id: "audioStateAnswer",
        userId: "bo",
        audio: false,
      });
    }
    await expect(bo.client.request.leaveRoom({ id: "leaveRoom" })).resolves.toEqual({
      id: "participantLeft",
      userId: "bo",
    });
    expect(await ann.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "bo" });
    expect(await cy.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "bo" });
    cy.client.close();
    expect(await ann.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "cy" });
    await settle();
    expect(ann.inbox.all("newParticipantArrived")).toHaveLength(2);
    expect(ann.inbox.all("participantLeft")).toHaveLength(2);
  });

  it("keeps rooms apart across nodes", async () => {
    const eve = await joinedParticipant(url(0), "eve", { roomId: "c-2" });
    const fay = await joinedParticipant(url(1), "fay", { roomId: "r-3" });
    await converge();
    const gil = await joinedParticipant(url(2), "gil", { roomId: "c-2" });
    expect(gil.inbox.all("existingParticipants")[0]?.members.map((member) => member.userId)).toEqual(["eve"]);
    expect((await eve.inbox.next("newParticipantArrived")).member.userId).toBe("gil");
    await settle();
    expect(fay.inbox.all("newParticipantArrived")).toEqual([]);
  });

  it("a SIGKILLed node's participants leave the room for the others within expiryMs", async () => {
    const hal = await joinedParticipant(url(0), "hal", { roomId: "r-9" });
    const ivy = await joinedParticipant(url(1), "ivy", { roomId: "r-9" });
    await joinedParticipant(url(2), "jo", { roomId: "r-9" });
    expect((await hal.inbox.next("newParticipantArrived")).member.userId).toBe("ivy");
    expect((await hal.inbox.next("newParticipantArrived")).member.userId).toBe("jo");
    const killedAt = Date.now();
    await cluster.nodes[2]?.kill();
    const left = await Promise.all([hal, ivy].map((participant) => participant.inbox.next("participantLeft", 5_000)));
    const tookMs = Date.now() - killedAt;
    expect(left).toEqual([
      { id: "participantLeft", userId: "jo" },
      { id: "participantLeft", userId: "jo" },
    ]);
    // Within the expiry (plus the time the test itself takes to notice, under load).
    expect(tookMs).toBeLessThan(expiryMs + 500);
    await settle();
    expect(hal.inbox.all("participantLeft")).toHaveLength(1);
    const newcomer = await joinedParticipant(url(1), "kim", { roomId: "r-9" });
    expect(
      newcomer.inbox
        .all("existingParticipants")[0]
        ?.members.map((member) => member.userId)
        .sort(),
    ).toEqual(["hal", "ivy"]);
    await waitFor(() => (cluster.nodes[0]?.events.some((event) => event.kind === "node-left") ? true : undefined));
  });
});
