import type { SeedInventory } from "./types.js";

/** Every message and field named by `seeds/004_a34080d082203d6f.txt` (Korean), kept by hand from the document. */
export const kurentoRoomInventory: SeedInventory = {
  document: "004_a34080d082203d6f.txt",
  messages: [
    // req-1 … req-6 (client → server)
    {
      message: "joinRoom",
      sender: "client",
      fields: ["id", "token", "userId", "communityId", "roomId", "video", "audio"],
    },
    { message: "receiveVideoFrom", sender: "client", fields: ["id", "userId", "sdpOffer"] },
    {
      message: "onIceCandidate",
      sender: "client",
      fields: ["id", "userId", "candidate", "candidate.candidate", "candidate.sdpMid", "candidate.sdpMLineIndex"],
    },
    { message: "leaveRoom", sender: "client", fields: ["id"] },
    { message: "videoStateFrom", sender: "client", fields: ["id", "userId", "video"] },
    { message: "audioStateFrom", sender: "client", fields: ["id", "userId", "audio"] },
    // res-1 … res-7 (server → client)
    {
      message: "existingParticipants",
      sender: "server",
      fields: ["id", "members", "members[]", "members[].userId", "members[].video", "members[].audio"],
    },
    {
      message: "newParticipantArrived",
      sender: "server",
      fields: ["id", "member", "member.userId", "member.video", "member.audio"],
    },
    { message: "receiveVideoAnswer", sender: "server", fields: ["id", "userId", "sdpAnswer"] },
    {
      message: "iceCandidate",
      sender: "server",
      fields: ["id", "userId", "candidate", "candidate.candidate", "candidate.sdpMid", "candidate.sdpMLineIndex"],
    },
    { message: "participantLeft", sender: "server", fields: ["id", "userId"] },
    { message: "videoStateAnswer", sender: "server", fields: ["id", "userId", "video"] },
    { message: "audioStateAnswer", sender: "server", fields: ["id", "userId", "audio"] },
  ],
};
