import type { Outbound } from "./outbound.js";
import type { PendingRequest } from "./pending.js";

/** An outbound message, with the request it belongs to. */
export interface Queued extends Outbound {
  readonly request?: PendingRequest;
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

  /** Forgets queued requests (they were rejected); plain messages stay for a later connection. */
  dropRequests(): void {
    this.#items = this.#items.filter((item) => item.request === undefined);
  }
}
