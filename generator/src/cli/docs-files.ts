import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generatedMark } from "../emit/docs/emit-docs.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { leftoverPages } from "./docs-leftovers.js";
import type { Drift } from "./package-files.js";
import { shortDiff } from "./short-diff.js";

/** The docs site mixes hand-written and generated files: generated ones carry the mark in their first lines. */
export { generatedMark };

function leftovers(docsDir: string, files: readonly GeneratedFile[]): string[] {
  return leftoverPages(docsDir, files, generatedMark);
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
