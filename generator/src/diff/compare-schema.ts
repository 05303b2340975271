import type {
  ArrayNode,
  JsonPrimitive,
  ObjectNode,
  SchemaDocs,
  SchemaNode,
  TupleNode,
  UnionNode,
} from "../ir/types.js";
import { compareFlag, compareLowerBound, compareRule, compareUpperBound } from "./compare-bounds.js";
import { byKey, compareKeyed, type Report, sameData } from "./types.js";

/**
 * Compares two versions of one schema node and reports every difference with its class. The package
 * serves both sides (one sends what the other reads), so any change to what a type admits breaks
 * someone: narrowing breaks senders, and a field made optional breaks readers. Additions that old
 * code never sees (an optional field, an enum value, a message) are minor; documentation is a patch.
 */
export function compareSchema(before: SchemaNode, after: SchemaNode, path: string, report: Report): void {
  compareDocs(before.docs, after.docs, path, report);
  if (before.kind !== after.kind) {
    compareKinds(before, after, path, report);
    return;
  }
  switch (before.kind) {
    case "ref": {
      const next = after as typeof before;
      if (before.name !== next.name) report(path, "major", `type changed: ${before.name} → ${next.name}`);
      return;
    }
    case "string": {
      const next = after as typeof before;
      compareLowerBound("minLength", before.minLength, next.minLength, path, report);
      compareUpperBound("maxLength", before.maxLength, next.maxLength, path, report);
      compareRule("pattern", before.pattern, next.pattern, path, report);
      compareRule("format", before.format, next.format, path, report);
      return;
    }
    case "number": {
      const next = after as typeof before;
      compareFlag("integer", before.integer, next.integer, path, report);
      compareLowerBound("minimum", before.minimum, next.minimum, path, report);
      compareLowerBound("exclusiveMinimum", before.exclusiveMinimum, next.exclusiveMinimum, path, report);
      compareUpperBound("maximum", before.maximum, next.maximum, path, report);
      compareUpperBound("exclusiveMaximum", before.exclusiveMaximum, next.exclusiveMaximum, path, report);
      compareRule("multipleOf", before.multipleOf, next.multipleOf, path, report);
      return;
    }
    case "literal": {
      const next = after as typeof before;
      if (before.value !== next.value)
        report(path, "major", `value changed: ${show(before.value)} → ${show(next.value)}`);
      return;
    }
    case "enum":
      compareEnum(before.values, (after as typeof before).values, path, report);
      return;
    case "array":
      compareArray(before, after as ArrayNode, path, report);
      return;
    case "tuple":
      compareTuple(before, after as TupleNode, path, report);
      return;
    case "object":
      compareObject(before, after as ObjectNode, path, report);
      return;
    case "union":
      compareUnion(before, after as UnionNode, path, report);
      return;
    case "intersection": {
      const next = after as typeof before;
      if (before.parts.length !== next.parts.length) report(path, "major", "type changed: intersection parts changed");
      else comparePairs(before.parts, next.parts, (i) => `${path}&${i}`, report);
      return;
    }
    default:
      return;
  }
}

/** Element by element, for lists of the same length (tuple items, intersection parts). */
function comparePairs(
  before: readonly SchemaNode[],
  after: readonly SchemaNode[],
  pathOf: (index: number) => string,
  report: Report,
): void {
  for (const [index, node] of before.entries()) compareSchema(node, after[index] ?? node, pathOf(index), report);
}

const docFields = [
  "title",
  "description",
  "original",
  "open",
  "values",
  "examples",
  "defaultValue",
  "deprecated",
] as const;

function compareDocs(before: SchemaDocs, after: SchemaDocs, path: string, report: Report): void {
  const changed = docFields.filter((field) => !sameData(before[field], after[field]));
  if (changed.length > 0) report(path, "patch", `documentation changed (${changed.join(", ")})`);
}

function show(value: JsonPrimitive): string {
  return JSON.stringify(value);
}

/** A one-value enum is a literal in the IR: between the two, values are compared as a set. */
function enumValues(node: SchemaNode): readonly JsonPrimitive[] | undefined {
  if (node.kind === "enum") return node.values;
  return node.kind === "literal" ? [node.value] : undefined;
}

function compareKinds(before: SchemaNode, after: SchemaNode, path: string, report: Report): void {
  const [a, b] = [enumValues(before), enumValues(after)];
  if (a !== undefined && b !== undefined) compareEnum(a, b, path, report);
  else report(path, "major", `type changed: ${before.kind} → ${after.kind}`);
}

