/**
 * Progress lines for the release test (minutes long: a person waits on it). One line per finished step,
 * with its number, its time and the time so far, straight to stderr (not through the test's console,
 * which vitest prints with a header per line):
 *
 *   release test: 3/6 version-packages · 14.2 s · 38.0 s so far
 */

const prefix = "release test:";

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface Progress {
  step<T>(name: string, action: () => Promise<T>): Promise<T>;
  /** "name 1.2 s" for each step done so far, for the closing summary. */
  readonly timings: readonly string[];
}

export function releaseProgress(totalSteps: number, startedAt = Date.now()): Progress {
  const timings: string[] = [];
  return {
    timings,
    async step(name, action) {
      const start = Date.now();
      const result = await action();
      const took = seconds(Date.now() - start);
      timings.push(`${name} ${took}`);
      const count = `${timings.length}/${totalSteps}`;
      process.stderr.write(`${prefix} ${count} ${name} · ${took} · ${seconds(Date.now() - startedAt)} so far\n`);
      return result;
    },
  };
}
