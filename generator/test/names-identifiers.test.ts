import { describe, expect, it } from "vitest";
import { camelCase, pascalCase, TypeNameAllocator, typeNameOf } from "../src/ir/naming.js";
import { declarationOf, inlineSpec, type Json, keyedPayload, runInline, trimmedLines } from "./support/inline-spec.js";
import { schemaFiles, typeErrors } from "./support/typecheck.js";

/**
 * Identifiers are always valid and unique, whatever the document names things: every generated package
 * of this file is type-checked in the last test.
 */

const generated: Record<string, Record<string, string>> = {};

async function generate(name: string, text: string) {
  const result = await runInline(text);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.pointer}: ${d.message}`).join("\n"));
  generated[name] = schemaFiles(result.files);
  return {
    types: result.files["src/types.gen.ts"] ?? "",
    schemas: result.files["src/schemas.gen.ts"] ?? "",
    warnings: result.warnings,
  };
}

/** A document whose components are `schemas`, each used by the probe message. */
function usingAll(schemas: Readonly<Record<string, Json>>): string {
  const properties = Object.fromEntries(
    Object.keys(schemas).map((key, index) => [`p${index}`, { $ref: `#/components/schemas/${key}` }]),
  );
  return inlineSpec({ schemas, messages: { probe: { payload: keyedPayload("probe", properties) } } });
}

describe("type names", () => {
  it("keys that are good type names are kept; others get their PascalCase form", () => {
    expect(typeNameOf("SessionInfo")).toBe("SessionInfo");
    expect(typeNameOf("用户")).toBe("用户");
    expect(typeNameOf("my-schema")).toBe("MySchema");
    expect(typeNameOf("2fa code")).toBe("N2faCode");
    expect(typeNameOf("$meta")).toBe("Meta");
    expect(typeNameOf("default")).toBe("Default");
    expect(pascalCase("用户 信息")).toBe("用户信息");
    expect(camelCase("delete")).toBe("delete_");
  });

  it("the allocator keeps names unique ignoring case, numbering the later one", () => {
    const names = new TypeNameAllocator();
    expect(names.claim(["ObjectWithKey"])).toBe("ObjectWithKey");
    expect(names.claim(["ObjectWithKey"])).toBe("ObjectWithKey2");
    expect(names.claim(["objectWithKey", "Other"])).toBe("Other");
  });

  it("case-only collisions (objectWithKey vs ObjectWithKey): two types, two schemas, two guards", async () => {
    const { types, schemas } = await generate(
      "case-collision",
      usingAll({
        objectWithKey: { type: "object", properties: { a: { type: "string" } } },
        ObjectWithKey: { type: "object", properties: { b: { type: "number" } } },
      }),
    );
    expect(types).toContain("export interface ObjectWithKey {");
    expect(types).toContain("export interface ObjectWithKey2 {");
    expect(schemas).toContain("export const objectWithKeySchema: z.ZodType<ObjectWithKey>");
    expect(schemas).toContain("export const objectWithKey2Schema: z.ZodType<ObjectWithKey2>");
    const probe = trimmedLines(declarationOf(types, "export interface Probe "));
    expect(probe).toContain("p0?: ObjectWithKey2;");
    expect(probe).toContain("p1?: ObjectWithKey;");
  });

  it("reserved words, leading digits, $, -, spaces and CJK as component keys", async () => {
    const keys = ["default", "delete", "class", "new", "function", "2fa", "$meta", "my-schema", "with space", "用户"];
    const { types } = await generate(
      "awkward-keys",
      usingAll(Object.fromEntries(keys.map((key) => [key, { type: "string" }]))),
    );
    for (const name of [
      "Default",
      "Delete",
      "Class",
      "New",
      "Function",
      "N2fa",
      "Meta",
      "MySchema",
      "WithSpace",
      "用户",
    ]) {
      expect(types).toContain(`export type ${name} = string;`);
    }
  });

  it("messages named like reserved words or like a component get valid, distinct type names", async () => {
    const { types } = await generate(
      "message-names",
      inlineSpec({
        schemas: { Delete: { type: "object", properties: { id: { type: "string" } } } },
        messages: {
          delete: { payload: keyedPayload("delete") },
          class: { payload: keyedPayload("class") },
          new: { payload: keyedPayload("new") },
        },
      }),
    );
    expect(types).toContain("export interface DeleteMessage {");
    expect(types).toContain("export interface Class {");
    expect(types).toContain("export interface New {");
  });
});

describe("property names", () => {
  it("reserved words stay bare; non-identifiers are quoted, in interfaces and zod objects", async () => {
    const { types, schemas } = await generate(
      "property-names",
      usingAll({
        Odd: {
          type: "object",
          required: ["default"],
          properties: {
            default: { type: "string" },
            class: { type: "string" },
            "content-type": { type: "string" },
            "2fa": { type: "boolean" },
            "with space": { type: "string" },
            $meta: { type: "string" },
            用户: { type: "string" },
          },
        },
      }),
    );
    const odd = trimmedLines(declarationOf(types, "export interface Odd "));
    expect(odd).toEqual(
      expect.arrayContaining([
        "default: string;",
        "class?: string;",
        '"content-type"?: string;',
        '"2fa"?: boolean;',
        '"with space"?: string;',
        "$meta?: string;",
        '"用户"?: string;',
      ]),
    );
    const zod = trimmedLines(declarationOf(schemas, "export const oddSchema:"));
    expect(zod).toContain('"content-type": z.string().exactOptional(),');
  });
});

describe("shared components", () => {
  it("a component used by several messages keeps one name, and its warning one pointer", async () => {
    const shared = { $ref: "#/components/schemas/Shared" };
    const { types, warnings } = await generate(
      "shared",
      inlineSpec({
        schemas: { Shared: { type: "object", unevaluatedProperties: false } },
        messages: {
          first: { payload: keyedPayload("first", { shared }) },
          second: { payload: keyedPayload("second", { shared }), action: "send" },
        },
      }),
    );
    expect(trimmedLines(declarationOf(types, "export interface First "))).toContain("shared?: Shared;");
    expect(trimmedLines(declarationOf(types, "export interface Second "))).toContain("shared?: Shared;");
    expect(warnings.filter((w) => w.code === "unsupported-keyword").map((w) => w.pointer)).toEqual([
      "/components/schemas/Shared/unevaluatedProperties",
    ]);
  });
});

describe("generated output type-checks", () => {
  it("every package generated above type-checks", () => {
    expect(Object.keys(generated).length).toBeGreaterThan(0);
    expect(typeErrors(generated)).toEqual([]);
  });
});
