import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createAjv } from "../../test/support/ajv.js";
import { generateFiles, type Json, schemaSpec } from "./support/inline-spec.js";

/**
 * Compiled guards read own members only and skip checks that cannot change the verdict: a required
 * member whose (referenced) guard refuses `undefined` needs no presence check, an array of a named
 * schema passes that schema's guard to `every`, and the formats frames carry most are called directly.
 * Frames come from JSON.parse, so they have Object.prototype: members named like its properties
 * (`constructor`, `toString`) and `__proto__` members must get ajv's own-members verdict.
 */
const outDir = fileURLToPath(new URL("../../scratch/guards-members/", import.meta.url));

const schemas: Record<string, Json> = {
  Name: { type: "string", minLength: 1 },
  Choice: { oneOf: [{ type: "string" }, { type: "integer" }] },
  Both: { allOf: [{ $ref: "#/components/schemas/Name" }, { maxLength: 5 }] },
  Loose: {},
  Stamp: { type: "string", format: "date-time" },
  Members: {
    type: "object",
    required: ["constructor", "valueOf", "toString", "name", "choice", "both", "loose", "tags"],
    properties: {
      constructor: { type: "string", minLength: 1 },
      toString: { type: "string" },
      name: { $ref: "#/components/schemas/Name" },
      choice: { $ref: "#/components/schemas/Choice" },
      both: { $ref: "#/components/schemas/Both" },
      loose: { $ref: "#/components/schemas/Loose" },
      tags: { type: "array", items: { $ref: "#/components/schemas/Name" } },
      valueOf: { $ref: "#/components/schemas/Name" },
      isPrototypeOf: { $ref: "#/components/schemas/Name" },
      at: { $ref: "#/components/schemas/Stamp" },
      id: { type: "string", format: "uuid" },
    },
  },
  Closed: { type: "object", properties: { name: { type: "string" } }, additionalProperties: false },
  Needy: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
};

const valid = {
  constructor: "c",
  valueOf: "v",
  toString: "t",
  name: "n",
  choice: 1,
  both: "b",
  loose: null,
  tags: ["a"],
};

function frame(changes: Record<string, unknown>, without: readonly string[] = []): string {
  const entries = Object.entries({ ...valid, ...changes }).filter(([key]) => !without.includes(key));
  return JSON.stringify(Object.fromEntries(entries));
}

/** Frames as text: JSON.parse makes `__proto__` an own member, as a received frame has it. */
const framesBySchema: Record<string, readonly string[]> = {
  Members: [
    frame({}),
    frame({}, ["constructor"]),
    frame({}, ["valueOf"]),
    frame({ valueOf: "" }),
    frame({}, ["toString"]),
    frame({}, ["name"]),
    frame({}, ["choice"]),
    frame({}, ["both"]),
    frame({}, ["loose"]),
    frame({}, ["tags"]),
    frame({ constructor: "" }),
    frame({ constructor: 1 }),
    frame({ toString: null }),
    frame({ choice: 1.5 }),
    frame({ both: "toolong" }),
    frame({ loose: { deep: [1] } }),
    frame({ tags: [] }),
    frame({ tags: ["a", ""] }),
    frame({ tags: ["a", 1] }),
    frame({ isPrototypeOf: "p" }),
    frame({ isPrototypeOf: 1 }),
    frame({ hasOwnProperty: 1, __defineGetter__: "x" }),
    frame({ at: "2021-03-16T08:31:02.000Z" }),
    frame({ at: "2021-02-29T08:31:02Z" }),
    frame({ at: "2021-03-16 08:31:02+01:00" }),
    frame({ id: "9d4e6a2b-1c3f-4e5d-8a7b-6c5d4e3f2a19" }),
    frame({ id: "9d4e6a2b-1c3f-4e5d-8a7b-6c5d4e3f2a1" }),
    `${frame({}).slice(0, -1)},"__proto__":{"name":"x"}}`,
    `{"__proto__":${frame({})}}`,
  ],
  Closed: ['{"name":"a"}', "{}", '{"__proto__":{}}', '{"name":"a","__proto__":{"name":"b"}}', '{"constructor":"c"}'],
  Needy: ['{"name":"a"}', '{"__proto__":{"name":"a"}}', '{"toString":"a"}', "[]", "null"],
};

let guards: Record<string, (value: unknown) => boolean>;
let guardsText: string;

beforeAll(async () => {
  const files = await generateFiles(schemaSpec(schemas));
  mkdirSync(`${outDir}src`, { recursive: true });
  for (const path of ["src/types.gen.ts", "src/guards.gen.ts"]) writeFileSync(`${outDir}${path}`, files[path] ?? "");
  guardsText = files["src/guards.gen.ts"] ?? "";
  guards = (await import(`${outDir}src/guards.gen.ts`)) as typeof guards;
});

function guardText(name: string): string {
  const start = guardsText.indexOf(`export function is${name}(`);
  return guardsText.slice(start, guardsText.indexOf("\n}\n", start));
}

describe("compiled guards on members", () => {
  it.each(Object.keys(framesBySchema))("%s: each parsed frame gets ajv's own-members verdict", (name) => {
    const ajv = createAjv();
    ajv.addSchema({ components: { schemas } }, "spec");
    const validate = ajv.compile({ $ref: `spec#/components/schemas/${name}` });
    const guard = guards[`is${name}`];
    if (guard === undefined) throw new Error(`no guard is${name}`);
    const verdicts = (framesBySchema[name] ?? []).map((text) => {
      const value: unknown = JSON.parse(text);
      return { text, ajv: validate(value) === true, guard: guard(value) };
    });
    expect(verdicts.filter((verdict) => verdict.ajv !== verdict.guard)).toEqual([]);
    // Both verdicts occur, so the frames exercise the checks.
    expect(new Set(verdicts.map((verdict) => verdict.ajv)).size).toBe(2);
  });

  it("reads neither prototype members nor a `__proto__` member as the members it requires", () => {
    const isMembers = guards.isMembers;
    const isNeedy = guards.isNeedy;
    if (isMembers === undefined || isNeedy === undefined) throw new Error("guards missing");
    expect(isMembers(JSON.parse(frame({}, ["constructor"])))).toBe(false);
    expect(isMembers(JSON.parse(frame({}, ["toString"])))).toBe(false);
    expect(isMembers(JSON.parse(frame({}, ["valueOf"])))).toBe(false);
    expect(isMembers(JSON.parse(frame({})))).toBe(true);
    expect(isMembers(JSON.parse(`{"__proto__":${frame({})}}`))).toBe(false);
    expect(isNeedy(JSON.parse('{"__proto__":{"name":"a"}}'))).toBe(false);
    expect(guards.isClosed?.(JSON.parse('{"__proto__":{}}'))).toBe(false);
  });

  it("checks presence only where the member's guard would accept `undefined`", () => {
    const members = guardText("Members");
    expect(members).toContain('Object.hasOwn(v, "valueOf") && isName(v.valueOf as unknown)');
    expect(members).not.toContain("v.name !== undefined");
    expect(members).not.toContain("v.choice !== undefined");
    expect(members).not.toContain("v.both !== undefined");
    expect(members).toContain("v.loose !== undefined");
    expect(members).toContain("v.tags.every(isName)");
    expect(members).toContain("isUuidFormat(v.id)");
    expect(guardText("Stamp")).toContain("isDateTimeFormat(v)");
  });
});
