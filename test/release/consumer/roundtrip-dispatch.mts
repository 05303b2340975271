// Consumer program (compiled with tsc against the package installed from the registry, then run):
// a typed joinRoom goes through the package's validators as a frame and comes back the same; a broken
// frame is refused. Used until the package publishes its client and server.
import { deepStrictEqual } from "node:assert/strict";
import { isJoinRoom } from "@wiretype/kurento-room/guards";
import { kurentoRoomProtocol } from "@wiretype/kurento-room/protocol";
import { kurentoRoomClientDispatch } from "@wiretype/kurento-room/schemas";
import type { KurentoRoomClientMessages } from "@wiretype/kurento-room/types";

const joinRoom: KurentoRoomClientMessages["joinRoom"] = {
  id: "joinRoom",
  token: "t0k3n",
  userId: "1",
  communityId: "1",
  roomId: "c-10",
  video: false,
  audio: true,
};

const decoded = kurentoRoomClientDispatch.decode(JSON.stringify(joinRoom));
if (!decoded.ok) throw new Error(`valid frame refused: ${decoded.error.summary}`);
deepStrictEqual(decoded.name, "joinRoom");
deepStrictEqual(decoded.message, joinRoom);
if (!isJoinRoom(decoded.message)) throw new Error("guard refused the decoded message");

const refused = kurentoRoomClientDispatch.decode(JSON.stringify({ id: "joinRoom", userId: 1 }));
if (refused.ok) throw new Error("invalid frame accepted");

console.log(JSON.stringify({ mode: "dispatch", protocol: kurentoRoomProtocol.id, refused: refused.error.kind }));
