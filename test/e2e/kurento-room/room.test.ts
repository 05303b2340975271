import { describe, expect, it } from "vitest";
import { joinedParticipant, lobbyParticipant, settle, startRoomServer, waitFor } from "../support/kurento-room.js";

const sdpAnswer = "v=0\r\no=- 3852684837 3852684837 IN IP4 0.0.0.0\r\ns=Kurento Media Server\r\nt=0 0\r\n";
const serverCandidate = {
  candidate: "candidate:1 1 udp 2122194687 10.0.0.1 63192 typ host generation 0",
  sdpMid: "0",
  sdpMLineIndex: 0,
};
/** Requests give up well within the test's time. */
const quick = { timeoutMs: 3_000 };
const offer = (userId: string) => `v=0\r\no=- 4993863236499815601 2 IN IP4 127.0.0.1\r\ns=${userId}\r\nt=0 0\r\n`;

/** A room server with the media part an application supplies: a fixed SDP answer and server candidates. */
async function mediaServer() {
  const started = await startRoomServer();
  const offers: { userId: string; sdpOffer: string }[] = [];
  const clientCandidates: unknown[] = [];
  started.server.on("receiveVideoFrom", (message, context) => {
    offers.push({ userId: message.userId, sdpOffer: message.sdpOffer });
    context.reply({ id: "receiveVideoAnswer", userId: message.userId, sdpAnswer });
    context.connection.send("iceCandidate", { id: "iceCandidate", userId: message.userId, candidate: serverCandidate });
    return undefined;
  });
  started.server.on("onIceCandidate", (message) => {
    clientCandidates.push(message.candidate);
    return { id: "iceCandidate", userId: message.userId, candidate: { ...serverCandidate, sdpMLineIndex: 1 } };
  });
  return { ...started, offers, clientCandidates };
}

describe("kurento-room end to end: joining", () => {
  it("lists the participants already there with their audio/video state and announces the newcomer", async () => {
    const { url } = await startRoomServer();
    const ann = await joinedParticipant(url, "ann", { video: true, audio: false });
    expect(ann.inbox.all("existingParticipants")).toEqual([{ id: "existingParticipants", members: [] }]);
    const bo = await joinedParticipant(url, "bo", { video: false, audio: true });
    expect(bo.inbox.all("existingParticipants")[0]?.members).toEqual([{ userId: "ann", video: true, audio: false }]);
    const cy = await joinedParticipant(url, "cy");
    const members = cy.inbox.all("existingParticipants")[0]?.members ?? [];
    expect([...members].sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: "ann", video: true, audio: false },
      { userId: "bo", video: false, audio: true },
    ]);
    expect(await ann.inbox.next("newParticipantArrived")).toEqual({
      id: "newParticipantArrived",
      member: { userId: "bo", video: false, audio: true },
    });
    expect((await ann.inbox.next("newParticipantArrived")).member.userId).toBe("cy");
    expect((await bo.inbox.next("newParticipantArrived")).member).toEqual({ userId: "cy", video: true, audio: true });
    await settle();
    expect(ann.inbox.all("newParticipantArrived")).toHaveLength(2);
    expect(bo.inbox.all("newParticipantArrived")).toHaveLength(1);
    expect(cy.inbox.all("newParticipantArrived")).toEqual([]);
    expect(JSON.stringify(ann.inbox.all("newParticipantArrived"))).not.toContain("token");
  });

  it("keeps a second room isolated from the first", async () => {
    const { url } = await startRoomServer();
    const ann = await joinedParticipant(url, "ann");
    const eve = await joinedParticipant(url, "eve", { roomId: "c-10" });
    expect(eve.inbox.all("existingParticipants")[0]?.members).toEqual([]);
    const bo = await joinedParticipant(url, "bo");
    const fay = await joinedParticipant(url, "fay", { roomId: "c-10" });
    expect(bo.inbox.all("existingParticipants")[0]?.members.map((member) => member.userId)).toEqual(["ann"]);
    expect(fay.inbox.all("existingParticipants")[0]?.members.map((member) => member.userId)).toEqual(["eve"]);
    bo.client.send.audioStateFrom({ id: "audioStateFrom", userId: "bo", audio: false });
    fay.client.send.videoStateFrom({ id: "videoStateFrom", userId: "fay", video: false });
    expect(await ann.inbox.next("audioStateAnswer")).toEqual({ id: "audioStateAnswer", userId: "bo", audio: false });
    expect(await eve.inbox.next("videoStateAnswer")).toEqual({ id: "videoStateAnswer", userId: "fay", video: false });
    await expect(bo.client.request.leaveRoom({ id: "leaveRoom" })).resolves.toEqual({
      id: "participantLeft",
      userId: "bo",
    });
    expect(await ann.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "bo" });
    await settle();
    expect(ann.inbox.keys()).toEqual([
      "existingParticipants",
      "newParticipantArrived",
      "audioStateAnswer",
      "participantLeft",
    ]);
    expect(eve.inbox.keys()).toEqual(["existingParticipants", "newParticipantArrived", "videoStateAnswer"]);
  });
});

