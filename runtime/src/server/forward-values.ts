/**
 * How a JSON text writes the members of a message: whether each is written exactly as JSON.stringify
 * would write it (the text has no backslash; its caller checks that).
 */
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

/**
 * How many members `text` writes, when `received` is `JSON.parse(text)` as parsed (no code has
 * changed it since) and `keys` (the message's) start with its members, in order and with the same
 * values; -1 otherwise, or when the text does not write them as JSON.stringify would. Cheaper than
 * reading each member's text: with no duplicate and no integer-like key, the text's members are the
 * parsed object's, in order, so a string member's text (no backslash) is its value and only its
 * length is needed.
 */
export function pristineMembers(
  text: string,
  keys: readonly string[],
  received: Record<string, unknown>,
  message: Record<string, unknown>,
): number {
  const members = Object.keys(received);
  if (members.length === 0) return text.length === 2 && text.charCodeAt(1) === closeBrace ? 0 : -1;
  let position = 1;
  for (let index = 0; index < members.length; index += 1) {
    const key = members[index] as string;
    const first = key.charCodeAt(0);
    // An integer-like key is listed first whatever its place in the text.
    if (keys[index] !== key || (first >= zero && first <= nine)) return -1;
    const value = received[key];
    if (message[key] !== value) return -1;
    const close = position + 1 + key.length;
    if (text.charCodeAt(position) !== quote || text.charCodeAt(close) !== quote) return -1;
    if (text.charCodeAt(close + 1) !== colon) return -1;
    const end =
      typeof value === "string" ? parsedStringEnd(text, close + 2, value) : unchangedValueEnd(text, close + 2, value);
    if (end < 0) return -1;
    const delimiter = text.charCodeAt(end);
    // A duplicate key leaves the text with more members than the parsed object: it does not end here.
    if (delimiter === closeBrace) return index === members.length - 1 && end === text.length - 1 ? members.length : -1;
    if (delimiter !== comma) return -1;
    position = end + 1;
  }
  return -1;
}

/** Where the string member parsed as `value` ends: its text is the value between quotes. */
function parsedStringEnd(text: string, start: number, value: string): number {
  const close = start + 1 + value.length;
  return text.charCodeAt(start) === quote && text.charCodeAt(close) === quote ? close + 1 : -1;
}

/** Where the value at `start` ends when the text writes `value` exactly as JSON.stringify would, else -1. */
export function unchangedValueEnd(text: string, start: number, value: unknown): number {
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
export function rawStringAt(text: string, start: number, value: string): number {
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
