import { createKurentoRoomClient, type KurentoRoomClient } from "@wiretype/kurento-room/client";
import { createKurentoRoomServer, type KurentoRoomServer } from "@wiretype/kurento-room/server";
import type { KurentoRoomClientMessages, KurentoRoomServerMessages } from "@wiretype/kurento-room/types";
import type { ServerOptions } from "@wiretype/runtime/server";
import { WebSocket } from "ws";
import { startNodes } from "./cluster-mode.js";
import { onCleanup, waitFor } from "./voxy.js";

// The protocol-neutral helpers (clean-up, polling) live with the voxy support.
export { onCleanup, rawSocket, settle, waitFor } from "./voxy.js";

type Key = keyof KurentoRoomServerMessages & string;
const serverKeys: readonly Key[] = [
  "audioStateAnswer",
  "error",
  "existingParticipants",
  "iceCandidate",
  "newParticipantArrived",
  "participantLeft",
  "receiveVideoAnswer",
  "videoStateAnswer",
];

/** Everything one client received, by key, in order; `next` takes them one by one. */
export class RoomInbox {
  readonly #items: { key: Key; message: unknown }[] = [];
  readonly #taken = new Map<Key, number>();

  listen(client: KurentoRoomClient): void {
    for (const key of serverKeys) client.on(key, (message) => this.#items.push({ key, message }));
  }

  all<K extends Key>(key: K): KurentoRoomServerMessages[K][] {
    return this.#items.filter((item) => item.key === key).map((item) => item.message as KurentoRoomServerMessages[K]);
  }

  /** Every key received, in order (for "nothing else arrived" checks). */
  keys(): Key[] {
    return this.#items.map((item) => item.key);
  }

  async next<K extends Key>(key: K, ms = 3_000): Promise<KurentoRoomServerMessages[K]> {
    const index = this.#taken.get(key) ?? 0;
    const found = await waitFor(() => this.all(key)[index], ms, `${key} #${index + 1}`);
    this.#taken.set(key, index + 1);
    return found;
  }
}

export async function startRoomServer(options: ServerOptions<KurentoRoomServerMessages> = {}) {
  const started = await startNodes(createKurentoRoomServer, { insecureDevelopmentMode: true, ...options });
  const server: KurentoRoomServer = started.server;
  onCleanup(() => server.close());
  return { server, nodes: started.nodes, port: started.port, url: `ws://127.0.0.1:${started.port}/` };
}

export interface JoinState {
  readonly roomId?: string;
  readonly video?: boolean;
  readonly audio?: boolean;
}

export function joinMessage(userId: string, state: JoinState = {}): KurentoRoomClientMessages["joinRoom"] {
  const roomId = state.roomId ?? "r-5";
  return {
    id: "joinRoom",
    token: `token-of-${userId}`,
    userId,
    communityId: roomId.startsWith("r-") ? "0" : "1",
    roomId,
    video: state.video ?? true,
    audio: state.audio ?? true,
  };
}

export interface Participant {
  readonly userId: string;
  readonly client: KurentoRoomClient;
  readonly inbox: RoomInbox;
}

/** A generated client that joins with its handshake (joinRoom) on connect. */
export async function joinedParticipant(url: string, userId: string, state: JoinState = {}): Promise<Participant> {
  const inbox = new RoomInbox();
  const client = createKurentoRoomClient({
    url,
    WebSocket,
    reconnect: false,
    handshake: () => joinMessage(userId, state),
  });
  inbox.listen(client);
  onCleanup(() => client.close());
  await client.connect();
  return { userId, client, inbox };
}

/** A generated client that is connected but has not joined. */
export async function lobbyParticipant(url: string): Promise<Omit<Participant, "userId">> {
  const inbox = new RoomInbox();
  const client = createKurentoRoomClient({ url, WebSocket, reconnect: false });
  inbox.listen(client);
  onCleanup(() => client.close());
  await client.connect();
  return { client, inbox };
}
