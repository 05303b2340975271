import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { formatDiagnostic, SpecError } from "../diagnostics.js";
import { hasWebSocketClient } from "../ir/infer-transport.js";
import type { GenerateInput, GenerateMemo, GenerateResult } from "../pipeline.js";
import type { GenerateCommand } from "./args.js";
import { generatorIdentity } from "./generator-identity.js";
import { checkPackage, readPackageState, writePackage } from "./package-files.js";
import {
  type CachedFolder,
  type CachedRun,
  cacheFileFor,
  outputsOnDisk,
  type PrintedLine,
  readCachedRun,
  runInputHash,
  sha256,
  writeCachedRun,
} from "./run-cache.js";

type DocsFiles = typeof import("./docs-files.js");

const specSuffix = /\.asyncapi\.(ya?ml|json)$/;

export function specsOf(command: GenerateCommand): string[] {
  if (command.specs.length > 0) return [...command.specs];
  return readdirSync("specs")
    .filter((name) => specSuffix.test(name))
    .sort()
    .map((name) => join("specs", name));
}

/** Paths shown to users and written into headers: relative to where the tool runs, with `/`. */
function displayPath(path: string): string {
  return relative(process.cwd(), resolve(path)).split(sep).join("/");
}

/** The folder of each package comes from its name (see ir/infer-package.ts), known once the spec is read. */
function inputsFor(command: GenerateCommand): GenerateInput[] {
  return specsOf(command).map((spec) => ({
    source: { path: displayPath(spec), text: readSource(spec) },
    ...(command.name === undefined ? {} : { packageName: command.name }),
    packageState: (id: string) => readPackageState(join(command.out, id)),
  }));
}

