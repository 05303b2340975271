import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installVerdaccio, type LocalRegistry, RegistryUnavailable, startRegistry } from "./registry.js";
import { copyRepository, publishedVersion, registryEnv, repoRoot, runConsumer, seedDependency, sh } from "./steps.js";

/**
 * End to end: a changeset for @wiretype/kurento-room, `pnpm version-packages` and `pnpm release`
 * against a real npm registry (verdaccio on 127.0.0.1) in a copy of the repository, then a project
 * outside the workspace installs the package with npm, type-checks a program against it and runs a
 * round trip. Skipped only when verdaccio itself cannot be downloaded.
 */

const packageName = "@wiretype/kurento-room";
const releasedVersion = "0.1.0";
/** Every public package of the workspace and its folder: `changeset publish` publishes them all. */
const publicPackages: Readonly<Record<string, string>> = {
  "@wiretype/runtime": "runtime",
  "@wiretype/generator": "generator",
  "@wiretype/kurento-room": "packages/kurento-room",
  "@wiretype/verto": "packages/verto",
  "@wiretype/voxy": "packages/voxy",
  "@wiretype/workspace": "packages/workspace",
  "@wiretype/yueyue": "packages/yueyue",
};

function versionIn(repo: string, dir: string): string {
  return (JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")) as { version: string }).version;
}

describe("release to a real registry", () => {
  let work: string;
  let registry: LocalRegistry | undefined;
  let unavailable: string | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "wiretype-release-"));
    try {
      registry = await startRegistry(await installVerdaccio(), join(work, "registry"));
    } catch (error) {
      if (!(error instanceof RegistryUnavailable)) throw error;
      unavailable = error.message;
    }
  }, 240_000);

  afterAll(async () => {
    await registry?.stop();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("versions, publishes and installs a protocol package that type-checks and round-trips", async (context) => {
    if (registry === undefined) {
      context.skip(`no registry: ${unavailable ?? "unknown reason"}`);
      return;
    }
    const started = Date.now();
    const timings: string[] = [];
    const step = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
      const start = Date.now();
      const result = await action();
      timings.push(`${name} ${((Date.now() - start) / 1000).toFixed(1)} s`);
      return result;
    };
    const env = registryEnv(registry);
    await step("seed zod and ws", async () => {
      for (const dependency of ["zod", "ws"]) {
        await seedDependency(realpathSync(join(repoRoot, "runtime", "node_modules", dependency)), work, env);
      }
    });

    const repo = await step("copy the repository", () => copyRepository(work, env));
    writeFileSync(
      join(repo, ".changeset", "release-test.md"),
      `---\n"${packageName}": minor\n---\n\nRelease test: a changeset for one protocol package.\n`,
    );
    await step("version-packages", () => sh("pnpm", ["run", "version-packages"], repo, env));
    // version-packages ran `pnpm generate` last: the new version survived regeneration.
    expect(versionIn(repo, "packages/kurento-room")).toBe(releasedVersion);
    expect(readFileSync(join(repo, "packages", "kurento-room", "CHANGELOG.md"), "utf8")).toContain(
      "Release test: a changeset for one protocol package.",
    );

    await step("release", () => sh("pnpm", ["run", "release"], repo, env));
    for (const [name, dir] of Object.entries(publicPackages)) {
      const version = versionIn(repo, dir);
      expect(await publishedVersion(registry, name, version), `${name}@${version} published`).toBeDefined();
    }
    const published = await publishedVersion(registry, packageName, releasedVersion);
    expect(published?.dependencies?.["@wiretype/runtime"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(published?.exports?.["."]?.default).toBe("./dist/index.gen.js");

    const consumer = () => runConsumer(join(work, "consumer"), packageName, releasedVersion, env);
    const { program, output } = await step("consumer install, tsc, run", consumer);
    const total = ((Date.now() - started) / 1000).toFixed(1);
    console.info(`release test: ${program} round trip, ${total} s (${timings.join(", ")}): ${output}`);
    expect(JSON.parse(output)).toMatchObject({ mode: program === "roundtrip-dispatch" ? "dispatch" : "client-server" });
  }, 300_000);
});
