import type { Connection, ConnectionEnd } from "./connection.js";
import type { UndeliveredMessage, UndeliveredReason } from "./delivery-types.js";
import { type AnswerMarker, DeliveryLedger, type Unconfirmed } from "./ledger.js";
import type { LooseOptions } from "./loose.js";
import type { Queued } from "./outbox.js";
import type { PendingRequests } from "./pending.js";

const defaultMaxUnconfirmed = 1_000;

function resendPolicy(resend: LooseOptions["resend"]): (key: string) => boolean {
  if (resend === undefined) return () => false;
  if (typeof resend === "function") return resend;
  const keys = new Set<string>(resend);
  return (key) => keys.has(key);
}

function undelivered(entries: readonly Unconfirmed[], reason: UndeliveredReason): UndeliveredMessage[] {
  return entries.flatMap(({ outbound }) =>
    outbound.fromApp === undefined || outbound.request !== undefined
      ? []
      : [{ key: outbound.key, message: outbound.fromApp.message, reason }],
  );
}

/**
 * Delivery accounting for every connection of one client: which app messages the server has not
 * confirmed, and what happens to them when their connection ends (sent again, or reported).
 */
export class Delivery {
  readonly #ledgers = new Map<Connection, DeliveryLedger>();
  readonly #maxUnconfirmed: number;
  readonly #resend: (key: string) => boolean;
  readonly #retryRequests: boolean;
  readonly #pending: PendingRequests;
  readonly #report: (messages: UndeliveredMessage[]) => void;

  constructor(options: LooseOptions, pending: PendingRequests, report: (messages: UndeliveredMessage[]) => void) {
    this.#maxUnconfirmed = options.maxUnconfirmed ?? defaultMaxUnconfirmed;
    this.#resend = resendPolicy(options.resend);
    this.#retryRequests = options.retryRequests === true;
    this.#pending = pending;
    this.#report = report;
  }

  #ledger(connection: Connection): DeliveryLedger {
    const existing = this.#ledgers.get(connection);
    if (existing !== undefined) return existing;
    const created = new DeliveryLedger(this.#maxUnconfirmed);
    this.#ledgers.set(connection, created);
    return created;
  }

  written(connection: Connection, outbound: Queued): void {
    const ledger = this.#ledger(connection);
    const evicted = undelivered(ledger.written(outbound), "unconfirmed");
    if (evicted.length > 0) this.#report(evicted);
    // A fast sender fills the window between periodic pings: ask for a confirmation early.
    if (ledger.wantsPing() && connection.ping()) ledger.pingSent();
  }

  answered(connection: Connection, marker: AnswerMarker): void {
    this.#ledgers.get(connection)?.answered(marker);
  }

  pingSent(connection: Connection): void {
    this.#ledger(connection).pingSent();
  }

  pongReceived(connection: Connection): void {
    this.#ledgers.get(connection)?.pongReceived();
  }

  /** How many app messages of `connection` await a confirmation. */
  unconfirmedCount(connection: Connection): number {
    return this.#ledgers.get(connection)?.size ?? 0;
  }

  /**
   * The connection ended. Clean: everything was read. Otherwise the unconfirmed messages the app allows
   * are returned, to be sent again first on the next connection; requests to retry are detached from it
   * (the others are left for the caller to reject); the rest is reported.
   */
  ended(connection: Connection, end: ConnectionEnd): Queued[] {
    const entries = this.#ledgers.get(connection)?.takeUnconfirmed() ?? [];
    this.#ledgers.delete(connection);
    if (end.clean) return [];
    const again: Queued[] = [];
    const lost: Unconfirmed[] = [];
    for (const entry of entries) {
      if (this.#sendsAgain(entry.outbound)) again.push(entry.outbound);
      else lost.push(entry);
    }
    const report = undelivered(lost, "connection-lost");
    if (report.length > 0) this.#report(report);
    return again;
  }

  #sendsAgain(outbound: Queued): boolean {
    const request = outbound.request;
    if (request === undefined) return this.#resend(outbound.key);
    if (!this.#retryRequests || this.#pending.isSettled(request)) return false;
    this.#pending.unsend(request);
    return true;
  }
}
