import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import type { CorpusEntry } from "./corpus-entries.js";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const corpusDir = fileURLToPath(new URL("../corpus/", import.meta.url));
/** Git-ignored; the root tsconfig skips it too (its globs do not enter folders starting with a dot). */
export const corpusOutDir = fileURLToPath(new URL("../.corpus-out/", import.meta.url));

/** What one `wiretype generate` run printed and wrote, as a user running the CLI would see it. */
export interface CorpusRun {
  readonly entry: CorpusEntry;
  /** The first document's `asyncapi` field, as written. */
  readonly version: string;
  /** `undefined` when the CLI threw instead of returning (a crash). */
  readonly exitCode: number | undefined;
  readonly crash?: string;
  /** Everything printed (stdout and stderr), one line each. */
  readonly output: readonly string[];
  /** Lines in the diagnostic format (`file:line severity code at pointer: message`). */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** Package folders the run wrote (absolute). */
  readonly packageDirs: readonly string[];
  readonly milliseconds: number;
}

const diagnosticLine = / (error|warning) \S+ at \S*: /;

function severityOf(line: string): string | undefined {
  return diagnosticLine.exec(line)?.[1];
}

function documentVersion(path: string): string {
  try {
    const match = /^["']?asyncapi["']?\s*:\s*["']?([\w.-]+)/m.exec(readFileSync(path, "utf8"));
    return match?.[1] ?? "-";
  } catch {
    return "-";
  }
}

/** Runs `fn` with console output captured instead of printed. */
async function capturingConsole<T>(fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const lines: string[] = [];
  const original = { log: console.log, warn: console.warn, error: console.error };
  const capture = (...args: unknown[]) => {
    lines.push(...args.map(String).join(" ").split("\n"));
  };
  console.log = capture;
  console.warn = capture;
  console.error = capture;
  try {
    return { value: await fn(), lines };
  } finally {
    Object.assign(console, original);
  }
}

function writtenPackages(outDir: string): string[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir, { withFileTypes: true })
    .filter((item) => item.isDirectory() && existsSync(join(outDir, item.name, "package.json")))
    .map((item) => join(outDir, item.name))
    .sort();
}

/**
 * One entry through the real CLI (`wiretype generate <docs…> --out <folder>`), in this process: the
 * same argument handling, package naming and folder checks as a user's run, without a Node start-up
 * per document. Paths are given relative to the working directory, as a user would type them.
 */
export async function runCorpusEntry(entry: CorpusEntry): Promise<CorpusRun> {
  const outDir = join(corpusOutDir, entry.name);
  rmSync(outDir, { recursive: true, force: true });
  const documents = entry.documents.map((document) => relative(process.cwd(), join(corpusDir, document)));
  const args = ["generate", ...documents, "--out", relative(process.cwd(), outDir)];
  const start = performance.now();
  let exitCode: number | undefined;
  let crash: string | undefined;
  const { lines } = await capturingConsole(async () => {
    try {
      exitCode = await main(args);
    } catch (error) {
      crash = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  });
  const milliseconds = performance.now() - start;
  return {
    entry,
    version: documentVersion(join(corpusDir, entry.documents[0] ?? "")),
    exitCode,
    ...(crash === undefined ? {} : { crash }),
    output: lines,
    errors: lines.filter((line) => severityOf(line) === "error"),
    warnings: lines.filter((line) => severityOf(line) === "warning"),
    packageDirs: exitCode === 0 ? writtenPackages(outDir) : [],
    milliseconds,
  };
}
