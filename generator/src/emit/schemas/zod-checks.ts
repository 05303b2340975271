import type { CodeBlockWriter } from "ts-morph";
import type { ContainsRule, JsonValue, ObjectNode } from "../../ir/types.js";
import { writeMatches, writeZod, type ZodContext, type ZodPart } from "./zod-writer.js";

/**
 * zod for the JSON Schema keywords that look at a value as a whole (member counts, member names,
 * `patternProperties`, `contains`, structured constants). Each is a part intersected with the shape,
 * because an intersection hands every part the value as received, while refinements on `z.object`
 * would see zod's output, which has dropped the members the shape does not name.
 */

/** A JSON value as a JavaScript expression; a `__proto__` member would set the prototype in a literal. */
function valueExpression(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.includes('"__proto__"') ? `JSON.parse(${JSON.stringify(text)})` : text;
}

/** `const`/`enum` with objects or arrays: JSON equality, typed as the exact values. */
export function writeConstant(writer: CodeBlockWriter, values: readonly JsonValue[], context: ZodContext): void {
  context.runtime.add("jsonEquals");
  const type = values.map((value) => JSON.stringify(value)).join(" | ");
  const test = values.map((value) => `jsonEquals(value, ${valueExpression(value)})`).join(" || ");
  const expected = values.length === 1 ? "the constant value" : "one of the listed values";
  writer.write(`z.custom<${type}>((value) => ${test}, "expected ${expected}")`);
}

/** `contains` (with `minContains`/`maxContains`): how many items match. */
export function writeContains(writer: CodeBlockWriter, rule: ContainsRule, context: ZodContext): void {
  const count = (w: CodeBlockWriter) => {
    w.write("items.filter((item) => ");
    writeMatches(w, rule.schema, "item", context);
    w.write(").length");
  };
  writer.write("z.array(z.unknown()).refine((items) => ");
  count(writer);
  writer.write(` >= ${rule.min}`);
  if (rule.max !== undefined) {
    writer.write(" && ");
    count(writer);
    writer.write(` <= ${rule.max}`);
  }
  writer.write(`, "expected ${rule.min}${rule.max === undefined ? " or more" : ` to ${rule.max}`} matching items")`);
}

function regex(pattern: string): string {
  return `new RegExp(${JSON.stringify(pattern)}, "u")`;
}

/** Members named by no property and no pattern: what `additionalProperties` applies to. */
function writeOtherMembers(writer: CodeBlockWriter, node: ObjectNode, context: ZodContext): void {
  const names = node.properties.map((property) => property.name);
  const tests = [
    ...(names.length === 0 ? [] : [`!${JSON.stringify(names)}.includes(key)`]),
    ...(node.patternProperties ?? []).map((entry) => `!${regex(entry.pattern)}.test(key)`),
  ];
  writer.write(`z.looseRecord(z.string().refine((key) => ${tests.join(" && ")}), `);
  if (node.additional === "closed") writer.write("z.never()");
  else if (typeof node.additional === "object") writeZod(writer, node.additional, context);
  writer.write(")");
}

function writeMemberRules(writer: CodeBlockWriter, node: ObjectNode): void {
  const rules: string[] = [];
  if (node.minProperties !== undefined) rules.push(`Object.keys(members).length >= ${node.minProperties}`);
  if (node.maxProperties !== undefined) rules.push(`Object.keys(members).length <= ${node.maxProperties}`);
  for (const rule of node.dependentRequired ?? []) {
    const needed = rule.required.map((name) => `Object.hasOwn(members, ${JSON.stringify(name)})`).join(" && ");
    rules.push(`(!Object.hasOwn(members, ${JSON.stringify(rule.property)}) || (${needed}))`);
  }
  writer.write(
    `z.record(z.string(), z.unknown()).refine((members) => ${rules.join(" && ")}, "expected the members its schema demands (count or dependencies)")`,
  );
}

/** The parts an object's shape is intersected with; none for a plain object. */
export function writeObjectChecks(node: ObjectNode, context: ZodContext): ZodPart[] {
  const parts: ZodPart[] = [];
  const patterns = node.patternProperties ?? [];
  for (const entry of patterns) {
    parts.push((writer) => {
      writer.write(`z.looseRecord(z.string().regex(${regex(entry.pattern)}), `);
      writeZod(writer, entry.schema, context);
      writer.write(")");
    });
  }
  if (patterns.length > 0 && node.additional !== "open")
    parts.push((writer) => writeOtherMembers(writer, node, context));
  const names = node.propertyNames;
  if (names !== undefined) {
    parts.push((writer) => {
      // A refinement, not a record key schema: an intersection forgives a key the other side accepts.
      writer.write("z.record(z.string(), z.unknown()).refine((members) => Object.keys(members).every((key) => ");
      writeMatches(writer, names, "key", context);
      writer.write('), "invalid member name")');
    });
  }
  const counted = node.minProperties !== undefined || node.maxProperties !== undefined;
  if (counted || (node.dependentRequired ?? []).length > 0) parts.push((writer) => writeMemberRules(writer, node));
  return parts;
}
