import type { RpcId } from "../json-rpc.js";
import type { Outbound } from "./outbound.js";
import type { PendingRequest } from "./pending.js";

/** An outbound message, with the request it belongs to. */
export interface Queued extends Outbound {
  readonly request?: PendingRequest;
  /** JSON-RPC: the id it carries, which the server's answer names. */
  readonly rpcId?: RpcId;
  /** The message as the app passed it: set for the app's own messages, which delivery accounting follows. */
  readonly fromApp?: { readonly message: unknown };
}

/** Messages waiting for the connection (and session), in order; full means the caller is told, not a silent drop. */
export class Outbox {
  #items: Queued[] = [];
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: Queued): void {
    if (this.#items.length >= this.#max) {
      throw new Error(`outbound queue full (${this.#max} messages waiting for the connection); ${item.key} not sent`);
    }
    this.#items.push(item);
  }

  /** Hands the messages to `send`, oldest first, until it refuses one (the connection went away). */
  flush(send: (item: Queued) => boolean): void {
    while (this.#items.length > 0) {
      if (!send(this.#items[0] as Queued)) return;
      this.#items.shift();
    }
  }

  /** Puts messages back in front, in their order (re-sent after a drop; they were accepted already, so no limit). */
  prepend(items: readonly Queued[]): void {
    this.#items = [...items, ...this.#items];
  }

  /** Whether a queued item carries this app message. */
  holds(message: unknown): boolean {
    return this.#items.some((item) => item.fromApp?.message === message);
  }

  /** Forgets queued requests (they were rejected); plain messages stay for a later connection. */
  dropRequests(): void {
    this.#items = this.#items.filter((item) => item.request === undefined);
  }
}
