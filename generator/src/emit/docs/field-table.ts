import type { ObjectNode, Protocol, SchemaNode } from "../../ir/types.js";
import { isAssertion } from "../types/type-writer.js";
import { cell, code, firstParagraph, table } from "./markdown.js";
import { resolveRef, typeText, valuesText } from "./schema-text.js";

/** Field tables: one row per member, nested inline objects flattened to dotted paths (`a.b`, `a[].b`). */

const maxDepth = 4;

/** The member's own description, or else the first paragraph of the named schema it refers to. */
function description(protocol: Protocol, node: SchemaNode): string {
  const own = ownDescription(node);
  if (own !== "" || node.kind !== "ref") return own;
  return cell(firstParagraph(resolveRef(protocol, node).docs.description));
}

function ownDescription(node: SchemaNode): string {
  const parts = [node.docs.title, node.docs.description].filter((part) => part !== undefined && part !== "");
  const text = parts.length === 2 && parts[1]?.startsWith(parts[0] ?? "") ? (parts[1] ?? "") : parts.join(". ");
  const flags = [
    node.docs.deprecated === true ? "**Deprecated.**" : "",
    node.docs.open !== undefined ? `Open schema: ${cell(node.docs.open)}` : "",
  ];
  return [cell(text), ...flags].filter((part) => part !== "").join(" ");
}

/** The inline object whose members deserve rows of their own (through arrays), with the path suffix. */
function nestedObject(node: SchemaNode): { object: ObjectNode; suffix: string } | undefined {
  if (node.kind === "object" && node.properties.length > 0) return { object: node, suffix: "." };
  if (node.kind === "array") {
    const inner = nestedObject(node.items);
    return inner === undefined ? undefined : { object: inner.object, suffix: `[]${inner.suffix}` };
  }
  return undefined;
}

function objectRows(protocol: Protocol, object: ObjectNode, prefix: string, depth: number): string[][] {
  const rows: string[][] = [];
  for (const property of object.properties) {
    const name = `${prefix}${property.name}`;
    rows.push([
      code(name),
      typeText(property.schema),
      property.required ? "yes" : "no",
      describe(protocol, property.schema),
    ]);
    const nested = nestedObject(property.schema);
    if (nested !== undefined && depth < maxDepth)
      rows.push(...objectRows(protocol, nested.object, `${name}${nested.suffix}`, depth + 1));
  }
  if (object.additional !== "open" && object.additional !== "closed") {
    rows.push([
      code(`${prefix}*`),
      typeText(object.additional),
      "no",
      joinLines(["Any other member.", valuesText(object.additional)]),
    ]);
  }
  return rows;
}

const header = ["field", "type", "required", "description and values"];

function joinLines(parts: readonly string[]): string {
  return parts.filter((part) => part !== "").join("<br>");
}

/** The description, then the allowed and documented values, in one cell (narrow pages read better). */
function describe(protocol: Protocol, node: SchemaNode): string {
  return joinLines([description(protocol, node), valuesText(node)]);
}

/** The objects a payload is made of: itself, a named schema it refers to, or the parts of an intersection. */
function payloadObjects(protocol: Protocol, node: SchemaNode): ObjectNode[] | undefined {
  const resolved = resolveRef(protocol, node);
  if (resolved.kind === "object") return [resolved];
  if (resolved.kind === "intersection") {
    const parts = resolved.parts.filter((part) => !isAssertion(part)).map((part) => payloadObjects(protocol, part));
    return parts.every((part) => part !== undefined) ? parts.flat() : undefined;
  }
  return undefined;
}

/** Markdown lines describing a payload: a field table, one per union variant, or its plain type. */
export function payloadTable(protocol: Protocol, node: SchemaNode): string[] {
  const objects = payloadObjects(protocol, node);
  if (objects !== undefined) {
    const rows = objects.flatMap((object) => objectRows(protocol, object, "", 1));
    if (rows.length === 0)
      return [
        `An object with no documented members${objects.some((object) => object.additional === "closed") ? " (no members allowed)" : ""}.`,
      ];
    const closed = objects.every((object) => object.additional === "closed");
    return [
      ...table(header, rows),
      "",
      closed ? "No other members are allowed." : "Other members are allowed and kept (real peers add fields).",
    ];
  }
  const resolved = resolveRef(protocol, node);
  if (resolved.kind === "union") {
    return resolved.variants.flatMap((variant, index) => [
      `**Variant ${index + 1}** (${typeText(variant)}${resolved.discriminator === undefined ? "" : `, told apart by ${code(resolved.discriminator)}`}):`,
      "",
      ...payloadTable(protocol, variant),
      "",
    ]);
  }
  const values = valuesText(resolved);
  return [`The payload is ${typeText(resolved)}${values === "" ? "" : ` (${values.replaceAll("<br>", "; ")})`}.`];
}
