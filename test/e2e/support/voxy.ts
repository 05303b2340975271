import type { ServerOptions } from "@wiretype/runtime/server";
import { createVoxyClient, type VoxyClient } from "@wiretype/voxy/client";
import { createVoxyServer, type VoxyServer } from "@wiretype/voxy/server";
import type { VoxyClientMessages, VoxyServerMessages } from "@wiretype/voxy/types";
import { WebSocket } from "ws";

import { onCleanup, settle, waitFor } from "../../support/lifecycle.js";
import { startNodes } from "./cluster-mode.js";

export { onCleanup, settle, waitFor };

type Key = keyof VoxyServerMessages & string;

/** Everything one client received, by key, in order; `next` takes them one by one. */
export class Received {
  readonly #items: { key: Key; message: unknown }[] = [];
  readonly #taken = new Map<Key, number>();

  listen(client: VoxyClient): void {
    const keys: Key[] = ["bind", "call_remote_callback", "cancel_phone", "client_answer"];
    keys.push("client_candidate", "client_offer", "error", "link_on", "say");
    for (const key of keys) client.on(key, (message) => this.#items.push({ key, message }));
  }

  all<K extends Key>(key: K): VoxyServerMessages[K][] {
    return this.#items.filter((item) => item.key === key).map((item) => item.message as VoxyServerMessages[K]);
  }

  /** The next message of `key` not taken yet. */
  async next<K extends Key>(key: K, ms = 3_000): Promise<VoxyServerMessages[K]> {
    const index = this.#taken.get(key) ?? 0;
    const found = await waitFor(() => this.all(key)[index], ms, `${key} #${index + 1}`);
    this.#taken.set(key, index + 1);
    return found;
  }
}

export const iceServers = { iceServers: { urls: "stun:stun.l.google.com:19302", username: "u", credential: "p" } };

/** A generated voxy server whose greeting gives each connection its own integer link id. */
export async function startVoxyServer(options: ServerOptions<VoxyServerMessages> = {}) {
  let linkIds = 100;
  const started = await startNodes(createVoxyServer, {
    insecureDevelopmentMode: true,
    greeting: () => {
      linkIds += 1;
      return {
        action: "link_on",
        content: "連線成功",
        link_id: linkIds,
        category: "system",
        iceserver_config: iceServers,
      };
    },
    ...options,
  });
  const server: VoxyServer = started.server;
  onCleanup(() => server.close());
  return { server, nodes: started.nodes, port: started.port, url: `ws://127.0.0.1:${started.port}/` };
}

export function bindMessage(userId: string, linkId: number): VoxyClientMessages["bind"] {
  return {
    action: "bind",
    user_id: userId,
    user_name: `name-${userId}`,
    user_img: "",
    link_id: linkId,
    to_userid: "-1",
  };
}

export interface Member {
  readonly client: VoxyClient;
  readonly received: Received;
  /** The link ids of each connection, in order (one per link_on received). */
  readonly linkIds: number[];
}

/** A generated client that binds `userId` with the link id of each connection's link_on (its handshake). */
export interface MemberOptions {
  readonly reconnect?: boolean;
  readonly heartbeatIntervalMs?: number;
}

export function voxyMember(url: string, userId: string, extra: MemberOptions = {}): Member {
  const received = new Received();
  const linkIds: number[] = [];
  const client = createVoxyClient({
    url,
    WebSocket,
    reconnect: extra.reconnect === true ? { initialDelayMs: 20, maxDelayMs: 50 } : false,
    handshake: async () => {
      const linkOn = await received.next("link_on");
      linkIds.push(linkOn.link_id);
      return bindMessage(userId, linkOn.link_id);
    },
    heartbeat: () => ({ action: "ping", link_id: String(linkIds.at(-1) ?? 0) }),
    ...(extra.heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs: extra.heartbeatIntervalMs }),
  });
  received.listen(client);
  onCleanup(() => client.close());
  return { client, received, linkIds };
}

/** A member connected and bound. */
export async function boundMember(url: string, userId: string, extra: MemberOptions = {}) {
  const member = voxyMember(url, userId, extra);
  await member.client.connect();
  return member;
}

export function sayMessage(from: string, to: string, content: string, category = "private"): VoxyClientMessages["say"] {
  return { action: "say", type: "1", user_id: from, to_userid: to, content, category, media: "" };
}

export function callRemote(from: string, to: string): VoxyClientMessages["call_remote"] {
  return {
    action: "call_remote",
    user_id: from,
    user_img: `img/${from}.jpg`,
    user_name: `name-${from}`,
    to_userid: to,
    used_phone: 1,
    media_type: 2,
    user_voice_fee: 10,
    user_text_fee: 1,
    user_video_fee: 20,
    to_user_os_type: 2,
    user_age: 30,
    to_user_token: `token-${to}`,
    connection_mode: "0",
  };
}

/** The callee's answer to `caller`: 1 accepts, 3 rejects. */
export function callAnswer(
  callee: string,
  caller: string,
  usedPhone: number,
): VoxyClientMessages["call_remote_callback"] {
  return {
    action: "call_remote_callback",
    user_id: callee,
    to_userid: caller,
    used_phone: usedPhone,
    media_type: 2,
    to_user_voice_fee: 10,
    to_user_text_fee: 1,
    to_user_video_fee: 20,
    to_user_token: `token-${caller}`,
    connection_mode: "0",
  };
}

/** A raw `ws` client (no generated code) that records the JSON of every frame it gets. */
export async function rawSocket(url: string) {
  const socket = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  let closeCode: number | undefined;
  socket.on("message", (data: Buffer) => frames.push(JSON.parse(data.toString("utf8")) as Record<string, unknown>));
  socket.on("close", (code) => {
    closeCode = code;
  });
  onCleanup(() => socket.terminate());
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const taken = new Map<string, number>();
  return {
    socket,
    frames,
    closeCode: () => closeCode,
    sendText: (frame: unknown) => socket.send(typeof frame === "string" ? frame : JSON.stringify(frame)),
    sendBinary: (frame: unknown) =>
      socket.send(Buffer.from(typeof frame === "string" ? frame : JSON.stringify(frame)), { binary: true }),
    /** The next frame whose `key` property is `value`. */
    async next(key: string, value: string, ms = 3_000) {
      const index = taken.get(value) ?? 0;
      const found = await waitFor(() => frames.filter((frame) => frame[key] === value)[index], ms, `${value}`);
      taken.set(value, index + 1);
      return found;
    },
  };
}
