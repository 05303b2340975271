import { md5 } from "./md5.js";

/**
 * The text PHP's `json_encode($value, JSON_UNESCAPED_UNICODE)` writes for a value that came from
 * `json_decode($frame, true)`: what a PHP server hashes to check a frame's signature. Differences from
 * `JSON.stringify`: `/` is escaped, U+2028/U+2029 are escaped, floats use PHP's notation (`1.0e-5`), and
 * an object whose keys are exactly `"0"…"n-1"` (or none) is a PHP list, written as a JSON array.
 */
export function phpJsonEncode(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return phpNumber(value);
  if (typeof value === "string") return phpString(value);
  if (Array.isArray(value)) return `[${value.map((item) => phpJsonEncode(item)).join(",")}]`;
  if (typeof value === "object") return phpObject(value as Record<string, unknown>);
  throw new TypeError(`cannot encode a ${typeof value} as JSON`);
}

/** JSON.stringify's escaping (control characters, quotes, lone surrogates), plus PHP's `\/` and U+2028/9. */
function phpString(text: string): string {
  return JSON.stringify(text).replace(/[/\u2028\u2029]/g, (character) =>
    character === "/" ? "\\/" : `\\u${character.charCodeAt(0).toString(16)}`,
  );
}

const int64Limit = 2 ** 63;

function phpNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError("PHP cannot encode NaN or Infinity as JSON");
  // json_decode makes an integer of any integral value that fits PHP's int64.
  if (Number.isInteger(value) && Math.abs(value) < int64Limit) return Object.is(value, -0) ? "-0" : value.toFixed(0);
  return phpFloat(value);
}

/** PHP's `php_gcvt(value, 17)` with shortest round-trip digits (`serialize_precision = -1`). */
function phpFloat(value: number): string {
  const [mantissa = "", exponentText = "0"] = value.toExponential().split("e");
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace(/[-.]/g, "");
  const exponent = Number(exponentText);
  const decimalPoint = exponent + 1;
  const sign = negative ? "-" : "";
  if (decimalPoint < -3 || decimalPoint > 17) {
    const fraction = digits.length > 1 ? digits.slice(1) : "0";
    return `${sign}${digits[0]}.${fraction}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
  }
  if (decimalPoint <= 0) return `${sign}0.${"0".repeat(-decimalPoint)}${digits}`;
  if (decimalPoint >= digits.length) return `${sign}${digits}${"0".repeat(decimalPoint - digits.length)}`;
  return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
}

function isPhpList(keys: readonly string[]): boolean {
  return keys.every((key, index) => key === String(index));
}

function phpObject(object: Record<string, unknown>): string {
  const keys = Object.keys(object).filter((key) => object[key] !== undefined);
  if (isPhpList(keys)) return `[${keys.map((key) => phpJsonEncode(object[key])).join(",")}]`;
  return `{${keys.map((key) => `${phpString(key)}:${phpJsonEncode(object[key])}`).join(",")}}`;
}

/** PHP `ksort` on string keys: byte order of their UTF-8, which is code point order. */
function compareKeys(left: string, right: string): number {
  const a = Array.from(left, (character) => character.codePointAt(0) ?? 0);
  const b = Array.from(right, (character) => character.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** The string a PHP server hashes: the frame without `field`, top-level keys sorted (`ksort` is shallow). */
export function phpCanonicalJson(frame: Readonly<Record<string, unknown>>, field: string): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(frame).sort(compareKeys)) {
    if (key !== field) sorted[key] = frame[key];
  }
  return phpJsonEncode(sorted);
}

/** The signature of a frame: md5 of its canonical PHP JSON without the signature field. */
export function phpJsonSign(frame: Readonly<Record<string, unknown>>, field: string): string {
  return md5(phpCanonicalJson(frame, field));
}
