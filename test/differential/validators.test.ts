import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildProtocol, loadSpec, type Protocol } from "@wiretype/generator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { createAjv } from "../support/ajv.js";
import { invalidArbitrary, validArbitrary } from "../support/schema-arbitrary.js";
import { protocolNames } from "../support/spec-files.js";

/**
 * Differential validation: for every message of every spec and fixture, generated valid and invalid
 * instances get the same verdict from the generated zod schema, the generated compiled guard, and ajv
 * on the same JSON Schema.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const samplesPerKind = 60;
const seed = 20_261_123;

interface Target {
  readonly name: string;
  readonly specFile: string;
  /** Folder holding the generated `src/schemas.gen.ts` and `src/guards.gen.ts`. */
  readonly packageDir: string;
}

const fixtureDir = `${root}generator/test/fixtures/`;
const targets: Target[] = [
  ...protocolNames.map((name) => ({
    name,
    specFile: `${root}specs/${name}.asyncapi.yaml`,
    packageDir: `${root}packages/${name}`,
  })),
  ...readdirSync(fixtureDir)
    .filter((file) => file.endsWith(".asyncapi.yaml"))
    .sort()
    .map((file) => {
      const name = file.replace(".asyncapi.yaml", "");
      return { name, specFile: `${fixtureDir}${file}`, packageDir: `${root}generator/test/__snapshots__/${name}` };
    }),
];

async function protocolOf(target: Target): Promise<Protocol> {
  const { spec } = await loadSpec({ path: target.name, text: readFileSync(target.specFile, "utf8") });
  return buildProtocol(spec, { id: target.name });
}

/**
 * zod reads members the way JavaScript does, so an absent member named like an Object.prototype member
 * (`constructor`) is found on the prototype. The guards and ajv (with ownProperties) read own members
 * only; for such schemas zod is left out of the comparison.
 */
const prototypeNames = Object.getOwnPropertyNames(Object.prototype);

function readsPrototypeNames(payload: unknown): boolean {
  const text = JSON.stringify(payload);
  return prototypeNames.some((name) => text.includes(`"${name}"`));
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

describe.each(targets.map((target) => [target.name, target] as const))("%s", (_name, target) => {
  it("zod, the compiled guards and ajv agree on generated valid and invalid messages", async () => {
    const protocol = await protocolOf(target);
    const document = parseYaml(readFileSync(target.specFile, "utf8")) as object;
    const schemas = (await import(`${target.packageDir}/src/schemas.gen.ts`)) as Record<string, z.ZodType>;
    const guards = (await import(`${target.packageDir}/src/guards.gen.ts`)) as Record<
      string,
      (value: unknown) => boolean
    >;
    const ajv = createAjv();
    ajv.addSchema(document, "spec");
    const disagreements: string[] = [];
    let checked = 0;
    for (const message of protocol.messages) {
      const payloadRef = { $ref: `#${message.pointer}/payload` };
      const ajvValidate = ajv.compile({ $ref: `spec#${message.pointer}/payload` });
      const zodSchema = schemas[`${lowerFirst(message.typeName)}Schema`];
      const guard = guards[`is${message.typeName}`];
      if (zodSchema === undefined || guard === undefined) throw new Error(`${message.id}: no generated validator`);
      const compareZod = !readsPrototypeNames(message.payload);
      const samples = [
        ...fc.sample(validArbitrary(document, payloadRef), { numRuns: samplesPerKind, seed }),
        ...fc.sample(invalidArbitrary(document, payloadRef), { numRuns: samplesPerKind, seed }),
      ];
      for (const sample of samples) {
        checked += 1;
        const expected = ajvValidate(sample) === true;
        const byZod = compareZod ? zodSchema.safeParse(sample).success : expected;
        const byGuard = guard(sample);
        if (byZod !== expected || byGuard !== expected) {
          disagreements.push(
            `${message.id}: ajv ${expected}, zod ${byZod}, guard ${byGuard} on ${JSON.stringify(sample).slice(0, 300)}`,
          );
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(disagreements.slice(0, 10)).toEqual([]);
  });
});
