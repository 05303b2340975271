import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `@wiretype/asyncapi-template` run by `@asyncapi/generator` 2.x (what `asyncapi generate fromTemplate`
 * runs) writes the same files, byte for byte, as `wiretype generate` for the same document: one of our
 * specs and one third-party document.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const templateDir = join(root, "asyncapi-template");
const specs = ["specs/voxy.asyncapi.yaml", "generator/test/corpus/kraken-websocket-asyncapi.yml"];

interface AsyncApiGenerator {
  generateFromFile(path: string): Promise<unknown>;
}
type GeneratorClass = new (template: string, targetDir: string, options: { forceWrite: boolean }) => AsyncApiGenerator;
/**
 * @asyncapi/generator is the template's own (development) dependency: resolved from there. It finds a
 * global `npm` when it loads, which a Node without npm beside it (`npx node@24`) lacks: then the test
 * says so and is skipped (the Node 20 run covers it).
 */
function loadGenerator(): GeneratorClass | string {
  try {
    return createRequire(join(templateDir, "package.json"))("@asyncapi/generator") as GeneratorClass;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
const loaded = loadGenerator();

const work = mkdtempSync(join(tmpdir(), "wiretype-template-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): Map<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    entries.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(dir, path), readFileSync(path, "utf8")];
    }),
  );
}

describe("@wiretype/asyncapi-template", () => {
  it("writes what `wiretype generate` writes, for our spec and a third-party document", async (context) => {
    if (typeof loaded === "string") {
      context.skip(`@asyncapi/generator does not load on this Node: ${loaded}`);
      return;
    }
    const Generator = loaded;
    const cli = join(root, "generator/bin/wiretype.js");
    const byCli = join(work, "cli");
    const generated = promisify(execFile)(process.execPath, [cli, "generate", ...specs, "--out", byCli, "--no-cache"], {
      cwd: root,
    });
    const viaTemplate = specs.map((_spec, index) => join(work, `template-${index}`));
    for (const [index, spec] of specs.entries()) {
      // Relative to the working directory, as the CLI is given it, so that the headers name it alike.
      await new Generator(templateDir, viaTemplate[index] ?? "", { forceWrite: true }).generateFromFile(spec);
    }
    await generated;
    const packages = readdirSync(byCli).sort();
    expect(packages).toHaveLength(specs.length);
    const templateFolders = viaTemplate.map(filesUnder);
    const cliFolders = packages.map((name) => filesUnder(join(byCli, name)));
    for (const cliFiles of cliFolders) {
      expect(cliFiles.has("src/types.gen.ts")).toBe(true);
      const match = templateFolders.find((files) => files.get("package.json") === cliFiles.get("package.json"));
      expect(match, "a template output with the same package.json").toBeDefined();
      expect([...(match?.keys() ?? [])].sort()).toEqual([...cliFiles.keys()].sort());
      for (const [path, content] of cliFiles) expect(match?.get(path), path).toBe(content);
    }
  }, 120_000);
});
