import { memberJson, quotedKey } from "./forward-text.js";

const quote = 34;
const colon = 58;
const comma = 44;
const minus = 45;
const zero = 48;
const nine = 57;
const openBrace = 123;
const closeBrace = 125;
const openBracket = 91;
const closeBracket = 93;
/** Longer integers may not survive JSON.parse exactly; they take the general path. */
const maxDigits = 15;

/** A forward's JSON text and, when it is the received frame's text, the frame's bytes. */
export interface ForwardEncoding {
  readonly text: string;
  /** UTF-8 of `text`: the frame as received, sent without encoding again. */
  readonly bytes?: Uint8Array | undefined;
}

/**
 * The JSON text of a forward that passes on every received member unchanged and in order, then adds
 * its own (fills, the sender): the received text with the added members appended, equal to
 * `JSON.stringify(message)`. The voxy relay's common case, checked in one pass over the text: each
 * member must be written as JSON.stringify writes the message's member (a plain string, a short
 * integer, a literal, an empty list or object). Undefined for anything else (the caller splices or
 * encodes): a changed, removed or nested member, whitespace, an escape, a lone surrogate. `frame`: the
 * bytes `text` was decoded from, passed on when the forward changed nothing. (Appending to the bytes
 * instead of the text was measured slower: a Buffer costs more to make than ws's encoding of a string.)
 */
export function appendedForward(
  text: string,
  message: Record<string, unknown>,
  frame?: Uint8Array,
): ForwardEncoding | undefined {
  if (text.charCodeAt(0) !== openBrace || text.indexOf("\\") >= 0 || !wellFormed(text)) return undefined;
  const keys = Object.keys(message);
  const received = receivedMembers(text, keys, message);
  if (received < 0) return undefined;
  if (received === keys.length) return { text, bytes: frame };
  const added = addedMembers(keys, received, message);
  if (added === undefined) return undefined;
  if (received === 0) return { text: `{${added.text.slice(1)}}` };
  return { text: `${text.slice(0, text.length - 1)}${added.text}}` };
}

/**
 * How many members the text writes, each the message's member of that rank written as JSON.stringify
 * would; -1 when the text does not end there or a member differs.
 */
function receivedMembers(text: string, keys: readonly string[], message: Record<string, unknown>): number {
  let position = 1;
  let next = 0;
  if (text.charCodeAt(1) !== closeBrace) {
    for (;;) {
      const key = keys[next];
      if (key === undefined) return -1;
      const start = rawStringAt(text, position, key);
      if (start < 0 || text.charCodeAt(start) !== colon) return -1;
      const end = unchangedValueEnd(text, start + 1, message[key]);
      if (end < 0) return -1;
      next += 1;
      const delimiter = text.charCodeAt(end);
      if (delimiter === closeBrace) {
        position = end;
        break;
      }
      if (delimiter !== comma) return -1;
      position = end + 1;
    }
  }
  return position === text.length - 1 ? next : -1;
}

/** Members a forward added, and their text (`,"key":value` each). */
interface AddedMembers {
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  readonly text: string;
}

/** The members last appended: a forward fills the same values frame after frame, encoded once. */
let lastAdded: AddedMembers = { keys: [], values: [], text: "" };

/** The members from `from` on, as JSON.stringify writes them; undefined for one it leaves out. */
function addedMembers(
  keys: readonly string[],
  from: number,
  message: Record<string, unknown>,
): AddedMembers | undefined {
  if (sameAsLast(keys, from, message)) return lastAdded;
  const added: string[] = [];
  const values: unknown[] = [];
  let text = "";
  for (let index = from; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const value = message[key];
    const member = memberJson(quotedKey(key), key, value);
    if (member === undefined) return undefined;
    text += `,${member}`;
    added.push(key);
    values.push(value);
  }
  lastAdded = { keys: added, values, text };
  return lastAdded;
}

/** The members from `from` on are the last appended ones: same keys, same values (empty lists alike). */
function sameAsLast(keys: readonly string[], from: number, message: Record<string, unknown>): boolean {
  const last = lastAdded;
  if (keys.length - from !== last.keys.length) return false;
  for (let index = from; index < keys.length; index += 1) {
    const key = keys[index] as string;
    if (key !== last.keys[index - from] || !sameJson(message[key], last.values[index - from])) return false;
  }
  return true;
}

/** Written alike by JSON.stringify: the same primitive, or two empty arrays. */
function sameJson(value: unknown, known: unknown): boolean {
  if (value === known) return typeof value !== "object" || value === null;
  return isEmptyArray(value) && isEmptyArray(known);
}

function isEmptyArray(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length === 0 &&
    Object.getPrototypeOf(value) === Array.prototype &&
    !Object.hasOwn(value, "toJSON")
  );
}

/** Where the value at `start` ends when the text writes `value` exactly as JSON.stringify would, else -1. */
function unchangedValueEnd(text: string, start: number, value: unknown): number {
  const code = text.charCodeAt(start);
  if (code === quote) return typeof value === "string" ? rawStringAt(text, start, value) : -1;
  if (code === minus || (code >= zero && code <= nine))
    return typeof value === "number" ? integerEnd(text, start, value) : -1;
  if (code === openBracket || code === openBrace) return emptyEnd(text, start, value);
  const literal = value === true ? "true" : value === false ? "false" : value === null ? "null" : undefined;
  return literal !== undefined && text.startsWith(literal, start) ? start + literal.length : -1;
}

/**
 * Where the string at `start` ends when its text is `value`'s characters exactly, else -1 (the text has no
 * backslash, so the first quote after the opening one closes it: a value holding a quote cannot match).
 */
function rawStringAt(text: string, start: number, value: string): number {
  if (text.charCodeAt(start) !== quote || !text.startsWith(value, start + 1)) return -1;
  const close = start + 1 + value.length;
  return text.indexOf('"', start + 1) === close ? close + 1 : -1;
}

/** Where a short integer written as JSON.stringify writes it (no `-0`, no leading zero) ends, if it is `value`. */
function integerEnd(text: string, start: number, value: number): number {
  const negative = text.charCodeAt(start) === minus;
  const first = negative ? start + 1 : start;
  let index = first;
  let magnitude = 0;
  for (let code = text.charCodeAt(index); code >= zero && code <= nine; code = text.charCodeAt(index)) {
    magnitude = magnitude * 10 + (code - zero);
    index += 1;
  }
  const digits = index - first;
  if (digits === 0 || digits > maxDigits || (digits > 1 && text.charCodeAt(first) === zero)) return -1;
  if (negative && magnitude === 0) return -1;
  return (negative ? -magnitude : magnitude) === value ? index : -1;
}

/** `[]` or `{}` for an empty list or plain object without a toJSON of its own. */
function emptyEnd(text: string, start: number, value: unknown): number {
  if (value === null || typeof value !== "object" || Object.hasOwn(value, "toJSON")) return -1;
  const prototype = Object.getPrototypeOf(value);
  const list = prototype === Array.prototype && (value as unknown[]).length === 0;
  const record = prototype === Object.prototype && Object.keys(value).length === 0;
  const close = text.charCodeAt(start + 1);
  if (list && text.charCodeAt(start) === openBracket && close === closeBracket) return start + 2;
  return record && text.charCodeAt(start) === openBrace && close === closeBrace ? start + 2 : -1;
}

/** No lone surrogates (JSON.stringify escapes them; a frame decoded from UTF-8 has none). */
function wellFormed(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return check === undefined ? !/[\ud800-\udfff]/u.test(text) : check.call(text);
}
