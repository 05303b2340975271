import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusEntries } from "./support/corpus-entries.js";
import { type CorpusResult, classify, formatCorpusTable } from "./support/corpus-report.js";
import { type CorpusRun, corpusDir, corpusOutDir, runCorpusEntry } from "./support/corpus-run.js";
import { typecheckPackages } from "./support/corpus-typecheck.js";

/**
 * The third-party corpus: every document under corpus/ goes through `wiretype generate` as a user
 * would run it, the packages it writes are type-checked together, and each entry is held to the
 * expectation in support/corpus-entries.ts. The table (also written to .corpus-out/table.md) says
 * where each document stands.
 */
const maxDocumentLines = 150;
const results = new Map<string, CorpusResult>();

async function runAll(): Promise<{ results: CorpusResult[]; timing: string }> {
  const start = performance.now();
  const runs: CorpusRun[] = [];
  for (const entry of corpusEntries) runs.push(await runCorpusEntry(entry));
  const generated = performance.now();
  const typeErrors = typecheckPackages(runs.flatMap((run) => run.packageDirs));
  const timing = `generation ${(generated - start).toFixed(0)} ms, type-check ${(performance.now() - generated).toFixed(0)} ms`;
  const results = runs.map((run) =>
    classify(
      run,
      run.packageDirs.flatMap((dir) => typeErrors.get(dir) ?? []),
    ),
  );
  return { results, timing };
}

/** Every YAML or JSON file under corpus/, relative to it. */
function corpusFiles(): string[] {
  return readdirSync(corpusDir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .map((name) => name.split("\\").join("/"))
    .sort();
}

beforeAll(async () => {
  const { results: all, timing } = await runAll();
  for (const result of all) results.set(result.run.entry.name, result);
  const table = `${formatCorpusTable(all)} (${timing})`;
  mkdirSync(corpusOutDir, { recursive: true });
  writeFileSync(join(corpusOutDir, "table.md"), `${table}\n`);
  console.log(`third-party corpus:\n${table}`);
}, 300_000);

describe("third-party corpus", () => {
  it("has at least 30 documents, in AsyncAPI 2.0, 2.2, 2.4, 2.6 and 3.0", () => {
    const documents = new Set(corpusEntries.flatMap((entry) => entry.documents));
    expect(documents.size).toBeGreaterThanOrEqual(30);
    const versions = new Set([...results.values()].map((result) => result.run.version.replace(/\.\d+$/, "")));
    for (const version of ["2.0", "2.2", "2.4", "2.6", "3.0"]) expect(versions).toContain(version);
  });

  it("runs every document in corpus/ (each top-level file is an entry; sibling files only in subfolders)", () => {
    const listed = new Set(corpusEntries.flatMap((entry) => entry.documents));
    const unlisted = corpusFiles().filter((file) => !file.includes("/") && !listed.has(file));
    expect(unlisted).toEqual([]);
    for (const document of listed) expect(corpusFiles()).toContain(document);
    expect(new Set(corpusEntries.map((entry) => entry.name)).size).toBe(corpusEntries.length);
  });

  it.each(corpusFiles())("%s is small and carries no wiretype extension", (file) => {
    const text = readFileSync(join(corpusDir, file), "utf8");
    expect(text.split("\n").length).toBeLessThanOrEqual(maxDocumentLines);
    expect(text).not.toMatch(/x-wiretype-/);
  });

  it.each(corpusEntries.map((entry) => [entry.name, entry.expect.outcome] as const))("%s: %s", (name) => {
    const result = results.get(name);
    expect(result, "the entry ran").toBeDefined();
    expect(result?.problems.join("\n") ?? "").toBe("");
    expect(result?.outcome).not.toBe("failed");
  });
});