/** An unreadable file is a diagnostic like any other. */
function readSource(spec: string): string {
  try {
    return readFileSync(spec, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecError([
      { severity: "error", code: "unreadable", message: reason, file: displayPath(spec), pointer: "" },
    ]);
  }
}

/** One line per package whose transport gets no WebSocket client, so that nobody looks for one. */
function transportNotes(result: GenerateResult): string[] {
  return result.packages.flatMap(({ protocol }) => {
    const others = [...new Set(protocol.channels.map((channel) => channel.transport))].filter(
      (transport) => !hasWebSocketClient(transport),
    );
    if (others.length === 0) return [];
    return [
      `note: ${protocol.packageName}: ${others.join(", ")} transport: types, validators, dispatch tables and docs only, no client or server (wiretype's speak WebSocket)`,
    ];
  });
}

function print(line: PrintedLine): void {
  if (line.stream === "warn") console.warn(line.text);
  else console.log(line.text);
}

const folderOf = (dir: string, files: readonly { path: string; content: string }[]): CachedFolder => ({
  dir,
  files: files.map((file) => ({ path: file.path, sha: sha256(file.content) })),
});

interface Settled {
  /** Files out of date (--check). */
  readonly problems: number;
  readonly written: number;
  /** Every file the run generated, written or not. */
  readonly files: number;
}

/** Writes (or, with --check, compares) what a run generated; counts what it found and wrote. */
function settle(command: GenerateCommand, result: GenerateResult, docsFiles: DocsFiles): Settled {
  const { checkDocs, writeDocs } = docsFiles;
  let problems = 0;
  let written = 0;
  const report = (drifts: readonly { path: string; problem: string; diff?: string }[]) => {
    for (const drift of drifts) {
      problems += 1;
      console.error(`${displayPath(drift.path)}: ${drift.problem}${drift.diff ? `\n${drift.diff}` : ""}`);
    }
  };
  const wrote = (paths: readonly string[]) => {
    for (const path of paths) console.log(`wrote ${displayPath(path)}`);
    written += paths.length;
  };
  for (const generated of result.packages) {
    const packageDir = join(command.out, generated.protocol.id);
    if (command.check) report(checkPackage(packageDir, generated));
    else wrote(writePackage(packageDir, generated));
  }
  if (command.docs !== undefined) {
    if (command.check) report(checkDocs(command.docs, result.docs));
    else wrote(writeDocs(command.docs, result.docs));
  }
  const files = result.packages.reduce((sum, each) => sum + each.files.length, 0) + result.docs.length;
  return { problems, written, files };
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** The run's last line: what it covered, what it did, and how long it took. */
function summary(
  command: GenerateCommand,
  counts: { specs: number; packages: number; warnings: number },
  outcome: string,
  started: number,
): string {
  const verb = command.check ? "checked" : "generated";
  const scope = `${plural(counts.specs, "spec")}, ${plural(counts.packages, "package")}`;
  const ms = (performance.now() - started).toFixed(0);
  return `wiretype: ${verb} ${scope}: ${outcome}, ${plural(counts.warnings, "warning")}, ${ms} ms`;
}

/** What decides the output, besides the specs and the generator: the same for --check and a write. */
const optionsOf = (command: GenerateCommand, specs: readonly string[]) => ({
  specs,
  out: command.out,
  docs: command.docs ?? null,
  name: command.name ?? null,
});

type Recorder = (run: Omit<CachedRun, "inputHash">) => void;

/**
 * The cached run when its inputs match and its outputs are all on disk as generated (nothing to parse
 * or write), and how to record a full run's result. `--watch` always runs in full, to fill its memo.
 */
function cacheHit(command: GenerateCommand): { hit: CachedRun | undefined; record?: Recorder } {
  if (command.cacheDir === undefined) return { hit: undefined };
  const options = optionsOf(command, specsOf(command));
  const inputHash = runInputHash(generatorIdentity(), options, options.specs);
  if (inputHash === undefined) return { hit: undefined };
  const file = cacheFileFor(command.cacheDir, options);
  const cached = command.watch ? undefined : readCachedRun(file, inputHash);
  const hit = cached !== undefined && outputsOnDisk(cached) ? cached : undefined;
  return { hit, record: (run) => writeCachedRun(file, { ...run, inputHash }) };
}

/** The pipeline (parser, emitters, ts-morph) loads only when there is something to generate. */
async function generateFor(command: GenerateCommand, memo: GenerateMemo | undefined): Promise<GenerateResult> {
  const { generate } = await import("../pipeline.js");
  return generate(inputsFor(command), memo === undefined ? {} : { memo });
}

async function runOnce(command: GenerateCommand, memo: GenerateMemo | undefined): Promise<number> {
  const started = performance.now();
  const { hit, record } = cacheHit(command);
  if (hit !== undefined) {
    for (const line of hit.lines) print(line);
    if (command.timings) console.log(`timings: unchanged (cache), ${(performance.now() - started).toFixed(0)} ms`);
    const warnings = hit.lines.filter((line) => line.stream === "warn").length;
    const counts = { specs: specsOf(command).length, packages: hit.packages.length, warnings };
    console.log(summary(command, counts, "nothing changed since the last run (cache)", started));
    return 0;
  }
  const [result, docsFiles] = await Promise.all([generateFor(command, memo), import("./docs-files.js")]);
  const lines: PrintedLine[] = [
    ...result.warnings.map((warning) => ({ stream: "warn" as const, text: formatDiagnostic(warning) })),
    ...transportNotes(result).map((text) => ({ stream: "log" as const, text })),
  ];
  for (const line of lines) print(line);
  const { problems, written, files } = settle(command, result, docsFiles);
  const formatted = result.warnings.every((warning) => warning.code !== "format-unavailable");
  if (record !== undefined && formatted) {
    const packages = result.packages.map((each) => folderOf(join(command.out, each.protocol.id), each.files));
    const docs =
      command.docs === undefined
        ? undefined
        : { ...folderOf(command.docs, result.docs), mark: docsFiles.generatedMark };
    record({ lines, packages, docs });
  }
  if (command.timings) {
    const { load, ir, emit } = result.timings;
    console.log(`timings: load ${load.toFixed(0)} ms, IR ${ir.toFixed(0)} ms, emit ${emit.toFixed(0)} ms`);
  }
  const counts = { specs: specsOf(command).length, packages: result.packages.length, warnings: result.warnings.length };
  const outcome = command.check
    ? `${plural(problems, "file")} out of date of ${files}`
    : `${plural(written, "file")} written, ${files - written} unchanged`;
  console.log(summary(command, counts, outcome, started));
  if (command.check && problems > 0) {
    console.error(`${problems} generated file(s) out of date: run \`pnpm generate\` and commit the result.`);
    return 1;
  }
  return 0;
}

/** One run, every failure reported as diagnostics; `memo` carries results between runs of `--watch`. */
export async function runReporting(command: GenerateCommand, memo?: GenerateMemo): Promise<number> {
  try {
    return await runOnce(command, memo);
  } catch (error) {
    if (error instanceof SpecError) {
      for (const diagnostic of error.diagnostics) console.error(formatDiagnostic(diagnostic));
      return 1;
    }
    console.error(`wiretype failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
