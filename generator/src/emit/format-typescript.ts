import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../diagnostics.js";
import { flattenLogicalGroups } from "./format-flatten.js";
import { type BiomeOutput, firstLine, startBiomeProcess } from "./format-process.js";
import type { GeneratedFile } from "./generated-file.js";

/**
 * Generated TypeScript goes through Biome's own formatter (the repository's one formatter), so that it
 * reads like hand-written code: wrapped at the configured width, one guard clause per line. All files
 * of a run go through one native Biome process (about 1% of a run; the WebAssembly build costs seconds
 * cold), concatenated between boundary comments that Biome keeps on their own lines. Identical texts
 * are formatted once, and texts found in `memo` not at all.
 */
export function formatTypeScriptFiles(groups: readonly (readonly GeneratedFile[])[], memo?: FormatMemo): FormatOutcome {
  const fresh = freshTexts(groups, memo);
  return assemble(groups, memo, fresh, fresh.length === 0 ? [] : formatTexts(fresh));
}

/**
 * The same, through a Biome process started earlier (`startFormatter`), so that its start-up ran while
 * the run parsed and printed. The process is used or released either way.
 */
export async function formatTypeScriptFilesWith(
  formatter: Formatter,
  groups: readonly (readonly GeneratedFile[])[],
  memo?: FormatMemo,
): Promise<FormatOutcome> {
  const fresh = freshTexts(groups, memo);
  if (fresh.length === 0) formatter.release();
  const formatted = fresh.length === 0 ? [] : await formatter.format(fresh);
  return assemble(groups, memo, fresh, formatted);
}

/** A Biome process waiting for a run's texts, or why there is none. */
export interface Formatter {
  readonly format: (texts: readonly string[]) => Promise<string[] | { readonly problem: string }>;
  readonly release: () => void;
}

/** Starts Biome now, to format this run's texts when they are printed. */
export function startFormatter(): Formatter {
  const binary = biomeBinary();
  if (binary === undefined) return { format: async () => noBinary, release: () => undefined };
  const biome = startBiomeProcess(binary, biomeArguments);
  return {
    format: async (texts) => {
      const output = await biome.format(joinTexts(texts));
      // A process that died before its input came (killed, out of memory) is not the formatter's verdict.
      const retried = output.ok ? output : await startBiomeProcess(binary, biomeArguments).format(joinTexts(texts));
      return splitOutput(retried, texts.length);
    },
    release: biome.release,
  };
}

const noBinary = { problem: "no Biome binary is installed for this platform" } as const;

/** Distinct printed TypeScript texts not formatted before (`memo`), in order of first appearance. */
function freshTexts(groups: readonly (readonly GeneratedFile[])[], memo: FormatMemo | undefined): string[] {
  const typescript = groups.flat().filter((file) => file.path.endsWith(".ts"));
  return [...new Set(typescript.map((file) => file.content))].filter((text) => !memo?.has(text));
}

function assemble(
  groups: readonly (readonly GeneratedFile[])[],
  memo: FormatMemo | undefined,
  fresh: readonly string[],
  formatted: readonly string[] | { readonly problem: string },
): FormatOutcome {
  const unchanged = { groups: groups.map((files) => [...files]) };
  if (!Array.isArray(formatted)) return { ...unchanged, problem: (formatted as { readonly problem: string }).problem };
  const typescript = groups.flat().filter((file) => file.path.endsWith(".ts"));
  const printed = [...new Set(typescript.map((file) => file.content))];
  const byText = new Map(fresh.map((text, index) => [text, formatted[index] as string]));
  for (const text of printed) if (!byText.has(text)) byText.set(text, memo?.get(text) as string);
  if (memo !== undefined) {
    // Only this run's texts are kept: a watch session's memory stays the size of one run.
    memo.clear();
    for (const [text, result] of byText) memo.set(text, result);
  }
  const formattedFile = (file: GeneratedFile) =>
    file.path.endsWith(".ts") ? { ...file, content: byText.get(file.content) ?? file.content } : file;
  return { groups: groups.map((files) => files.map(formattedFile)) };
}

