import { valueEnd } from "./json-members.js";

const quote = 34;
const colon = 58;
const comma = 44;
const closeBrace = 125;

/**
 * The JSON text of a forwarded message, spliced from the text of the frame it was built from, and equal
 * to `JSON.stringify(message)`: the text is walked along the message's members, and a member the text
 * already writes exactly as JSON.stringify would is copied; a member the forward set or converted is
 * encoded. The received text comes back as it is when the forward changed nothing. Undefined (the
 * caller encodes the message) when the forward added members, or the text does not follow the message
 * member for member (a removed, duplicate or integer-like key, whitespace, an escape, a lone surrogate).
 */
export function splicedText(text: string, message: Record<string, unknown>): string | undefined {
  // Without escapes and lone surrogates, a string's text is the string, and JSON.stringify writes it so.
  if (text.indexOf("\\") >= 0 || !wellFormed(text) || text.charCodeAt(0) !== 123) return undefined;
  const keys = Object.keys(message);
  let out = "";
  let copiedTo = 0;
  let position = 1;
  let next = 0;
  while (text.charCodeAt(position) !== closeBrace) {
    const key = keys[next];
    if (key === undefined || !writesKey(text, position, key)) return undefined;
    const start = position + key.length + 3;
    const value = message[key];
    let end = rawStringEnd(text, start, value);
    if (end < 0) {
      const encoded = memberJson(`"${key}"`, key, value);
      if (encoded === undefined) return undefined;
      if (text.startsWith(encoded, position)) end = position + encoded.length;
      else {
        // The forward changed this member: the text's value is skipped, the new one written.
        end = valueEnd(text, start);
        if (end < 0) return undefined;
        out += text.slice(copiedTo, position) + encoded;
        copiedTo = end;
      }
    }
    if (!delimits(text, end)) return undefined;
    next += 1;
    position = text.charCodeAt(end) === comma ? end + 1 : end;
  }
  if (position !== text.length - 1) return undefined;
  if (copiedTo === 0 && next === keys.length) return text;
  // Members the forward added are not spliced: encoding them one by one costs more than JSON.stringify
  // saves (measured: 5 filled members of a voxy `say` made the splice 15% slower than encoding it all).
  if (next < keys.length) return undefined;
  return `${out}${text.slice(copiedTo, position)}}`;
}

/** The text at `position` is `"key":` with nothing in the key's quotes but the key. */
function writesKey(text: string, position: number, key: string): boolean {
  const close = position + 1 + key.length;
  return (
    text.charCodeAt(position) === quote &&
    text.startsWith(key, position + 1) &&
    text.indexOf('"', position + 1) === close &&
    text.charCodeAt(close + 1) === colon
  );
}

/** Where the string value written at `start` ends when it is `value` exactly, else -1. */
function rawStringEnd(text: string, start: number, value: unknown): number {
  if (typeof value !== "string" || text.charCodeAt(start) !== quote || !text.startsWith(value, start + 1)) return -1;
  const close = start + 1 + value.length;
  return text.indexOf('"', start + 1) === close ? close + 1 : -1;
}

/** A member ends the object or is followed by another. */
function delimits(text: string, end: number): boolean {
  const code = text.charCodeAt(end);
  return code === comma || code === closeBrace;
}

/** A key as JSON.stringify writes it. */
export function quotedKey(key: string): string {
  return isPlain(key) ? `"${key}"` : JSON.stringify(key);
}

/** `"key":value` as JSON.stringify writes the member (`quoted`: the key's JSON); undefined when it leaves it out. */
export function memberJson(quoted: string, key: string, value: unknown): string | undefined {
  const scalar = scalarJson(value);
  if (scalar !== undefined) return `${quoted}:${scalar}`;
  // Objects go through an object of their own, so a toJSON sees its key as it would in the message.
  const written = JSON.stringify({ [key]: value });
  return written === "{}" ? undefined : written.slice(1, -1);
}

/**
 * JSON.stringify's text for a string, number, boolean, null, or an empty list or plain object (the
 * fallbacks forwards fill in); short strings are the common case: no call.
 */
function scalarJson(value: unknown): string | undefined {
  if (typeof value === "string") return isPlain(value) ? `"${value}"` : JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null) return "null";
  if (typeof value !== "object" || Object.hasOwn(value, "toJSON")) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Array.prototype && (value as unknown[]).length === 0) return "[]";
  return prototype === Object.prototype && Object.keys(value).length === 0 ? "{}" : undefined;
}

/** A string JSON.stringify writes between quotes as it is: no quote, backslash, control or surrogate. */
function isPlain(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 32 || code === quote || code === 92 || (code >= 0xd800 && code <= 0xdfff)) return false;
  }
  return true;
}

/** No lone surrogates (JSON.stringify escapes them; a frame decoded from UTF-8 has none). */
function wellFormed(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return check === undefined ? !/[\ud800-\udfff]/u.test(text) : check.call(text);
}
