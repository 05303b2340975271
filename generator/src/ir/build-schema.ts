import { type DiagnosticSink, joinPointer } from "../diagnostics.js";
import { isJsonPrimitive, isRawObject, type RawObject } from "./raw.js";
import { readSchemaDocs } from "./schema-docs.js";
import type { JsonPrimitive, PropertyNode, SchemaDocs, SchemaNode } from "./types.js";

/** JSON Schema keywords wiretype cannot express in TypeScript and zod; using one is an error. */
const unsupportedKeywords = [
  "not",
  "if",
  "then",
  "else",
  "patternProperties",
  "dependencies",
  "dependentSchemas",
  "dependentRequired",
  "propertyNames",
  "contains",
  "unevaluatedProperties",
  "unevaluatedItems",
  // Counting members would have to see the members zod's object strips: not expressed, so refused.
  "minProperties",
  "maxProperties",
  "$ref",
] as const;

/** The parser tags every resolved schema with this id; component schemas keep their key. */
const schemaIdKey = "x-parser-schema-id";

interface Context {
  readonly pointer: string;
  /** The component being defined, so that its own root is not turned into a reference to itself. */
  readonly defining?: string;
}

/**
 * Turns resolved JSON Schema (draft-07 AsyncAPI Schema) into wiretype's schema nodes. References to
 * component schemas become `ref` nodes, which also breaks `$ref` cycles.
 */
export class SchemaBuilder {
  readonly #componentNames: ReadonlySet<string>;
  readonly #sink: DiagnosticSink;

  constructor(componentNames: ReadonlySet<string>, sink: DiagnosticSink) {
    this.#componentNames = componentNames;
    this.#sink = sink;
  }