/** Formatted text by printed text, kept between runs of a watch session so that Biome sees only new text. */
export type FormatMemo = Map<string, string>;

/** The texts formatted, in order, or why they could not be. */
function formatTexts(texts: readonly string[]): string[] | { readonly problem: string } {
  const binary = biomeBinary();
  if (binary === undefined) return noBinary;
  return splitOutput(runBiome(binary, joinTexts(texts)), texts.length);
}

/**
 * Biome 2.6 lays out a parenthesised `&&` group inside `&&` flat only on a second pass: with those
 * parentheses taken out first, one pass gives the fixed point (formatting formatted output changes
 * nothing, tested).
 */
function joinTexts(texts: readonly string[]): string {
  return texts.map((text, index) => `${boundary(index)}\n${flattenLogicalGroups(text)}`).join("\n");
}

function splitOutput(output: BiomeOutput, count: number): string[] | { readonly problem: string } {
  if (!output.ok) return { problem: output.text };
  return splitAtBoundaries(output.text, count) ?? { problem: "Biome lost a file boundary" };
}

/** The same groups of files, in the same order, TypeScript files formatted. */
export interface FormatOutcome {
  readonly groups: GeneratedFile[][];
  /** Why the files are left as printed, when Biome could not run. */
  readonly problem?: string;
}

/** The formatter settings live next to this file; `biome.json`'s formatter section must agree (tested). */
export const formatConfigPath = fileURLToPath(new URL("../../src/emit/format-biome.json", import.meta.url));

const biomeArguments = ["format", "--stdin-file-path=generated.ts", `--config-path=${formatConfigPath}`];

const boundaryText = "// wiretype:format-boundary";
const boundary = (index: number): string => `${boundaryText} ${index}`;
const boundaryLine = new RegExp(`^${boundaryText} \\d+\\n`, "m");

function runBiome(binary: string, input: string): BiomeOutput {
  const run = spawnSync(binary, biomeArguments, { input, encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status === 0) return { ok: true, text: run.stdout };
  return { ok: false, text: firstLine(run.stderr || String(run.error)) || "Biome failed" };
}

function splitAtBoundaries(text: string, count: number): string[] | undefined {
  const parts = text.split(boundaryLine).slice(1);
  if (parts.length !== count) return undefined;
  return parts.map((part) => `${part.replace(/\n+$/, "")}\n`);
}

const platformPackages: Readonly<Record<string, string>> = {
  "linux-x64": "@biomejs/cli-linux-x64/biome",
  "linux-arm64": "@biomejs/cli-linux-arm64/biome",
  "darwin-x64": "@biomejs/cli-darwin-x64/biome",
  "darwin-arm64": "@biomejs/cli-darwin-arm64/biome",
  "win32-x64": "@biomejs/cli-win32-x64/biome.exe",
  "win32-arm64": "@biomejs/cli-win32-arm64/biome.exe",
};

let resolvedBinary: string | null | undefined;

/** The native binary that `@biomejs/biome` installed for this platform (glibc or musl on Linux). */
function biomeBinary(): string | undefined {
  if (resolvedBinary === undefined) resolvedBinary = findBiomeBinary() ?? null;
  return resolvedBinary ?? undefined;
}

function findBiomeBinary(): string | undefined {
  const fromBiome = createRequire(createRequire(import.meta.url).resolve("@biomejs/biome/package.json"));
  const key = `${process.platform}-${process.arch}`;
  const glibc = platformPackages[key];
  if (glibc === undefined) return undefined;
  for (const candidate of [glibc, glibc.replace("/biome", "-musl/biome")]) {
    try {
      return fromBiome.resolve(candidate);
    } catch {
      // Not installed for this platform variant: try the next one.
    }
  }
  return undefined;
}

/** Unformatted output is still correct code, so a missing formatter is a warning, printed on every run. */
export function formatUnavailable(problem: string): Diagnostic {
  return {
    severity: "warning",
    code: "format-unavailable",
    message: `generated TypeScript is left unformatted: Biome could not run (${problem})`,
    file: "wiretype",
    pointer: "",
  };
}
