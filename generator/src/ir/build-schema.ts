import { type DiagnosticSink, joinPointer } from "../diagnostics.js";
import { resolveLocalRef } from "./local-ref.js";
import { pascalCase, type TypeNameAllocator, typeNameOf } from "./naming.js";
import { isJsonPrimitive, isRawObject, type RawObject, toJsonValue } from "./raw.js";
import { readSchemaDocs } from "./schema-docs.js";
import {
  findDiscriminator,
  isConvertedFormat,
  isJsonSchemaFormat,
  pickNumbers,
  pickStrings,
  readDependentSchemas,
  readTypes,
} from "./schema-keywords.js";
import { buildArray, buildObject } from "./schema-shapes.js";
import type { JsonPrimitive, NamedSchema, SchemaDocs, SchemaNode } from "./types.js";

/** Keywords the generated validators do not check: reported as a warning, never silently dropped. */
const uncheckedKeywords = ["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef"] as const;

/** The parser tags every resolved schema with this id; component schemas keep their key. */
const schemaIdKey = "x-parser-schema-id";
/** The parser's id of a schema that has no name of its own. */
const anonymousId = /^<anonymous-schema-\d+>$/;

const anyNode: SchemaNode = { kind: "any", docs: {} };

interface Context {
  readonly pointer: string;
  /** The component being defined, so that its own root is not turned into a reference to itself. */
  readonly defining?: string;
}

/**
 * Turns resolved JSON Schema (AsyncAPI Schema, draft-07 and the later keywords people use) into
 * wiretype's schema nodes. References to component schemas become `ref` nodes, which also breaks
 * `$ref` cycles; a cycle through a schema that is not a component makes that schema a named one.
 */
export class SchemaBuilder {
  /** Component key → its type name. */
  readonly #componentNames: ReadonlyMap<string, string>;
  readonly #sink: DiagnosticSink;
  readonly #names: TypeNameAllocator;
  /** Raw schemas being built, with their pointer: meeting one again is a cycle. */
  readonly #active = new Map<RawObject, string>();
  /** Raw schemas found to recur, with the type name they get. */
  readonly #recurring = new Map<RawObject, string>();
  readonly #discovered: NamedSchema[] = [];
  /** The whole resolved document, for the local `$ref`s the parser left unresolved. */
  readonly #root: unknown;
  /** Unresolved `$ref`s being followed: meeting one again is a `$ref` cycle, left as it is. */
  readonly #following = new Set<RawObject>();

  constructor(
    componentNames: ReadonlyMap<string, string>,
    sink: DiagnosticSink,
    names: TypeNameAllocator,
    root?: unknown,
  ) {
    this.#componentNames = componentNames;
    this.#sink = sink;
    this.#names = names;
    this.#root = root;
  }

  /** Builds a sub-schema at a pointer (for the array and object builders). */
  readonly #child = (raw: unknown, pointer: string): SchemaNode => this.build(raw, { pointer });

  /** Recursive schemas that are not components, named while building: declared like components. */
  get discovered(): readonly NamedSchema[] {
    return this.#discovered;
  }

