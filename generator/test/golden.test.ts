import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type GenerateInput, generate } from "../src/pipeline.js";

/**
 * Golden output: every fixture's package is kept under `__snapshots__/<fixture>/`, where the root
 * tsconfig type-checks it, so a snapshot that does not compile fails CI. Our own specs' goldens are the
 * committed packages under `packages/`.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const fixturesDir = fileURLToPath(new URL("./fixtures/", import.meta.url));
const fixtureSuffix = ".asyncapi.yaml";

function input(dir: string, name: string, shownDir: string): GenerateInput {
  const id = name.slice(0, -fixtureSuffix.length);
  return { id, source: { path: `${shownDir}/${name}`, text: readFileSync(`${dir}${name}`, "utf8") } };
}

const fixtureInputs = readdirSync(fixturesDir)
  .filter((name) => name.endsWith(fixtureSuffix))
  .sort()
  .map((name) => input(fixturesDir, name, "generator/test/fixtures"));

const specInputs = readdirSync(`${root}specs`)
  .filter((name) => name.endsWith(fixtureSuffix))
  .sort()
  .map((name) => input(`${root}specs/`, name, "specs"));

describe("golden output", () => {
  it("covers at least five fixtures beyond our own specs", () => {
    expect(fixtureInputs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(fixtureInputs.map((fixture) => [fixture.id, fixture] as const))("fixture %s", async (_id, fixture) => {
    const { packages } = await generate([fixture]);
    for (const file of packages[0]?.files ?? []) {
      await expect(file.content).toMatchFileSnapshot(`__snapshots__/${fixture.id}/${file.path}`);
    }
  });

  it.each(specInputs.map((spec) => [spec.id, spec] as const))(
    "spec %s matches the committed package",
    async (_id, spec) => {
      const version = JSON.parse(readFileSync(`${root}packages/${spec.id}/package.json`, "utf8")).version as string;
      const { packages } = await generate([{ ...spec, packageState: { version } }]);
      for (const file of packages[0]?.files ?? []) {
        expect(file.content, file.path).toBe(readFileSync(`${root}packages/${spec.id}/${file.path}`, "utf8"));
      }
    },
  );

  it("is deterministic: the same input gives the same bytes", async () => {
    const first = await generate(specInputs);
    const second = await generate(specInputs);
    expect(second.packages.map((p) => p.files)).toEqual(first.packages.map((p) => p.files));
  });
});
