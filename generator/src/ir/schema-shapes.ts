import { joinPointer } from "../diagnostics.js";
import { isRawObject, type RawObject } from "./raw.js";
import { pickNumbers, readDependentRequired, stringList } from "./schema-keywords.js";
import type { ContainsRule, ObjectNode, PropertyNode, SchemaDocs, SchemaNode } from "./types.js";

/** Array and object schema nodes; sub-schemas are built through `build` (the schema builder). */
export type BuildChild = (raw: unknown, pointer: string) => SchemaNode;

const anyNode: SchemaNode = { kind: "any", docs: {} };

export function buildArray(raw: RawObject, docs: SchemaDocs, pointer: string, build: BuildChild): SchemaNode {
  const bounds = pickNumbers(raw, ["minItems", "maxItems"]);
  const contains = buildContains(raw, pointer, build);
  const extras = contains === undefined ? {} : { contains };
  // `prefixItems` (2020-12, rest in `items`) and a list in `items` (draft-07, rest in `additionalItems`).
  const prefixKeyword = Array.isArray(raw.prefixItems) ? "prefixItems" : Array.isArray(raw.items) ? "items" : undefined;
  if (prefixKeyword === undefined) {
    const items = build(raw.items ?? true, joinPointer(pointer, "items"));
    const unique = raw.uniqueItems === true ? { uniqueItems: true } : {};
    return { kind: "array", items, ...bounds, ...unique, ...extras, docs };
  }
  const restKeyword = prefixKeyword === "prefixItems" ? "items" : "additionalItems";
  const items = (raw[prefixKeyword] as unknown[]).map((item, index) =>
    build(item, joinPointer(pointer, prefixKeyword, index)),
  );
  const rest = raw[restKeyword] === false ? false : build(raw[restKeyword] ?? true, joinPointer(pointer, restKeyword));
  // Without minItems, JSON Schema accepts a tuple shorter than its item list, so every element is optional.
  return {
    kind: "tuple",
    items,
    rest,
    minItems: bounds.minItems ?? 0,
    ...(bounds.maxItems === undefined ? {} : { maxItems: bounds.maxItems }),
    ...extras,
    docs,
  };
}

function buildContains(raw: RawObject, pointer: string, build: BuildChild): ContainsRule | undefined {
  if (raw.contains === undefined) return undefined;
  const { minContains, maxContains } = pickNumbers(raw, ["minContains", "maxContains"]);
  return {
    schema: build(raw.contains, joinPointer(pointer, "contains")),
    min: minContains ?? 1,
    ...(maxContains === undefined ? {} : { max: maxContains }),
  };
}

export function buildObject(raw: RawObject, docs: SchemaDocs, pointer: string, build: BuildChild): SchemaNode {
  const required = new Set(stringList(raw.required));
  const rawProperties = isRawObject(raw.properties) ? raw.properties : {};
  const properties: PropertyNode[] = Object.entries(rawProperties).map(([name, schema]) => ({
    name,
    required: required.has(name),
    schema: build(schema, joinPointer(pointer, "properties", name)),
  }));
  for (const name of required) {
    if (!Object.hasOwn(rawProperties, name)) properties.push({ name, required: true, schema: anyNode });
  }
  const additional =
    raw.additionalProperties === false
      ? "closed"
      : raw.additionalProperties === undefined || raw.additionalProperties === true
        ? "open"
        : build(raw.additionalProperties, joinPointer(pointer, "additionalProperties"));
  return {
    kind: "object",
    properties,
    additional: typeof additional === "object" && additional.kind === "any" ? "open" : additional,
    ...objectChecks(raw, pointer, build),
    docs,
  };
}

/** The object keywords that constrain members beyond `properties`. */
function objectChecks(raw: RawObject, pointer: string, build: BuildChild): Partial<ObjectNode> {
  const checks: { -readonly [K in keyof ObjectNode]?: ObjectNode[K] } = {};
  if (isRawObject(raw.patternProperties)) {
    checks.patternProperties = Object.entries(raw.patternProperties).map(([pattern, schema]) => ({
      pattern,
      schema: build(schema, joinPointer(pointer, "patternProperties", pattern)),
    }));
  }
  if (raw.propertyNames !== undefined)
    checks.propertyNames = build(raw.propertyNames, joinPointer(pointer, "propertyNames"));
  Object.assign(checks, pickNumbers(raw, ["minProperties", "maxProperties"]));
  const dependentRequired = readDependentRequired(raw);
  if (dependentRequired.length > 0) checks.dependentRequired = dependentRequired;
  return checks;
}
