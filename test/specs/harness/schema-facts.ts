import { deref } from "../../support/raw-spec.js";
import { splitFieldPath } from "../../support/schema-paths.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../support/spec-files.js";

/** What the spec says about one field: its types, whether its parent requires it, its listed values. */
export interface FieldFacts {
  readonly types: ReadonlySet<string>;
  readonly required: boolean;
  /** Values from `enum`, `const` and `x-wiretype-values`. */
  readonly values: readonly JsonValue[];
  /** Values a `x-wiretype-values` entry marks with `x-wiretype-provenance` (additions to the document). */
  readonly marked: readonly JsonValue[];
}

interface Node {
  readonly schema: JsonValue | undefined;
  readonly required: boolean;
}

/** The node and its composition branches, `$ref`s followed. */
function alternatives(document: JsonObject, node: JsonValue | undefined, seen = new Set<JsonValue>()): JsonObject[] {
  const schema = deref(document, node);
  if (!isJsonObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const result: JsonObject[] = [schema];
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) for (const branch of branches) result.push(...alternatives(document, branch, seen));
  }
  return result;
}

function listsRequired(schema: JsonObject, name: string): boolean {
  return Array.isArray(schema.required) && schema.required.includes(name);
}

function propertyChildren(document: JsonObject, parent: JsonValue | undefined, name: string): Node[] {
  const schemas = alternatives(document, parent);
  const required = schemas.some((schema) => listsRequired(schema, name));
  return schemas.flatMap((schema) => {
    const properties = deref(document, schema.properties);
    if (!isJsonObject(properties) || !(name in properties)) return [];
    return [{ schema: properties[name], required: required || listsRequired(schema, name) }];
  });
}

function itemChildren(document: JsonObject, parent: JsonValue | undefined, index: number | undefined): Node[] {
  return alternatives(document, parent).flatMap((schema): Node[] => {
    const minItems = typeof schema.minItems === "number" ? schema.minItems : 0;
    const items = schema.items;
    if (Array.isArray(items)) {
      if (index === undefined) return items.map((item) => ({ schema: item, required: minItems >= 1 }));
      return index < items.length ? [{ schema: items[index], required: minItems > index }] : [];
    }
    if (items === undefined || index !== undefined) return [];
    return [{ schema: items, required: minItems >= 1 }];
  });
}

/** Every schema node the spec has at `path` under `payload` (one per composition branch reaching it). */
export function nodesAt(document: JsonObject, payload: JsonValue | undefined, path: string): Node[] {
  let frontier: Node[] = [{ schema: payload, required: true }];
  for (const segment of splitFieldPath(path)) {
    const tuple = /^\[(\d*)\]$/.exec(segment);
    frontier = frontier.flatMap((node) =>
      tuple
        ? itemChildren(document, node.schema, tuple[1] ? Number(tuple[1]) : undefined)
        : propertyChildren(document, node.schema, segment),
    );
  }
  return frontier;
}

function typeOfValue(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The schema's own types: `type`, else inferred from `const`/`enum`/`properties`/`items`. */
function ownTypes(schema: JsonObject): string[] {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.map(String);
  if ("const" in schema) return [typeOfValue(schema.const as JsonValue)];
  if (Array.isArray(schema.enum)) return schema.enum.map(typeOfValue);
  if ("properties" in schema) return ["object"];
  if ("items" in schema) return ["array"];
  return [];
}

function typesOf(document: JsonObject, node: JsonValue | undefined): Set<string> {
  const schema = deref(document, node);
  if (!isJsonObject(schema)) return new Set(["(no schema)"]);
  const own = ownTypes(schema);
  if (own.length > 0) return new Set(own);
  // An `allOf` wrapper (a `$ref` with its own description) has its branch's types; `oneOf`/`anyOf` their union.
  const branches = (["allOf", "oneOf", "anyOf"] as const).flatMap((keyword) => {
    const list = schema[keyword];
    return Array.isArray(list) ? list : [];
  });
  const found = branches.flatMap((branch) => [...typesOf(document, branch)]);
  const types = new Set(found.filter((type) => !type.startsWith("(")));
  return types.size > 0 ? types : new Set(["(untyped)"]);
}

function valueEntries(schema: JsonObject): JsonObject[] {
  const entries = schema["x-wiretype-values"];
  return Array.isArray(entries) ? entries.filter(isJsonObject) : [];
}

/** The facts of one node: types, required, values (listed and marked). */
export function factsOf(document: JsonObject, node: Node): FieldFacts {
  const values: JsonValue[] = [];
  const marked: JsonValue[] = [];
  for (const schema of alternatives(document, node.schema)) {
    if ("const" in schema) values.push(schema.const as JsonValue);
    if (Array.isArray(schema.enum)) values.push(...schema.enum);
    for (const entry of valueEntries(schema)) {
      values.push(entry.value as JsonValue);
      if (isJsonObject(entry["x-wiretype-provenance"])) marked.push(entry.value as JsonValue);
    }
  }
  return { types: typesOf(document, node.schema), required: node.required, values, marked };
}
