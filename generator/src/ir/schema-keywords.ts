import { isJsonPrimitive, isRawObject, type RawObject } from "./raw.js";
import type { JsonPrimitive } from "./types.js";

/** Small readers of JSON Schema keyword values, shared by the schema builder. */

export function pickNumbers<K extends string>(raw: RawObject, keys: readonly K[]): Partial<Record<K, number>> {
  const result: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === "number") result[key] = value;
  }
  return result;
}

export function pickStrings<K extends string>(raw: RawObject, keys: readonly K[]): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === "string") result[key] = value;
  }
  return result;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];
}

/**
 * Keywords that only apply to one type: a schema using one without `type` is taken as that type (what
 * its author meant; JSON Schema itself would let values of other types through unchecked).
 */
const objectKeywords = [
  "properties",
  "additionalProperties",
  "required",
  "patternProperties",
  "propertyNames",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "dependentSchemas",
  "dependencies",
];
const arrayKeywords = ["items", "prefixItems", "additionalItems", "contains", "minItems", "maxItems", "uniqueItems"];
const stringKeywords = ["minLength", "maxLength", "pattern", "format"];
const numberKeywords = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];

/** `type` as a list; `[]` when absent and not implied by other keywords, undefined when malformed. */
export function readTypes(raw: RawObject): string[] | undefined {
  const type = raw.type;
  if (type === undefined) {
    if (objectKeywords.some((keyword) => raw[keyword] !== undefined)) return ["object"];
    if (arrayKeywords.some((keyword) => raw[keyword] !== undefined)) return ["array"];
    if (stringKeywords.some((keyword) => raw[keyword] !== undefined)) return ["string"];
    if (numberKeywords.some((keyword) => raw[keyword] !== undefined)) return ["number"];
    return [];
  }
  if (typeof type === "string") return [type];
  if (Array.isArray(type) && type.every((t) => typeof t === "string")) return [...new Set(type as string[])];
  return undefined;
}

/** `dependentRequired` (2019-09) and the list form of draft-07 `dependencies`, merged. */
export function readDependentRequired(raw: RawObject): { property: string; required: string[] }[] {
  const entries = [raw.dependentRequired, raw.dependencies].flatMap((value) =>
    typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [],
  );
  return entries
    .filter(([, value]) => Array.isArray(value))
    .map(([property, value]) => ({ property, required: stringList(value) }))
    .filter((entry) => entry.required.length > 0);
}

/** `dependentSchemas` (2019-09) and the schema form of draft-07 `dependencies`, with their keyword. */
export function readDependentSchemas(raw: RawObject): { keyword: string; property: string; schema: unknown }[] {
  const found: { keyword: string; property: string; schema: unknown }[] = [];
  for (const keyword of ["dependentSchemas", "dependencies"]) {
    const value = raw[keyword];
    if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
    for (const [property, schema] of Object.entries(value)) {
      if (!Array.isArray(schema)) found.push({ keyword, property, schema });
    }
  }
  return found;
}

/** `schemaFormat`s whose schema is JSON Schema (AsyncAPI Schema, draft-07 or later, JSON or YAML). */
export function isJsonSchemaFormat(format: string): boolean {
  const media = format.split(";")[0]?.trim().toLowerCase() ?? "";
  return media.startsWith("application/vnd.aai.asyncapi") || media.startsWith("application/schema+");
}

/** Formats the loader converts to JSON Schema (`@asyncapi/avro-schema-parser`, `openapi-schema-parser`). */
export function isConvertedFormat(format: string): boolean {
  const media = format.split(";")[0]?.trim().toLowerCase() ?? "";
  return ["application/vnd.apache.avro", "application/vnd.oai.openapi", "application/vnd.aai.avro"].some((prefix) =>
    media.startsWith(prefix),
  );
}

/** The literal value a resolved object schema requires at `property`, if any. */
function requiredLiteral(branch: unknown, property: string): JsonPrimitive | undefined {
  if (!isRawObject(branch) || !isRawObject(branch.properties)) return undefined;
  const required = Array.isArray(branch.required) ? branch.required : [];
  if (!required.includes(property)) return undefined;
  const schema = Object.hasOwn(branch.properties, property) ? branch.properties[property] : undefined;
  if (!isRawObject(schema)) return undefined;
  if (isJsonPrimitive(schema.const)) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && isJsonPrimitive(schema.enum[0])) return schema.enum[0];
  return undefined;
}

/** A property that every branch requires with a distinct literal value: the union's discriminator. */
export function findDiscriminator(branches: readonly unknown[]): string | undefined {
  const first = branches[0];
  if (!isRawObject(first) || !isRawObject(first.properties)) return undefined;
  for (const property of Object.keys(first.properties).sort()) {
    const values = branches.map((branch) => requiredLiteral(branch, property));
    if (values.every((value) => value !== undefined) && new Set(values).size === values.length) return property;
  }
  return undefined;
}
