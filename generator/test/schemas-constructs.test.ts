import { describe, expect, it } from "vitest";
import {
  declarationOf,
  inlineSpec,
  type Json,
  keyedPayload,
  runInline,
  schemaSpec,
  trimmedLines,
} from "./support/inline-spec.js";
import { schemaFiles, typeErrors } from "./support/typecheck.js";

/**
 * JSON Schema constructs beyond the seed specs: each test asserts the lines that express the construct
 * in the type, the zod schema and the compiled guard. Every generated package is kept and type-checked
 * in the last test (one compiler run for the whole file). That zod, the guards and ajv agree on these
 * constructs is test/differential/schema-constructs.test.ts.
 */

const generated: Record<string, Record<string, string>> = {};

async function generate(name: string, text: string) {
  const result = await runInline(text);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.pointer}: ${d.message}`).join("\n"));
  generated[name] = schemaFiles(result.files);
  const file = (path: string) => result.files[path] ?? "";
  return {
    types: file("src/types.gen.ts"),
    schemas: file("src/schemas.gen.ts"),
    guards: file("src/guards.gen.ts"),
    warnings: result.warnings,
  };
}

/** The declarations of the component `Subject` (type, zod schema, guard). */
async function subject(name: string, schema: Json, others: Readonly<Record<string, Json>> = {}) {
  const files = await generate(name, schemaSpec({ Subject: schema, ...others }));
  const typeStart = files.types.includes("export interface Subject ")
    ? "export interface Subject "
    : "export type Subject =";
  return {
    ...files,
    type: trimmedLines(declarationOf(files.types, typeStart)),
    typeDocs: files.types.slice(0, files.types.indexOf(typeStart)).split("/**").at(-1) ?? "",
    zod: declarationOf(files.schemas, "export const subjectSchema:"),
    guard: declarationOf(files.guards, "export function isSubject("),
  };
}

describe("not, if/then/else", () => {
  it("not: the type stays the positive one, documented; zod refines the value, the guard negates", async () => {
    const { type, typeDocs, zod, guard } = await subject("not", { type: "string", not: { const: "" } });
    expect(type).toContain("export type Subject = string;");
    expect(typeDocs).toContain("must not match its `not` schema (the type is the positive one)");
    expect(zod).toContain(
      'z.intersection(z.string(), z.unknown().refine((value) => !z.literal("").safeParse(value).success, "must not match the `not` schema"))',
    );
    expect(guard).toContain('return (typeof v === "string" && !(v === ""));');
  });

  it("if/then/else: an interface as wide as every branch, the condition validated", async () => {
    const { type, typeDocs, zod, guard } = await subject("if-then-else", {
      type: "object",
      properties: { kind: { enum: ["a", "b"] }, x: { type: "string" } },
      if: { properties: { kind: { const: "a" } } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword under test.
      then: { required: ["x"] },
    });
    expect(type).toEqual(expect.arrayContaining(["export interface Subject {", 'kind?: "a" | "b";', "x?: string;"]));
    expect(typeDocs).toContain("its `if`/`then`/`else` conditions hold");
    expect(zod).toContain(" ? z.object({");
    expect(zod).toContain(' : true), "must satisfy its `if`/`then`/`else` condition")');
    expect(guard).toContain('v.kind === "a")) ? ((typeof v === "object"');
  });

  it("then without if → a warning that it has no effect", async () => {
    // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword under test.
    const { warnings } = await subject("then-alone", { type: "string", then: { minLength: 1 } });
    expect(warnings.map((w) => [w.code, w.pointer])).toContainEqual([
      "ignored-keyword",
      "/components/schemas/Subject/then",
    ]);
  });
});

describe("object keywords", () => {
  it("patternProperties with a ^prefix: a template-literal index signature, records in zod, a key loop in the guard", async () => {
    const { type, zod, guard } = await subject("pattern-prefix", {
      type: "object",
      properties: { id: { type: "string" } },
      patternProperties: { "^x-": { type: "integer" } },
    });
    expect(type).toContain(`[key: \`x-\${string}\`]: number;`);
    expect(zod).toContain('z.looseRecord(z.string().regex(new RegExp("^x-", "u")), z.number().int())');
    expect(guard).toContain("Object.keys(v).every((key0) => (!pattern0.test(key0) || Number.isInteger(v[key0])))");
  });

  it("patternProperties on a closed object: a string index signature of every member type", async () => {
    const { type, zod } = await subject("pattern-closed", {
      type: "object",
      properties: { id: { type: "string" } },
      patternProperties: { "[0-9]$": { type: "boolean" } },
      additionalProperties: false,
    });
    expect(type).toContain("[key: string]: boolean | string;");
    expect(zod).toContain(
      'z.looseRecord(z.string().refine((key) => !["id"].includes(key) && !new RegExp("[0-9]$", "u").test(key)), z.never())',
    );
  });

  it("minProperties/maxProperties: counted on the value as received", async () => {
    const { zod, guard, typeDocs } = await subject("member-counts", {
      type: "object",
      minProperties: 1,
      maxProperties: 3,
    });
    expect(typeDocs).toContain("- at least 1 members");
    expect(zod).toContain("Object.keys(members).length >= 1 && Object.keys(members).length <= 3");
    expect(guard).toContain("Object.keys(v).length >= 1 && Object.keys(v).length <= 3");
  });

  it("dependentRequired and draft-07 dependencies: presence implies presence", async () => {
    const { guard, zod } = await subject("dependent-required", {
      type: "object",
      dependentRequired: { a: ["b"] },
      dependencies: { c: ["d", "e"] },
    });
    expect(guard).toContain("(v.a === undefined || v.b !== undefined)");
    expect(guard).toContain("(v.c === undefined || (v.d !== undefined && v.e !== undefined))");
    expect(zod).toContain('(!Object.hasOwn(members, "a") || (Object.hasOwn(members, "b")))');
  });

  it("dependentSchemas: a condition on the member's presence", async () => {
    const { guard } = await subject("dependent-schemas", {
      type: "object",
      dependentSchemas: { card: { required: ["billing"] } },
    });
    expect(guard).toContain("v.card !== undefined) ? (");
    expect(guard).toContain("v.billing !== undefined) : true)");
  });

  it("propertyNames: every member name checked", async () => {
    const { guard } = await subject("property-names", { type: "object", propertyNames: { pattern: "^[a-z]+$" } });
    expect(guard).toContain('Object.keys(v).every((key0) => (typeof key0 === "string" && pattern0.test(key0)))');
  });
});

