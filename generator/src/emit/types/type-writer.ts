import type { CodeBlockWriter, JSDocStructure, OptionalKind } from "ts-morph";
import { propertyKey } from "../../ir/naming.js";
import type { JsonPrimitive, ObjectNode, SchemaNode, TupleNode } from "../../ir/types.js";
import { jsDoc } from "../jsdoc.js";
import { indexSignatures } from "./index-signatures.js";
import { withValidationNotes } from "./validation-notes.js";

/** Runtime types a generated file imports when a schema needs them. */
export interface TypeImports {
  readonly used: Set<"JsonValue" | "JsonObject">;
}

export type TypeWriter = (writer: CodeBlockWriter) => void;

function literal(value: JsonPrimitive): string {
  return JSON.stringify(value);
}

/** Writes a JSDoc block inside a type literal, where ts-morph structures do not reach. */
export function writeJsDoc(writer: CodeBlockWriter, docs: readonly OptionalKind<JSDocStructure>[]): void {
  for (const doc of docs) {
    const lines = String(doc.description ?? "").split("\n");
    for (const tag of doc.tags ?? []) lines.push(`@${tag.tagName}${tag.text ? ` ${String(tag.text)}` : ""}`);
    writer.writeLine("/**");
    for (const line of lines) writer.writeLine(line === "" ? " *" : ` * ${line}`);
    writer.writeLine(" */");
  }
}

/** Documented values of an open set: the literals for autocompletion, and any other value of the type. */
function openSetType(base: "string" | "number", node: SchemaNode): string | undefined {
  const values = node.docs.values?.map((entry) => entry.value).filter((value) => typeof value === base) ?? [];
  if (values.length === 0) return undefined;
  return `${[...new Set(values)].map(literal).join(" | ")} | (${base} & {})`;
}

/** `not` and `if`/`then`/`else` validate only: TypeScript cannot say them, so types leave them out. */
export function isAssertion(node: SchemaNode): boolean {
  return node.kind === "not" || node.kind === "conditional";
}

/** The parts of an intersection that shape the type; `any` when only assertions are left. */
export function shapeParts(parts: readonly SchemaNode[]): readonly SchemaNode[] {
  const shapes = parts.filter((part) => !isAssertion(part));
  return shapes.length === 0 ? [{ kind: "any", docs: {} }] : shapes;
}

function needsParentheses(node: SchemaNode): boolean {
  if (node.kind === "union" || node.kind === "intersection" || node.kind === "enum") return true;
  if (node.kind === "constant") return node.values.length > 1;
  if (node.kind === "string") return openSetType("string", node) !== undefined;
  return node.kind === "number" && openSetType("number", node) !== undefined;
}

function writeTuple(writer: CodeBlockWriter, node: TupleNode, imports: TypeImports): void {
  writer.write("[");
  node.items.forEach((item, index) => {
    if (index > 0) writer.write(", ");
    writeType(writer, item, imports);
    if (index >= node.minItems) writer.write("?");
  });
  if (node.rest !== false) {
    if (node.items.length > 0) writer.write(", ");
    writer.write("...");
    writeArrayOf(writer, node.rest, imports);
  }
  writer.write("]");
}

function writeArrayOf(writer: CodeBlockWriter, items: SchemaNode, imports: TypeImports): void {
  if (needsParentheses(items)) {
    writer.write("(");
    writeType(writer, items, imports);
    writer.write(")[]");
  } else {
    writeType(writer, items, imports);
    writer.write("[]");
  }
}

/** The members of an object type, each with its JSDoc. Shared by interfaces and inline literals. */
export function writeObjectMembers(writer: CodeBlockWriter, node: ObjectNode, imports: TypeImports): void {
  for (const property of node.properties) {
    writeJsDoc(writer, withValidationNotes(jsDoc({ docs: property.schema.docs }), property.schema));
    writer.write(`${propertyKey(property.name)}${property.required ? "" : "?"}: `);
    writeType(writer, property.schema, imports);
    writer.write(";").newLine();
  }
  for (const signature of indexSignatures(node)) {
    writer.write(`[key: ${signature.keyType}]: `);
    writeType(writer, signature.value, imports);
    writer.write(";").newLine();
  }
}

function writeObject(writer: CodeBlockWriter, node: ObjectNode, imports: TypeImports): void {
  const signatures = indexSignatures(node);
  if (node.properties.length === 0 && node.additional === "open" && signatures.length === 0) {
    imports.used.add("JsonObject");
    writer.write("JsonObject");
    return;
  }
  if (node.properties.length === 0 && node.additional === "closed" && signatures.length === 0) {
    writer.write("Record<string, never>");
    return;
  }
  writer.inlineBlock(() => writeObjectMembers(writer, node, imports));
}

function writeJoined(
  writer: CodeBlockWriter,
  nodes: readonly SchemaNode[],
  separator: string,
  imports: TypeImports,
): void {
  nodes.forEach((node, index) => {
    if (index > 0) writer.write(separator);
    const wrap = needsParentheses(node);
    if (wrap) writer.write("(");
    writeType(writer, node, imports);
    if (wrap) writer.write(")");
  });
}

/** Writes the TypeScript type of a schema node. */
export function writeType(writer: CodeBlockWriter, node: SchemaNode, imports: TypeImports): void {
  switch (node.kind) {
    case "ref":
      writer.write(node.name);
      return;
    case "any":
      imports.used.add("JsonValue");
      writer.write("JsonValue");
      return;
    case "string":
      writer.write(openSetType("string", node) ?? "string");
      return;
    case "number":
      writer.write(openSetType("number", node) ?? "number");
      return;
    case "boolean":
    case "null":
      writer.write(node.kind);
      return;
    case "literal":
      writer.write(literal(node.value));
      return;
    case "enum":
      writer.write(node.values.map(literal).join(" | "));
      return;
    case "constant":
      // JSON text is also the TypeScript type of that exact value (`{"a":1}`, `[1,2]`).
      writer.write(node.values.map((value) => JSON.stringify(value)).join(" | "));
      return;
    case "array":
      writeArrayOf(writer, node.items, imports);
      return;
    case "tuple":
      writeTuple(writer, node, imports);
      return;
    case "object":
      writeObject(writer, node, imports);
      return;
    case "union":
      writeJoined(writer, node.variants, " | ", imports);
      return;
    case "intersection":
      writeJoined(writer, shapeParts(node.parts), " & ", imports);
      return;
    case "not":
    case "conditional":
      imports.used.add("JsonValue");
      writer.write("JsonValue");
      return;
  }
}

export function typeWriter(node: SchemaNode, imports: TypeImports): TypeWriter {
  return (writer) => writeType(writer, node, imports);
}
