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
import { splicedText } from "./forward-text.js";
import type { ServerConnection } from "./internal.js";
import { ownCopy, setOwn } from "./own-copy.js";

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
  const message = engine.keyed(rule.as, carried(received, rule));
  if (rule.fill !== undefined) fillMembers(message, rule.fill, received, connection);
  for (const conversion of rule.convert ?? []) convertMember(message, conversion);
  for (const { path, value } of rule.set ?? []) setCreating(message, path, value);
  for (const { path, value } of senderValue(exchange, rule.sender)) setCreating(message, path, value);
  return guarded(exchange, rule.as, message);
}

/**
 * The JSON text of a forward built from a JSON frame, spliced from the frame's text (members it left as
 * received are copied, not encoded again); undefined for other framings or a frame without its text.
 */
export function forwardText(exchange: Exchange, message: unknown): string | undefined {
  const { engine, inbound } = exchange;
  const kind = engine.descriptor.framing.kind;
  const received = inbound.message;
  if ((kind !== "json" && kind !== "json-shape") || inbound.text === undefined) return undefined;
  if (!isRecord(message) || !isRecord(received)) return undefined;
  // Filled members come last: a message that ends with one the frame lacks is encoded whole (see splicedText).
  const keys = Object.keys(message);
  const last = keys[keys.length - 1];
  if (last !== undefined && !Object.hasOwn(received, last)) return undefined;
  return splicedText(inbound.text, message);
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

/**
 * A shallow copy of the members the rule passes on (values are shared: nothing below changes them). A
 * received `__proto__` member is not passed on; the rule's `remove` members are left out rather than
 * deleted (a delete would turn the copy into a slow dictionary object).
 */
function carried(received: Record<string, unknown>, rule: ForwardDescriptor): Record<string, unknown> {
  const carry = rule.carry ?? "all";
  const removed = rule.remove ?? [];
  const kept: Record<string, unknown> = {};
  if (carry === "all") {
    for (const member of Object.keys(received)) {
      if (member !== "__proto__" && (removed.length === 0 || !removed.includes(member)))
        kept[member] = received[member];
    }
    return kept;
  }
  for (const member of carry) {
    if (member === "__proto__" || removed.includes(member) || !Object.hasOwn(received, member)) continue;
    kept[member] = received[member];
  }
  return kept;
}

/** Sources: the received message, then the sender's records (gathered only when a member is missing). */
function fillMembers(
  message: Record<string, unknown>,
  fills: readonly ForwardFill[],
  received: Record<string, unknown>,
  sender: ServerConnection,
) {
  let sources: readonly unknown[] | undefined;
  for (const fill of fills) {
    if (valueAtPath(message, fill.path) !== undefined) continue;
    sources ??= [received, ...sender.records()];
    setCreating(message, fill.path, fillValue(fill, sources));
  }
}

/** The first source's value of the same name and an accepted type, else the generator's fallback. */
function fillValue(fill: ForwardFill, sources: readonly unknown[]): unknown {
  const name = fill.path[fill.path.length - 1];
  if (name === undefined) return copy(fill.fallback);
  for (const source of sources) {
    const found = source !== null && typeof source === "object" ? (source as Record<string, unknown>)[name] : undefined;
    if (found !== undefined && accepts(fill.types, found as JsonValue)) return copy(found);
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

/** Sets a value at a path, copying (never changing) the objects on the way, which may be the sender's. */
export function setCreating(target: Record<string, unknown>, path: PayloadPath, value: unknown): void {
  let node = target;
  const last = path.length - 1;
  for (let index = 0; index < last; index += 1) {
    const segment = path[index] as string;
    const next = node[segment];
    const owned = isRecord(next) ? ownCopy(next) : {};
    setOwn(node, segment, owned);
    node = owned;
  }
  if (last >= 0) setOwn(node, path[last] as string, value);
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

/** A copy the recipients do not share; empty lists and objects (most fallbacks) skip structuredClone's cost. */
function copy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value) && value.length === 0) return [];
  if (Object.getPrototypeOf(value) === Object.prototype && isEmpty(value)) return {};
  return structuredClone(value);
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
