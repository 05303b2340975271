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
import { appendedForward, type ForwardEncoding } from "./forward-append.js";
import { splicedText } from "./forward-text.js";
import type { ServerConnection } from "./internal.js";
import { ownCopy, setOwn } from "./own-copy.js";

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
  if (rule.convert !== undefined) for (const conversion of rule.convert) convertMember(message, conversion);
  if (rule.set !== undefined) for (const { path, value } of rule.set) setCreating(message, path, value);
  const identity = rule.sender === undefined ? undefined : senderIdentity(exchange);
  if (rule.sender !== undefined && identity !== undefined) setCreating(message, rule.sender, identity);
  return guarded(exchange, rule.as, message);
}

/**
 * The JSON text of a forward built from a JSON frame, made from the frame's text (members it left as
 * received are copied, not encoded again), with its bytes when made from the frame's own; undefined for
 * other framings or a frame without its text.
 */
export function forwardEncoding(exchange: Exchange, message: unknown): ForwardEncoding | undefined {
  const { engine, inbound } = exchange;
  const kind = engine.descriptor.framing.kind;
  const received = inbound.message;
  if ((kind !== "json" && kind !== "json-shape") || inbound.text === undefined) return undefined;
  if (!isRecord(message) || !isRecord(received)) return undefined;
  // Unchanged members with added ones appended (voxy's fills) first; else members the forward changed
  // spliced in, when it added none (see splicedText).
  const appended = appendedForward(inbound.text, message, inbound.bytes, exchange.untouched ? received : undefined);
  if (appended !== undefined) return appended;
  const keys = Object.keys(message);
  const last = keys[keys.length - 1];
  if (last !== undefined && !Object.hasOwn(received, last)) return undefined;
  const text = splicedText(inbound.text, message);
  return text === undefined ? undefined : { text, bytes: text === inbound.text ? inbound.bytes : undefined };
}

/**
 * The value the session knows its sender by (its presence record's value, else its presence key), which
 * a forward writes at the rule's `sender` path, never what the frame claims; undefined when not present.
 */
function senderIdentity({ engine, connection }: Exchange): string | number | undefined {
  const presence = engine.descriptor.presence;
  if (presence === undefined || connection.presenceKey === undefined) return undefined;
  const value = valueAtPath(connection.presenceRecord, presence.path);
  return typeof value === "string" || typeof value === "number" ? value : connection.presenceKey;
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
  // Object.assign copies fastest, but would set the copy's prototype from a received `__proto__` member.
  if (carry === "all" && removed.length === 0 && !Object.hasOwn(received, "__proto__"))
    return Object.assign({}, received);
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
  for (const fill of fills) {
    const path = fill.path;
    const present = path.length === 1 ? message[path[0] as string] : valueAtPath(message, path);
    if (present !== undefined) continue;
    setCreating(message, path, fillValue(fill, received, sender));
  }
}

/**
 * The value of the same name and an accepted type in the received message, else in the sender's
 * records (its join records, then its presence record: `records()`'s order, read in place), else the
 * generator's fallback.
 */
function fillValue(fill: ForwardFill, received: Record<string, unknown>, sender: ServerConnection): unknown {
  const name = fill.path[fill.path.length - 1];
  if (name === undefined) return copy(fill.fallback);
  let found = acceptedMember(fill, received, name);
  if (found !== undefined) return copy(found);
  if (sender.roomRecords.size > 0) {
    for (const record of sender.roomRecords.values()) {
      found = acceptedMember(fill, record, name);
      if (found !== undefined) return copy(found);
    }
  }
  found = acceptedMember(fill, sender.presenceRecord, name);
  return copy(found === undefined ? fill.fallback : found);
}

/** The source's member `name` when it is of a type the fill accepts. */
function acceptedMember(fill: ForwardFill, source: unknown, name: string): unknown {
  if (source === null || typeof source !== "object") return undefined;
  const found = (source as Record<string, unknown>)[name];
  return found !== undefined && accepts(fill.types, found as JsonValue) ? found : undefined;
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
