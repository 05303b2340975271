/**
 * Generation speed of the built CLI (`generator/dist/cli/run.js`), each figure a ratio against a
 * baseline measured in the same run, median and spread (min–max) of the rounds:
 *   - cold `generate --no-cache` (fresh process, no cache read or written) vs parse-only: a fresh process that
 *     loads `@asyncapi/parser` and parses the same five specs with the options generate gives it;
 *   - `generate` and `generate --check` with nothing changed (cache warm) vs that cold run;
 *   - a warm `generate --watch` session: how long it takes to regenerate after one spec is edited.
 * Wall-time ratios are what a user feels; CPU-time ratios (the children's user + system time, from
 * /proc on Linux) are printed beside them because they hold still on a machine busy with other work.
 * Everything runs in a temporary copy of specs/, packages/ and docs/: the repository's files are never
 * written. No assertions.
 *
 *   pnpm bench generate            (builds first)
 */

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { median } from "./measure.js";

/** CI's quick run (`pnpm bench --quick`): the fewest rounds that still give a median and a spread. */
const quick = process.env.WIRETYPE_BENCH_QUICK === "1";
const rounds = quick ? 3 : 5;

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = join(root, "generator/dist/cli/run.js");
if (!existsSync(cli)) throw new Error("generator/dist is missing: run `pnpm --filter @wiretype/generator build`");

const workspace = mkdtempSync(join(tmpdir(), "wiretype-bench-generate-"));
const skipped = /\/(node_modules|dist|cache|\.vitepress\/(cache|dist))(\/|$)/;
for (const folder of ["specs", "packages", "docs"]) {
  cpSync(join(root, folder), join(workspace, folder), { recursive: true, filter: (path) => !skipped.test(path) });
}
const cacheDir = join(workspace, "node_modules/.cache/wiretype");
const specs = ["kurento-room", "verto", "voxy", "workspace", "yueyue"].map((name) => `specs/${name}.asyncapi.yaml`);

/** The baseline process: what generate cannot avoid, loading the parser and parsing every spec. */
const parserEntry = createRequire(join(root, "generator/package.json")).resolve("@asyncapi/parser");
const parseOnlyScript = `
import { readFileSync } from "node:fs";
const { Parser } = await import(${JSON.stringify(parserEntry)});
// The options of generator/src/load/load-spec.ts: a watch session must see referenced files as they are now.
const parser = new Parser({ __unstable: { resolver: { cache: false } } });
const specs = ${JSON.stringify(specs)};
const outputs = await Promise.all(specs.map((path) => parser.parse(readFileSync(path, "utf8"), { source: path })));
if (outputs.some((output) => output.document === undefined)) process.exit(1);
`;

/** A process's cost: wall milliseconds (what a user waits) and CPU milliseconds (steadier on a busy machine). */
interface Cost {
  readonly wall: number;
  readonly cpu: number;
}

