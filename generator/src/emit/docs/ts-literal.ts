import type { JsonValue } from "../../ir/types.js";

/** A JSON value as a TypeScript literal: identifier keys unquoted, objects one member per line, trailing commas. */

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(name: string): string {
  return identifier.test(name) ? name : JSON.stringify(name);
}

export function tsLiteral(value: JsonValue, indent = ""): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const flat = value.every((item) => item === null || typeof item !== "object");
    const inline = `[${value.map((item) => tsLiteral(item)).join(", ")}]`;
    if (flat && inline.length <= 80) return inline;
    return `[\n${value.map((item) => `${inner}${tsLiteral(item, inner)},`).join("\n")}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([name, item]) => `${inner}${key(name)}: ${tsLiteral(item, inner)},`).join("\n")}\n${indent}}`;
}
