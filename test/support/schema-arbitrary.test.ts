import { existsSync } from "node:fs";
import type { Ajv, ValidateFunction } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAjv } from "./ajv.js";
import { deref } from "./raw-spec.js";
import { invalidArbitrary, validArbitrary } from "./schema-arbitrary.js";
import { isJsonObject, type JsonObject, type JsonValue, protocolNames, readSpecData, specPath } from "./spec-files.js";

const SEED = 20_240_611;
const SAMPLES = 100;
const ANNOTATIONS = new Set(["description", "title", "examples", "example", "default", "$comment"]);

/** The spec, or undefined while it is missing or does not parse (a spec being written). */
function loadSpec(protocol: (typeof protocolNames)[number]): JsonObject | undefined {
  if (!existsSync(specPath(protocol))) return undefined;
  try {
    return readSpecData(protocol);
  } catch {
    return undefined;
  }
}

interface PayloadCase {
  readonly id: string;
  /** JSON pointer of the payload inside the document, for ajv. */
  readonly pointer: string;
  readonly payload: JsonValue;
}

function escapePointerSegment(segment: string): string {
  return encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"));
}

function payloadCases(document: JsonObject): PayloadCase[] {
  const components = isJsonObject(document.components) ? document.components : {};
  const messages = isJsonObject(components.messages) ? components.messages : {};
  return Object.entries(messages).flatMap(([id, node]): PayloadCase[] => {
    const message = deref(document, node);
    if (!isJsonObject(message) || message.payload === undefined) return [];
    const base =
      isJsonObject(node) && typeof node.$ref === "string"
        ? node.$ref
        : `#/components/messages/${escapePointerSegment(id)}`;
    return [{ id, pointer: `${base}/payload`, payload: message.payload }];
  });
}

/** True when the schema constrains anything, so that some value must fail it. */
function constrains(document: JsonObject, schema: JsonValue): boolean {
  const node = deref(document, schema);
  if (node === false) return true;
  return isJsonObject(node) && Object.keys(node).some((key) => !ANNOTATIONS.has(key) && !key.startsWith("x-"));
}

/** What JSON.parse could have produced: no undefined, -0, NaN, Infinity or class instances. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(isPlainJson);
}

function rejectedBy(validate: ValidateFunction, values: readonly unknown[]): { value: unknown; errors: unknown }[] {
  return values.flatMap((value) => (validate(value) ? [] : [{ value, errors: validate.errors }]));
}

/** Asserts the generator's promises for one schema against ajv's verdicts. */
function checkSchema(validate: ValidateFunction, document: object, schema: unknown, constrained: boolean): void {
  const valid = fc.sample(validArbitrary(document, schema), { seed: SEED, numRuns: SAMPLES });
  expect(valid.filter((value) => !isPlainJson(value))).toEqual([]);
  expect(rejectedBy(validate, valid).slice(0, 3)).toEqual([]);
  const invalid = fc.sample(invalidArbitrary(document, schema), { seed: SEED, numRuns: SAMPLES });
  expect(invalid.filter((value) => !isPlainJson(value))).toEqual([]);
  if (constrained) expect(rejectedBy(validate, invalid).length).toBeGreaterThan(0);
}

describe.each(protocolNames)("schema arbitraries on the %s spec", (protocol) => {
  const document = loadSpec(protocol);
  const cases = document === undefined ? [] : payloadCases(document);
  let ajv: Ajv | undefined;
  const compile = (pointer: string): ValidateFunction => {
    if (ajv === undefined) {
      ajv = createAjv();
      ajv.addSchema(document ?? {}, "spec");
    }
    return ajv.compile({ $ref: `spec${pointer}` });
  };

  // A spec being written may be missing, unparsable or still without messages: report it as skipped.
  if (cases.length === 0) it.skip("has message payloads to check", () => {});

  it.each(cases)("$id: valid samples pass ajv, invalid samples include failures", ({ pointer, payload }) => {
    if (document === undefined) return;
    checkSchema(compile(pointer), document, payload, constrains(document, payload));
  });
});

/** Keywords the real specs do not use (yet), each exercised on its own. */
const syntheticSchemas: Record<string, JsonValue> = {
  closedObject: {
    type: "object",
    required: ["kind"],
    additionalProperties: false,
    properties: { kind: { const: "a" }, size: { type: "integer", minimum: 1, exclusiveMaximum: 10 } },
  },
  typedExtras: { type: "object", properties: { id: { type: "string" } }, additionalProperties: { type: "boolean" } },
  tuple: {
    type: "array",
    minItems: 2,
    items: [{ type: "string", pattern: "^[a-z]+$", maxLength: 5 }, { type: ["integer", "null"] }],
    additionalItems: false,
  },
  boundedList: { type: "array", items: { enum: [1, "two", null] }, minItems: 1, maxItems: 3, uniqueItems: true },
  numbers: { type: "number", exclusiveMinimum: -1.5, maximum: 100, multipleOf: 0.25 },
  integers: { type: "integer", multipleOf: 3, minimum: -30, maximum: 30 },
  fraction: { type: "number", multipleOf: 0.1 },
  formats: {
    type: "object",
    required: ["id", "at", "day", "mail", "link"],
    properties: {
      id: { type: "string", format: "uuid" },
      at: { type: "string", format: "date-time" },
      day: { type: "string", format: "date" },
      mail: { type: "string", format: "email" },
      link: { type: "string", format: "uri" },
    },
  },
  strings: { type: "string", minLength: 2, maxLength: 4 },
  pattern: { type: "string", pattern: "^v[0-9]+(\\.[0-9]+)*$" },
  oneOf: {
    oneOf: [
      { type: "object", required: ["t"], properties: { t: { const: "x" }, n: { type: "integer" } } },
      { type: "object", required: ["t"], properties: { t: { const: "y" }, s: { type: "string" } } },
      { type: "string", enum: ["none"] },
    ],
  },
  allOf: {
    allOf: [
      { $ref: "#/components/schemas/a~1b" },
      { required: ["extra"], properties: { extra: { type: ["string", "null"] } } },
    ],
  },
  cyclic: { $ref: "#/components/schemas/Tree" },
  freeForm: { type: "object" },
  memberCount: { type: "object", properties: { a: { type: "string" } }, minProperties: 1, maxProperties: 2 },
  anything: {},
};

const syntheticDocument: JsonObject = {
  components: {
    schemas: {
      "a/b": { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
      Tree: {
        type: "object",
        required: ["value", "children"],
        properties: {
          value: { type: "integer" },
          children: { type: "array", items: { $ref: "#/components/schemas/Tree~0Alias" } },
          parent: { anyOf: [{ type: "null" }, { $ref: "#/components/schemas/Tree" }] },
        },
      },
      "Tree~Alias": { $ref: "#/components/schemas/Tree" },
    },
    synthetic: syntheticSchemas,
  },
};

describe("schema arbitraries on synthetic schemas", () => {
  const ajv = createAjv();
  ajv.addSchema(syntheticDocument, "synthetic");

  it.each(Object.entries(syntheticSchemas))("%s", (name, schema) => {
    const validate = ajv.compile({ $ref: `synthetic#/components/synthetic/${name}` });
    checkSchema(validate, syntheticDocument, schema, name !== "anything");
  });
});