describe("arrays, constants, nullability", () => {
  it("contains with minContains/maxContains: counted matches", async () => {
    const { guard, type } = await subject("contains", {
      type: "array",
      items: { type: "integer" },
      contains: { type: "integer", minimum: 10 },
      maxContains: 2,
    });
    expect(type).toContain("export type Subject = number[];");
    expect(guard).toContain("v.filter((item0: any) => (Number.isInteger(item0) && item0 >= 10)).length <= 2");
  });

  it("prefixItems (2020-12) with items: false → a closed tuple", async () => {
    const { type } = await subject("prefix-items", {
      type: "array",
      prefixItems: [{ type: "string" }, { type: "number" }],
      items: false,
      minItems: 2,
    });
    expect(type).toContain("export type Subject = [string, number];");
  });

  it("const of an object: its exact JSON type, compared by JSON equality", async () => {
    const { type, zod, guards } = await subject("const-object", { const: { a: 1, b: [true] } });
    expect(type).toContain('export type Subject = {"a":1,"b":[true]};');
    expect(zod).toContain('z.custom<{"a":1,"b":[true]}>((value) => jsonEquals(value, {"a":1,"b":[true]})');
    expect(guards).toContain('const constant0: unknown = JSON.parse("{\\"a\\":1,\\"b\\":[true]}");');
  });

  it("enum of mixed types with an object: a union of the exact values", async () => {
    const { type } = await subject("enum-mixed", { enum: [1, "x", { y: null }] });
    expect(type).toContain('export type Subject = 1 | "x" | {"y":null};');
  });

  it("nullable: true (OpenAPI style) → `| null`", async () => {
    const { type, zod } = await subject("nullable", { type: "integer", nullable: true });
    expect(type).toContain("export type Subject = number | null;");
    expect(zod).toContain("= z.number().int().nullable();");
  });

  it("typeless numeric keywords infer number (what the author meant)", async () => {
    const { type } = await subject("inferred-number", { minimum: 0 });
    expect(type).toContain("export type Subject = number;");
  });

  it("$ref inside allOf with siblings: the reference and the sibling shape are intersected", async () => {
    const { type } = await subject(
      "allof-ref-siblings",
      {
        allOf: [{ $ref: "#/components/schemas/Base" }],
        properties: { extra: { type: "string" } },
      },
      { Base: { type: "object", properties: { id: { type: "string" } } } },
    );
    expect(type.join(" ")).toContain("extra?: string;");
    expect(type.join(" ")).toContain("& Base");
  });
});

