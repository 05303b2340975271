import { readdirSync, readFileSync, watch } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { formatDiagnostic, SpecError } from "../diagnostics.js";
import { runDiff } from "../diff/run-diff.js";
import { hasWebSocketClient } from "../ir/infer-transport.js";
import { type GenerateInput, type GenerateResult, generate } from "../pipeline.js";
import { type GenerateCommand, parseGenerateArgs, usage } from "./args.js";
import { checkDocs, writeDocs } from "./docs-files.js";
import { checkPackage, readPackageState, writePackage } from "./package-files.js";

const specSuffix = /\.asyncapi\.(ya?ml|json)$/;

function defaultSpecs(): string[] {
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
  const specs = command.specs.length > 0 ? command.specs : defaultSpecs();
  return specs.map((spec) => ({
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

async function runOnce(command: GenerateCommand): Promise<number> {
  const result = await generate(inputsFor(command));
  for (const warning of result.warnings) console.warn(formatDiagnostic(warning));
  for (const note of transportNotes(result)) console.log(note);
  let problems = 0;
  for (const generated of result.packages) {
    const packageDir = join(command.out, generated.protocol.id);
    if (command.check) {
      for (const drift of checkPackage(packageDir, generated)) {
        problems += 1;
        console.error(`${displayPath(drift.path)}: ${drift.problem}${drift.diff ? `\n${drift.diff}` : ""}`);
      }
    } else {
      for (const path of writePackage(packageDir, generated)) console.log(`wrote ${displayPath(path)}`);
    }
  }
  if (command.docs !== undefined) {
    if (command.check) {
      for (const drift of checkDocs(command.docs, result.docs)) {
        problems += 1;
        console.error(`${displayPath(drift.path)}: ${drift.problem}${drift.diff ? `\n${drift.diff}` : ""}`);
      }
    } else {
      for (const path of writeDocs(command.docs, result.docs)) console.log(`wrote ${displayPath(path)}`);
    }
  }
  if (command.timings) {
    const { load, ir, emit } = result.timings;
    console.log(`timings: load ${load.toFixed(0)} ms, IR ${ir.toFixed(0)} ms, emit ${emit.toFixed(0)} ms`);
  }
  if (command.check && problems > 0) {
    console.error(`${problems} generated file(s) out of date: run \`pnpm generate\` and commit the result.`);
    return 1;
  }
  return 0;
}

async function runReporting(command: GenerateCommand): Promise<number> {
  try {
    return await runOnce(command);
  } catch (error) {
    if (error instanceof SpecError) {
      for (const diagnostic of error.diagnostics) console.error(formatDiagnostic(diagnostic));
      return 1;
    }
    console.error(`wiretype failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/**
 * Regenerates whenever a spec changes (changes within 100 ms are taken together). Returns a function
 * that stops watching; `onRun` hears each run's exit status.
 */
export function watchSpecs(command: GenerateCommand, onRun?: (status: number) => void): () => void {
  const specs = command.specs.length > 0 ? command.specs : defaultSpecs();
  let timer: NodeJS.Timeout | undefined;
  const rerun = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void runReporting(command).then((status) => onRun?.(status)), 100);
  };
  const watchers = specs.map((spec) => watch(spec, rerun));
  console.log(`watching ${specs.length} spec(s); Ctrl-C to stop`);
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === "diff") return runDiff(rest);
  if (verb !== "generate") {
    console.error(usage);
    return verb === "--help" || verb === "-h" ? 0 : 2;
  }
  let command: GenerateCommand;
  try {
    command = parseGenerateArgs(rest);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const status = await runReporting(command);
  if (command.watch) watchSpecs(command);
  return status;
}
