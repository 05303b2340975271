/**
 * The relay figures of the cluster bench, for any protocol: each flow (the same messages, on one server
 * or across two cluster nodes) measured in alternating rounds of the same run, the first a warm-up, then
 * printed as medians with ratios against the first flow (the baseline).
 */
import { performance } from "node:perf_hooks";
import { median } from "./measure.js";

const quick = process.env.WIRETYPE_BENCH_QUICK === "1";
export const relayMessages = quick ? 2_000 : 10_000;
export const relayWindow = 64;
const pings = quick ? 300 : 1_500;
const rounds = quick ? 2 : 4;

/** One direction of a flow: `send(n)` puts message n on the wire, `onArrival` hears each at the receiver. */
export interface Flow {
  send(index: number): void;
  onArrival(listener: () => void): () => void;
}

/** Messages per second, at most `relayWindow` in flight. */
function throughput(flow: Flow): Promise<number> {
  return new Promise((resolve) => {
    let sent = 0;
    let received = 0;
    const started = performance.now();
    const fill = () => {
      while (sent < relayMessages && sent - received < relayWindow) flow.send(sent++);
    };
    const stop = flow.onArrival(() => {
      received += 1;
      if (received < relayMessages) return fill();
      stop();
      resolve(relayMessages / ((performance.now() - started) / 1000));
    });
    fill();
  });
}

/** One message at a time: the 50th and 99th percentile of the time from send to arrival (ms). */
async function latency(flow: Flow): Promise<[number, number]> {
  const samples: number[] = [];
  for (let index = 0; index < pings; index += 1) {
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const stop = flow.onArrival(() => {
        stop();
        resolve();
      });
      flow.send(index);
    });
    samples.push(performance.now() - started);
  }
  samples.sort((x, y) => x - y);
  const at = (share: number) => samples[Math.min(samples.length - 1, Math.floor(samples.length * share))] ?? 0;
  return [at(0.5), at(0.99)];
}

/** Runs every flow in alternating rounds and prints its medians; ratios against the first flow. */
export async function relayRounds(title: string, flows: Record<string, Flow>): Promise<void> {
  const figures = new Map<string, { rates: number[]; p50s: number[]; p99s: number[] }>();
  for (let round = 0; round <= rounds; round += 1) {
    for (const [name, flow] of Object.entries(flows)) {
      const rate = await throughput(flow);
      const [p50, p99] = await latency(flow);
      if (round === 0) continue; // warm-up
      const seen = figures.get(name) ?? { rates: [], p50s: [], p99s: [] };
      seen.rates.push(rate);
      seen.p50s.push(p50);
      seen.p99s.push(p99);
      figures.set(name, seen);
    }
  }
  console.log(
    `${title}: ${relayMessages} messages (window ${relayWindow}), then ${pings} one at a time; ${rounds} alternating rounds`,
  );
  const [baseline] = figures.values();
  for (const [name, { rates, p50s, p99s }] of figures) {
    const [rate, p99] = [median(rates), median(p99s)];
    const ratio =
      baseline === undefined || rates === baseline.rates
        ? "baseline"
        : `${(rate / median(baseline.rates)).toFixed(2)}× throughput, ${(p99 / median(baseline.p99s)).toFixed(2)}× p99`;
    console.log(
      `  ${name.padEnd(36)} ${rate.toFixed(0).padStart(7)} msg/s  p50 ${median(p50s).toFixed(2)} ms  p99 ${p99.toFixed(2)} ms   ${ratio}`,
    );
  }
}
