import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Progress, releaseProgress } from "./progress.js";
import { installVerdaccio, type LocalRegistry, RegistryUnavailable, startRegistry } from "./registry.js";
import {
  copyRepository,
  fetchPublished,
  publishedVersion,
  registryEnv,
  repoRoot,
  runConsumer,
  seedDependency,
  sh,
} from "./steps.js";

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
  "@wiretype/asyncapi-template": "asyncapi-template",
};
const templateName = "@wiretype/asyncapi-template";
/** Start the registry, seed, copy, version, release, install the package, fetch the template. */
const stepCount = 7;

function versionIn(repo: string, dir: string): string {
  return (JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")) as { version: string }).version;
}

describe("release to a real registry", () => {
  let work: string;
  let registry: LocalRegistry | undefined;
  let unavailable: string | undefined;
  let progress: Progress;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "wiretype-release-"));
    progress = releaseProgress(stepCount);
    try {
      const start = async () => startRegistry(await installVerdaccio(), join(work, "registry"));
      registry = await progress.step("start the registry", start);
    } catch (error) {
      if (!(error instanceof RegistryUnavailable)) throw error;
      unavailable = error.message;
    }
  }, 240_000);

  afterAll(async () => {
    await registry?.stop();
    // Retries: a command stopped at its time limit may still be writing into the folder for a moment.
    if (work !== undefined) rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  }, 60_000);

  it("versions, publishes and installs a protocol package that type-checks and round-trips", async (context) => {
    if (registry === undefined) {
      context.skip(`no registry: ${unavailable ?? "unknown reason"}`);
      return;
    }
    const started = Date.now();
    const { step, timings } = progress;
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

    // Builds every package, then publishes: the longest step (minutes on a loaded machine).
    const release = await step("release", () => sh("pnpm", ["run", "release"], repo, env, 360_000));
    // A package changesets left out is explained by its own output (it names what it skipped and why).
    const releaseLog = `${release.stdout}\n${release.stderr}`.split("\n").slice(-40).join("\n");
    for (const [name, dir] of Object.entries(publicPackages)) {
      const version = versionIn(repo, dir);
      const published = await publishedVersion(registry, name, version);
      expect(published, `${name}@${version} published; release output:\n${releaseLog}`).toBeDefined();
    }
    const published = await publishedVersion(registry, packageName, releasedVersion);
    expect(published?.dependencies?.["@wiretype/runtime"]).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(published?.exports?.["."]?.default).toBe("./dist/index.gen.js");

    const consumer = () => runConsumer(join(work, "consumer"), packageName, releasedVersion, env);
    const { program, output } = await step("consumer install, tsc, run", consumer);
    const template = await step("fetch the template", () =>
      fetchPublished(join(work, "template"), templateName, versionIn(repo, "asyncapi-template"), env),
    );
    expect(template.files).toEqual(
      expect.arrayContaining(["hooks/wiretype-package.js", "package.json", "template/README.md", "README.md"]),
    );
    expect(template.manifest.generator).toMatchObject({ renderer: "nunjucks", apiVersion: "v3" });
    const generatorRange = template.manifest.dependencies?.["@wiretype/generator"] ?? "";
    expect(await publishedVersion(registry, "@wiretype/generator", generatorRange.replace(/^\^/, ""))).toBeDefined();
    const total = ((Date.now() - started) / 1000).toFixed(1);
    console.info(`release test: ${program} round trip, ${total} s (${timings.join(", ")}): ${output}`);
    expect(JSON.parse(output)).toMatchObject({ mode: program === "roundtrip-dispatch" ? "dispatch" : "client-server" });
    // Minutes of real builds and installs: on a loaded machine version-packages alone took 100 s.
  }, 720_000);
});
