/** Default time a node's state outlives its last refresh. */
export const defaultExpiryMs = 15_000;

/**
 * A node refreshes its TTL four times per `expiryMs` (a few late timers do not kill it); its keys live
 * 4/5 of `expiryMs` and the others look for dead nodes every fifth of it, so a dead node's members
 * leave within `expiryMs` of its last refresh.
 */
export interface Timing {
  readonly expiryMs: number;
  readonly ttlMs: number;
  readonly refreshMs: number;
  readonly pollMs: number;
}

export function timingFor(expiryMs = defaultExpiryMs): Timing {
  const expiry = Math.max(100, expiryMs);
  return {
    expiryMs: expiry,
    ttlMs: Math.round((expiry * 4) / 5),
    refreshMs: Math.round(expiry / 4),
    pollMs: Math.round(expiry / 5),
  };
}
