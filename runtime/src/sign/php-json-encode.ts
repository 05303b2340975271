/**
 * PHP 8.2's `json_encode($value, JSON_UNESCAPED_UNICODE)` of what `json_decode($text, true)` built.
 * Recursion is bounded by the decoder's nesting limit (511).
 */
import { isPhpList, type PhpArray, type PhpKey, type PhpValue } from "./php-array.js";

/** json_encode's failure (JSON_ERROR_INF_OR_NAN): it returns false, which `md5()` reads as "". */
export class PhpEncodeError extends Error {}

const escapes: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "/": "\\/",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** Escaped even with JSON_UNESCAPED_UNICODE: quotes, `\`, `/`, control characters, U+2028/U+2029. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what PHP escapes as \u00XX
const escaped = /["\\/\u0000-\u001f\u2028\u2029]/g;

export function phpJsonString(text: string): string {
  const body = text.replace(
    escaped,
    (character) => escapes[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `"${body}"`;
}

/** `php_gcvt(value, 17, '.', 'e')` with shortest round-trip digits (`serialize_precision = -1`). */
export function phpFloat(value: number): string {
  if (!Number.isFinite(value)) throw new PhpEncodeError("PHP cannot encode INF or NAN as JSON");
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const [mantissa = "", exponentText = "0"] = value.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/[-.]/g, "");
  const exponent = Number(exponentText);
  // PHP's decpt: where the decimal point falls relative to the digits.
  const decimalPoint = exponent + 1;
  if (decimalPoint < -3 || decimalPoint > 17) {
    const fraction = digits.length > 1 ? digits.slice(1) : "0";
    return `${sign}${digits[0]}.${fraction}e${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
  }
  if (decimalPoint <= 0) return `${sign}0.${"0".repeat(-decimalPoint)}${digits}`;
  if (decimalPoint >= digits.length) return `${sign}${digits}${"0".repeat(decimalPoint - digits.length)}`;
  return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
}

function phpKey(key: PhpKey): string {
  return typeof key === "bigint" ? `"${key}"` : phpJsonString(key);
}

function phpArray(array: PhpArray): string {
  if (isPhpList(array)) return `[${array.entries.map((entry) => phpJsonEncodeValue(entry.value)).join(",")}]`;
  return `{${array.entries.map((entry) => `${phpKey(entry.key)}:${phpJsonEncodeValue(entry.value)}`).join(",")}}`;
}

/** The JSON text PHP writes for a decoded value; throws PhpEncodeError where json_encode returns false. */
export function phpJsonEncodeValue(value: PhpValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return phpJsonString(value);
  if (value.kind === "float") return phpFloat(value.value);
  return phpArray(value);
}
