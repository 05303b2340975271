import { literalKey } from "../../ir/naming.js";

/**
 * Prints a typed value as TypeScript: JSON-like literals, with `Code` where the value refers to
 * something generated (a validator, a guard, a dispatch table). Lines stay short: a value that does
 * not fit on one line is broken into one member per line.
 */

/** A TypeScript expression the printed value refers to, printed as it is. */
export class Code {
  constructor(readonly text: string) {}
}

export function code(text: string): Code {
  return new Code(text);
}

/**
 * A runtime type as the generator writes it: functions and validators become the `Code` that names
 * them, and any object may be given as `Code` (a reference to a generated table).
 */
export type Emitted<T> = T extends (...args: never[]) => unknown
  ? Code
  : T extends { readonly safeParse: unknown }
    ? Code
    : T extends readonly (infer Item)[]
      ? readonly Emitted<Item>[]
      : T extends object
        ? Code | { readonly [K in keyof T]: Emitted<T[K]> }
        : T;

const maxLineLength = 120;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Code);
}

/** Members that are `undefined` are left out, as a spread of an absent optional would. */
function members(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, member]) => member !== undefined);
}

function printInline(value: unknown): string {
  if (value instanceof Code) return value.text;
  if (Array.isArray(value)) return `[${value.map(printInline).join(", ")}]`;
  if (isRecord(value)) {
    const entries = members(value).map(([key, member]) => `${literalKey(key)}: ${printInline(member)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/** Where a value is printed: its line's indentation, the text before it, and members always broken. */
export interface PrintContext {
  readonly indent: string;
  readonly prefix: string;
  /** Members (by name) whose non-empty object value gets one entry per line, fitting or not: keyed tables. */
  readonly tables: ReadonlySet<string>;
  readonly expand: boolean;
}

const topLevel: PrintContext = { indent: "", prefix: "", tables: new Set(), expand: false };

/** True when a member of `value` is a non-empty keyed table (which cannot be printed inline). */
function holdsTable(value: unknown, tables: ReadonlySet<string>): boolean {
  return isRecord(value) && members(value).some(([key, member]) => tables.has(key) && isTable(member));
}

function isTable(value: unknown): boolean {
  return isRecord(value) && members(value).length > 0;
}

/** `value` as TypeScript, inline when it fits on its line, else one member per line. */
export function printValue(value: unknown, context: Partial<PrintContext> = {}): string {
  const { indent, prefix, tables, expand } = { ...topLevel, ...context };
  const inline = printInline(value);
  if (!expand && !holdsTable(value, tables) && indent.length + prefix.length + inline.length <= maxLineLength)
    return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const lines = value.map((item) => `${inner}${printValue(item, { indent: inner, tables })},`);
    return `[\n${lines.join("\n")}\n${indent}]`;
  }
  if (isRecord(value)) {
    const lines = members(value).map(([key, member]) => {
      const head = `${literalKey(key)}: `;
      const table = tables.has(key) && isTable(member);
      return `${inner}${head}${printValue(member, { indent: inner, prefix: head, tables, expand: table })},`;
    });
    return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n${indent}}`;
  }
  return inline;
}
