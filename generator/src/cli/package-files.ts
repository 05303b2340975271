import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PackageState } from "../emit/package/emit-package.js";
import type { GeneratedPackage } from "../pipeline.js";
import { shortDiff } from "./short-diff.js";
import { writeTextIfChanged } from "./write-text.js";

/** Files the generator owns in `src/`: a stale one (no longer generated) is reported and removed. */
const generatedSourcePattern = /\.gen\.ts$/;

/** Reads what the release tooling owns in an existing package so that regeneration keeps it. */
export function readPackageState(packageDir: string): PackageState {
  const manifest = join(packageDir, "package.json");
  if (!existsSync(manifest)) return {};
  const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
  const version = typeof parsed === "object" && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
  return typeof version === "string" ? { version } : {};
}

/** Generated files (`src/*.gen.ts`) on disk that the run did not produce, relative to the package folder. */
export function leftoverGeneratedFiles(packageDir: string, files: readonly { readonly path: string }[]): string[] {
  const srcDir = join(packageDir, "src");
  if (!existsSync(srcDir)) return [];
  const expected = new Set(files.map((file) => file.path));
  return readdirSync(srcDir)
    .filter((name) => generatedSourcePattern.test(name))
    .map((name) => `src/${name}`)
    .filter((path) => !expected.has(path));
}

export interface Drift {
  readonly path: string;
  readonly problem: "missing" | "stale" | "not generated any more";
  readonly diff?: string;
}

/** Compares a generated package with the files on disk; writes nothing. */
export function checkPackage(packageDir: string, generated: GeneratedPackage): Drift[] {
  const drift: Drift[] = [];
  for (const file of generated.files) {
    const path = join(packageDir, file.path);
    if (!existsSync(path)) {
      drift.push({ path, problem: "missing" });
      continue;
    }
    const onDisk = readFileSync(path, "utf8");
    if (onDisk !== file.content) drift.push({ path, problem: "stale", diff: shortDiff(file.content, onDisk) });
  }
  for (const leftover of leftoverGeneratedFiles(packageDir, generated.files)) {
    drift.push({ path: join(packageDir, leftover), problem: "not generated any more" });
  }
  return drift;
}

/** Writes the files that changed and removes generated files no longer produced; returns what changed. */
export function writePackage(packageDir: string, generated: GeneratedPackage): string[] {
  const changed: string[] = [];
  for (const file of generated.files) {
    const path = join(packageDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    if (writeTextIfChanged(path, file.content)) changed.push(path);
  }
  for (const leftover of leftoverGeneratedFiles(packageDir, generated.files)) {
    rmSync(join(packageDir, leftover));
    changed.push(join(packageDir, leftover));
  }
  return changed;
}
