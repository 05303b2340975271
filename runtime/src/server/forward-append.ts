import { memberJson, quotedKey } from "./forward-text.js";
import { pristineMembers, rawStringAt, unchangedValueEnd } from "./forward-values.js";

const colon = 58;
const comma = 44;
const openBrace = 123;
const closeBrace = 125;

/** A forward's JSON text and, when made from the received frame, its UTF-8. */
export interface ForwardEncoding {
  readonly text: string;
  /** UTF-8 of `text`: the frame as received, or with the added members' bytes in place of its `}`. */
  readonly bytes?: Uint8Array | undefined;
}

/**
 * The JSON text of a forward that passes on every received member unchanged and in order, then adds
 * its own (fills, the sender): the received text with the added members appended, equal to
 * `JSON.stringify(message)`. The voxy relay's common case, checked in one pass over the text: each
 * member must be written as JSON.stringify writes the message's member (a plain string, a short
 * integer, a literal, an empty list or object). Undefined for anything else (the caller splices or
 * encodes): a changed, removed or nested member, whitespace, an escape, a lone surrogate. `frame`: the
 * UTF-8 bytes `text` was decoded from (so `text` has no lone surrogate), passed on when the forward
 * changed nothing, else copied with the added members' bytes appended (measured in the relay bench:
 * sending bytes beats letting the socket encode a string, whose write takes Node's slower mixed-chunk
 * path). `parsed`: `JSON.parse(text)` when no code has seen it since (see pristineMembers: a cheaper check).
 */
export function appendedForward(
  text: string,
  message: Record<string, unknown>,
  frame?: Uint8Array,
  parsed?: Record<string, unknown>,
): ForwardEncoding | undefined {
  if (text.charCodeAt(0) !== openBrace || text.indexOf("\\") >= 0) return undefined;
  // Text decoded from UTF-8 (`frame`) has no lone surrogate: only other text needs the check.
  if (frame === undefined && !wellFormed(text)) return undefined;
  const keys = Object.keys(message);
  const pristine = parsed === undefined ? -1 : pristineMembers(text, keys, parsed, message);
  const received = pristine >= 0 ? pristine : receivedMembers(text, keys, message);
  if (received < 0) return undefined;
  if (received === keys.length) return { text, bytes: frame };
  const added = addedMembers(keys, received, message);
  if (added === undefined) return undefined;
  if (received === 0) return { text: `{${added.text.slice(1)}}` };
  const appended = `${text.slice(0, text.length - 1)}${added.text}}`;
  return { text: appended, bytes: frame === undefined ? undefined : appendedBytes(frame, added.bytes) };
}

/** The frame's bytes with `suffix` (the added members and the closing `}`) in place of its closing `}`. */
function appendedBytes(frame: Uint8Array, suffix: Uint8Array): Uint8Array {
  const end = frame.length - 1;
  const bytes = Buffer.allocUnsafe(end + suffix.length);
  // The suffix is longer than the brace it replaces, so the whole frame fits before it is overwritten.
  bytes.set(frame, 0);
  bytes.set(suffix, end);
  return bytes;
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
  /** UTF-8 of the text and the closing `}`. */
  readonly bytes: Uint8Array;
}

/** The members last appended: a forward fills the same values frame after frame, encoded once. */
let lastAdded: AddedMembers = { keys: [], values: [], text: "", bytes: Buffer.from("}") };

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
  lastAdded = { keys: added, values, text, bytes: Buffer.from(`${text}}`) };
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

/** No lone surrogates (JSON.stringify escapes them; a frame decoded from UTF-8 has none). */
function wellFormed(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return check === undefined ? !/[\ud800-\udfff]/u.test(text) : check.call(text);
}
