import { describe, expect, it } from "vitest";
import { toolVersion } from "../src/emit/generated-file.js";
import {
  declarationOf,
  generatedSources,
  generateFiles,
  inlinePath,
  inlineSpec,
  type Json,
  keyedPayload,
  runInline,
  schemaSpec,
  trimmedLines,
} from "./support/inline-spec.js";

/**
 * One test per schema construct and protocol feature: an inline spec in, the few generated lines that
 * express the construct out. Lines are compared trimmed, so indentation changes do not break them.
 */

/** The generated type and validator declarations of one component schema. */
async function component(name: string, schema: Json, others: Readonly<Record<string, Json>> = {}) {
  const { types, schemas } = await generatedSources(schemaSpec({ [name]: schema, ...others }));
  const constName = `${name.charAt(0).toLowerCase()}${name.slice(1)}Schema`;
  const typeStart = types.includes(`export interface ${name} `) ? `export interface ${name} ` : `export type ${name} =`;
  return {
    type: declarationOf(types, typeStart),
    typeLines: trimmedLines(declarationOf(types, typeStart)),
    zod: declarationOf(schemas, `export const ${constName}:`),
    zodLines: trimmedLines(declarationOf(schemas, `export const ${constName}:`)),
    types,
    schemas,
  };
}

describe("schema constructs", () => {
  it("object: required property plain, optional property with `?` and `.exactOptional()`", async () => {
    const { typeLines, zodLines } = await component("Pair", {
      type: "object",
      required: ["a"],
      properties: { a: { type: "string" }, b: { type: "number" } },
    });
    expect(typeLines).toContain("a: string;");
    expect(typeLines).toContain("b?: number;");
    expect(zodLines).toContain("a: z.string(),");
    expect(zodLines).toContain("b: z.number().exactOptional(),");
  });

  it("additionalProperties: false → z.strictObject", async () => {
    const { zod } = await component("Closed", {
      type: "object",
      additionalProperties: false,
      properties: { a: { type: "string" } },
    });
    expect(zod).toContain("export const closedSchema: z.ZodType<Closed> = z.strictObject({");
  });

  it("additionalProperties schema → .catchall( and an index signature that admits the properties", async () => {
    const { typeLines, zod } = await component("Counts", {
      type: "object",
      properties: { label: { type: "string" } },
      additionalProperties: { type: "integer" },
    });
    expect(typeLines).toContain("[key: string]: number | string;");
    expect(typeLines).toContain("label?: string;");
    expect(zod).toContain("}).catchall(z.number().int());");
  });

  it("open object without properties → JsonObject and z.record(z.string(), z.json())", async () => {
    const { type, zod, types } = await component("Bag", { type: "object" });
    expect(type).toContain("export type Bag = JsonObject;");
    expect(trimmedLines(types)).toContain('import type { JsonObject } from "@wiretype/runtime";');
    expect(zod).toContain("= z.record(z.string(), z.json());");
  });

  it("enum of strings → z.enum and a literal union", async () => {
    const { type, zod } = await component("Color", { type: "string", enum: ["red", "green"] });
    expect(type).toContain('export type Color = "red" | "green";');
    expect(zod).toContain('= z.enum(["red", "green"]);');
  });

  it("enum of integers → z.literal([…]) and a numeric literal union", async () => {
    const { type, zod } = await component("Level", { type: "integer", enum: [1, 2, 3] });
    expect(type).toContain("export type Level = 1 | 2 | 3;");
    expect(zod).toContain("= z.literal([1, 2, 3]);");
  });

  it("const → z.literal and the literal type", async () => {
    const { type, zod } = await component("Fixed", { const: "x" });
    expect(type).toContain('export type Fixed = "x";');
    expect(zod).toContain('= z.literal("x");');
  });

  it("nullable via a type list → .nullable() and `| null`", async () => {
    const { type, zod } = await component("MaybeName", { type: ["string", "null"] });
    expect(type).toContain("export type MaybeName = string | null;");
    expect(zod).toContain("= z.string().nullable();");
  });

  it("type: [integer, string] → z.union of both and `number | string`", async () => {
    const { type, zod } = await component("IdLike", { type: ["integer", "string"] });
    expect(type).toContain("export type IdLike = number | string;");
    expect(zod).toContain("= z.union([z.number().int(), z.string()]);");
  });

  it("array bounds → .min( and .max(", async () => {
    const { type, zod } = await component("Tags", {
      type: "array",
      items: { type: "string" },
      minItems: 1,
      maxItems: 3,
    });
    expect(type).toContain("export type Tags = string[];");
    expect(zod).toContain("= z.array(z.string()).min(1).max(3);");
  });

  it("uniqueItems → a hasUniqueItems refinement, imported from the runtime", async () => {
    const { zod, schemas } = await component("Ids", { type: "array", items: { type: "integer" }, uniqueItems: true });
    expect(zod).toContain('= z.array(z.number().int()).refine(hasUniqueItems, "expected unique items");');
    expect(schemas).toMatch(/^import \{[^}]*\bhasUniqueItems\b[^}]*\} from "@wiretype\/runtime";$/m);
  });

  it("tuple without minItems: every element optional, extra elements typed JsonValue", async () => {
    const { type, zod } = await component("Loose", { type: "array", items: [{ type: "string" }, { type: "number" }] });
    expect(type).toContain("export type Loose = [string?, number?, ...JsonValue[]];");
    expect(zod).toContain("= z.tuple([z.string().exactOptional(), z.number().exactOptional()], z.json());");
  });

  it("tuple with minItems and additionalItems: false: required elements, no rest", async () => {
    const { type, zod } = await component("Point", {
      type: "array",
      items: [{ type: "number" }, { type: "number" }, { type: "string" }],
      minItems: 2,
      additionalItems: false,
    });
    expect(type).toContain("export type Point = [number, number, string?];");
    expect(zod).toContain("= z.tuple([z.number(), z.number(), z.string().exactOptional()]);");
  });

  it("oneOf → z.xor (exactly one variant)", async () => {
    const { type, zod } = await component("Either", { oneOf: [{ type: "string" }, { type: "integer" }] });
    expect(type).toContain("export type Either = string | number;");
    expect(zod).toContain("= z.xor([z.string(), z.number().int()]);");
  });

  it("anyOf → z.union (at least one variant)", async () => {
    const { type, zod } = await component("Some", { anyOf: [{ type: "string" }, { type: "boolean" }] });
    expect(type).toContain("export type Some = string | boolean;");
    expect(zod).toContain("= z.union([z.string(), z.boolean()]);");
  });

  it("allOf → z.intersection and `&`", async () => {
    const part = (name: string): Json => ({ type: "object", properties: { [name]: { type: "string" } } });
    const { type, zod } = await component(
      "Both",
      { allOf: [{ $ref: "#/components/schemas/Left" }, { $ref: "#/components/schemas/Right" }] },
      { Left: part("left"), Right: part("right") },
    );
    expect(type).toContain("export type Both = Left & Right;");
    expect(zod).toContain("= z.intersection(leftSchema, rightSchema);");
  });

  it("$ref to a component: its name is used, in properties and as a whole payload", async () => {
    const { types, schemas } = await generatedSources(
      inlineSpec({
        schemas: { Member: { type: "object", properties: { id: { type: "string" } } } },
        messages: {
          join: { payload: keyedPayload("join", { member: { $ref: "#/components/schemas/Member" } }, ["member"]) },
          roster: { payload: { $ref: "#/components/schemas/Member" }, action: "send" },
        },
        framing: { kind: "socket.io" },
      }),
    );
    expect(trimmedLines(declarationOf(types, "export interface Join "))).toContain("member: Member;");
    expect(trimmedLines(declarationOf(schemas, "export const joinSchema:"))).toContain("member: memberSchema,");
    expect(types).toContain("export type Roster = Member;");
    expect(schemas).toContain("export const rosterSchema: z.ZodType<Roster> = memberSchema;");
  });

  it("self-referencing $ref: the back-reference is z.lazy and the type refers to itself", async () => {
    const { typeLines, zodLines } = await component("Tree", {
      type: "object",
      properties: { children: { type: "array", items: { $ref: "#/components/schemas/Tree" } } },
    });
    expect(typeLines).toContain("children?: Tree[];");
    expect(zodLines).toContain("children: z.array(z.lazy(() => treeSchema)).exactOptional(),");
  });

  it("mutually recursive $refs: only the reference to the not-yet-declared schema is lazy", async () => {
    const { schemas } = await generatedSources(
      schemaSpec({
        Alpha: { type: "object", properties: { beta: { $ref: "#/components/schemas/Beta" } } },
        Beta: { type: "object", properties: { alpha: { $ref: "#/components/schemas/Alpha" } } },
      }),
    );
    const beta = trimmedLines(declarationOf(schemas, "export const betaSchema:"));
    const alpha = trimmedLines(declarationOf(schemas, "export const alphaSchema:"));
    expect(schemas.indexOf("export const betaSchema:")).toBeLessThan(schemas.indexOf("export const alphaSchema:"));
    expect(beta).toContain("alpha: z.lazy(() => alphaSchema).exactOptional(),");
    expect(alpha).toContain("beta: betaSchema.exactOptional(),");
  });

  it("string bounds count code points; pattern → RegExp with the `u` flag, escaped", async () => {
    const { zod } = await component("Code", { type: "string", minLength: 2, maxLength: 5, pattern: "^\\d+$" });
    expect(zod).toContain('.refine((value) => codePointLength(value) >= 2, "expected at least 2 characters")');
    expect(zod).toContain('.refine((value) => codePointLength(value) <= 5, "expected at most 5 characters")');
    expect(zod).toContain('.regex(new RegExp("^\\\\d+$", "u"))');
  });

  it('format → a checkFormat("uuid", …) refinement', async () => {
    const { type, zod } = await component("Id", { type: "string", format: "uuid" });
    expect(type).toContain("export type Id = string;");
    expect(zod).toContain('= z.string().refine((value) => checkFormat("uuid", value), "expected format uuid");');
  });

  it("integer → z.number().int(), number → z.number()", async () => {
    const { schemas } = await generatedSources(schemaSpec({ Count: { type: "integer" }, Ratio: { type: "number" } }));
    expect(schemas).toContain("export const countSchema: z.ZodType<Count> = z.number().int();");
    expect(schemas).toContain("export const ratioSchema: z.ZodType<Ratio> = z.number();");
  });

  it("number bounds → .gte/.lte (inclusive), .gt/.lt (exclusive), .multipleOf", async () => {
    const { schemas } = await generatedSources(
      schemaSpec({
        Inclusive: { type: "number", minimum: 0, maximum: 1 },
        Exclusive: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 0.5 },
      }),
    );
    expect(schemas).toContain("z.ZodType<Inclusive> = z.number().gte(0).lte(1);");
    expect(schemas).toContain("z.ZodType<Exclusive> = z.number().gt(0).lt(10).multipleOf(0.5);");
  });

  it("x-wiretype-values on an open string: literals plus (string & {}), documented in JSDoc", async () => {
    const { types } = await generatedSources(
      schemaSpec({
        Status: {
          type: "object",
          properties: {
            state: {
              type: "string",
              "x-wiretype-values": [{ value: "a", name: "alpha", description: "First." }, { value: "b" }],
            },
          },
        },
      }),
    );
    const lines = trimmedLines(declarationOf(types, "export interface Status "));
    expect(lines).toContain('state?: "a" | "b" | (string & {});');
    expect(lines).toContain("* Documented values:");
    expect(lines).toContain('* - `"a"` (alpha): First.');
    expect(lines).toContain('* - `"b"`');
  });

  // Regression: with `type: [string, "null"]` the documented values used to sit on the union node only,
  // so the literals were dropped and the type was plain `string | null`.
  it("x-wiretype-values on a nullable open string keep the literals", async () => {
    const { type } = await component("Mode", {
      type: ["string", "null"],
      "x-wiretype-values": [{ value: "a" }, { value: "b" }],
    });
    expect(type).toContain('export type Mode = ("a" | "b" | (string & {})) | null;');
  });

  it("descriptions and examples → JSDoc paragraphs and @example tags", async () => {
    const { types } = await generatedSources(
      inlineSpec({
        schemas: {
          Person: {
            type: "object",
            description: "A person.",
            properties: { name: { type: "string", description: "Full name.", examples: ["Ada"] } },
          },
        },
        messages: {
          greet: {
            payload: keyedPayload("greet", { who: { type: "string" } }),
            extra: { summary: "Say hello.", examples: [{ payload: { type: "greet", who: "Ada" } }] },
          },
        },
      }),
    );
    expect(types).toContain(
      ["/**", " * A person.", ` * @generated from ${inlinePath}#/components/schemas/Person`, " */"].join("\n"),
    );
    const person = trimmedLines(declarationOf(types, "export interface Person "));
    expect(person).toContain("* Full name.");
    expect(person).toContain('* @example "Ada"');
    expect(types).toContain(
      [
        "/**",
        " * Say hello.",
        ` * @generated from ${inlinePath}#/components/messages/greet (sent by client)`,
        ' * @example {"type":"greet","who":"Ada"}',
        " */",
        "export interface Greet {",
      ].join("\n"),
    );
  });

  it("property names that are not identifiers are quoted", async () => {
    const { typeLines, zodLines } = await component("Headers", {
      type: "object",
      required: ["2fa"],
      properties: { "content-type": { type: "string" }, "2fa": { type: "boolean" } },
    });
    expect(typeLines).toContain('"content-type"?: string;');
    expect(typeLines).toContain('"2fa": boolean;');
    expect(zodLines).toContain('"content-type": z.string().exactOptional(),');
  });
});

