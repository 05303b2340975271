/**
 * PHP 8.2's `json_decode($text, true)` (ext/json), without recursion: the ordered arrays PHP builds,
 * or undefined wherever PHP reports an error (syntax, control character, lone UTF-16 surrogate, depth).
 */
import { newPhpArray, type PhpArray, type PhpKey, type PhpValue, phpArrayKey, setPhpEntry } from "./php-array.js";

/**
 * json_decode's default depth is 512 and counts the values inside the innermost array as a level: at
 * most 511 arrays/objects nest (measured on PHP 8.2), deeper is JSON_ERROR_DEPTH.
 */
const maxNesting = 511;

/** An open `[` or `{`: the array being filled, and the key waiting for its value (objects). */
interface Open {
  readonly array: PhpArray;
  readonly object: boolean;
  key: PhpKey;
}

class Invalid extends Error {}

const whitespace = /[ \t\n\r]*/y;
const numberToken = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
/** A run of string characters needing no attention: not a quote, backslash, control or surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control characters are what JSON strings may not hold
const plainRun = /[^"\\\u0000-\u001f\ud800-\udfff]+/y;
const hexQuad = /^[0-9a-fA-F]{4}$/;
const simpleEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

const literals: readonly (readonly [string, PhpValue])[] = [
  ["true", true],
  ["false", false],
  ["null", null],
];

/** The digits of LONG_MIN: a 19-digit integer literal is an int only below them (or equal, if negative). */
const longMinDigits = "9223372036854775808";

/** The scanner's test for an integer literal PHP keeps as an int (larger ones become floats). */
function fitsInt64(token: string): boolean {
  const negative = token.startsWith("-");
  const digits = negative ? token.slice(1) : token;
  if (digits.length !== longMinDigits.length) return digits.length < longMinDigits.length;
  return digits < longMinDigits || (digits === longMinDigits && negative);
}

class Reader {
  position = 0;

  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    whitespace.lastIndex = this.position;
    whitespace.test(this.text);
    this.position = whitespace.lastIndex;
  }

  peek(): string {
    return this.text.charAt(this.position);
  }

  expect(character: string): void {
    if (this.peek() !== character) throw new Invalid();
    this.position += 1;
  }

  atEnd(): boolean {
    return this.position === this.text.length;
  }

  number(): PhpValue {
    numberToken.lastIndex = this.position;
    const match = numberToken.exec(this.text);
    if (match === null) throw new Invalid();
    const token = match[0];
    this.position += token.length;
    if (match[1] !== undefined || match[2] !== undefined) return { kind: "float", value: Number(token) };
    return fitsInt64(token) ? BigInt(token) : { kind: "float", value: Number(token) };
  }

  /** Four hex digits after `\u`. */
  codeUnit(): number {
    const hex = this.text.slice(this.position, this.position + 4);
    if (!hexQuad.test(hex)) throw new Invalid();
    this.position += 4;
    return Number.parseInt(hex, 16);
  }

  /** `\uXXXX`, pairing a high surrogate with the low one that must follow it. */
  unicodeEscape(): string {
    const unit = this.codeUnit();
    if (unit >= 0xdc00 && unit <= 0xdfff) throw new Invalid();
    if (unit < 0xd800 || unit > 0xdbff) return String.fromCharCode(unit);
    if (!this.text.startsWith("\\u", this.position)) throw new Invalid();
    this.position += 2;
    const low = this.codeUnit();
    if (low < 0xdc00 || low > 0xdfff) throw new Invalid();
    return String.fromCharCode(unit, low);
  }

  escape(): string {
    const character = this.peek();
    this.position += 1;
    if (character === "u") return this.unicodeEscape();
    const simple = simpleEscapes[character];
    if (simple === undefined) throw new Invalid();
    return simple;
  }

  /** A raw surrogate pair is one astral character; a lone one is not valid UTF-8 to PHP. */
  rawSurrogatePair(): string {
    const pair = this.text.slice(this.position, this.position + 2);
    if (!/^[\ud800-\udbff][\udc00-\udfff]$/.test(pair)) throw new Invalid();
    this.position += 2;
    return pair;
  }

  string(): string {
    this.expect('"');
    let result = "";
    for (;;) {
      plainRun.lastIndex = this.position;
      if (plainRun.test(this.text)) {
        result += this.text.slice(this.position, plainRun.lastIndex);
        this.position = plainRun.lastIndex;
      }
      const character = this.peek();
      if (character === '"') {
        this.position += 1;
        return result;
      }
      if (character === "\\") {
        this.position += 1;
        result += this.escape();
      } else if (character !== "" && character >= "\ud800" && character <= "\udfff") {
        result += this.rawSurrogatePair();
      } else {
        // A control character, or the end of the text.
        throw new Invalid();
      }
    }
  }

  scalar(): PhpValue {
    const character = this.peek();
    if (character === '"') return this.string();
    const literal = literals.find(([word]) => this.text.startsWith(word, this.position));
    if (literal === undefined) return this.number();
    this.position += literal[0].length;
    return literal[1];
  }

  /** After `{` or `,` in an object: the key and its colon. */
  key(): PhpKey {
    this.skipWhitespace();
    const key = phpArrayKey(this.string());
    this.skipWhitespace();
    this.expect(":");
    return key;
  }
}

function store(open: Open, value: PhpValue): void {
  const key = open.object ? open.key : BigInt(open.array.entries.length);
  setPhpEntry(open.array, key, value);
}

/** Opens `[` or `{` at the reader; undefined when it closes at once (an empty array, complete). */
function openContainer(reader: Reader, stack: Open[]): PhpArray | undefined {
  const object = reader.peek() === "{";
  if (stack.length >= maxNesting) throw new Invalid();
  reader.position += 1;
  reader.skipWhitespace();
  const array = newPhpArray();
  if (reader.peek() === (object ? "}" : "]")) {
    reader.position += 1;
    return array;
  }
  stack.push({ array, object, key: object ? reader.key() : "" });
  return undefined;
}

/** After a value inside `open`: `,` (true: another value follows) or the closing bracket (false). */
function continues(reader: Reader, open: Open): boolean {
  reader.skipWhitespace();
  const character = reader.peek();
  reader.position += 1;
  if (character === ",") {
    if (open.object) open.key = reader.key();
    return true;
  }
  if (character !== (open.object ? "}" : "]")) throw new Invalid();
  return false;
}

function decodeValue(reader: Reader): PhpValue {
  const stack: Open[] = [];
  for (;;) {
    reader.skipWhitespace();
    const character = reader.peek();
    let value: PhpValue | undefined =
      character === "{" || character === "[" ? openContainer(reader, stack) : reader.scalar();
    while (value !== undefined) {
      const open = stack.at(-1);
      if (open === undefined) return value;
      store(open, value);
      if (continues(reader, open)) break;
      stack.pop();
      value = open.array;
    }
  }
}

/** `json_decode($text, true)` when `$text` is a JSON object; undefined when PHP would not get an array from it. */
export function phpJsonDecodeObject(text: string): PhpArray | undefined {
  const reader = new Reader(text);
  reader.skipWhitespace();
  if (reader.peek() !== "{") return undefined;
  try {
    const value = decodeValue(reader);
    reader.skipWhitespace();
    return reader.atEnd() && value !== null && typeof value === "object" && value.kind === "array" ? value : undefined;
  } catch (error) {
    if (error instanceof Invalid) return undefined;
    throw error;
  }
}
