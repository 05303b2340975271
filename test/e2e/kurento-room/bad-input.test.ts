import type { KurentoRoomClientMessages, KurentoRoomServerMessages } from "@wiretype/kurento-room/types";
import { describe, expect, it } from "vitest";
import {
  joinedParticipant,
  joinMessage,
  lobbyParticipant,
  rawSocket,
  settle,
  startRoomServer,
  waitFor,
} from "../support/kurento-room.js";

type ErrorFrame = KurentoRoomServerMessages["error"];

const badFrames: readonly { readonly frame: string; readonly kind: string; readonly mentions: string }[] = [
  { frame: "{not json", kind: "malformed-json", mentions: "" },
  { frame: '"joinRoom"', kind: "not-an-object", mentions: "" },
  { frame: JSON.stringify({ userId: "x" }), kind: "missing-key", mentions: "id" },
  { frame: JSON.stringify({ id: "stop" }), kind: "unknown-message", mentions: "stop" },
  {
    frame: JSON.stringify({ id: "audioStateFrom", userId: "mal", audio: "on" }),
    kind: "invalid-message",
    mentions: "audio",
  },
  {
    frame: JSON.stringify({
      id: "onIceCandidate",
      userId: "mal",
      candidate: { candidate: "c", sdpMid: null, sdpMLineIndex: -1 },
    }),
    kind: "invalid-message",
    mentions: "candidate",
  },
  {
    frame: JSON.stringify({ id: "receiveVideoFrom", userId: "mal", sdpOffer: "x".repeat(9_000) }),
    kind: "too-large",
    mentions: "",
  },
];

describe("kurento-room end to end: bad input", () => {
  it("refuses room messages before joinRoom, from a raw socket and from the generated client", async () => {
    const { url, server } = await startRoomServer();
    const ann = await joinedParticipant(url, "ann");
    const raw = await rawSocket(url);
    raw.sendText({ id: "audioStateFrom", userId: "raw", audio: true });
    expect(await raw.next("id", "error")).toMatchObject({ id: "error", kind: "before-session" });
    raw.sendText({ id: "leaveRoom" });
    expect((await raw.next("id", "error")).message).toContain("joinRoom");

    const lobby = await lobbyParticipant(url);
    lobby.client.send.videoStateFrom({ id: "videoStateFrom", userId: "lobby", video: false });
    expect(await lobby.inbox.next("error")).toMatchObject({ kind: "before-session" });
    const existing = await lobby.client.request.joinRoom(joinMessage("lobby"), { timeoutMs: 3_000 });
    expect(existing.members.map((member) => member.userId)).toEqual(["ann"]);
    lobby.client.send.videoStateFrom({ id: "videoStateFrom", userId: "lobby", video: false });
    expect(await ann.inbox.next("videoStateAnswer")).toEqual({ id: "videoStateAnswer", userId: "lobby", video: false });
    await settle();
    expect(ann.inbox.keys()).toEqual(["existingParticipants", "newParticipantArrived", "videoStateAnswer"]);
    expect(raw.closeCode()).toBeUndefined();
    expect(server.connections.size).toBe(3);
  });

  it("answers bad frames of a member with the error frame while the room keeps getting every message", async () => {
    const { url, server } = await startRoomServer({ maxFrameBytes: 4_096 });
    const refused: string[] = [];
    server.onEvent("invalid", (_connection, error) => refused.push(error.kind));
    const ann = await joinedParticipant(url, "ann");
    const bo = await joinedParticipant(url, "bo");
    const raw = await rawSocket(url);
    raw.sendText(joinMessage("mal"));
    await raw.next("id", "existingParticipants");
    await ann.inbox.next("newParticipantArrived");

    let toggles = 0;
    for (const { frame, kind, mentions } of badFrames) {
      bo.client.send.audioStateFrom({ id: "audioStateFrom", userId: "bo", audio: toggles % 2 === 0 });
      toggles += 1;
      raw.sendText(frame);
      const error = (await raw.next("id", "error")) as unknown as ErrorFrame;
      expect(error.kind).toBe(kind);
      expect(error.message).toContain(mentions);
    }
    // The refused member is still a member: its leaveRoom works.
    raw.sendText({ id: "leaveRoom" });
    expect(await ann.inbox.next("participantLeft")).toEqual({ id: "participantLeft", userId: "mal" });
    await waitFor(
      () => (ann.inbox.all("audioStateAnswer").length >= toggles ? true : undefined),
      3_000,
      "bo's toggles",
    );
    await settle();
    const states = ann.inbox.all("audioStateAnswer").map((answer) => answer.audio);
    expect(states).toEqual(badFrames.map((_, index) => index % 2 === 0));
    expect(refused).toEqual(badFrames.map((bad) => bad.kind));
    expect(raw.closeCode()).toBeUndefined();
    expect(ann.inbox.all("error")).toEqual([]);
    expect(bo.inbox.all("error")).toEqual([]);
  });

  it("answers the generated client's own bad messages with error frames and keeps it in the room", async () => {
    const { url } = await startRoomServer({ maxFrameBytes: 4_096 });
    const ann = await joinedParticipant(url, "ann");
    const bo = await joinedParticipant(url, "bo");
    // Types forbid these: cast, as a JavaScript caller could send them.
    bo.client.send.videoStateFrom({
      id: "videoStateFrom",
      userId: "bo",
      video: "off",
    } as unknown as KurentoRoomClientMessages["videoStateFrom"]);
    bo.client.sendMessage(
      "hangUp" as "leaveRoom",
      { id: "hangUp" } as unknown as KurentoRoomClientMessages["leaveRoom"],
    );
    bo.client.send.receiveVideoFrom({ id: "receiveVideoFrom", userId: "ann", sdpOffer: "v".repeat(10_000) });
    bo.client.send.videoStateFrom({ id: "videoStateFrom", userId: "bo", video: false });
    expect((await bo.inbox.next("error")).kind).toBe("invalid-message");
    expect((await bo.inbox.next("error")).kind).toBe("unknown-message");
    expect((await bo.inbox.next("error")).kind).toBe("too-large");
    expect(await ann.inbox.next("videoStateAnswer")).toEqual({ id: "videoStateAnswer", userId: "bo", video: false });
    await settle();
    expect(ann.inbox.all("videoStateAnswer")).toHaveLength(1);
    expect(ann.inbox.all("error")).toEqual([]);
    expect(bo.client.state).toBe("open");
  });
});
