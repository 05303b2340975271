import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Ajv } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { generateFiles, type Json, schemaSpec } from "../../generator/test/support/inline-spec.js";
import { applyFormats, createAjv } from "../support/ajv.js";
import { invalidArbitrary, validArbitrary } from "../support/schema-arbitrary.js";

/**
 * Differential validation of the JSON Schema constructs beyond the seed specs (`not`, `if`/`then`/
 * `else`, `patternProperties`, member counts, `contains`, structured `const`, …): each schema is
 * generated as a component, and its zod schema, its compiled guard and ajv (in the dialect that
 * defines the keyword) must give every value the same verdict: hand-picked values next to fast-check
 * samples. The generated files are written under the git-ignored `scratch/` to be imported.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const outDir = `${root}scratch/differential-constructs/`;

type Dialect = "draft-07" | "2019-09" | "2020-12";

interface Case {
  readonly name: string;
  readonly schema: Json;
  readonly values: readonly Json[];
  readonly dialect?: Dialect;
}

const object = (extra: Record<string, Json>): Json => ({ type: "object", ...extra });

const cases: readonly Case[] = [
  { name: "not-const", schema: { type: "string", not: { const: "" } }, values: ["", "a", 1, null] },
  {
    name: "not-required",
    schema: object({ properties: { a: { type: "string" } }, not: { required: ["b"] } }),
    values: [{}, { a: "x" }, { a: "x", b: 1 }, { b: null }, []],
  },
  {
    name: "if-then-else",
    schema: object({
      properties: { kind: { enum: ["a", "b"] }, x: { type: "string" } },
      if: { properties: { kind: { const: "a" } } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword under test.
      then: { required: ["x"] },
      else: { not: { required: ["x"] } },
    }),
    values: [{ kind: "a", x: "1" }, { kind: "a" }, { kind: "b" }, { kind: "b", x: "1" }, {}, { x: "1" }, "a"],
  },
  {
    name: "pattern-properties-open",
    schema: object({ properties: { id: { type: "string" } }, patternProperties: { "^x-": { type: "integer" } } }),
    values: [{ id: "1" }, { "x-a": 1 }, { "x-a": "1" }, { other: true }, { id: 1 }],
  },
  {
    name: "pattern-properties-closed",
    schema: object({
      properties: { id: { type: "string" } },
      patternProperties: { "^x-": { type: "integer" }, "[0-9]$": { type: "string" } },
      additionalProperties: false,
    }),
    values: [{ id: "1" }, { "x-a": 1 }, { "x-1": 1 }, { a1: "s" }, { other: true }, { "x-": 2, b2: "c" }],
  },
  {
    name: "pattern-properties-typed-rest",
    schema: object({ patternProperties: { "^n": { type: "number" } }, additionalProperties: { type: "boolean" } }),
    values: [{ n1: 1 }, { n1: true }, { b: true }, { b: 1 }, {}],
  },
  {
    name: "member-counts",
    schema: object({ minProperties: 1, maxProperties: 2 }),
    values: [{}, { a: 1 }, { a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, [1]],
  },
  {
    name: "property-names",
    schema: object({ propertyNames: { maxLength: 2 } }),
    values: [{}, { ab: 1 }, { abc: 1 }, { "": 0 }],
  },
  {
    name: "dependent-required",
    schema: object({ properties: { a: { type: "string" } }, dependentRequired: { a: ["b", "c"] } }),
    values: [{}, { a: "x" }, { a: "x", b: 1, c: 2 }, { b: 1 }, { a: "x", b: 1 }],
    dialect: "2019-09",
  },
  {
    name: "dependencies-draft-07",
    schema: object({ dependencies: { a: ["b"], c: { required: ["d"] } } }),
    values: [{}, { a: 1 }, { a: 1, b: 2 }, { c: 1 }, { c: 1, d: 2 }],
  },
  {
    name: "dependent-schemas",
    schema: object({ dependentSchemas: { card: { required: ["billing"] } } }),
    values: [{}, { card: 1 }, { card: 1, billing: "x" }],
    dialect: "2019-09",
  },
  {
    name: "contains",
    schema: { type: "array", items: { type: "integer" }, contains: { minimum: 10 } },
    values: [[], [1], [10], [1, 11], ["a"]],
  },
  {
    name: "contains-bounds",
    schema: { type: "array", contains: { type: "string" }, minContains: 2, maxContains: 3 },
    values: [[], ["a"], ["a", "b"], ["a", 1, "b", "c"], ["a", "b", "c", "d"]],
    dialect: "2019-09",
  },
  {
    name: "prefix-items",
    schema: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false, minItems: 1 },
    values: [[], ["a"], ["a", 1], ["a", 1, 2], [1]],
    dialect: "2020-12",
  },
  {
    name: "tuple-additional-items",
    schema: { type: "array", items: [{ type: "string" }], additionalItems: { type: "boolean" } },
    values: [[], ["a"], ["a", true], ["a", 1], [1]],
  },
  {
    name: "const-object",
    schema: { const: { a: 1, b: [true, null] } },
    values: [{ a: 1, b: [true, null] }, { b: [true, null], a: 1 }, { a: 1 }, { a: 1, b: [true] }, 1],
  },
  {
    name: "enum-mixed",
    schema: { enum: [1, "x", { y: null }, [1, 2]] },
    values: [1, "x", { y: null }, [1, 2], [2, 1], { y: 0 }, null],
  },
  { name: "nullable", schema: { type: "string", nullable: true }, values: ["a", null, 1] },
  {
    name: "type-list",
    schema: { type: ["integer", "string", "null"], minimum: 2, maxLength: 1 },
    values: [1, 2, "a", "ab", null, true],
  },
];

async function generated(entry: Case): Promise<{ zod: z.ZodType; guard: (value: unknown) => boolean }> {
  const files = await generateFiles(schemaSpec({ Subject: entry.schema }));
  const dir = `${outDir}${entry.name}/`;
  mkdirSync(`${dir}src`, { recursive: true });
  for (const path of ["src/types.gen.ts", "src/schemas.gen.ts", "src/guards.gen.ts"]) {
    writeFileSync(`${dir}${path}`, files[path] ?? "");
  }
  const schemas = (await import(`${dir}src/schemas.gen.ts`)) as { subjectSchema: z.ZodType };
  const guards = (await import(`${dir}src/guards.gen.ts`)) as { isSubject: (value: unknown) => boolean };
  return { zod: schemas.subjectSchema, guard: guards.isSubject };
}

/**
 * fast-check samples, valid and invalid. The arbitraries know draft-07 keywords; for a schema they
 * cannot satisfy (`prefixItems` with `items: false`), only the hand-picked values are compared.
 */
