import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The docs site, built once and reused while no source under docs/ (or specs/README.md) is newer. */

export const repoRoot = resolve(import.meta.dirname, "../../..");
export const docsDir = join(repoRoot, "docs");
export const distDir = join(docsDir, ".vitepress", "dist");

const skipped = new Set(["node_modules", "dist", "cache"]);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const marker = join(distDir, "index.html");
  const sources = Math.max(newestSource(docsDir), statSync(join(repoRoot, "specs", "README.md")).mtimeMs);
  return existsSync(marker) && statSync(marker).mtimeMs > sources;
}

/** Test files run in parallel processes: one builds, the others wait for it (a folder is created atomically). */
const lockDir = join(docsDir, ".vitepress", "cache", "build-lock");
const buildTimeoutMs = 400_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(): void {
  mkdirSync(dirname(lockDir), { recursive: true });
  const deadline = Date.now() + buildTimeoutMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock older than a build is left over from a killed run.
      if (Date.now() - statSync(lockDir).mtimeMs > buildTimeoutMs) rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`docs build lock ${lockDir} held too long`);
      sleep(500);
    }
  }
}

/** Builds with `vitepress build docs` (the API reference included) unless the last build is newer than every source. */
export function ensureSiteBuilt(): void {
  if (isFresh()) return;
  acquireLock();
  try {
    if (isFresh()) return;
    // A dead internal link makes this throw: VitePress fails the build on one.
    execFileSync("pnpm", ["exec", "vitepress", "build", "docs"], {
      cwd: repoRoot,
      stdio: "pipe",
      timeout: buildTimeoutMs,
    });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
