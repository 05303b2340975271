import type { JsonValue, Message, ObjectNode, Protocol, SchemaNode } from "../ir/types.js";

/**
 * What the mock sends when the spec gives no value of its own: a message's first example, else a
 * value built from its schema (required members only, the first documented or allowed value, the
 * smallest length and count the schema allows).
 */

type Named = ReadonlyMap<string, SchemaNode>;

/** Nesting past this is left empty: a recursive schema must not recurse for ever. */
const deepest = 8;

function firstOf<T>(values: readonly T[] | undefined): T | undefined {
  return values === undefined ? undefined : values[0];
}

function stringValue(node: Extract<SchemaNode, { kind: "string" }>): string {
  const sample: Record<string, string> = {
    "date-time": "2026-01-01T00:00:00Z",
    date: "2026-01-01",
    time: "00:00:00Z",
    email: "user@example.com",
    uri: "https://example.com/",
    uuid: "00000000-0000-4000-8000-000000000000",
    ipv4: "127.0.0.1",
  };
  const known = node.format === undefined ? undefined : sample[node.format];
  return known ?? "x".repeat(node.minLength ?? 0);
}

function numberValue(node: Extract<SchemaNode, { kind: "number" }>): number {
  const low = node.minimum ?? (node.exclusiveMinimum === undefined ? 0 : node.exclusiveMinimum + 1);
  return node.integer ? Math.ceil(low) : low;
}

function objectValue(node: ObjectNode, named: Named, depth: number): JsonValue {
  const members = node.properties
    .filter((property) => property.required)
    .map((property) => [property.name, sampleValue(property.schema, named, depth + 1)] as const);
  return Object.fromEntries(members);
}

/** A value `node` accepts, as far as a simple walk can tell (the caller validates it). */
export function sampleValue(node: SchemaNode, named: Named, depth = 0): JsonValue {
  const documented = firstOf(node.docs.examples) ?? node.docs.defaultValue;
  if (documented !== undefined) return documented;
  if (depth > deepest) return null;
  switch (node.kind) {
    case "ref": {
      const target = named.get(node.name);
      return target === undefined ? null : sampleValue(target, named, depth + 1);
    }
    case "string":
      return stringValue(node);
    case "number":
      return numberValue(node);
    case "boolean":
      return false;
    case "literal":
      return node.value;
    case "enum":
    case "constant":
      return firstOf(node.values) ?? null;
    case "array":
      return Array.from({ length: node.minItems ?? 0 }, () => sampleValue(node.items, named, depth + 1));
    case "tuple":
      return node.items.slice(0, Math.max(node.minItems, 0)).map((item) => sampleValue(item, named, depth + 1));
    case "object":
      return objectValue(node, named, depth);
    case "union":
      return node.variants[0] === undefined ? null : sampleValue(node.variants[0], named, depth + 1);
    case "intersection":
      return mergeParts(node.parts.map((part) => sampleValue(part, named, depth + 1)));
    default:
      return null;
  }
}

/** `allOf` parts built separately: objects merged, else the first part's value. */
function mergeParts(values: readonly JsonValue[]): JsonValue {
  const objects = values.filter((value) => value !== null && typeof value === "object" && !Array.isArray(value));
  if (objects.length === 0) return values[0] ?? null;
  return Object.assign({}, ...objects) as JsonValue;
}

/** The message's first example, else a value built from its payload schema. */
export function exampleOf(message: Message, protocol: Protocol): JsonValue {
  const example = firstOf(message.examples);
  if (example !== undefined) return example.payload;
  const named = new Map(protocol.schemas.map((schema) => [schema.name, schema.schema]));
  return sampleValue(message.payload, named);
}
