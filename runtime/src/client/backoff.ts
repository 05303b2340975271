import type { ReconnectOptions } from "./types.js";

export const reconnectDefaults = { initialDelayMs: 500, maxDelayMs: 30_000, jitter: 0.5 } as const;

/**
 * The wait before reconnection attempt `attempt` (0 for the first): the initial delay doubled per
 * attempt, capped, then shortened by up to `jitter` of itself at random so that clients spread out.
 */
export function backoffDelay(attempt: number, options: ReconnectOptions, random: () => number = Math.random): number {
  const initial = options.initialDelayMs ?? reconnectDefaults.initialDelayMs;
  const max = options.maxDelayMs ?? reconnectDefaults.maxDelayMs;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? reconnectDefaults.jitter));
  const base = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(base * (1 - jitter * random()));
}
