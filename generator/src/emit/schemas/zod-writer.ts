import type { CodeBlockWriter } from "ts-morph";
import { literalKey } from "../../ir/naming.js";
import type { ContainsRule, JsonPrimitive, ObjectNode, SchemaNode, TupleNode } from "../../ir/types.js";
import { schemaConstName } from "../names.js";
import { writeConstant, writeContains, writeObjectChecks } from "./zod-checks.js";

/** Runtime helpers a zod expression may call. */
export type ZodRuntimeHelper = "checkFormat" | "codePointLength" | "hasUniqueItems" | "jsonEquals";

/** What a zod expression may need from outside itself. */
export interface ZodContext {
  /** Named schemas already declared above the expression; a reference to any other is made lazy. */
  readonly declared: ReadonlySet<string>;
  /** Runtime helpers the expression used. */
  readonly runtime: Set<ZodRuntimeHelper>;
}

/** Writes one part of an expression; parts are composed by `writeAllOf`. */
export type ZodPart = (writer: CodeBlockWriter) => void;

/** `z.intersection(a, z.intersection(b, c))`: each part sees the value as received, not zod's output. */
export function writeAllOf(writer: CodeBlockWriter, parts: readonly ZodPart[]): void {
  const [first, ...rest] = parts;
  if (first === undefined) {
    writer.write("z.json()");
    return;
  }
  if (rest.length === 0) {
    first(writer);
    return;
  }
  writer.write("z.intersection(");
  first(writer);
  writer.write(", ");
  writeAllOf(writer, rest);
  writer.write(")");
}

/** `(value) => X.safeParse(value).success`-style test of `node` on the variable `name`. */
export function writeMatches(writer: CodeBlockWriter, node: SchemaNode, name: string, context: ZodContext): void {
  writeZod(writer, node, context);
  writer.write(`.safeParse(${name}).success`);
}

/** With a `contains` rule, the array expression is intersected with its count check. */
function withContains(writer: CodeBlockWriter, rule: ContainsRule | undefined, context: ZodContext, base: ZodPart) {
  if (rule === undefined) base(writer);
  else writeAllOf(writer, [base, (w) => writeContains(w, rule, context)]);
}

function literal(value: JsonPrimitive): string {
  return JSON.stringify(value);
}

function writeList(writer: CodeBlockWriter, nodes: readonly SchemaNode[], context: ZodContext): void {
  writer.write("[");
  nodes.forEach((node, index) => {
    if (index > 0) writer.write(", ");
    writeZod(writer, node, context);
  });
  writer.write("]");
}

function writeString(
  writer: CodeBlockWriter,
  node: Extract<SchemaNode, { kind: "string" }>,
  context: ZodContext,
): void {
  writer.write("z.string()");
  // JSON Schema counts code points (as ajv and the guards do), zod's min/max count UTF-16 units.
  if (node.minLength !== undefined) {
    context.runtime.add("codePointLength");
    writer.write(
      `.refine((value) => codePointLength(value) >= ${node.minLength}, "expected at least ${node.minLength} characters")`,
    );
  }
  if (node.maxLength !== undefined) {
    context.runtime.add("codePointLength");
    writer.write(
      `.refine((value) => codePointLength(value) <= ${node.maxLength}, "expected at most ${node.maxLength} characters")`,
    );
  }
  // JSON Schema patterns are unanchored ECMAScript regexes with the `u` flag, as ajv compiles them.
  if (node.pattern !== undefined) writer.write(`.regex(new RegExp(${JSON.stringify(node.pattern)}, "u"))`);
  if (node.format !== undefined) {
    context.runtime.add("checkFormat");
    const format = JSON.stringify(node.format);
    writer.write(
      `.refine((value) => checkFormat(${format}, value), ${JSON.stringify(`expected format ${node.format}`)})`,
    );
  }
}

function writeNumber(writer: CodeBlockWriter, node: Extract<SchemaNode, { kind: "number" }>): void {
  writer.write(node.integer ? "z.number().int()" : "z.number()");
  if (node.minimum !== undefined) writer.write(`.gte(${node.minimum})`);
  if (node.maximum !== undefined) writer.write(`.lte(${node.maximum})`);
  if (node.exclusiveMinimum !== undefined) writer.write(`.gt(${node.exclusiveMinimum})`);
  if (node.exclusiveMaximum !== undefined) writer.write(`.lt(${node.exclusiveMaximum})`);
  if (node.multipleOf !== undefined) writer.write(`.multipleOf(${node.multipleOf})`);
}

function writeEnum(writer: CodeBlockWriter, values: readonly JsonPrimitive[]): void {
  if (values.every((value) => typeof value === "string")) writer.write(`z.enum([${values.map(literal).join(", ")}])`);
  else writer.write(`z.literal([${values.map(literal).join(", ")}])`);
}

function writeTuple(writer: CodeBlockWriter, node: TupleNode, context: ZodContext): void {
  withContains(writer, node.contains, context, () => writeTupleShape(writer, node, context));
}

function writeTupleShape(writer: CodeBlockWriter, node: TupleNode, context: ZodContext): void {
  writer.write("z.tuple([");
  node.items.forEach((item, index) => {
    if (index > 0) writer.write(", ");
    writeZod(writer, item, context);
    if (index >= node.minItems) writer.write(".exactOptional()");
  });
  writer.write("]");
  if (node.rest !== false) {
    writer.write(", ");
    writeZod(writer, node.rest, context);
  }
  writer.write(")");
  if (node.maxItems !== undefined) {
    writer.write(`.refine((items) => items.length <= ${node.maxItems}, "expected at most ${node.maxItems} items")`);
  }
}

