import type { ClientOptions, ConnectionState } from "@wiretype/runtime";
import { createVoxyClient, type VoxyClient } from "@wiretype/voxy/client";
import type { VoxyClientMessages } from "@wiretype/voxy/types";
import { WebSocket } from "ws";
import { onCleanup, waitFor } from "../../support/lifecycle.js";

/** A voxy client that binds with each connection's link id, reconnecting quickly; records its states. */
export function voxyClient(url: string, options: Partial<ClientOptions<VoxyClientMessages>> = {}) {
  const linkIds: number[] = [];
  let handshakes = 0;
  const client: VoxyClient = createVoxyClient({
    url,
    WebSocket,
    reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    handshake: async () => {
      handshakes += 1;
      const linkId = await waitFor(() => linkIds[handshakes - 1], 5_000, "link_on");
      return { action: "bind", user_id: "1", user_name: "one", user_img: "", link_id: linkId, to_userid: "0" };
    },
    ...options,
  });
  client.on("link_on", (message) => linkIds.push(message.link_id));
  const states: { readonly state: ConnectionState; readonly at: number }[] = [];
  client.onEvent("state", (state) => states.push({ state, at: Date.now() }));
  onCleanup(() => client.close());
  return { client, states };
}

/** A steady stream of `say` messages numbered 1, 2, 3, …; what the client reported undelivered. */
export class SayStream {
  readonly sent: string[] = [];
  readonly reported = new Set<string>();
  readonly refused: string[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(readonly client: VoxyClient) {
    client.onEvent("undelivered", (messages) => {
      for (const { key, message } of messages) if (key === "say") this.reported.add(message.content);
    });
  }

  start(everyMs: number): void {
    this.#timer = setInterval(() => this.sendOne(), everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  sendOne(): void {
    const content = String(this.sent.length + 1);
    const say = { action: "say", type: "1", user_id: "1", to_userid: "2", content, category: "private", media: "" };
    try {
      this.client.sendMessage("say", say as VoxyClientMessages["say"]);
      this.sent.push(content);
    } catch {
      // A full queue throws: the caller was told, so it is not a sent message.
      this.refused.push(content);
    }
  }
}

export interface Accounting {
  readonly scenario: string;
  readonly sent: number;
  readonly received: number;
  readonly reported: number;
  /** Reported, yet the server had it (it read it but could not confirm before the drop). */
  readonly reportedButReceived: number;
  /** Received more than once (re-sent after a drop it had survived). */
  readonly duplicates: number;
  /** Neither received nor reported: lost silently. */
  readonly lost: number;
}

/** Every sent message must be received or reported; prints the figures for the CI log. */
export function account(scenario: string, stream: SayStream, received: readonly string[]): Accounting {
  const got = new Set(received);
  const figures = {
    scenario,
    sent: stream.sent.length,
    received: stream.sent.filter((id) => got.has(id)).length,
    reported: stream.reported.size,
    reportedButReceived: [...stream.reported].filter((id) => got.has(id)).length,
    duplicates: received.length - got.size,
    lost: stream.sent.filter((id) => !got.has(id) && !stream.reported.has(id)).length,
  };
  console.log(`[faults] ${JSON.stringify(figures)}`);
  return figures;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
