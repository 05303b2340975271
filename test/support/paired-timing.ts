import { median } from "../bench/measure.js";

export interface PairedResult {
  /** Median over batches of candidate time / baseline time, each pair timed back to back. */
  readonly ratio: number;
  readonly baselineNs: number;
  readonly candidateNs: number;
}

/** Nanoseconds of this process's CPU time per call: time spent descheduled (a busy machine) is not counted. */
function timeLoop(fn: () => unknown, iterations: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i += 1) fn();
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1e3) / iterations;
}

/**
 * Times `baseline` and `candidate` in short back-to-back batches (alternating which goes first) and
 * takes the median of the per-batch ratios: noise from other processes hits both halves of a pair alike.
 */
export function pairedRatio(
  baseline: () => unknown,
  candidate: () => unknown,
  options: { readonly quick: boolean },
): PairedResult {
  const batches = options.quick ? 15 : 61;
  const iterations = options.quick ? 1_000 : 3_000;
  for (let i = 0; i < iterations * 5; i += 1) {
    baseline();
    candidate();
  }
  const ratios: number[] = [];
  const baselines: number[] = [];
  const candidates: number[] = [];
  for (let batch = 0; batch < batches; batch += 1) {
    const first = batch % 2 === 0;
    const a = first ? timeLoop(baseline, iterations) : 0;
    const b = timeLoop(candidate, iterations);
    const c = first ? a : timeLoop(baseline, iterations);
    ratios.push(b / c);
    baselines.push(c);
    candidates.push(b);
  }
  return { ratio: median(ratios), baselineNs: median(baselines), candidateNs: median(candidates) };
}
