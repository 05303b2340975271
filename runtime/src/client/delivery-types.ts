import type { MessageMap } from "../dispatch.js";

/**
 * Why a message is reported `undelivered`:
 * - `connection-lost`: it was written on a connection that then ended abnormally before the server
 *   confirmed reading it. It may or may not have been processed.
 * - `unconfirmed`: more than `maxUnconfirmed` messages awaited a confirmation on an open connection; the
 *   oldest is no longer followed. It most probably arrived, but the client cannot prove it.
 */
export type UndeliveredReason = "connection-lost" | "unconfirmed";

/** A message the client cannot vouch for, as the app passed it to `sendMessage`. */
export type UndeliveredMessage<C extends MessageMap = Record<string, unknown>> = {
  readonly [K in keyof C & string]: { readonly key: K; readonly message: C[K]; readonly reason: UndeliveredReason };
}[keyof C & string];

/** Delivery accounting and liveness options (see docs/toolkit/delivery.md). */
export interface DeliveryOptions<C extends MessageMap> {
  /**
   * Messages the app declares idempotent: when a connection ends abnormally, those of these keys the
   * server had not confirmed are sent again on the next connection instead of being reported
   * `undelivered`. A list of keys, or a function of the key. Default: none.
   */
  readonly resend?: readonly (keyof C & string)[] | ((key: keyof C & string) => boolean);
  /**
   * `true`: requests unanswered when their connection ends abnormally, and not provably read by the server,
   * are sent again after the reconnection (their timeout keeps running). Default `false`: they are
   * rejected with `RequestError` reason `closed`.
   */
  readonly retryRequests?: boolean;
  /**
   * Most messages kept awaiting a confirmation per connection (default 1 000); past it, the oldest is
   * reported `undelivered` with reason `unconfirmed`.
   */
  readonly maxUnconfirmed?: number;
  /**
   * A connection that receives nothing (no frame, no pong) for this long is closed and reconnected
   * (`false`: never). Default from the spec: the client heartbeat's timeout, 1.5 × a server heartbeat's
   * idle time, else 30 000 ms. Not used for Socket.IO, whose own ping/pong does it.
   */
  readonly deadPeerTimeoutMs?: number | false;
}
