/**
 * Generation time for the whole third-party corpus (generator/test/corpus/) against parse-only
 * (`@asyncapi/parser`'s `parse` of the same documents), both warm, measured in alternating rounds of
 * one process run, as medians. Each document is generated on its own, as the CLI would for one file; a
 * document the generator refuses still counts (its time is the time to refuse it). No assertions.
 *
 *   pnpm bench corpus
 */

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { performance } from "node:perf_hooks";
import { Parser } from "@asyncapi/parser";
import { type GenerateInput, generate, SpecError } from "@wiretype/generator";
import { corpusEntries } from "../../generator/test/support/corpus-entries.js";
import { corpusDir, repoRoot } from "../../generator/test/support/corpus-run.js";
import { median, timed } from "./measure.js";

/** CI's quick run (`pnpm bench --quick`): one round over the first documents, a smoke test of the bench. */
const quick = process.env.WIRETYPE_BENCH_QUICK === "1";
const rounds = quick ? 1 : 3;

/** Every corpus document once (the first ten in a quick run), paths relative to the repository root (multi-file refs resolve from there). */
const inputs: GenerateInput[] = corpusEntries
  .flatMap((entry) =>
    entry.documents.map((document, index) => {
      const path = relative(repoRoot, `${corpusDir}${document}`);
      return { id: `${entry.name}-${index}`, source: { path, text: readFileSync(`${repoRoot}${path}`, "utf8") } };
    }),
  )
  .slice(0, quick ? 10 : undefined);

const parser = new Parser();

async function parseAll(): Promise<void> {
  for (const input of inputs) await parser.parse(input.source.text, { source: input.source.path });
}

interface GenerateRound {
  generated: number;
  refused: number;
  stages: { load: number; ir: number; emit: number };
}

async function generateAll(): Promise<GenerateRound> {
  const round: GenerateRound = { generated: 0, refused: 0, stages: { load: 0, ir: 0, emit: 0 } };
  for (const input of inputs) {
    try {
      const { timings } = await generate([input]);
      round.generated += 1;
      round.stages.load += timings.load;
      round.stages.ir += timings.ir;
      round.stages.emit += timings.emit;
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      round.refused += 1;
    }
  }
  return round;
}

process.chdir(repoRoot);
await parseAll();
let last = await generateAll();
const parseTimes: number[] = [];
const generateTimes: number[] = [];
const stages = { load: [] as number[], ir: [] as number[], emit: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  parseTimes.push(await timed(parseAll));
  const start = performance.now();
  last = await generateAll();
  generateTimes.push(performance.now() - start);
  stages.load.push(last.stages.load);
  stages.ir.push(last.stages.ir);
  stages.emit.push(last.stages.emit);
}
const parseMs = median(parseTimes);
const generateMs = median(generateTimes);
const spread = (times: number[]) => `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms`;
console.log(
  `in one process, ${inputs.length} corpus documents (${last.generated} generated, ${last.refused} refused), median of ${rounds} warm rounds:`,
);
console.log(`  parse only (@asyncapi/parser)  ${parseMs.toFixed(0)} ms`);
console.log(
  `  generate (load → IR → emit)    ${generateMs.toFixed(0)} ms  = ${(generateMs / parseMs).toFixed(2)}× parse (spread ${spread(generateTimes)} against ${spread(parseTimes)})`,
);
console.log(
  `  stages of the generated documents: load ${median(stages.load).toFixed(0)} ms, IR ${median(stages.ir).toFixed(0)} ms, emit ${median(stages.emit).toFixed(0)} ms`,
);
