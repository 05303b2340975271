import type { DocumentedValue, JsonPrimitive, Protocol, SchemaNode } from "../../ir/types.js";
import { isAssertion } from "../types/type-writer.js";
import { cell, code, json } from "./markdown.js";

/** How a schema reads in the docs: its type (with links to named schemas) and what values it allows. */

export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

/** The named schema a `ref` points to, followed through chains of refs. */
export function resolveRef(protocol: Protocol, node: SchemaNode): SchemaNode {
  let current = node;
  for (let depth = 0; current.kind === "ref" && depth < 10; depth += 1) {
    const name = current.name;
    const target = protocol.schemas.find((schema) => schema.name === name);
    if (target === undefined) return current;
    current = target.schema;
  }
  return current;
}

/** The type as Markdown: code spans, named schemas linked to their section on the messages page. */
export function typeText(node: SchemaNode): string {
  switch (node.kind) {
    case "ref":
      return `[${node.name}](#${schemaAnchor(node.name)})`;
    case "number":
      return code(node.integer ? "integer" : "number");
    case "literal":
      return code(json(node.value));
    case "enum":
      return node.values.map((value) => code(json(value))).join(" \\| ");
    case "array":
      return node.items.kind === "union" || node.items.kind === "enum"
        ? `(${typeText(node.items)})${code("[]")}`
        : `${typeText(node.items)}${code("[]")}`;
    case "tuple":
      return `${code("[")}${node.items.map(typeText).join(", ")}${code("]")}`;
    case "union":
      return node.variants.map(typeText).join(" \\| ");
    case "intersection":
      // `not` and `if`/`then`/`else` parts validate without shaping the type (the constraints column says so).
      return (
        node.parts
          .filter((part) => !isAssertion(part))
          .map(typeText)
          .join(" & ") || code("any")
      );
    case "constant":
      return node.values.map((value) => code(JSON.stringify(value))).join(" \\| ");
    default:
      return code(node.kind);
  }
}

function documentedValue(value: DocumentedValue): string {
  const name = value.name === undefined ? "" : ` *${value.name}*`;
  const description = value.description === undefined ? "" : `: ${cell(value.description)}`;
  return `${code(json(value.value))}${name}${description}`;
}

function constraints(node: SchemaNode): string[] {
  const parts: string[] = [];
  const add = (label: string, value: number | string | undefined) => {
    if (value !== undefined) parts.push(`${label} ${code(String(value))}`);
  };
  if (node.kind === "string") {
    add("format", node.format);
    add("min length", node.minLength);
    add("max length", node.maxLength);
    add("pattern", node.pattern);
  }
  if (node.kind === "number") {
    add("≥", node.minimum);
    add("≤", node.maximum);
    add(">", node.exclusiveMinimum);
    add("<", node.exclusiveMaximum);
    add("multiple of", node.multipleOf);
  }
  if (node.kind === "array") {
    add("min items", node.minItems);
    add("max items", node.maxItems);
    if (node.uniqueItems === true) parts.push("unique items");
  }
  return parts;
}

function closedValues(node: SchemaNode): readonly JsonPrimitive[] | undefined {
  if (node.kind === "enum") return node.values;
  if (node.kind === "literal") return [node.value];
  return undefined;
}

/**
 * Allowed and documented values: a closed set (enum, const) with each value's meaning, an open set
 * (`x-wiretype-values`, "others possible"), constraints and the default. Array items are described too.
 */
export function valuesText(node: SchemaNode): string {
  const lines: string[] = [];
  const documented = node.docs.values ?? [];
  const closed = closedValues(node);
  if (closed !== undefined && closed.length > 1) {
    const meaning = new Map(documented.map((value) => [value.value, value]));
    lines.push(
      `One of:<br>${closed
        .map((value) => {
          const doc = meaning.get(value);
          return doc === undefined ? code(json(value)) : documentedValue(doc);
        })
        .join("<br>")}`,
    );
  } else if (documented.length > 0) {
    lines.push(`Documented values (others possible):<br>${documented.map(documentedValue).join("<br>")}`);
  }
  lines.push(...constraints(node));
  if (node.docs.defaultValue !== undefined) lines.push(`default ${code(json(node.docs.defaultValue))}`);
  if (node.kind === "array") {
    const items = valuesText(node.items);
    if (items !== "") lines.push(`Items: ${items}`);
  }
  return lines.join("<br>");
}
