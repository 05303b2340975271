import { afterEach } from "vitest";

/** Tear-down steps of the running test, run newest first after each test. */
const cleanups: (() => unknown)[] = [];

export function onCleanup(step: () => unknown): void {
  cleanups.push(step);
}

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Resolves when `check` returns a value, polling; rejects after `ms`. */
export function waitFor<T>(check: () => T | undefined, ms = 3_000, what = "a condition"): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = check();
      if (value !== undefined) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}

/** Waits so that a frame that must not arrive would have arrived. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
