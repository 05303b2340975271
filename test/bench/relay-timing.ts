import { performance } from "node:perf_hooks";

/** Messages per second by the clock, and per second of this process's CPU time (user + system). */
export interface Rate {
  readonly wall: number;
  /** Steadier than `wall` on a busy machine: time other processes take is not counted. */
  readonly cpu: number;
}

/** Starts timing; the returned function gives the rate of `messages` handled since. */
export function startTiming(): (messages: number) => Rate {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  return (messages) => {
    const cpu = process.cpuUsage(cpuStart);
    const wallSeconds = (performance.now() - wallStart) / 1000;
    return { wall: messages / wallSeconds, cpu: messages / ((cpu.user + cpu.system) / 1e6) };
  };
}