function writeShape(writer: CodeBlockWriter, node: ObjectNode, context: ZodContext): void {
  writer.inlineBlock(() => {
    for (const property of node.properties) {
      writer.write(`${literalKey(property.name)}: `);
      writeZod(writer, property.schema, context);
      if (!property.required) writer.write(".exactOptional()");
      writer.write(",").newLine();
    }
  });
}

/**
 * Objects validate their known members and accept unknown ones. The decoders return the frame as
 * received, so unknown members are kept even though zod's plain object (its fastest) strips them from
 * its own output.
 */
function writeObject(writer: CodeBlockWriter, node: ObjectNode, context: ZodContext): void {
  const checks = writeObjectChecks(node, context);
  if (checks.length === 0) writeObjectShape(writer, node, context);
  else if ((node.patternProperties ?? []).length === 0)
    writeAllOf(writer, [(w) => writeObjectShape(w, node, context), ...checks]);
  // With patterns, `additionalProperties` applies to the members no pattern names: the checks say it.
  else writeAllOf(writer, [(w) => writeObjectShape(w, { ...node, additional: "open" }, context, true), ...checks]);
}

function writeObjectShape(writer: CodeBlockWriter, node: ObjectNode, context: ZodContext, keepEmpty = false): void {
  if (node.properties.length === 0 && node.additional === "open" && !keepEmpty) {
    writer.write("z.record(z.string(), z.json())");
    return;
  }
  writer.write(node.additional === "closed" ? "z.strictObject(" : "z.object(");
  writeShape(writer, node, context);
  writer.write(")");
  if (typeof node.additional === "object") {
    writer.write(".catchall(");
    writeZod(writer, node.additional, context);
    writer.write(")");
  }
}

function writeUnion(writer: CodeBlockWriter, node: Extract<SchemaNode, { kind: "union" }>, context: ZodContext): void {
  const nonNull = node.variants.filter((variant) => variant.kind !== "null");
  if (!node.exclusive && nonNull.length === 1 && node.variants.length === 2) {
    writeZod(writer, nonNull[0] as SchemaNode, context);
    writer.write(".nullable()");
    return;
  }
  // oneOf demands exactly one match (as ajv checks it); anyOf at least one.
  writer.write(node.exclusive ? "z.xor(" : "z.union(");
  writeList(writer, node.variants, context);
  writer.write(")");
}

function writeIntersection(writer: CodeBlockWriter, parts: readonly SchemaNode[], context: ZodContext): void {
  writeAllOf(
    writer,
    parts.map((part) => (w: CodeBlockWriter) => writeZod(w, part, context)),
  );
}

/** `not`: the value as received must fail the schema. */
function writeNot(writer: CodeBlockWriter, node: SchemaNode, context: ZodContext): void {
  writer.write("z.unknown().refine((value) => !");
  writeMatches(writer, node, "value", context);
  writer.write(', "must not match the `not` schema")');
}

/** `if`/`then`/`else`: a missing branch accepts. */
function writeConditional(
  writer: CodeBlockWriter,
  node: Extract<SchemaNode, { kind: "conditional" }>,
  context: ZodContext,
): void {
  const branch = (schema: SchemaNode | undefined) => {
    if (schema === undefined) writer.write("true");
    else writeMatches(writer, schema, "value", context);
  };
  writer.write("z.unknown().refine((value) => (");
  writeMatches(writer, node.condition, "value", context);
  writer.write(" ? ");
  branch(node.consequent);
  writer.write(" : ");
  branch(node.alternative);
  writer.write('), "must satisfy its `if`/`then`/`else` condition")');
}

function writeArray(writer: CodeBlockWriter, node: Extract<SchemaNode, { kind: "array" }>, context: ZodContext): void {
  withContains(writer, node.contains, context, () => writeArrayShape(writer, node, context));
}

function writeArrayShape(
  writer: CodeBlockWriter,
  node: Extract<SchemaNode, { kind: "array" }>,
  context: ZodContext,
): void {
  writer.write("z.array(");
  writeZod(writer, node.items, context);
  writer.write(")");
  if (node.minItems !== undefined) writer.write(`.min(${node.minItems})`);
  if (node.maxItems !== undefined) writer.write(`.max(${node.maxItems})`);
  if (node.uniqueItems === true) {
    context.runtime.add("hasUniqueItems");
    writer.write('.refine(hasUniqueItems, "expected unique items")');
  }
}

/** Writes the zod 4 expression that validates a schema node. */
export function writeZod(writer: CodeBlockWriter, node: SchemaNode, context: ZodContext): void {
  switch (node.kind) {
    case "ref": {
      const name = schemaConstName(node.name);
      writer.write(context.declared.has(node.name) ? name : `z.lazy(() => ${name})`);
      return;
    }
    case "any":
      writer.write("z.json()");
      return;
    case "string":
      writeString(writer, node, context);
      return;
    case "number":
      writeNumber(writer, node);
      return;
    case "boolean":
      writer.write("z.boolean()");
      return;
    case "null":
      writer.write("z.null()");
      return;
    case "literal":
      writer.write(`z.literal(${literal(node.value)})`);
      return;
    case "enum":
      writeEnum(writer, node.values);
      return;
    case "constant":
      writeConstant(writer, node.values, context);
      return;
    case "not":
      writeNot(writer, node.schema, context);
      return;
    case "conditional":
      writeConditional(writer, node, context);
      return;
    case "array":
      writeArray(writer, node, context);
      return;
    case "tuple":
      writeTuple(writer, node, context);
      return;
    case "object":
      writeObject(writer, node, context);
      return;
    case "union":
      writeUnion(writer, node, context);
      return;
    case "intersection":
      writeIntersection(writer, node.parts, context);
      return;
  }
}
