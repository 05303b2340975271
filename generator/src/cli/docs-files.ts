import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { generatedMark } from "../emit/docs/emit-docs.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import type { Drift } from "./package-files.js";
import { shortDiff } from "./short-diff.js";

/** The docs site mixes hand-written and generated files: generated ones carry the mark in their first lines. */

const skippedFolders = new Set(["node_modules", "dist", "cache"]);
const headerLength = 400;

function isGenerated(path: string): boolean {
  return readFileSync(path, "utf8").slice(0, headerLength).includes(generatedMark);
}

/** Every generated file on disk under the docs folder, relative paths with `/`. */
function generatedOnDisk(docsDir: string): string[] {
  if (!existsSync(docsDir)) return [];
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) visit(path);
      } else if (/\.(md|ts)$/.test(entry.name) && isGenerated(path)) {
        found.push(relative(docsDir, path).split(sep).join("/"));
      }
    }
  };
  visit(docsDir);
  return found.sort();
}

function leftovers(docsDir: string, files: readonly GeneratedFile[]): string[] {
  const expected = new Set(files.map((file) => file.path));
  return generatedOnDisk(docsDir).filter((path) => !expected.has(path));
}

/** Compares the generated docs files with the disk; writes nothing. */
export function checkDocs(docsDir: string, files: readonly GeneratedFile[]): Drift[] {
  const drift: Drift[] = [];
  for (const file of files) {
    const path = join(docsDir, file.path);
    if (!existsSync(path)) drift.push({ path, problem: "missing" });
    else {
      const onDisk = readFileSync(path, "utf8");
      if (onDisk !== file.content) drift.push({ path, problem: "stale", diff: shortDiff(file.content, onDisk) });
    }
  }
  for (const leftover of leftovers(docsDir, files))
    drift.push({ path: join(docsDir, leftover), problem: "not generated any more" });
  return drift;
}

/** Writes the docs files that changed and removes generated ones no longer produced; returns what changed. */
export function writeDocs(docsDir: string, files: readonly GeneratedFile[]): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const path = join(docsDir, file.path);
    if (existsSync(path) && readFileSync(path, "utf8") === file.content) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    changed.push(path);
  }
  for (const leftover of leftovers(docsDir, files)) {
    rmSync(join(docsDir, leftover));
    changed.push(join(docsDir, leftover));
  }
  return changed;
}