function compareEnum(before: readonly JsonPrimitive[], after: readonly JsonPrimitive[], path: string, report: Report) {
  for (const value of before) if (!after.includes(value)) report(path, "major", `enum value ${show(value)} removed`);
  for (const value of after) if (!before.includes(value)) report(path, "minor", `enum value ${show(value)} added`);
}

function compareArray(before: ArrayNode, after: ArrayNode, path: string, report: Report): void {
  compareSchema(before.items, after.items, `${path}[]`, report);
  compareLowerBound("minItems", before.minItems, after.minItems, path, report);
  compareUpperBound("maxItems", before.maxItems, after.maxItems, path, report);
  compareFlag("uniqueItems", before.uniqueItems, after.uniqueItems, path, report);
}

function compareTuple(before: TupleNode, after: TupleNode, path: string, report: Report): void {
  if (before.items.length !== after.items.length) {
    report(path, "major", `type changed: tuple of ${before.items.length} → ${after.items.length} elements`);
    return;
  }
  comparePairs(before.items, after.items, (i) => `${path}[${i}]`, report);
  if (before.rest !== false && after.rest !== false) compareSchema(before.rest, after.rest, `${path}[…]`, report);
  else if (before.rest === false && after.rest !== false) report(path, "minor", "widened: extra elements allowed");
  else if (before.rest !== false) report(path, "major", "narrowed: extra elements refused");
  compareLowerBound("minItems", before.minItems, after.minItems, path, report);
  compareUpperBound("maxItems", before.maxItems, after.maxItems, path, report);
}

function compareObject(before: ObjectNode, after: ObjectNode, path: string, report: Report): void {
  compareKeyed(
    byKey(before.properties, (property) => property.name),
    byKey(after.properties, (property) => property.name),
    (name, a, b) => {
      const at = `${path}.${name}`;
      if (!a.required && b.required) report(at, "major", "field made required");
      if (a.required && !b.required) report(at, "major", "field made optional (readers must handle its absence)");
      compareSchema(a.schema, b.schema, at, report);
    },
    (name, side) => {
      const property = (side === "added" ? after : before).properties.find((p) => p.name === name);
      if (side === "removed") report(`${path}.${name}`, "major", "field removed");
      else if (property?.required) report(`${path}.${name}`, "major", "required field added");
      else report(`${path}.${name}`, "minor", "optional field added");
    },
  );
  compareAdditional(before.additional, after.additional, path, report);
}

/** Unlisted members: open admits anything, a schema admits some, closed admits none. */
function compareAdditional(
  before: ObjectNode["additional"],
  after: ObjectNode["additional"],
  path: string,
  report: Report,
) {
  if (typeof before === "object" && typeof after === "object") {
    compareSchema(before, after, `${path}.*`, report);
    return;
  }
  if (before === after) return;
  const openness = (value: ObjectNode["additional"]) => (value === "open" ? 2 : value === "closed" ? 0 : 1);
  if (openness(after) < openness(before)) report(path, "major", "narrowed: fewer unlisted members accepted");
  else report(path, "minor", "widened: more unlisted members accepted");
}

/** Variants are matched by their discriminator value or referenced type, else by position. */
function variantKey(variant: SchemaNode, discriminator: string | undefined, index: number): string {
  if (variant.kind === "ref") return variant.name;
  if (variant.kind === "object" && discriminator !== undefined) {
    const tag = variant.properties.find((property) => property.name === discriminator)?.schema;
    if (tag?.kind === "literal") return `${discriminator}=${show(tag.value)}`;
  }
  return `#${index}`;
}

function compareUnion(before: UnionNode, after: UnionNode, path: string, report: Report): void {
  if (before.discriminator !== after.discriminator) {
    report(
      path,
      "major",
      `discriminator changed: ${before.discriminator ?? "none"} → ${after.discriminator ?? "none"}`,
    );
  }
  const keyed = (node: UnionNode) =>
    new Map(node.variants.map((variant, i) => [variantKey(variant, node.discriminator, i), variant] as const));
  compareKeyed(
    keyed(before),
    keyed(after),
    (key, a, b) => compareSchema(a, b, `${path}|${key}`, report),
    (key, side) => report(`${path}|${key}`, side === "removed" ? "major" : "minor", `union variant ${key} ${side}`),
  );
}
