import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics.js";
import { inlineSpec, type Json, keyedPayload, runInline } from "./support/inline-spec.js";
import { schemaFiles, typeErrors } from "./support/typecheck.js";

/**
 * Documents name things after Object.prototype's members (`constructor`, `toString`, `valueOf`,
 * `isPrototypeOf`, `__proto__`): as properties, component schemas, message keys and wire names. No
 * lookup keyed by such a name may see the prototype, so every `$ref` survives into the types, the zod
 * schemas and the guards. A member named `hasOwnProperty` breaks @asyncapi/parser itself: wiretype
 * must then say so, without a stack trace.
 */
const outDir = fileURLToPath(new URL("../../scratch/prototype-names/", import.meta.url));

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

const spec = inlineSpec({
  schemas: {
    Name: { type: "string", minLength: 1 },
    toString: { type: "integer" },
    Kind: { enum: ["constructor", "__proto__", "toString"] },
    constructor: {
      type: "object",
      required: ["constructor", "toString", "propertyIsEnumerable"],
      properties: {
        constructor: ref("Name"),
        toString: ref("Name"),
        valueOf: ref("toString"),
        isPrototypeOf: ref("Kind"),
      },
    },
  },
  messages: {
    valueOf: { payload: keyedPayload("valueOf", { constructor: ref("constructor") }, ["constructor"]) },
    proto: { name: "__proto__", payload: keyedPayload("__proto__", { toString: ref("toString") }) },
  },
});

type Check = (value: unknown) => boolean;
let files: Readonly<Record<string, string>>;
let warnings: readonly Diagnostic[];
let guards: Record<string, Check>;
let zodChecks: Record<string, Check>;
let decode: (frame: string) => { ok: boolean; name?: string };

