import { execFile } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { LocalRegistry } from "./registry.js";

/** The release test's steps: each runs real tools (git, pnpm, npm, tsc, node) in temp folders. */

const execFileAsync = promisify(execFile);
export const repoRoot = resolve(import.meta.dirname, "../..");

/** Environment pointing npm and pnpm (and changesets, through them) at the local registry only. */
export function registryEnv(registry: LocalRegistry): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_(config|package|lifecycle)_/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    npm_config_registry: registry.url,
    npm_config_userconfig: registry.npmrc,
    npm_config_update_notifier: "false",
    GIT_AUTHOR_NAME: "release test",
    GIT_AUTHOR_EMAIL: "release-test@127.0.0.1",
    GIT_COMMITTER_NAME: "release test",
    GIT_COMMITTER_EMAIL: "release-test@127.0.0.1",
    CI: "true",
  };
}

/**
 * Runs a command; on failure, throws with its output so that the test says what went wrong. A command
 * stopped at the time limit fails too: pnpm answers the SIGTERM by exiting with 0, which execFile
 * reports as success (a release cut short then looked like one that published nothing).
 */
export async function sh(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 180_000,
) {
  const startedAt = Date.now();
  const line = `${command} ${args.join(" ")}`;
  try {
    const result = await execFileAsync(command, [...args], {
      cwd,
      env,
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (Date.now() - startedAt >= timeoutMs) {
      throw Object.assign(new Error(`stopped after ${timeoutMs / 1000} s`), result);
    }
    return result;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${line} failed in ${cwd}\n${String(error)}\n${stdout}\n${stderr}`);
  }
}

/** A copy of the working tree (node_modules included, .git not) made a fresh one-commit git repo. */
export async function copyRepository(into: string, env: NodeJS.ProcessEnv): Promise<string> {
  const copy = join(into, "repo");
  mkdirSync(copy, { recursive: true });
  const excluded = ["./.git", "./scratch", "./.artifacts", "./coverage", "./docs/.vitepress/cache"];
  const tarArgs = excluded.map((pattern) => `--exclude=${pattern}`).join(" ");
  await sh("bash", ["-c", `tar -C "${repoRoot}" ${tarArgs} -cf - . | tar -C "${copy}" -xf -`], repoRoot, env);
  await sh("git", ["init", "-q", "-b", "main"], copy, env);
  await sh("git", ["add", "-A"], copy, env);
  await sh("git", ["commit", "-q", "--no-verify", "-m", "release test base"], copy, env);
  return copy;
}

/**
 * Publishes a dependency the packages need (zod, ws) from the workspace's store, where pnpm keeps the
 * files of its registry tarball: the local registry has no uplink.
 */
export async function seedDependency(dependencyDir: string, into: string, env: NodeJS.ProcessEnv): Promise<void> {
  const staging = mkdtempSync(join(into, "seed-"));
  cpSync(dependencyDir, join(staging, "package"), { recursive: true, dereference: true });
  await sh("tar", ["-czf", "seed.tgz", "package"], staging, env);
  await sh("npm", ["publish", join(staging, "seed.tgz"), "--ignore-scripts", "--tag", "latest"], staging, env);
}

export interface PublishedVersion {
  readonly dependencies?: Record<string, string>;
  readonly exports?: Record<string, { default?: string; types?: string }>;
  readonly dist?: { readonly tarball?: string };
}

export async function publishedVersion(registry: LocalRegistry, name: string, version: string) {
  const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`);
  if (!response.ok) return undefined;
  const document = (await response.json()) as { versions?: Record<string, PublishedVersion> };
  return document.versions?.[version];
}

/** Both programs import only published subpaths; the client/server one once those subpaths exist. */
export function roundTripProgram(installedManifest: string): "roundtrip-client-server" | "roundtrip-dispatch" {
  const manifest = JSON.parse(readFileSync(installedManifest, "utf8")) as { exports?: Record<string, unknown> };
  const exports = manifest.exports ?? {};
  return "./client" in exports && "./server" in exports ? "roundtrip-client-server" : "roundtrip-dispatch";
}

const wsShim = `declare module "ws" {
  const WebSocket: import("@wiretype/runtime").WebSocketConstructor;
  export default WebSocket;
}
`;

/**
 * A project outside the workspace that installs the package from the registry with npm, type-checks
 * the round-trip program against the published declarations (skipLibCheck off), and runs it.
 */
export async function runConsumer(dir: string, name: string, version: string, env: NodeJS.ProcessEnv) {
  mkdirSync(dir, { recursive: true });
  const manifest = { name: "release-consumer", private: true, type: "module", dependencies: { [name]: version } };
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  await sh("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], dir, env);
  const program = roundTripProgram(join(dir, "node_modules", name, "package.json"));
  copyFileSync(join(import.meta.dirname, "consumer", `${program}.mts`), join(dir, "main.mts"));
  // `ws` comes through @wiretype/runtime; typed by the runtime's contract (no @types in the offline registry).
  writeFileSync(join(dir, "ws-shim.d.ts"), wsShim);
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    outDir: "out",
    typeRoots: [join(repoRoot, "node_modules", "@types")],
    types: ["node"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["main.mts", "ws-shim.d.ts"] }));
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  await sh(process.execPath, [tsc, "-p", "tsconfig.json"], dir, env);
  if (!existsSync(join(dir, "out", "main.mjs"))) throw new Error("tsc wrote no out/main.mjs");
  const { stdout } = await sh(process.execPath, [join(dir, "out", "main.mjs")], dir, env);
  return { program, output: stdout.trim() };
}

/**
 * The AsyncAPI template as npm fetches it from the registry (`npm pack <name>@<version>` downloads the
 * published tarball): its files, and its manifest. It is not `npm install`ed here: its dependency,
 * @wiretype/generator, needs ts-morph and the AsyncAPI parser, which the offline registry does not hold.
 */
export async function fetchPublished(dir: string, name: string, version: string, env: NodeJS.ProcessEnv) {
  mkdirSync(dir, { recursive: true });
  const { stdout } = await sh("npm", ["pack", `${name}@${version}`, "--json"], dir, env);
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  if (packed === undefined) throw new Error(`npm pack ${name}@${version} returned nothing`);
  await sh("tar", ["-xzf", packed.filename], dir, env);
  const manifest = JSON.parse(readFileSync(join(dir, "package", "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    generator?: { renderer?: string; apiVersion?: string };
  };
  return { files: packed.files.map((file) => file.path).sort(), manifest };
}
