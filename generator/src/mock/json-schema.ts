import type {
  ArrayNode,
  ConditionalNode,
  ContainsRule,
  ObjectNode,
  Protocol,
  SchemaNode,
  TupleNode,
} from "../ir/types.js";

/**
 * The IR's schemas back as JSON Schema (draft 2020-12), for the mock server's run-time validators: one
 * `$defs` entry per named schema, references as `$ref`. Every keyword the IR keeps is written, so the
 * mock checks what the generated validators check (and, like them, nothing the IR left out).
 */

export type JsonSchema = { [keyword: string]: unknown };

const defsPrefix = "#/$defs/";

/**
 * Keywords zod's `fromJSONSchema` refuses. With `dropped` given, they are left out and their names
 * added to it (the caller checks them another way); without, every keyword is written.
 */
export type Dropped = Set<string> | undefined;

/** A document whose root validates `node`, with every named schema of the protocol in `$defs`. */
export function documentSchema(protocol: Protocol, node: SchemaNode, dropped?: Set<string>): JsonSchema {
  const convert = (each: SchemaNode) => toJsonSchema(each, dropped);
  const defs = Object.fromEntries(protocol.schemas.map((named) => [named.name, convert(named.schema)]));
  return { $schema: "https://json-schema.org/draft/2020-12/schema", $defs: defs, ...convert(node) };
}

/** `keyword: value`, or nothing when the keyword is one the caller drops. */
function unlessDropped(dropped: Dropped, keyword: string, value: () => unknown): JsonSchema {
  if (dropped === undefined) return { [keyword]: value() };
  dropped.add(keyword);
  return {};
}

/** Members that are there: an absent optional keyword is no keyword at all. */
function defined(entries: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

function containsKeywords(rule: ContainsRule | undefined, dropped: Dropped): JsonSchema {
  if (rule === undefined) return {};
  return defined({ contains: toJsonSchema(rule.schema, dropped), minContains: rule.min, maxContains: rule.max });
}

function arraySchema(node: ArrayNode, dropped: Dropped): JsonSchema {
  const { minItems, maxItems, uniqueItems } = node;
  return {
    type: "array",
    items: toJsonSchema(node.items, dropped),
    ...defined({ minItems, maxItems, uniqueItems }),
    ...containsKeywords(node.contains, dropped),
  };
}

function tupleSchema(node: TupleNode, dropped: Dropped): JsonSchema {
  const items = node.rest === false ? false : toJsonSchema(node.rest, dropped);
  const bounds = defined({ minItems: node.minItems === 0 ? undefined : node.minItems, maxItems: node.maxItems });
  return {
    type: "array",
    prefixItems: node.items.map((item) => toJsonSchema(item, dropped)),
    items,
    ...bounds,
    ...containsKeywords(node.contains, dropped),
  };
}

function objectSchema(node: ObjectNode, dropped: Dropped): JsonSchema {
  const convert = (each: SchemaNode) => toJsonSchema(each, dropped);
  const properties = Object.fromEntries(node.properties.map((property) => [property.name, convert(property.schema)]));
  const required = node.properties.filter((property) => property.required).map((property) => property.name);
  const additional =
    node.additional === "open" ? undefined : node.additional === "closed" ? false : convert(node.additional);
  const patterns = node.patternProperties?.map((entry) => [entry.pattern, convert(entry.schema)] as const);
  const dependentRequired = node.dependentRequired?.map((rule) => [rule.property, rule.required] as const);
  const dependencies =
    dependentRequired === undefined
      ? {}
      : unlessDropped(dropped, "dependentRequired", () => Object.fromEntries(dependentRequired));
  return defined({
    ...dependencies,
    type: "object",
    properties,
    required: required.length === 0 ? undefined : required,
    additionalProperties: additional,
    patternProperties: patterns === undefined ? undefined : Object.fromEntries(patterns),
    propertyNames: node.propertyNames === undefined ? undefined : convert(node.propertyNames),
    minProperties: node.minProperties,
    maxProperties: node.maxProperties,
  });
}

function conditionalSchema(node: ConditionalNode, convert: (each: SchemaNode) => JsonSchema): JsonSchema {
  // JSON Schema names these keywords `then` and `else`: a plain record, never awaited.
  const branches: [string, SchemaNode | undefined][] = [
    ["then", node.consequent],
    ["else", node.alternative],
  ];
  const present = branches.flatMap(([keyword, branch]) => (branch === undefined ? [] : [[keyword, convert(branch)]]));
  return { if: convert(node.condition), ...Object.fromEntries(present) };
}

/** One IR node as JSON Schema; its documentation is left out (validation only). */
export function toJsonSchema(node: SchemaNode, dropped?: Set<string>): JsonSchema {
  const convert = (each: SchemaNode) => toJsonSchema(each, dropped);
  switch (node.kind) {
    case "ref":
      return { $ref: `${defsPrefix}${node.name.replaceAll("~", "~0").replaceAll("/", "~1")}` };
    case "any":
      return {};
    case "string": {
      const { minLength, maxLength, pattern, format } = node;
      return { type: "string", ...defined({ minLength, maxLength, pattern, format }) };
    }
    case "number": {
      const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = node;
      const type = node.integer ? "integer" : "number";
      return { type, ...defined({ minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf }) };
    }
    case "boolean":
    case "null":
      return { type: node.kind };
    case "literal":
      return { const: node.value };
    case "enum":
    case "constant":
      return { enum: node.values };
    case "array":
      return arraySchema(node, dropped);
    case "tuple":
      return tupleSchema(node, dropped);
    case "object":
      return objectSchema(node, dropped);
    case "union":
      return { [node.exclusive ? "oneOf" : "anyOf"]: node.variants.map(convert) };
    case "intersection":
      return { allOf: node.parts.map(convert) };
    case "not":
      return unlessDropped(dropped, "not", () => convert(node.schema));
    case "conditional":
      return dropped === undefined ? conditionalSchema(node, convert) : unlessDropped(dropped, "if", () => ({}));
  }
}
