import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../support/free-port.js";

/**
 * A real npm registry on 127.0.0.1 for the release test: verdaccio 5.33.0 (Node 20-compatible), its
 * storage in a temp folder, no uplinks (it serves only what the test publishes), one user whose token
 * the test's npmrc carries.
 */

const run = promisify(execFile);
export const verdaccioVersion = "5.33.0";

/**
 * Installed with npm (not `npx -y verdaccio`): verdaccio-audit asks for `node-fetch@cjs`, a dist-tag
 * some registry mirrors do not carry, so the install pins it with an override. Kept between runs.
 */
const installDir = join(tmpdir(), `wiretype-verdaccio-${verdaccioVersion}`);
const installManifest = {
  private: true,
  dependencies: { verdaccio: verdaccioVersion },
  overrides: { "verdaccio-audit": { "node-fetch": "2.7.0" } },
};

/** The verdaccio binary, installed if missing; throws RegistryUnavailable when it cannot be downloaded. */
export async function installVerdaccio(): Promise<string> {
  const bin = join(installDir, "node_modules", "verdaccio", "bin", "verdaccio");
  if (existsSync(bin)) return bin;
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, "package.json"), JSON.stringify(installManifest));
  try {
    await run("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], {
      cwd: installDir,
      timeout: 180_000,
    });
  } catch (error) {
    throw new RegistryUnavailable(`npm could not download verdaccio ${verdaccioVersion}: ${String(error)}`);
  }
  return bin;
}

export class RegistryUnavailable extends Error {}

function configFor(dir: string, port: number): string {
  return [
    `storage: ${join(dir, "storage")}`,
    "auth:",
    "  htpasswd:",
    `    file: ${join(dir, "htpasswd")}`,
    "    max_users: 10",
    "uplinks: {}",
    "packages:",
    '  "**":',
    "    access: $all",
    "    publish: $authenticated",
    "    unpublish: $authenticated",
    `listen: 127.0.0.1:${port}`,
    "max_body_size: 50mb",
    "log: { type: stdout, format: pretty, level: warn }",
    "",
  ].join("\n");
}

export interface LocalRegistry {
  readonly url: string;
  /** An npmrc with the registry and the user's token, for `npm_config_userconfig`. */
  readonly npmrc: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

async function waitUntilUp(url: string, process: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`verdaccio exited with ${process.exitCode}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("verdaccio did not answer /-/ping within 30 s");
}

/** Registers a user (the npm adduser HTTP call) and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = "wiretype-release";
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, password: "release-test-password", type: "user", roles: [], date: new Date() }),
  });
  const body: unknown = await response.json();
  const token = typeof body === "object" && body !== null ? (body as { token?: unknown }).token : undefined;
  if (!response.ok || typeof token !== "string") throw new Error(`adduser failed: ${JSON.stringify(body)}`);
  return token;
}

export async function startRegistry(bin: string, dir: string): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  writeFileSync(join(dir, "config.yaml"), configFor(dir, port));
  const child = spawn(process.execPath, [bin, "--config", join(dir, "config.yaml")], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killed);
  };
  try {
    await waitUntilUp(url, child, Date.now() + 30_000);
    const token = await addUser(url);
    const npmrc = join(dir, "npmrc");
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, npmrc, output: () => output, stop };
  } catch (error) {
    await stop();
    throw new Error(`${String(error)}\n${output}`);
  }
}