describe("generated files", () => {
  it("every .gen.ts file starts with the @generated … DO NOT EDIT. header", async () => {
    const files = await generateFiles(schemaSpec({ Thing: { type: "string" } }));
    const header = `// @generated by wiretype ${toolVersion} from ${inlinePath} (Inline 1.0.0). DO NOT EDIT.`;
    const generated = Object.entries(files).filter(([path]) => path.endsWith(".gen.ts"));
    expect(generated.map(([path]) => path)).toEqual(
      expect.arrayContaining(["src/index.gen.ts", "src/schemas.gen.ts", "src/types.gen.ts"]),
    );
    for (const [, content] of generated) expect(content.split("\n")[0]).toBe(header);
  });

  it("message maps: <Identifier>ClientMessages / ServerMessages keyed by wire name", async () => {
    const { types } = await generatedSources(
      inlineSpec({
        info: { "x-wiretype-package": { name: "@test/chat", identifier: "Chat" } },
        messages: {
          sayHello: { name: "say-hello", payload: keyedPayload("say-hello") },
          notice: { payload: keyedPayload("notice"), action: "send" },
        },
      }),
    );
    expect(trimmedLines(declarationOf(types, "export interface ChatClientMessages "))).toContain(
      '"say-hello": SayHello;',
    );
    expect(trimmedLines(declarationOf(types, "export interface ChatServerMessages "))).toContain("notice: Notice;");
    expect(types).toContain("export type ChatClientMessage = ChatClientMessages[keyof ChatClientMessages];");
  });

  it('json framing → createKeyedDispatch with discriminator: "type" and a schema per wire name', async () => {
    const { schemas } = await generatedSources(
      inlineSpec({ messages: { sayHello: { name: "say-hello", payload: keyedPayload("say-hello") } } }),
    );
    const dispatch = declarationOf(schemas, "export const inlineClientDispatch");
    expect(dispatch).toContain("export const inlineClientDispatch = createKeyedDispatch<InlineClientMessages>({");
    expect(trimmedLines(dispatch)).toContain('discriminator: "type",');
    expect(trimmedLines(dispatch)).toContain('"say-hello": sayHelloSchema,');
  });

  it("socket.io framing → createEventDispatch, with x-wiretype-event-pattern keys in patterns", async () => {
    const { schemas, types } = await generatedSources(
      inlineSpec({
        framing: { kind: "socket.io", versions: ["4"] },
        messages: {
          request: {
            payload: { type: "object", required: ["transaction"], properties: { transaction: { type: "string" } } },
            reply: ["failed"],
          },
          failed: {
            name: "error-{transaction}",
            replyOnly: true,
            payload: { type: "object", properties: { message: { type: "string" } } },
            extra: { "x-wiretype-event-pattern": "error-{transaction}", "x-wiretype-error": true },
          },
        },
      }),
    );
    const server = declarationOf(schemas, "export const inlineServerDispatch");
    expect(server).toContain("export const inlineServerDispatch = createEventDispatch<InlineServerMessages>({");
    expect(trimmedLines(server)).toContain('patterns: ["error-{transaction}"],');
    expect(trimmedLines(declarationOf(schemas, "export const inlineClientDispatch"))).toContain("patterns: [],");
    expect(trimmedLines(declarationOf(types, "export interface InlineServerMessages "))).toContain(
      '"error-{transaction}": Failed;',
    );
  });

  it("json-rpc framing → createRpcDispatch keyed by method; results are not dispatched", async () => {
    const { schemas } = await generatedSources(
      inlineSpec({
        framing: { kind: "json-rpc", version: "2.0" },
        messages: {
          add: { payload: { type: "object" }, reply: ["addResult"], extra: { "x-wiretype-rpc": "request" } },
          addResult: {
            name: "add",
            replyOnly: true,
            payload: { type: "number" },
            extra: { "x-wiretype-rpc": "result" },
          },
        },
      }),
    );
    const client = declarationOf(schemas, "export const inlineClientDispatch");
    expect(client).toContain("export const inlineClientDispatch = createRpcDispatch<InlineClientMessages>({");
    expect(trimmedLines(client)).toContain("add: addSchema,");
    expect(declarationOf(schemas, "export const inlineServerDispatch")).not.toContain("addResultSchema");
  });

  it("operation.reply → a reply map and reply validators, every answer included", async () => {
    const { types, schemas } = await generatedSources(
      inlineSpec({
        messages: {
          ping: { payload: keyedPayload("ping"), reply: ["pong", "failed"] },
          pong: { payload: keyedPayload("pong"), replyOnly: true },
          failed: { payload: keyedPayload("failed"), replyOnly: true, extra: { "x-wiretype-error": true } },
        },
      }),
    );
    expect(trimmedLines(declarationOf(types, "export interface InlineClientReplies "))).toContain(
      "ping: Failed | Pong;",
    );
    const replies = declarationOf(schemas, "export const inlineClientReplySchemas");
    expect(replies).toContain("export const inlineClientReplySchemas: SchemaTable<InlineClientReplies> = {");
    expect(trimmedLines(replies)).toContain("ping: z.union([failedSchema, pongSchema]),");
  });

  it("is deterministic: generating the same text twice gives identical files", async () => {
    const text = schemaSpec({
      Tree: {
        type: "object",
        properties: { children: { type: "array", items: { $ref: "#/components/schemas/Tree" } } },
      },
      Either: { oneOf: [{ type: "string" }, { type: "integer" }] },
      Status: { type: "string", "x-wiretype-values": [{ value: "a" }] },
    });
    const first = await runInline(text);
    const second = await runInline(text);
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
  });

  it("package.json keeps the given packageState.version", async () => {
    const files = await generateFiles(schemaSpec({ Thing: { type: "string" } }), {
      packageState: { version: "3.2.1" },
    });
    const manifest = JSON.parse(files["package.json"] ?? "{}") as { version?: string };
    expect(manifest.version).toBe("3.2.1");
  });

  it("package.json starts at 0.0.0 without a packageState", async () => {
    const files = await generateFiles(schemaSpec({ Thing: { type: "string" } }));
    expect(files["package.json"]).toContain('"version": "0.0.0",');
  });
});
