import { performance } from "node:perf_hooks";

/** Nanoseconds per call of `fn`, the median of several timed batches after a warm-up. */
export function nsPerCall(fn: () => unknown, options: { batches?: number; iterations?: number } = {}): number {
  const batches = options.batches ?? 15;
  const iterations = options.iterations ?? 20_000;
  for (let i = 0; i < iterations; i += 1) fn();
  const samples: number[] = [];
  for (let batch = 0; batch < batches; batch += 1) {
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) fn();
    samples.push(((performance.now() - start) * 1e6) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

/** Measures several candidates in alternating rounds, so that machine noise hits them all alike. */
export function compare(candidates: Record<string, () => unknown>, rounds = 5): Record<string, number> {
  const results: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, fn] of Object.entries(candidates)) {
      const samples = results[name] ?? [];
      samples.push(nsPerCall(fn, { batches: 5 }));
      results[name] = samples;
    }
  }
  return Object.fromEntries(
    Object.entries(results).map(([name, samples]) => {
      samples.sort((a, b) => a - b);
      return [name, samples[Math.floor(samples.length / 2)] ?? Number.NaN];
    }),
  );
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Milliseconds one run of `run` takes. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