  build(raw: unknown, context: Context): SchemaNode {
    if (raw === true || raw === undefined) return anyNode;
    if (raw === false)
      return { kind: "intersection", parts: [anyNode, { kind: "not", schema: anyNode, docs: {} }], docs: {} };
    if (!isRawObject(raw)) {
      this.#sink.error("bad-schema", context.pointer, "a schema must be an object or `true`");
      return anyNode;
    }
    const target = this.#localRefTarget(raw);
    if (target !== undefined) return this.#follow(raw, target, context);
    if (typeof raw.schemaFormat === "string" && Object.hasOwn(raw, "schema"))
      return this.#buildFormat(raw, raw.schemaFormat, context);
    const id = raw[schemaIdKey];
    const component = typeof id === "string" && id !== context.defining ? this.#componentNames.get(id) : undefined;
    if (component !== undefined) return { kind: "ref", name: component, docs: {} };
    const outer = this.#active.get(raw);
    if (outer !== undefined) return { kind: "ref", name: this.#recurringName(raw, outer), docs: {} };
    const declared = this.#recurring.get(raw);
    if (declared !== undefined && this.#isDiscovered(declared)) return { kind: "ref", name: declared, docs: {} };
    // A schema named by its own format (an Avro record, a `$id`) becomes a named type, as a component is.
    if (typeof id === "string" && !anonymousId.test(id) && id !== context.defining) {
      this.#recurringName(raw, context.pointer);
    }
    this.#active.set(raw, context.pointer);
    try {
      const node = this.#buildShape(raw, readSchemaDocs(raw, context.pointer, this.#sink), context);
      return this.#nameIfRecurring(raw, node, context);
    } finally {
      this.#active.delete(raw);
    }
  }

  /** What an unresolved same-document `$ref` points at (siblings ignored, as the parser's resolver does). */
  #localRefTarget(raw: RawObject): unknown {
    if (typeof raw.$ref !== "string" || this.#following.has(raw)) return undefined;
    return resolveLocalRef(this.#root, raw.$ref);
  }

  #follow(raw: RawObject, target: unknown, context: Context): SchemaNode {
    this.#following.add(raw);
    try {
      return this.build(target, context);
    } finally {
      this.#following.delete(raw);
    }
  }

  /** A multi-format schema (`{ schemaFormat, schema }`): JSON Schema and converted formats are built. */
  #buildFormat(raw: RawObject, format: string, context: Context): SchemaNode {
    const pointer = joinPointer(context.pointer, "schema");
    if (isJsonSchemaFormat(format)) return this.build(raw.schema, { ...context, pointer });
    if (isConvertedFormat(format) && raw["x-parser-original-payload"] !== undefined) {
      return this.build(raw.schema, { ...context, pointer });
    }
    this.#sink.warning(
      "unsupported-schema-format",
      joinPointer(context.pointer, "schemaFormat"),
      `schema format \`${format}\` cannot be read as JSON Schema: typed as JsonValue and not validated`,
    );
    return anyNode;
  }

