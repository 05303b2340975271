import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { CorpusExpectation, GeneratesExpectation } from "./corpus-entries.js";
import type { CorpusRun } from "./corpus-run.js";

export type Outcome = "generated and type-checked" | "diagnostic (expected)" | "failed";

export interface CorpusResult {
  readonly run: CorpusRun;
  readonly outcome: Outcome;
  /** Why the entry failed, one line each; empty unless `outcome` is `failed`. */
  readonly problems: readonly string[];
}

/** Holds one run (and its type errors) to its entry's expectation. */
export function classify(run: CorpusRun, typeErrors: readonly string[]): CorpusResult {
  const problems = problemsOf(run, run.entry.expect, typeErrors);
  if (problems.length > 0) return { run, outcome: "failed", problems };
  const outcome = run.entry.expect.outcome === "generates" ? "generated and type-checked" : "diagnostic (expected)";
  return { run, outcome, problems };
}

function problemsOf(run: CorpusRun, expect: CorpusExpectation, typeErrors: readonly string[]): string[] {
  if (run.crash !== undefined) return [`crashed: ${run.crash}`];
  if (expect.outcome === "diagnostic") {
    if (run.exitCode === 0) return [`generated, but a diagnostic matching ${expect.match} was expected`];
    const problems = run.exitCode === 1 ? [] : [`exit code ${run.exitCode}, expected 1`];
    if (!run.output.some((line) => expect.match.test(line))) problems.push(`no output line matches ${expect.match}`);
    return problems;
  }
  if (run.exitCode !== 0) {
    const first = run.errors[0] ?? run.output.at(-1) ?? "(nothing printed)";
    return [`refused (exit ${run.exitCode}, ${run.errors.length} error(s)): ${first}`];
  }
  return [...generatedProblems(run, expect), ...typeErrors.slice(0, 5).map((error) => `type error: ${error}`)];
}

function generatedProblems(run: CorpusRun, expect: GeneratesExpectation): string[] {
  const problems: string[] = [];
  if (run.packageDirs.length === 0) problems.push("exit 0 but no package was written");
  for (const warning of expect.warns ?? []) {
    if (!run.warnings.some((line) => warning.test(line))) problems.push(`no warning matches ${warning}`);
  }
  const named = expect.packageName;
  if (named !== undefined) {
    const names = run.packageDirs.map(packageName);
    if (!names.some((name) => named.test(name))) problems.push(`package named ${names.join(", ")}, expected ${named}`);
    // The folder follows the package name too: two documents both called asyncapi.yaml must not share one.
    const folders = run.packageDirs.map((dir) => basename(dir));
    if (!folders.some((folder) => named.test(folder)))
      problems.push(`written to ${folders.join(", ")}/, expected ${named}`);
  }
  if (expect.noWebSocketClient === true) {
    const clients = run.packageDirs.flatMap((dir) => filesMatching(dir, /\bcreateClient\s*[<(]/));
    if (clients.length > 0) problems.push(`not a WebSocket transport, but ${clients.join(", ")} build a client`);
  }
  problems.push(...missingTypes(run.packageDirs, expect.types ?? []));
  return problems;
}

/** Names not exported by any package's src/types.gen.ts, or exported as `unknown`. */
function missingTypes(packageDirs: readonly string[], names: readonly string[]): string[] {
  const texts = packageDirs.map((dir) => readFileSync(join(dir, "src", "types.gen.ts"), "utf8"));
  return names.flatMap((name) => {
    const declared = new RegExp(`^export (interface|type) ${name}\\b`, "m");
    const untyped = new RegExp(`^export type ${name} = unknown;`, "m");
    if (!texts.some((text) => declared.test(text))) return [`types.gen.ts exports no ${name}`];
    return texts.some((text) => untyped.test(text)) ? [`${name} is typed \`unknown\``] : [];
  });
}

function packageName(dir: string): string {
  const manifest: unknown = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const name = typeof manifest === "object" && manifest !== null ? (manifest as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : "(unnamed)";
}

/** Generated sources (under src/) whose text matches `pattern`: a call, not an import, when it ends in `[<(]`. */
function filesMatching(dir: string, pattern: RegExp): string[] {
  const src = join(dir, "src");
  return readdirSync(src, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && pattern.test(readFileSync(join(src, name), "utf8")))
    .map((name) => `src/${name}`);
}

/** The table printed after each run: document, AsyncAPI version, expectation, outcome, diagnostics. */
export function formatCorpusTable(results: readonly CorpusResult[]): string {
  const header = "| document | asyncapi | expected | outcome | errors | warnings | ms |";
  const rule = "| --- | --- | --- | --- | --- | --- | --- |";
  const rows = results.map(({ run, outcome, problems }) => {
    const expected = run.entry.expect.outcome === "generates" ? "generates" : `diagnostic ${run.entry.expect.match}`;
    const shown = outcome === "failed" ? `failed: ${problems[0] ?? ""}` : outcome;
    const cells = [
      run.entry.documents.join(" + "),
      run.version,
      expected,
      shown.replaceAll("|", "\\|").slice(0, 160),
      String(run.errors.length),
      String(run.warnings.length),
      run.milliseconds.toFixed(0),
    ];
    return `| ${cells.join(" | ")} |`;
  });
  const count = (outcome: Outcome) => results.filter((result) => result.outcome === outcome).length;
  const summary =
    `${results.length} entries: ${count("generated and type-checked")} generated and type-checked, ` +
    `${count("diagnostic (expected)")} diagnostic (expected), ${count("failed")} failed`;
  return [header, rule, ...rows, "", summary].join("\n");
}
