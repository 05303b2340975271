import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/client/backoff.js";

describe("reconnection backoff", () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1_000, jitter: 0.5 };

  it("doubles per attempt up to the maximum, without jitter when random is 0", () => {
    const delays = [0, 1, 2, 3, 4, 10, 100].map((attempt) => backoffDelay(attempt, options, () => 0));
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it("shortens each delay by up to the jitter fraction", () => {
    expect(backoffDelay(2, options, () => 1)).toBe(200);
    expect(backoffDelay(2, options, () => 0.5)).toBe(300);
    for (let run = 0; run < 100; run += 1) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });

  it("uses the documented defaults", () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(500);
    expect(backoffDelay(20, {}, () => 0)).toBe(30_000);
    expect(backoffDelay(1, { jitter: 0 })).toBe(1_000);
  });
});
