import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

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

/** Builds with `vitepress build docs` unless the last build is newer than every source. */
export function ensureSiteBuilt(): void {
  const marker = join(distDir, "index.html");
  const sources = Math.max(newestSource(docsDir), statSync(join(repoRoot, "specs", "README.md")).mtimeMs);
  if (existsSync(marker) && statSync(marker).mtimeMs > sources) return;
  // A dead internal link makes this throw: VitePress fails the build on one.
  execFileSync("pnpm", ["exec", "vitepress", "build", "docs"], { cwd: repoRoot, stdio: "pipe", timeout: 180_000 });
}