describe("kurento-room end to end: media negotiation", () => {
  it("answers receiveVideoFrom for itself and each participant with the app's SDP, in order", async () => {
    const { url, offers } = await mediaServer();
    const ann = await joinedParticipant(url, "ann");
    const bo = await joinedParticipant(url, "bo");
    const others = bo.inbox.all("existingParticipants")[0]?.members.map((member) => member.userId) ?? [];
    const answers = await Promise.all(
      ["bo", ...others].map((userId) =>
        bo.client.request.receiveVideoFrom({ id: "receiveVideoFrom", userId, sdpOffer: offer(userId) }, quick),
      ),
    );
    expect(answers).toEqual([
      { id: "receiveVideoAnswer", userId: "bo", sdpAnswer },
      { id: "receiveVideoAnswer", userId: "ann", sdpAnswer },
    ]);
    expect(offers).toEqual([
      { userId: "bo", sdpOffer: offer("bo") },
      { userId: "ann", sdpOffer: offer("ann") },
    ]);
    // The server trickles its candidates after each answer.
    expect(await bo.inbox.next("iceCandidate")).toEqual({
      id: "iceCandidate",
      userId: "bo",
      candidate: serverCandidate,
    });
    expect((await bo.inbox.next("iceCandidate")).userId).toBe("ann");
    await settle();
    expect(ann.inbox.all("receiveVideoAnswer")).toEqual([]);
    expect(ann.inbox.all("iceCandidate")).toEqual([]);
  });

  it("passes the client's candidates to the app and sends the app's iceCandidate back", async () => {
    const { url, clientCandidates } = await mediaServer();
    const ann = await joinedParticipant(url, "ann");
    const candidate = {
      candidate: "candidate:2776107695 1 udp 2122194687 192.168.0.137 64922 typ host generation 0",
      sdpMid: "0",
      sdpMLineIndex: 0,
      usernameFragment: "aKkH",
    };
    const answer = await ann.client.request.onIceCandidate({ id: "onIceCandidate", userId: "ann", candidate }, quick);
    expect(answer).toEqual({ id: "iceCandidate", userId: "ann", candidate: { ...serverCandidate, sdpMLineIndex: 1 } });
    expect(clientCandidates).toEqual([candidate]);
  });
});

describe("kurento-room end to end: state changes and leaving", () => {
  it("answers an audio/video state change to the sender and tells the rest of the room", async () => {
    const { url } = await startRoomServer();
    const ann = await joinedParticipant(url, "ann");
    const bo = await joinedParticipant(url, "bo");
    const cy = await joinedParticipant(url, "cy");
    const video = await ann.client.request.videoStateFrom({ id: "videoStateFrom", userId: "ann", video: false }, quick);
    expect(video).toEqual({ id: "videoStateAnswer", userId: "ann", video: false });
    expect(await bo.inbox.next("videoStateAnswer")).toEqual(video);
    expect(await cy.inbox.next("videoStateAnswer")).toEqual(video);
    const audio = await bo.client.request.audioStateFrom({ id: "audioStateFrom", userId: "bo", audio: false }, quick);
    expect(audio).toEqual({ id: "audioStateAnswer", userId: "bo", audio: false });
    expect(await ann.inbox.next("audioStateAnswer")).toEqual(audio);
    expect(await cy.inbox.next("audioStateAnswer")).toEqual(audio);
    await settle();
    expect(ann.inbox.all("videoStateAnswer")).toHaveLength(1);
    expect(bo.inbox.all("audioStateAnswer")).toHaveLength(1);
    expect(cy.inbox.all("videoStateAnswer")).toHaveLength(1);
  });

  it("answers leaveRoom with participantLeft to the leaver and the room (the document's pairing), once each", async () => {
    const { url, server } = await startRoomServer();
    const ann = await joinedParticipant(url, "ann");
    const bo = await joinedParticipant(url, "bo");
    const cy = await joinedParticipant(url, "cy");
    await expect(bo.client.request.leaveRoom({ id: "leaveRoom" })).resolves.toEqual({
      id: "participantLeft",
      userId: "bo",
    });
    expect(await ann.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "bo" });
    expect(await cy.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "bo" });
    await cy.client.close();
    expect(await ann.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "cy" });
    await waitFor(() => (server.connections.size === 2 ? true : undefined), 2_000, "cy's connection to go");
    const dan = await joinedParticipant(url, "dan");
    expect(dan.inbox.all("existingParticipants")[0]?.members.map((member) => member.userId)).toEqual(["ann"]);
    await settle();
    expect(bo.inbox.all("participantLeft")).toEqual([{ id: "participantLeft", userId: "bo" }]);
    expect(ann.inbox.all("participantLeft")).toHaveLength(2);
    expect(bo.inbox.all("newParticipantArrived")).toHaveLength(1);
  });

  it("lets a client join after connecting without a handshake option", async () => {
    const { url } = await startRoomServer();
    const ann = await joinedParticipant(url, "ann");
    const late = await lobbyParticipant(url);
    const existing = await late.client.request.joinRoom(
      {
        id: "joinRoom",
        token: "t",
        userId: "late",
        communityId: "0",
        roomId: "r-5",
        video: false,
        audio: false,
      },
      quick,
    );
    expect(existing).toEqual({ id: "existingParticipants", members: [{ userId: "ann", video: true, audio: true }] });
    expect(await ann.inbox.next("newParticipantArrived")).toMatchObject({ member: { userId: "late" } });
  });
});