beforeAll(async () => {
  const result = await runInline(spec);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code}: ${d.message}`).join("\n"));
  ({ files, warnings } = result);
  mkdirSync(`${outDir}src`, { recursive: true });
  for (const [path, text] of Object.entries(schemaFiles(files))) writeFileSync(`${outDir}${path}`, text);
  guards = (await import(`${outDir}src/guards.gen.ts`)) as Record<string, Check>;
  const schemas = (await import(`${outDir}src/schemas.gen.ts`)) as Record<
    string,
    { safeParse: (v: unknown) => { success: boolean } }
  >;
  decode = (frame) => (schemas.inlineClientDispatch as unknown as { decode: typeof decode }).decode(frame);
  zodChecks = Object.fromEntries(
    Object.entries(schemas)
      .filter(([name]) => name.endsWith("Schema"))
      .map(([name, schema]) => [name, (value: unknown) => schema.safeParse(value).success]),
  );
});

const valid = { constructor: "c", toString: "t", valueOf: 1, isPrototypeOf: "__proto__", propertyIsEnumerable: 0 };
/** Each breaks a rule that only the referenced schema states: with the `$ref` lost, all would pass. */
const refused = [
  { ...valid, constructor: "" },
  { ...valid, toString: "" },
  { ...valid, valueOf: 1.5 },
  { ...valid, isPrototypeOf: "valueOf" },
];

describe("members named like Object.prototype's", () => {
  it("keep their `$ref`s in the types, with nothing left unresolved", () => {
    expect(warnings).toEqual([]);
    const types = files["src/types.gen.ts"] ?? "";
    expect(types).toContain("constructor: Name;");
    expect(types).toContain("toString: Name;");
    expect(types).toContain("valueOf?: ToString;");
    expect(types).toContain("isPrototypeOf?: Kind;");
    expect(types).toContain("constructor: Constructor;");
    expect(types).toContain('export type Kind = "constructor" | "__proto__" | "toString";');
    // Required but not declared: any value, yet required (Object.prototype has one by that name).
    expect(types).toContain("propertyIsEnumerable: JsonValue;");
    expect(types.match(/JsonValue;/g)).toHaveLength(1);
  });

  it("type-check", () => {
    expect(typeErrors({ prototypeNames: schemaFiles(files) })).toEqual([]);
  });

  it.each([
    ["zod", () => zodChecks.constructorSchema],
    ["guard", () => guards.isConstructor],
  ])("%s checks each member against the schema it refers to", (_, pick) => {
    const check = pick();
    if (check === undefined) throw new Error("no validator for the `constructor` schema");
    expect(check(JSON.parse(JSON.stringify(valid)))).toBe(true);
    expect(refused.map((value) => check(JSON.parse(JSON.stringify(value))))).toEqual(refused.map(() => false));
    // Parsed frames have Object.prototype: its `constructor` and `toString` are not the required members.
    expect(check(JSON.parse("{}"))).toBe(false);
    expect(check(JSON.parse(JSON.stringify({ ...valid, propertyIsEnumerable: undefined })))).toBe(false);
  });

  it.each([
    ["zod", () => zodChecks.valueOfSchema, () => zodChecks.protoSchema],
    ["guard", () => guards.isValueOf, () => guards.isProto],
  ])("%s checks the messages keyed `valueOf` and `__proto__`", (_, pickValueOf, pickProto) => {
    const [checkValueOf, checkProto] = [pickValueOf(), pickProto()];
    if (checkValueOf === undefined || checkProto === undefined) throw new Error("message validators missing");
    expect(checkValueOf({ type: "valueOf", constructor: valid })).toBe(true);
    expect(checkValueOf({ type: "valueOf", constructor: { ...valid, constructor: "" } })).toBe(false);
    expect(checkValueOf(JSON.parse('{"type":"valueOf"}'))).toBe(false);
    expect(checkProto({ type: "__proto__", toString: 2 })).toBe(true);
    expect(checkProto({ type: "__proto__", toString: "2" })).toBe(false);
  });

  it("keys the dispatch tables by `__proto__` as an own member", () => {
    const schemas = files["src/schemas.gen.ts"] ?? "";
    expect(schemas).toContain('["__proto__"]: protoSchema,');
    expect(schemas).toContain('["__proto__"]: isProto,');
    expect(decode('{"type":"__proto__","toString":2}')).toMatchObject({ ok: true, name: "__proto__" });
    expect(decode('{"type":"__proto__","toString":"2"}').ok).toBe(false);
    expect(decode('{"type":"constructor"}').ok).toBe(false);
  });
});

describe("a member named `hasOwnProperty`", () => {
  it("is refused with the parser's limitation named, not a stack trace", async () => {
    const text = inlineSpec({
      messages: {
        probe: {
          payload: keyedPayload("probe", { hasOwnProperty: { type: "object", properties: { a: { type: "string" } } } }),
        },
      },
    });
    const result = await runInline(text);
    if (result.ok) throw new Error("expected the document to be refused");
    const line = text.split("\n").findIndex((row) => row.includes("hasOwnProperty:")) + 1;
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "parser-failed", file: "inline.asyncapi.yaml" }),
    ]);
    const message = result.diagnostics[0]?.message ?? "";
    expect(message).toContain(`a member named \`hasOwnProperty\` (line ${line})`);
    expect(message).toContain("@stoplight/json-ref-resolver");
    expect(message).not.toMatch(/stack|\n\s+at /);
  });
});

describe("a member named `__proto__`", () => {
  it.each([
    ["a plain schema", { type: "string" }],
    ["a `$ref`", { $ref: "#/components/schemas/Name" }],
  ])("is refused before the parser loses it (%s)", async (_, schema) => {
    // JSON.parse makes `__proto__` an own member, as the YAML text has it.
    const properties = JSON.parse(`{"__proto__": ${JSON.stringify(schema)}}`) as Record<string, Json>;
    const text = inlineSpec({
      schemas: { Name: { type: "string" } },
      messages: { probe: { payload: keyedPayload("probe", properties) } },
    });
    const result = await runInline(text);
    if (result.ok) throw new Error("expected the document to be refused");
    const line = text.split("\n").findIndex((row) => row.includes("__proto__:")) + 1;
    expect(line).toBeGreaterThan(0);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: "error", code: "parser-lost-member", file: "inline.asyncapi.yaml", line }),
    ]);
  });
});
