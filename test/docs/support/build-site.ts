import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { progressPrefix } from "../../../docs/.vitepress/build-progress.js";

/** The docs site, built once and reused while no source under docs/ or examples/ (or specs/README.md) is newer. */

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
  // The example pages import the examples' sources at build time.
  const sources = Math.max(
    newestSource(docsDir),
    newestSource(join(repoRoot, "examples")),
    statSync(join(repoRoot, "specs", "README.md")).mtimeMs,
  );
  return existsSync(marker) && statSync(marker).mtimeMs > sources;
}

/** Test files run in parallel processes: one builds, the others wait for it (a folder is created atomically). */
const lockDir = join(docsDir, ".vitepress", "cache", "build-lock");
const buildTimeoutMs = 400_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function acquireLock(): Promise<void> {
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
      await sleep(500);
    }
  }
}

/**
 * Runs `vitepress build docs`. Its progress lines (docs/.vitepress/build-progress.ts) are passed on to
 * stderr as they come, so that a person waiting on a docs test sees the build advance; the rest of its
 * output is shown only when it fails (a dead internal link fails the build).
 */
function buildSite(): Promise<void> {
  const child = spawn("pnpm", ["exec", "vitepress", "build", "docs"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: buildTimeoutMs,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  createInterface({ input: child.stderr }).on("line", (line) => {
    output += `${line}\n`;
    if (line.startsWith(progressPrefix)) process.stderr.write(`${line}\n`);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`vitepress build docs failed (${code ?? signal}):\n${output}`));
    });
  });
}

/** Builds the site (the API reference included) unless the last build is newer than every source. */
export async function ensureSiteBuilt(): Promise<void> {
  if (isFresh()) return;
  await acquireLock();
  try {
    if (isFresh()) return;
    await buildSite();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
