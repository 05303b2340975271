import { field, type InventoryField, type SeedInventory } from "./types.js";

/*
 * Every message and field named by `seeds/004_a34080d082203d6f.txt` (Korean), kept by hand from the
 * document: types from the Type column (String, boolean, int, Object, List), lines of the Property rows.
 * The tables have no required column and every field appears in every example, so all are required.
 * Booleans list the value column's `false : 꺼짐, true : 켜짐`. Three rows say `String` while their example
 * sends a JSON boolean and their value column reads false/true: those accept both readings.
 */

const onOff = [false, true];
/** A `String` row whose value column reads false/true and whose example sends a boolean. */
const stringOnOff = { values: [false, true, "false", "true"] };

function eventId(name: string, line: number): InventoryField {
  return field("id", "string", true, line, { values: [name] });
}

function candidate(first: number): InventoryField[] {
  return [
    field("candidate", "object", true, first),
    field("candidate.candidate", "string", true, first + 4),
    field("candidate.sdpMid", "string", true, first + 8),
    field("candidate.sdpMLineIndex", "integer", true, first + 12),
  ];
}

export const kurentoRoomInventory: SeedInventory = {
  document: "004_a34080d082203d6f.txt",
  messages: [
    // req-1 … req-6 (client → server)
    {
      message: "joinRoom",
      sender: "client",
      fields: [
        eventId("joinRoom", 72),
        field("token", "string", true, 76),
        field("userId", "string", true, 80),
        field("communityId", "string", true, 84, { values: ["0"] }),
        field("roomId", "string", true, 89, { values: ["c-10", "r-5"] }),
        field("video", "boolean", true, 93, { values: onOff }),
        field("audio", "boolean", true, 97, { values: onOff }),
      ],
    },
    {
      message: "receiveVideoFrom",
      sender: "client",
      fields: [
        eventId("receiveVideoFrom", 114),
        field("userId", "string", true, 118),
        field("sdpOffer", "string", true, 122),
      ],
    },
    {
      message: "onIceCandidate",
      sender: "client",
      fields: [eventId("onIceCandidate", 136), field("userId", "string", true, 140), ...candidate(144)],
    },
    { message: "leaveRoom", sender: "client", fields: [eventId("leaveRoom", 181)] },
    {
      message: "videoStateFrom",
      sender: "client",
      fields: [
        eventId("videoStateFrom", 181),
        field("userId", "string", true, 185),
        field("video", ["string", "boolean"], true, 189, stringOnOff),
      ],
    },
    {
      message: "audioStateFrom",
      sender: "client",
      fields: [
        eventId("audioStateFrom", 202),
        field("userId", "string", true, 206),
        field("audio", "boolean", true, 210, { values: onOff }),
      ],
    },
    // res-1 … res-7 (server → client)
    {
      message: "existingParticipants",
      sender: "server",
      fields: [
        eventId("existingParticipants", 223),
        field("members", "array", true, 227),
        field("members[]", "object", false, 231),
        field("members[].userId", "string", true, 235),
        field("members[].video", "boolean", true, 239, { values: onOff }),
        field("members[].audio", "boolean", true, 243, { values: onOff }),
      ],
    },
    {
      message: "newParticipantArrived",
      sender: "server",
      fields: [
        eventId("newParticipantArrived", 266),
        field("member", "object", true, 270),
        field("member.userId", "string", true, 274),
        field("member.video", ["string", "boolean"], true, 278, stringOnOff),
        field("member.audio", ["string", "boolean"], true, 282, stringOnOff),
      ],
    },
    {
      message: "receiveVideoAnswer",
      sender: "server",
      fields: [
        eventId("receiveVideoAnswer", 298),
        field("userId", "string", true, 302),
        field("sdpAnswer", "string", true, 306),
      ],
    },
    {
      message: "iceCandidate",
      sender: "server",
      fields: [eventId("iceCandidate", 320), field("userId", "string", true, 324), ...candidate(328)],
    },
    {
      message: "participantLeft",
      sender: "server",
      fields: [eventId("participantLeft", 357), field("userId", "string", true, 361)],
    },
    {
      message: "videoStateAnswer",
      sender: "server",
      fields: [
        eventId("videoStateAnswer", 373),
        field("userId", "string", true, 377),
        field("video", "boolean", true, 381, { values: onOff }),
      ],
    },
    {
      message: "audioStateAnswer",
      sender: "server",
      fields: [
        eventId("audioStateAnswer", 394),
        field("userId", "string", true, 398),
        field("audio", "boolean", true, 402, { values: onOff }),
      ],
    },
  ],
};
