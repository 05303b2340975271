import { deref } from "./raw-spec.js";
import { isJsonObject, type JsonObject, type JsonValue } from "./spec-files.js";

/** The schemas a value may be checked against here: the node itself and its composition branches. */
function alternatives(document: JsonObject, node: JsonValue | undefined, seen = new Set<JsonValue>()): JsonObject[] {
  const schema = deref(document, node);
  if (!isJsonObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const result: JsonObject[] = [schema];
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) {
      for (const branch of branches) result.push(...alternatives(document, branch, seen));
    }
  }
  return result;
}

function propertyChildren(document: JsonObject, schema: JsonObject, name: string): JsonValue[] {
  const properties = deref(document, schema.properties);
  if (isJsonObject(properties) && name in properties) return [properties[name] as JsonValue];
  return [];
}

function itemChildren(schema: JsonObject, index: number | undefined): JsonValue[] {
  const items = schema.items;
  if (Array.isArray(items)) {
    if (index === undefined) return items;
    const item = items[index];
    return item === undefined ? [] : [item];
  }
  return items === undefined ? [] : [items];
}

/** Splits `media.file[].file_id` or `data[].1` into segments: names, `[]` and `[n]`. */
export function splitFieldPath(path: string): string[] {
  return path.split(/\.|(?=\[)/).filter((segment) => segment.length > 0);
}

/**
 * True when the payload schema describes the field at `path`: a property name per segment, `[]` for
 * "any array item", `[n]` for the n-th element of a tuple. Composition branches count.
 */
export function schemaHasPath(document: JsonObject, payload: JsonValue | undefined, path: string): boolean {
  let frontier: JsonValue[] = payload === undefined ? [] : [payload];
  for (const segment of splitFieldPath(path)) {
    const next: JsonValue[] = [];
    for (const node of frontier) {
      for (const schema of alternatives(document, node)) {
        const tuple = /^\[(\d*)\]$/.exec(segment);
        if (tuple) {
          next.push(...itemChildren(schema, tuple[1] ? Number(tuple[1]) : undefined));
        } else {
          next.push(...propertyChildren(document, schema, segment));
        }
      }
    }
    frontier = next;
    if (frontier.length === 0) return false;
  }
  return true;
}
