import { describe, expect, it } from "vitest";
import { joinedParticipant, settle, startRoomServer } from "../support/kurento-room.js";

/** Requests give up well within the test's time. */
const quick = { timeoutMs: 3_000 };

// The document types videoStateFrom.video as String ("true"/"false") and videoStateAnswer.video as boolean.
const spellings = [
  { sent: "true", relayed: true },
  { sent: "false", relayed: false },
  { sent: true, relayed: true },
  { sent: false, relayed: false },
] as const;

describe("kurento-room end to end: a video state in either spelling", () => {
  it.each(spellings)(
    "relays videoStateFrom video $sent as the boolean $relayed to the sender and the room",
    async ({ sent, relayed }) => {
      const { url, server } = await startRoomServer();
      const errors: Error[] = [];
      server.onEvent("error", (_connection, error) => errors.push(error));
      const ann = await joinedParticipant(url, "ann");
      const bo = await joinedParticipant(url, "bo");
      const answer = await ann.client.request.videoStateFrom(
        { id: "videoStateFrom", userId: "ann", video: sent },
        quick,
      );
      expect(answer).toEqual({ id: "videoStateAnswer", userId: "ann", video: relayed });
      expect(await bo.inbox.next("videoStateAnswer")).toEqual({
        id: "videoStateAnswer",
        userId: "ann",
        video: relayed,
      });
      await settle();
      expect(bo.inbox.all("videoStateAnswer")).toHaveLength(1);
      expect(errors).toEqual([]);
    },
  );
});
