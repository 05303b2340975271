import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../diagnostics.js";
import type { GeneratedFile } from "./generated-file.js";

/**
 * Generated TypeScript goes through Biome's own formatter (the repository's one formatter), so that it
 * reads like hand-written code: wrapped at the configured width, one guard clause per line. All files
 * of a run go through one native Biome process (about 1% of a run; the WebAssembly build costs seconds
 * cold), concatenated between boundary comments that Biome keeps on their own lines. Identical texts
 * are formatted once, and texts found in `memo` not at all.
 */
export function formatTypeScriptFiles(groups: readonly (readonly GeneratedFile[])[], memo?: FormatMemo): FormatOutcome {
  const typescript = groups.flat().filter((file) => file.path.endsWith(".ts"));
  const unchanged = { groups: groups.map((files) => [...files]) };
  const printed = [...new Set(typescript.map((file) => file.content))];
  const fresh = printed.filter((text) => !memo?.has(text));
  const formatted = fresh.length === 0 ? [] : formatTexts(fresh);
  if (!Array.isArray(formatted)) return { ...unchanged, problem: formatted.problem };
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
  if (binary === undefined) return { problem: "no Biome binary is installed for this platform" };
  const joined = texts.map((text, index) => `${boundary(index)}\n${text}`).join("\n");
  // Biome 2.6 flattens a parenthesised `&&` group only on a second pass; two passes make the output a
  // fixed point, so formatting formatted output changes nothing (tested).
  const once = runBiome(binary, joined);
  const twice = once.ok ? runBiome(binary, once.text) : once;
  if (!twice.ok) return { problem: twice.text };
  return splitAtBoundaries(twice.text, texts.length) ?? { problem: "Biome lost a file boundary" };
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

function runBiome(binary: string, input: string): { readonly ok: boolean; readonly text: string } {
  const run = spawnSync(binary, biomeArguments, { input, encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status === 0) return { ok: true, text: run.stdout };
  return { ok: false, text: firstLine(run.stderr || String(run.error)) };
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

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "Biome failed";
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
