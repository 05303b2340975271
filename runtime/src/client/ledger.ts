import type { RpcId } from "../json-rpc.js";
import type { Queued } from "./outbox.js";
import type { PendingRequest } from "./pending.js";

/** An app message written on the connection and not yet confirmed. */
export interface Unconfirmed {
  /** Its place in the connection's write order. */
  readonly position: number;
  readonly outbound: Queued;
}

/** What an answer can be matched by: the pending request (keyed answers) or the JSON-RPC id. */
export type AnswerMarker = PendingRequest | RpcId;

function markerKey(marker: AnswerMarker): PendingRequest | string {
  return typeof marker === "object" ? marker : `rpc:${String(marker)}`;
}

/**
 * One connection's writes since the last confirmation. A server reads a connection's frames in order, so
 * an answer to a message (or a pong to a ping) proves that it read everything written before it.
 */
export class DeliveryLedger {
  readonly #max: number;
  #written = 0;
  #entries: Unconfirmed[] = [];
  /** The write position of each message an answer can name. */
  readonly #answerable = new Map<PendingRequest | string, number>();
  /** The write position at each transport ping, oldest first (pongs come back in order). */
  readonly #pings: number[] = [];

  constructor(maxUnconfirmed: number) {
    this.#max = Math.max(1, maxUnconfirmed);
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Half the window is waiting and no ping is on its way: a ping now would confirm them. */
  wantsPing(): boolean {
    return this.#pings.length === 0 && this.#entries.length >= this.#max / 2;
  }

  /** Notes a written message; returns the oldest entries pushed out of the bounded window, if any. */
  written(outbound: Queued): Unconfirmed[] {
    this.#written += 1;
    const position = this.#written;
    if (outbound.request !== undefined) this.#answerable.set(outbound.request, position);
    if (outbound.rpcId !== undefined) this.#answerable.set(markerKey(outbound.rpcId), position);
    // The client's own messages (handshake, heartbeat, restored joins) are redone on every connection.
    if (outbound.fromApp === undefined) return [];
    this.#entries.push({ position, outbound });
    return this.#entries.length > this.#max ? this.#entries.splice(0, this.#entries.length - this.#max) : [];
  }

  /** An answer arrived: the message it answers, and everything written before, were read. */
  answered(marker: AnswerMarker): void {
    const position = this.#answerable.get(markerKey(marker));
    if (position !== undefined) this.#confirmThrough(position);
  }

  pingSent(): void {
    this.#pings.push(this.#written);
  }

  pongReceived(): void {
    const position = this.#pings.shift();
    if (position !== undefined) this.#confirmThrough(position);
  }

  /** The connection ended: everything still unconfirmed, oldest first; the ledger is empty after. */
  takeUnconfirmed(): Unconfirmed[] {
    const entries = this.#entries;
    this.#entries = [];
    this.#answerable.clear();
    this.#pings.length = 0;
    return entries;
  }

  #confirmThrough(position: number): void {
    const firstLater = this.#entries.findIndex((entry) => entry.position > position);
    this.#entries = firstLater === -1 ? [] : this.#entries.slice(firstLater);
    for (const [key, at] of this.#answerable) if (at <= position) this.#answerable.delete(key);
  }
}
