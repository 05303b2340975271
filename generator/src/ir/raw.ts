import type { JsonPrimitive, JsonValue } from "./types.js";

/** Plain-data helpers for reading resolved spec JSON, which is `unknown` until checked. */
export type RawObject = { readonly [key: string]: unknown };

export function isRawObject(value: unknown): value is RawObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isJsonPrimitive(value: unknown): value is JsonPrimitive {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}

/** Copies a resolved value into plain JSON, dropping the parser's own `x-parser-…` annotations. */
export function toJsonValue(value: unknown, seen: Set<unknown> = new Set()): JsonValue {
  if (isJsonPrimitive(value)) return value;
  if (seen.has(value)) throw new Error("cyclic value in an example or default");
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => toJsonValue(item, seen));
    if (isRawObject(value)) {
      // fromEntries defines members, so a `__proto__` member stays a member instead of a prototype.
      const kept = Object.entries(value).filter(([key, item]) => !key.startsWith("x-parser-") && item !== undefined);
      return Object.fromEntries(kept.map(([key, item]) => [key, toJsonValue(item, seen)]));
    }
  } finally {
    seen.delete(value);
  }
  throw new Error(`not JSON: ${typeof value}`);
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** `$message.payload#/a/b` (or `$response.body#/a`) → `["a", "b"]`; undefined when malformed. */
export function parseRuntimeExpression(expression: unknown, prefixes: readonly string[]): string[] | undefined {
  if (typeof expression !== "string") return undefined;
  const prefix = prefixes.find((candidate) => expression.startsWith(`${candidate}#`));
  if (prefix === undefined) return undefined;
  const pointer = expression.slice(prefix.length + 1);
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}
