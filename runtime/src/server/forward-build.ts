import type { JsonValue } from "../json.js";
import {
  type ForwardConversion,
  type ForwardDescriptor,
  type ForwardFill,
  type JsonType,
  type PayloadPath,
  valueAtPath,
} from "../protocol.js";
import type { Exchange } from "./exchange.js";

type Assignment = { readonly path: PayloadPath; readonly value: string | number | boolean | null };

/**
 * The message a forward rule sends, from what the generator says about the rule: the received members it
 * carries (all, or a list) minus those it removes, re-keyed; members the recipients need filled from the
 * received message or the sender's records; then the rule's fixed values and the sender's identity.
 * Undefined when the result is not a valid `as` message (the compiled guard decides).
 */
export function buildForward(exchange: Exchange, rule: ForwardDescriptor): unknown {
  const { engine, connection, inbound } = exchange;
  const received = inbound.message;
  if (!isRecord(received)) return guarded(exchange, rule.as, received);
  const message = engine.serverKeyed(rule.as, carried(received, rule)) as Record<string, unknown>;
  if (rule.fill !== undefined) fillMembers(message, rule.fill, [received, ...connection.records()]);
  for (const conversion of rule.convert ?? []) convertMember(message, conversion);
  assign(message, [...(rule.set ?? []), ...senderValue(exchange, rule.sender)]);
  return guarded(exchange, rule.as, message);
}

/** The value the session knows its sender by, written at `path` (never what the frame claims). */
export function senderValue(exchange: Exchange, path: PayloadPath | undefined): Assignment[] {
  const { engine, connection } = exchange;
  const presence = engine.descriptor.presence;
  if (path === undefined || presence === undefined || connection.presenceKey === undefined) return [];
  const value = valueAtPath(connection.presenceRecord, presence.path);
  const identity = typeof value === "string" || typeof value === "number" ? value : connection.presenceKey;
  return [{ path, value: identity }];
}

function guarded(exchange: Exchange, key: string, message: unknown): unknown {
  const guard = exchange.engine.server.guard(key);
  return guard === undefined || guard(message) ? message : undefined;
}

/** A shallow copy of the members the rule passes on (values are shared: nothing below changes them). */
function carried(received: Record<string, unknown>, rule: ForwardDescriptor): Record<string, unknown> {
  const carry = rule.carry ?? "all";
  const kept: Record<string, unknown> = {};
  for (const member of carry === "all" ? Object.keys(received) : carry) {
    if (Object.hasOwn(received, member)) kept[member] = received[member];
  }
  for (const member of rule.remove ?? []) delete kept[member];
  return kept;
}

function fillMembers(message: Record<string, unknown>, fills: readonly ForwardFill[], sources: readonly unknown[]) {
  for (const fill of fills) {
    if (valueAtPath(message, fill.path) !== undefined) continue;
    setCreating(message, fill.path, fillValue(fill, sources));
  }
}

/** The first source's value of the same name and an accepted type, else the generator's fallback. */
function fillValue(fill: ForwardFill, sources: readonly unknown[]): unknown {
  const name = fill.path[fill.path.length - 1];
  for (const source of sources) {
    const found = name === undefined ? undefined : valueAtPath(source, [name]);
    if (found !== undefined && accepts(fill.types, found)) return copy(found);
  }
  return copy(fill.fallback);
}

/** Rewrites the value at the conversion's path when it has the other spelling; leaves anything else. */
function convertMember(message: Record<string, unknown>, { path, to }: ForwardConversion): void {
  const value = valueAtPath(message, path);
  const converted = conversionOf(value, to);
  if (converted !== undefined) setCreating(message, path, converted);
}

function conversionOf(value: unknown, to: ForwardConversion["to"]): string | number | boolean | undefined {
  if (to === "boolean") return value === "true" ? true : value === "false" ? false : undefined;
  if (to === "string") return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

function assign(message: Record<string, unknown>, values: readonly Assignment[]): void {
  for (const { path, value } of values) setCreating(message, path, value);
}

/** Sets a value at a path, copying (never changing) the objects on the way, which may be the sender's. */
function setCreating(target: Record<string, unknown>, path: PayloadPath, value: unknown): void {
  let node = target;
  path.forEach((segment, index) => {
    if (index === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    const owned = isRecord(next) ? { ...next } : {};
    node[segment] = owned;
    node = owned;
  });
}

function accepts(types: readonly JsonType[], value: JsonValue): boolean {
  const type = jsonType(value);
  return types.includes(type) || (type === "integer" && types.includes("number"));
}

function jsonType(value: JsonValue): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as "string" | "boolean" | "object";
}

function copy(value: unknown): unknown {
  return value !== null && typeof value === "object" ? structuredClone(value) : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
