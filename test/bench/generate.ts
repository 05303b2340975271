/**
 * `pnpm generate` cost against parsing the five specs alone, in one process run (both warm, measured
 * in alternating rounds), and the time of each generator stage; then both as whole commands, each a
 * fresh Node process, so start-up and module loading count too.
 *
 *   pnpm bench:generate
 */

import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { type GenerateInput, generate, loadSpec } from "@wiretype/generator";
import { median, timed } from "./measure.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const rounds = 5;

const inputs: GenerateInput[] = readdirSync(`${root}specs`)
  .filter((name) => name.endsWith(".asyncapi.yaml"))
  .sort()
  .map((name) => ({
    id: name.replace(".asyncapi.yaml", ""),
    source: { path: `specs/${name}`, text: readFileSync(`${root}specs/${name}`, "utf8") },
  }));

const parseOnly = () => Promise.all(inputs.map((input) => loadSpec(input.source)));
await parseOnly();
await generate(inputs);
const parseTimes: number[] = [];
const generateTimes: number[] = [];
const stages = { load: [] as number[], ir: [] as number[], emit: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  parseTimes.push(await timed(parseOnly));
  const start = performance.now();
  const result = await generate(inputs);
  generateTimes.push(performance.now() - start);
  stages.load.push(result.timings.load);
  stages.ir.push(result.timings.ir);
  stages.emit.push(result.timings.emit);
}
const parseMs = median(parseTimes);
const generateMs = median(generateTimes);
console.log(`in one process, ${inputs.length} specs, median of ${rounds} warm rounds:`);
console.log(`  parse only (@asyncapi/parser)  ${parseMs.toFixed(0)} ms`);
console.log(
  `  generate (load → IR → emit)    ${generateMs.toFixed(0)} ms  = ${(generateMs / parseMs).toFixed(2)}× parse`,
);
console.log(
  `  stages: load ${median(stages.load).toFixed(0)} ms, IR ${median(stages.ir).toFixed(0)} ms, emit ${median(stages.emit).toFixed(0)} ms`,
);

function commandMs(args: string[]): number {
  const times: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const start = performance.now();
    const child = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
    if (child.status !== 0) throw new Error(`${args.join(" ")} failed: ${child.stderr}`);
    times.push(performance.now() - start);
  }
  return median(times);
}

const tsx = ["--import", "tsx"];
const parseCommand = commandMs([...tsx, "test/bench/parse-specs.ts"]);
const generateCommand = commandMs(["generator/bin/wiretype.js", "generate", "--check"]);
console.log("as whole commands (fresh process each, median of 3):");
console.log(`  parse the five specs           ${parseCommand.toFixed(0)} ms`);
console.log(
  `  wiretype generate --check      ${generateCommand.toFixed(0)} ms  = ${(generateCommand / parseCommand).toFixed(2)}× parse`,
);