  build(raw: unknown, context: Context): SchemaNode {
    if (raw === true || raw === undefined) return { kind: "any", docs: {} };
    if (!isRawObject(raw)) {
      this.#sink.error("bad-schema", context.pointer, "a schema must be an object or `true`");
      return { kind: "any", docs: {} };
    }
    const id = raw[schemaIdKey];
    if (typeof id === "string" && id !== context.defining && this.#componentNames.has(id)) {
      return { kind: "ref", name: id, docs: {} };
    }
    const docs = readSchemaDocs(raw, context.pointer, this.#sink);
    this.#reportUnsupported(raw, context.pointer);
    return this.#buildShape(raw, docs, { pointer: context.pointer });
  }

  #reportUnsupported(raw: RawObject, pointer: string): void {
    for (const keyword of unsupportedKeywords) {
      if (raw[keyword] !== undefined) {
        this.#sink.error(
          "unsupported-keyword",
          joinPointer(pointer, keyword),
          `JSON Schema keyword \`${keyword}\` cannot be expressed in the generated types and validators`,
        );
      }
    }
  }

  #buildShape(raw: RawObject, docs: SchemaDocs, context: Context): SchemaNode {
    const compositions = this.#buildCompositions(raw, context);
    const own = this.#buildOwnShape(raw, docs, context);
    if (compositions.length === 0) return own ?? { kind: "any", docs };
    if (own === undefined) {
      return compositions.length === 1
        ? withDocs(compositions[0] as SchemaNode, docs)
        : intersection(compositions, docs);
    }
    return intersection([stripDocs(own), ...compositions], docs);
  }

  #buildCompositions(raw: RawObject, context: Context): SchemaNode[] {
    const parts: SchemaNode[] = [];
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const branches = raw[keyword];
      if (branches === undefined) continue;
      if (!Array.isArray(branches) || branches.length === 0) {
        this.#sink.error("bad-schema", joinPointer(context.pointer, keyword), `\`${keyword}\` needs a non-empty list`);
        continue;
      }
      const variants = branches.map((branch, index) =>
        this.build(branch, { pointer: joinPointer(context.pointer, keyword, index) }),
      );
      const discriminator = findDiscriminator(branches);
      parts.push({
        kind: "union",
        variants,
        exclusive: keyword === "oneOf",
        ...(discriminator === undefined ? {} : { discriminator }),
        docs: {},
      });
    }
    const allOf = raw.allOf;
    if (Array.isArray(allOf)) {
      allOf.forEach((branch, index) => {
        parts.push(this.build(branch, { pointer: joinPointer(context.pointer, "allOf", index) }));
      });
    }
    return parts;
  }

  #buildOwnShape(raw: RawObject, docs: SchemaDocs, context: Context): SchemaNode | undefined {
    if (raw.const !== undefined) return this.#literal(raw.const, docs, context);
    if (raw.enum !== undefined) return this.#enum(raw.enum, docs, context);
    const types = readTypes(raw);
    if (types === undefined) {
      this.#sink.error(
        "bad-schema",
        joinPointer(context.pointer, "type"),
        "`type` must be a type name or a list of them",
      );
      return { kind: "any", docs };
    }
    if (types.length === 0) return undefined;
    if (types.length === 1) return this.#typed(types[0] as string, raw, docs, context);
    // Documented values stay on each variant too, so that the string variant still lists them.
    const variantDocs: SchemaDocs = docs.values === undefined ? {} : { values: docs.values };
    const carriesValues = new Set(["string", "number", "integer"]);
    const variants = types.map((type) => this.#typed(type, raw, carriesValues.has(type) ? variantDocs : {}, context));
    return { kind: "union", variants, exclusive: false, docs };
  }

  #literal(value: unknown, docs: SchemaDocs, context: Context): SchemaNode {
    if (isJsonPrimitive(value)) return { kind: "literal", value, docs };
    this.#sink.error(
      "unsupported-const",
      joinPointer(context.pointer, "const"),
      "only string, number, boolean or null constants are supported",
    );
    return { kind: "any", docs };
  }

  #enum(values: unknown, docs: SchemaDocs, context: Context): SchemaNode {
    if (!Array.isArray(values) || values.length === 0 || !values.every(isJsonPrimitive)) {
      this.#sink.error(
        "unsupported-enum",
        joinPointer(context.pointer, "enum"),
        "`enum` must list string, number, boolean or null values",
      );
      return { kind: "any", docs };
    }
    const unique = [...new Set<JsonPrimitive>(values)];
    if (unique.length === 1) return { kind: "literal", value: unique[0] as JsonPrimitive, docs };
    return { kind: "enum", values: unique, docs };
  }

  #typed(type: string, raw: RawObject, docs: SchemaDocs, context: Context): SchemaNode {
    switch (type) {
      case "string":
        return {
          kind: "string",
          docs,
          ...pickNumbers(raw, ["minLength", "maxLength"]),
          ...pickStrings(raw, ["pattern", "format"]),
        };
      case "integer":
      case "number":
        return {
          kind: "number",
          integer: type === "integer",
          docs,
          ...pickNumbers(raw, ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]),
        };
      case "boolean":
        return { kind: "boolean", docs };
      case "null":
        return { kind: "null", docs };
      case "array":
        return this.#array(raw, docs, context);
      case "object":
        return this.#object(raw, docs, context);
      default:
        this.#sink.error("bad-schema", joinPointer(context.pointer, "type"), `unknown type \`${type}\``);
        return { kind: "any", docs };
    }
  }

  #array(raw: RawObject, docs: SchemaDocs, context: Context): SchemaNode {
    const bounds = pickNumbers(raw, ["minItems", "maxItems"]);
    if (Array.isArray(raw.items)) {
      const items = raw.items.map((item, index) =>
        this.build(item, { pointer: joinPointer(context.pointer, "items", index) }),
      );
      const rest =
        raw.additionalItems === false
          ? false
          : this.build(raw.additionalItems ?? true, { pointer: joinPointer(context.pointer, "additionalItems") });
      // Without minItems, JSON Schema accepts a tuple shorter than its item list, so every element is optional.
      return {
        kind: "tuple",
        items,
        rest,
        minItems: bounds.minItems ?? 0,
        ...(bounds.maxItems === undefined ? {} : { maxItems: bounds.maxItems }),
        docs,
      };
    }
    const items = this.build(raw.items ?? true, { pointer: joinPointer(context.pointer, "items") });
    return { kind: "array", items, ...bounds, ...(raw.uniqueItems === true ? { uniqueItems: true } : {}), docs };
  }

  #object(raw: RawObject, docs: SchemaDocs, context: Context): SchemaNode {
    const required = new Set(Array.isArray(raw.required) ? raw.required.filter((r) => typeof r === "string") : []);
    const rawProperties = isRawObject(raw.properties) ? raw.properties : {};
    const properties: PropertyNode[] = Object.entries(rawProperties).map(([name, schema]) => ({
      name,
      required: required.has(name),
      schema: this.build(schema, { pointer: joinPointer(context.pointer, "properties", name) }),
    }));
    for (const name of required) {
      if (!(name in rawProperties)) {
        properties.push({ name, required: true, schema: { kind: "any", docs: {} } });
      }
    }
    const additional =
      raw.additionalProperties === false
        ? "closed"
        : raw.additionalProperties === undefined || raw.additionalProperties === true
          ? "open"
          : this.build(raw.additionalProperties, { pointer: joinPointer(context.pointer, "additionalProperties") });
    return {
      kind: "object",
      properties,
      additional: isAnyWithoutDocs(additional) ? "open" : additional,
      docs,
    };
  }
}