  /** The name of a schema met again inside itself: its own name, else one from where it is defined. */
  #recurringName(raw: RawObject, pointer: string): string {
    const known = this.#recurring.get(raw);
    if (known !== undefined) return known;
    const id = raw[schemaIdKey];
    const preferred =
      typeof id === "string" && !anonymousId.test(id)
        ? typeNameOf(localName(id))
        : pascalCase(pointer.split("/").slice(-2).join(" "));
    const name = this.#names.claim([preferred, `${preferred}Payload`]);
    this.#recurring.set(raw, name);
    return name;
  }

  #nameIfRecurring(raw: RawObject, node: SchemaNode, context: Context): SchemaNode {
    const name = this.#recurring.get(raw);
    if (name === undefined || this.#isDiscovered(name)) return node;
    this.#discovered.push({ name, schema: node, pointer: context.pointer });
    return { kind: "ref", name, docs: {} };
  }

  #isDiscovered(name: string): boolean {
    return this.#discovered.some((schema) => schema.name === name);
  }

  #reportUnchecked(raw: RawObject, pointer: string): void {
    for (const keyword of uncheckedKeywords) {
      if (raw[keyword] === undefined) continue;
      this.#sink.warning(
        "unsupported-keyword",
        joinPointer(pointer, keyword),
        `JSON Schema keyword \`${keyword}\` is not checked by the generated validators (left out)`,
      );
    }
    if (typeof raw.$ref === "string") {
      this.#sink.warning(
        "unresolved-ref",
        joinPointer(pointer, "$ref"),
        `\`$ref: ${raw.$ref}\` could not be resolved (a remote or missing document): typed as JsonValue and not validated`,
      );
    }
    if (raw.if === undefined && (raw.then !== undefined || raw.else !== undefined)) {
      this.#sink.warning(
        "ignored-keyword",
        joinPointer(pointer, raw.then === undefined ? "else" : "then"),
        "`then` and `else` without `if` have no effect (JSON Schema ignores them)",
      );
    }
  }

  #buildShape(raw: RawObject, docs: SchemaDocs, context: Context): SchemaNode {
    this.#reportUnchecked(raw, context.pointer);
    const compositions = this.#buildCompositions(raw, context);
    const own = this.#buildOwnShape(raw, docs, context);
    const assertions = this.#buildAssertions(raw, context);
    if (compositions.length === 0 && assertions.length === 0) return own ?? { kind: "any", docs };
    if (own === undefined && compositions.length === 1 && assertions.length === 0) {
      return withDocs(compositions[0] as SchemaNode, docs);
    }
    const shapes = own === undefined ? compositions : [stripDocs(own), ...compositions];
    return intersection([...(shapes.length === 0 ? [anyNode] : shapes), ...assertions], docs);
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

  /** `not`, `if`/`then`/`else` and `dependentSchemas`: checks that do not change the type. */
  #buildAssertions(raw: RawObject, context: Context): SchemaNode[] {
    const at = (...segments: string[]) => ({ pointer: joinPointer(context.pointer, ...segments) });
    const assertions: SchemaNode[] = [];
    if (raw.not !== undefined) assertions.push({ kind: "not", schema: this.build(raw.not, at("not")), docs: {} });
    if (raw.if !== undefined) {
      assertions.push({
        kind: "conditional",
        condition: this.build(raw.if, at("if")),
        ...(raw.then === undefined ? {} : { consequent: this.build(raw.then, at("then")) }),
        ...(raw.else === undefined ? {} : { alternative: this.build(raw.else, at("else")) }),
        docs: {},
      });
    }
    for (const { keyword, property, schema } of readDependentSchemas(raw)) {
      const present: SchemaNode = {
        kind: "object",
        properties: [{ name: property, required: true, schema: anyNode }],
        additional: "open",
        docs: {},
      };
      const consequent = this.build(schema, at(keyword, property));
      assertions.push({ kind: "conditional", condition: present, consequent, docs: {} });
    }
    return assertions;
  }

  #buildOwnShape(raw: RawObject, docs: SchemaDocs, context: Context): SchemaNode | undefined {
    if (raw.const !== undefined) return this.#literal(raw.const, docs);
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
    // OpenAPI-style `nullable: true` (as ajv reads it): null is allowed besides the listed types.
    if (raw.nullable === true && types.length > 0 && !types.includes("null")) types.push("null");
    if (types.length === 0) return undefined;
    if (types.length === 1) return this.#typed(types[0] as string, raw, docs, context);
    // Documented values stay on each variant too, so that the string variant still lists them.
    const variantDocs: SchemaDocs = docs.values === undefined ? {} : { values: docs.values };
    const carriesValues = new Set(["string", "number", "integer"]);
    const variants = types.map((type) => this.#typed(type, raw, carriesValues.has(type) ? variantDocs : {}, context));
    return { kind: "union", variants, exclusive: false, docs };
  }

  #literal(value: unknown, docs: SchemaDocs): SchemaNode {
    if (isJsonPrimitive(value)) return { kind: "literal", value, docs };
    return { kind: "constant", values: [toJsonValue(value)], docs };
  }

  #enum(values: unknown, docs: SchemaDocs, context: Context): SchemaNode {
    if (!Array.isArray(values) || values.length === 0) {
      this.#sink.error("bad-schema", joinPointer(context.pointer, "enum"), "`enum` must be a non-empty list");
      return { kind: "any", docs };
    }
    if (!values.every(isJsonPrimitive)) return { kind: "constant", values: values.map((v) => toJsonValue(v)), docs };
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
        return buildArray(raw, docs, context.pointer, this.#child);
      case "object":
        return buildObject(raw, docs, context.pointer, this.#child);
      default:
        this.#sink.error("bad-schema", joinPointer(context.pointer, "type"), `unknown type \`${type}\``);
        return { kind: "any", docs };
    }
  }
}

/** The local part of a schema's own name: `com.example.User` → `User`, `https://x/user.json` → `user`. */
function localName(id: string): string {
  const segment =
    id
      .split(/[/#:]/)
      .filter((part) => part !== "")
      .at(-1) ?? id;
  const local =
    segment
      .replace(/\.(json|ya?ml)$/i, "")
      .split(".")
      .at(-1) ?? segment;
  return local === "" ? id : local;
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
