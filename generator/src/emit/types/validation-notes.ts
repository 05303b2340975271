import type { JSDocStructure, OptionalKind } from "ts-morph";
import type { ContainsRule, ObjectNode, SchemaNode } from "../../ir/types.js";

/**
 * What the validators check that the TypeScript type cannot say (`not`, `if`/`then`/`else`, member
 * counts, …): listed in the JSDoc, so that a reader of the type knows the value is narrower.
 */

function containsNote(rule: ContainsRule | undefined): string[] {
  if (rule === undefined) return [];
  const most = rule.max === undefined ? "" : ` and at most ${rule.max}`;
  return [`at least ${rule.min}${most} items match its \`contains\` schema`];
}

function objectNotes(node: ObjectNode): string[] {
  const notes: string[] = [];
  if (node.minProperties !== undefined) notes.push(`at least ${node.minProperties} members`);
  if (node.maxProperties !== undefined) notes.push(`at most ${node.maxProperties} members`);
  for (const entry of node.patternProperties ?? []) notes.push(`members named like \`/${entry.pattern}/\` are checked`);
  if (node.propertyNames !== undefined) notes.push("member names are checked (`propertyNames`)");
  for (const rule of node.dependentRequired ?? []) {
    notes.push(`with \`${rule.property}\`, also ${rule.required.map((name) => `\`${name}\``).join(", ")}`);
  }
  return notes;
}

export function validationNotes(node: SchemaNode): string[] {
  switch (node.kind) {
    case "not":
      return ["must not match its `not` schema (the type is the positive one)"];
    case "conditional":
      return ["its `if`/`then`/`else` conditions hold (the type covers every branch)"];
    case "intersection":
      return node.parts.flatMap(validationNotes);
    case "object":
      return objectNotes(node);
    case "array":
    case "tuple":
      return containsNote(node.contains);
    default:
      return [];
  }
}

/** The JSDoc blocks with a paragraph listing the checks the type does not express. */
export function withValidationNotes(
  docs: OptionalKind<JSDocStructure>[],
  node: SchemaNode,
): OptionalKind<JSDocStructure>[] {
  const notes = validationNotes(node);
  if (notes.length === 0) return docs;
  const list = notes.map((note) => `- ${note.replaceAll("*/", "*\\/")}`).join("\n");
  const paragraph = `Also validated (not expressed in the type):\n${list}`;
  const [first, ...rest] = docs;
  if (first === undefined) return [{ description: paragraph, tags: [] }];
  const description = String(first.description ?? "");
  return [{ ...first, description: description === "" ? paragraph : `${description}\n\n${paragraph}` }, ...rest];
}