function isAnyWithoutDocs(node: SchemaNode | "open" | "closed"): boolean {
  return typeof node === "object" && node.kind === "any";
}

/** `type` as a list; `[]` when absent (the shape then comes from other keywords), undefined when malformed. */
function readTypes(raw: RawObject): string[] | undefined {
  const type = raw.type;
  if (type === undefined) {
    if (raw.properties !== undefined || raw.additionalProperties !== undefined || raw.required !== undefined) {
      return ["object"];
    }
    if (raw.items !== undefined) return ["array"];
    return [];
  }
  if (typeof type === "string") return [type];
  if (Array.isArray(type) && type.every((t) => typeof t === "string")) return [...new Set(type as string[])];
  return undefined;
}

function pickNumbers<K extends string>(raw: RawObject, keys: readonly K[]): Partial<Record<K, number>> {
  const result: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === "number") result[key] = value;
  }
  return result;
}

function pickStrings<K extends string>(raw: RawObject, keys: readonly K[]): Partial<Record<K, string>> {
  const result: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = raw[key];
    if (typeof value === "string") result[key] = value;
  }
  return result;
}

function withDocs(node: SchemaNode, docs: SchemaDocs): SchemaNode {
  return Object.keys(docs).length === 0 ? node : { ...node, docs: { ...node.docs, ...docs } };
}

function stripDocs(node: SchemaNode): SchemaNode {
  return { ...node, docs: {} };
}

function intersection(parts: SchemaNode[], docs: SchemaDocs): SchemaNode {
  return { kind: "intersection", parts, docs };
}

/** The literal value a resolved object schema requires at `property`, if any. */
function requiredLiteral(branch: unknown, property: string): JsonPrimitive | undefined {
  if (!isRawObject(branch) || !isRawObject(branch.properties)) return undefined;
  const required = Array.isArray(branch.required) ? branch.required : [];
  if (!required.includes(property)) return undefined;
  const schema = branch.properties[property];
  if (!isRawObject(schema)) return undefined;
  if (isJsonPrimitive(schema.const)) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && isJsonPrimitive(schema.enum[0])) return schema.enum[0];
  return undefined;
}

/** A property that every branch requires with a distinct literal value: the union's discriminator. */
function findDiscriminator(branches: readonly unknown[]): string | undefined {
  const first = branches[0];
  if (!isRawObject(first) || !isRawObject(first.properties)) return undefined;
  for (const property of Object.keys(first.properties).sort()) {
    const values = branches.map((branch) => requiredLiteral(branch, property));
    if (values.every((value) => value !== undefined) && new Set(values).size === values.length) return property;
  }
  return undefined;
}
