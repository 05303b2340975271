import type { ForwardRule, JsonValue, Message, ObjectNode, Protocol, SchemaNode } from "../../ir/types.js";

/**
 * What a forward rule does to the received message, worked out from the two payload schemas so that the
 * runtime never reads validators back: the members it carries (`all` unless the spec lists them or the
 * forwarded message is closed), those it removes, and those it fills (members the forwarded message
 * requires that the received one may lack, each with its accepted JSON types and a fallback value).
 */
export interface ForwardFacts {
  readonly carry: "all" | readonly string[];
  readonly remove?: readonly string[];
  readonly fill?: readonly FillFact[];
}

type JsonType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";

export interface FillFact {
  readonly path: readonly string[];
  readonly types: readonly JsonType[];
  readonly fallback: JsonValue;
}

const allTypes: readonly JsonType[] = ["string", "integer", "number", "boolean", "object", "array", "null"];
const maxDepth = 8;

export function forwardFacts(
  protocol: Protocol,
  rule: ForwardRule,
  received: Message | undefined,
  forwarded: Message | undefined,
  discriminator: string | undefined,
): ForwardFacts {
  const target = forwarded === undefined ? undefined : objectOf(protocol, forwarded.payload);
  const closed = target?.additional === "closed";
  const carry = rule.carry ?? (closed && target ? target.properties.map((property) => property.name) : "all");
  const source = received === undefined ? undefined : objectOf(protocol, received.payload);
  const guaranteed = new Set(
    (source?.properties ?? [])
      .filter((property) => property.required && (carry === "all" || carry.includes(property.name)))
      .map((property) => property.name),
  );
  for (const member of rule.remove ?? []) guaranteed.delete(member);
  const fill = target === undefined ? [] : fillsOf(protocol, target, [], guaranteed, discriminator, 0);
  return {
    carry,
    ...(rule.remove === undefined ? {} : { remove: rule.remove }),
    ...(fill.length === 0 ? {} : { fill }),
  };
}

function fillsOf(
  protocol: Protocol,
  node: ObjectNode,
  base: readonly string[],
  guaranteed: ReadonlySet<string>,
  discriminator: string | undefined,
  depth: number,
): FillFact[] {
  return node.properties.flatMap((property) => {
    if (!property.required || (base.length === 0 && (guaranteed.has(property.name) || property.name === discriminator)))
      return [];
    const path = [...base, property.name];
    const nested = objectOf(protocol, property.schema);
    if (nested?.properties.some((inner) => inner.required) && depth < maxDepth) {
      return fillsOf(protocol, nested, path, new Set(), undefined, depth + 1);
    }
    return [{ path, types: typesOf(protocol, property.schema, 0), fallback: fallbackOf(protocol, property.schema, 0) }];
  });
}

function resolve(protocol: Protocol, node: SchemaNode, depth: number): SchemaNode | undefined {
  if (node.kind !== "ref") return node;
  if (depth > maxDepth) return undefined;
  const named = protocol.schemas.find((schema) => schema.name === node.name);
  return named === undefined ? undefined : resolve(protocol, named.schema, depth + 1);
}

function objectOf(protocol: Protocol, node: SchemaNode, depth = 0): ObjectNode | undefined {
  const resolved = resolve(protocol, node, 0);
  if (resolved?.kind === "object") return resolved;
  if (resolved?.kind !== "intersection" || depth > maxDepth) return undefined;
  const parts = resolved.parts.flatMap((part) => objectOf(protocol, part, depth + 1) ?? []);
  const [first, ...others] = parts;
  return first === undefined ? undefined : others.reduce(mergeObjects, first);
}

/** `allOf` of objects: every member of each, required when any part requires it, typed by the first that types it. */
function mergeObjects(left: ObjectNode, right: ObjectNode): ObjectNode {
  const properties = new Map(left.properties.map((property) => [property.name, property]));
  for (const property of right.properties) {
    const known = properties.get(property.name);
    const schema = known === undefined || known.schema.kind === "any" ? property.schema : known.schema;
    properties.set(property.name, {
      name: property.name,
      schema,
      required: property.required || known?.required === true,
    });
  }
  const closed = left.additional === "closed" || right.additional === "closed";
  return { ...left, properties: [...properties.values()], additional: closed ? "closed" : left.additional };
}

function typeOfValue(value: JsonValue): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as "string" | "boolean" | "object";
}

function typesOf(protocol: Protocol, node: SchemaNode, depth: number): readonly JsonType[] {
  const resolved = resolve(protocol, node, depth);
  if (resolved === undefined || depth > maxDepth) return allTypes;
  switch (resolved.kind) {
    case "string":
    case "boolean":
    case "null":
    case "array":
    case "object":
      return [resolved.kind];
    case "number":
      return [resolved.integer ? "integer" : "number"];
    case "tuple":
      return ["array"];
    case "literal":
      return [typeOfValue(resolved.value)];
    case "enum":
    case "constant":
      return [...new Set(resolved.values.map(typeOfValue))];
    case "union":
      return [...new Set(resolved.variants.flatMap((variant) => typesOf(protocol, variant, depth + 1)))];
    default:
      return allTypes;
  }
}

/** What a lenient build chose for a member nothing fills: a literal, the first value, or an empty one. */
function fallbackOf(protocol: Protocol, node: SchemaNode, depth: number): JsonValue {
  const resolved = resolve(protocol, node, depth);
  if (resolved === undefined || depth > maxDepth) return null;
  switch (resolved.kind) {
    case "literal":
      return resolved.value;
    case "enum":
    case "constant":
      return resolved.values[0] ?? null;
    case "string":
      return "";
    case "number":
      return 0;
    case "boolean":
      return false;
    case "array":
    case "tuple":
      return [];
    case "object":
      return {};
    case "union":
      return resolved.variants[0] === undefined ? null : fallbackOf(protocol, resolved.variants[0], depth + 1);
    default:
      return null;
  }
}