describe("recursion and schema formats", () => {
  it("a recursive payload that is not a component becomes a named type", async () => {
    const payload: Json = {
      type: "object",
      required: ["type"],
      properties: {
        type: { const: "node" },
        children: { type: "array", items: { $ref: "#/components/messages/node/payload" } },
      },
    };
    const { types, schemas } = await generate("recursive", inlineSpec({ messages: { node: { payload } } }));
    expect(types).toContain("export interface NodePayload {");
    expect(trimmedLines(declarationOf(types, "export interface NodePayload "))).toContain("children?: NodePayload[];");
    expect(types).toContain("export type Node = NodePayload;");
    expect(schemas).toContain("children: z.array(z.lazy(() => nodePayloadSchema)).exactOptional(),");
  });

  const jsonSchemaFormats = [
    "application/schema+json;version=draft-07",
    "application/schema+yaml;version=draft-07",
    "application/vnd.aai.asyncapi+json;version=3.0.0",
    "application/vnd.aai.asyncapi;version=3.0.0",
  ];
  it.each(jsonSchemaFormats)("schemaFormat %s: read as JSON Schema", async (format) => {
    const payload: Json = { schemaFormat: format, schema: keyedPayload("probe", { n: { type: "integer" } }) };
    const { types } = await generate(
      `format-${jsonSchemaFormats.indexOf(format)}`,
      inlineSpec({ messages: { probe: { payload } } }),
    );
    expect(trimmedLines(declarationOf(types, "export interface Probe "))).toContain("n?: number;");
  });

  it("an Avro payload is converted by @asyncapi/avro-schema-parser, its named types kept", async () => {
    const avro: Json = {
      type: "record",
      name: "Probe",
      fields: [
        { name: "type", type: { type: "enum", name: "Kind", symbols: ["probe"] } },
        { name: "count", type: "int" },
        { name: "note", type: ["null", "string"], default: null },
      ],
    };
    const payload: Json = { schemaFormat: "application/vnd.apache.avro;version=1.9.0", schema: avro };
    const { types } = await generate("avro", inlineSpec({ messages: { probe: { payload } } }));
    // The named record becomes a named type (`…Payload` when the message has its name) the message refers to.
    expect(types).toContain("export type Probe = ProbePayload;");
    const probe = trimmedLines(declarationOf(types, "export interface ProbePayload "));
    expect(probe).toContain('type: "probe";');
    expect(probe).toContain("count: number;");
    expect(probe).toContain("note?: string | null;");
  });

  it("a schema format wiretype cannot read (Protobuf) → a warning and JsonValue", async () => {
    const payload: Json = { schemaFormat: "application/x-protobuf", schema: "message Probe { string type = 1; }" };
    const { types, warnings } = await generate(
      "protobuf",
      inlineSpec({ framing: { kind: "socket.io" }, messages: { probe: { payload } } }),
    );
    expect(types).toContain("export type Probe = JsonValue;");
    expect(warnings.map((w) => [w.code, w.pointer])).toContainEqual([
      "unsupported-schema-format",
      "/components/messages/probe/payload/schemaFormat",
    ]);
  });

  it("unevaluatedProperties → a warning at its pointer, with a line", async () => {
    const { warnings } = await subject("unevaluated", { type: "object", unevaluatedProperties: false });
    const warning = warnings.find((w) => w.code === "unsupported-keyword");
    expect(warning?.pointer).toBe("/components/schemas/Subject/unevaluatedProperties");
    expect(warning?.line).toBeGreaterThan(1);
  });
});

describe("generated output type-checks", () => {
  it("the type checker reports an error in a broken file (so the check below can fail)", () => {
    expect(typeErrors({ broken: { "src/types.gen.ts": "export const x: number = 'a';" } })).toHaveLength(1);
  });

  it("every package generated above type-checks under the strict options", () => {
    expect(Object.keys(generated).length).toBeGreaterThan(0);
    expect(typeErrors(generated)).toEqual([]);
  });
});
