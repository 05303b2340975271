import type { Server } from "node:http";
import { createKurentoRoomServer, type KurentoRoomServer } from "@wiretype/kurento-room/server";
import type { SessionTokens } from "./accounts.js";
import type { MediaServer } from "./media-server.js";

const userKey = "userId";

export interface RoomBackendOptions {
  readonly httpServer: Server;
  readonly tokens: SessionTokens;
  readonly media: MediaServer;
}

/**
 * The generated kurento-room server with its defaults (rooms, existingParticipants,
 * newParticipantArrived, state answers, participantLeft); the application adds the session check and
 * the media: each receiveVideoFrom and onIceCandidate goes to the media server.
 */
export function createRoomBackend({ httpServer, tokens, media }: RoomBackendOptions): KurentoRoomServer {
  const roomOf = new Map<string, string>();
  const server = createKurentoRoomServer({
    httpServer,
    authenticate: (join, connection) => {
      if (tokens.userOf(join.token) !== join.userId) return false;
      connection.data.set(userKey, join.userId);
      roomOf.set(join.userId, join.roomId);
      return true;
    },
  });
  const userOf = (connection: { data: Map<string, unknown> }) => String(connection.data.get(userKey));

  server.on("receiveVideoFrom", async (message, context) => {
    const viewer = userOf(context.connection);
    // Only media of someone in the viewer's own room.
    if (roomOf.get(message.userId) !== roomOf.get(viewer)) {
      context.fail({ message: "not in your room" });
      return undefined;
    }
    const sdpAnswer = await media.connect(viewer, message.userId, message.sdpOffer, (candidate) =>
      context.connection.send("iceCandidate", { id: "iceCandidate", userId: message.userId, candidate }),
    );
    return { id: "receiveVideoAnswer", userId: message.userId, sdpAnswer };
  });
  server.on("onIceCandidate", async (message, context) => {
    await media.addCandidate(userOf(context.connection), message.userId, message.candidate);
  });
  server.on("leaveRoom", async (_message, context) => {
    await leave(userOf(context.connection));
    await context.runDefaults();
  });
  const leave = async (user: string) => {
    roomOf.delete(user);
    await media.leave(user);
  };
  server.onEvent("disconnect", (connection) => {
    if (connection.data.has(userKey)) void leave(userOf(connection));
  });
  return server;
}