function generatedSamples(document: object, ref: object, count: number): unknown[] {
  const seed = 20_260_401;
  try {
    return [
      ...fc.sample(validArbitrary(document, ref), { numRuns: count, seed }),
      ...fc.sample(invalidArbitrary(document, ref), { numRuns: count, seed }),
    ];
  } catch {
    return [];
  }
}

function ajvFor(dialect: Dialect): Ajv {
  if (dialect === "draft-07") return createAjv();
  const options = { strict: false, allErrors: true, ownProperties: true } as const;
  const ajv = dialect === "2019-09" ? new Ajv2019(options) : new Ajv2020(options);
  applyFormats(ajv);
  return ajv;
}

describe.each(cases.map((entry) => [entry.name, entry] as const))("%s", (_name, entry) => {
  it("zod, the compiled guard and ajv agree", async () => {
    const { zod, guard } = await generated(entry);
    const validate = ajvFor(entry.dialect ?? "draft-07").compile(entry.schema as object);
    const document = { components: { schemas: { Subject: entry.schema } } };
    const ref = { $ref: "#/components/schemas/Subject" };
    const samples = [...entry.values, ...generatedSamples(document, ref, 40)];
    const disagreements = samples.flatMap((sample) => {
      const expected = validate(sample) === true;
      const byZod = zod.safeParse(sample).success;
      const byGuard = guard(sample);
      return byZod === expected && byGuard === expected
        ? []
        : [`ajv ${expected}, zod ${byZod}, guard ${byGuard} on ${JSON.stringify(sample)}`];
    });
    expect(disagreements).toEqual([]);
    // Both verdicts occur among the hand-picked values, so the construct is really exercised.
    expect(new Set(entry.values.map((value) => validate(value) === true)).size).toBe(2);
  });
});