/** CPU time of the children this process has reaped (Linux `/proc`; NaN elsewhere), in milliseconds. */
function childrenCpuMs(): number {
  try {
    const fields = (readFileSync("/proc/self/stat", "utf8").split(") ")[1] ?? "").split(" ");
    // Fields 16 and 17 of stat(5), cutime and cstime, in clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** What a fresh node process costs to run `args` in the workspace; throws on a failure. */
function processCost(args: readonly string[]): Cost {
  const cpuBefore = childrenCpuMs();
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: workspace, encoding: "utf8" });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${child.stdout}\n${child.stderr}`);
  return { wall, cpu: childrenCpuMs() - cpuBefore };
}

const parseOnly = () => processCost(["--input-type=module", "-e", parseOnlyScript]);
/** A first run: `--no-cache` neither reads nor records the cache, so every round starts from nothing. */
const generateCold = () => processCost([cli, "generate", "--no-cache"]);
/** Records the cache that the nothing-changed runs then find. */
const generateRecording = () => processCost([cli, "generate"]);
const generateUnchanged = () => processCost([cli, "generate"]);
const checkUnchanged = () => processCost([cli, "generate", "--check"]);

// Warm-up: the copied outputs may predate this build of the generator; after this they are current.
generateCold();
rmSync(cacheDir, { recursive: true, force: true });
generateRecording();
const samples = { parse: [] as Cost[], cold: [] as Cost[], unchanged: [] as Cost[], check: [] as Cost[] };
for (let round = 0; round < rounds; round += 1) {
  samples.parse.push(parseOnly());
  samples.cold.push(generateCold());
  samples.unchanged.push(generateUnchanged());
  samples.check.push(checkUnchanged());
}

/** A watch session: edit one spec per round, time until the CLI reports the regeneration. */
async function watchRegenerations(): Promise<{ wall: number[]; reported: number[] }> {
  const child = spawn(process.execPath, [cli, "generate", "--watch"], { cwd: workspace });
  let output = "";
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const until = async (pattern: RegExp, from: number): Promise<RegExpExecArray> => {
    for (;;) {
      const found = pattern.exec(output.slice(from));
      if (found !== null) return found;
      if (child.exitCode !== null) throw new Error(`--watch exited:\n${output}`);
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  const wall: number[] = [];
  const reported: number[] = [];
  try {
    await until(/watching \d+ spec/, 0);
    const spec = join(workspace, "specs/yueyue.asyncapi.yaml");
    const original = readFileSync(spec, "utf8");
    for (let round = 0; round < rounds; round += 1) {
      // A real edit: the package version appears in every generated header, so each file changes.
      const from = output.length;
      const start = performance.now();
      writeFileSync(spec, original.replace("  version: 1.0.0", `  version: 1.0.${round + 1}`));
      const done = await until(/regenerated in (\d+) ms|regeneration failed/, from);
      if (done[1] === undefined) throw new Error(`--watch failed to regenerate:\n${output.slice(from)}`);
      wall.push(performance.now() - start);
      reported.push(Number(done[1]));
    }
  } finally {
    child.kill();
  }
  return { wall, reported };
}

const watched = await watchRegenerations();
rmSync(workspace, { recursive: true, force: true });

/** Median and min–max of per-round ratios (rounds alternate, so load hits numerator and baseline alike). */
function ratio(values: readonly number[], baselines: readonly number[]): string {
  const ratios = values.map((value, index) => value / (baselines[index] as number));
  if (ratios.some(Number.isNaN)) return "n/a";
  const low = Math.min(...ratios);
  const high = Math.max(...ratios);
  return `${median(ratios).toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)})`;
}

function ms(values: readonly number[]): string {
  return `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;
}

const wall = (costs: readonly Cost[]) => costs.map((cost) => cost.wall);
const cpu = (costs: readonly Cost[]) => costs.map((cost) => cost.cpu);
const versus = (costs: readonly Cost[], baseline: readonly Cost[]) => [
  ms(wall(costs)),
  ratio(wall(costs), wall(baseline)),
  ratio(cpu(costs), cpu(baseline)),
];
const coldMedian = median(wall(samples.cold));
const rows: string[][] = [
  ["parse-only: fresh node, @asyncapi/parser, 5 specs", ms(wall(samples.parse)), "baseline", "baseline", ""],
  ["generate --no-cache (cold)", ...versus(samples.cold, samples.parse), "≤ 1.10× parse"],
  ["generate, nothing changed", ...versus(samples.unchanged, samples.cold), "≤ 0.30× cold"],
  ["generate --check, nothing changed", ...versus(samples.check, samples.cold), "≤ 0.30× cold"],
  [
    "--watch: one spec edited → reported done",
    ms(watched.reported),
    `${(median(watched.reported) / coldMedian).toFixed(2)}× cold`,
    "",
    "≤ 500 ms",
  ],
  ["--watch: edit → report, wall (100 ms debounce)", ms(watched.wall), "", "", ""],
];
console.log(`generate (built CLI, fresh processes, ${rounds} rounds${quick ? ", quick" : ""}): median (min–max)`);
console.log("| what | wall time | wall ratio | CPU ratio | goal |");
console.log("| --- | --- | --- | --- | --- |");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
