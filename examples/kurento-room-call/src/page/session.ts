import { createKurentoRoomClient, type KurentoRoomClient } from "@wiretype/kurento-room/client";

export interface RoomSession {
  readonly user: string;
  readonly room: string;
  readonly client: KurentoRoomClient;
}

/**
 * Signs in over HTTP for a token, then connects the generated client, whose handshake is `joinRoom`
 * (with that token). `attach` registers the page's listeners first, so that it sees `existingParticipants`.
 */
export async function joinRoom(
  user: string,
  password: string,
  room: string,
  attach: (session: RoomSession) => void,
): Promise<RoomSession> {
  const response = await fetch("/login", { method: "POST", body: JSON.stringify({ user, password }) });
  if (!response.ok) throw new Error("wrong user or password");
  const { token } = (await response.json()) as { token: string };
  const client = createKurentoRoomClient({
    url: `${location.origin.replace(/^http/, "ws")}/`,
    // A reconnection would join again with a fresh set of endpoints; this page leaves instead.
    reconnect: false,
    handshake: () => ({
      id: "joinRoom",
      token,
      userId: user,
      communityId: "0",
      roomId: room,
      video: true,
      audio: true,
    }),
  });
  const session = { user, room, client };
  attach(session);
  await client.connect();
  return session;
}
