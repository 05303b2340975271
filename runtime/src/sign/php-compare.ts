/**
 * `ksort($array)` (SORT_REGULAR) key comparison in PHP 8.2: `php_array_key_compare_unstable_i`
 * (ext/standard/array.c) with `zendi_smart_strcmp` and `compare_long_to_string` (Zend/zend_operators.c).
 */
import type { PhpKey } from "./php-array.js";
import { type PhpNumeric, phpNumeric } from "./php-numeric.js";

/** ZEND_NORMALIZE_BOOL: the sign of a difference (NaN counts as equal, as in C). */
function sign(difference: number): number {
  return difference > 0 ? 1 : difference < 0 ? -1 : 0;
}

function compareLongs(left: bigint, right: bigint): number {
  return left > right ? 1 : left < right ? -1 : 0;
}

/** A UTF-16 unit remapped so that comparing units orders strings like their UTF-8 bytes (`memcmp`). */
function utf8Rank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/** `zend_binary_strcmp`, normalised to -1/0/1. */
export function binaryCompare(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = utf8Rank(left.charCodeAt(index)) - utf8Rank(right.charCodeAt(index));
    if (difference !== 0) return sign(difference);
  }
  return sign(left.length - right.length);
}

function asDouble(numeric: PhpNumeric): number {
  return numeric.kind === "long" ? Number(numeric.value) : numeric.value;
}

/** Two numeric strings compared as PHP does, or undefined where PHP falls back to comparing bytes. */
function compareNumerics(left: PhpNumeric, right: PhpNumeric): number | undefined {
  // Integers overflowed to the same side: a double comparison would have lost precision.
  if (left.overflow !== 0 && left.overflow === right.overflow && asDouble(left) - asDouble(right) === 0) return;
  if (left.kind === "long" && right.kind === "long") return compareLongs(left.value, right.value);
  if (left.kind === "long" && right.overflow !== 0) return -right.overflow;
  if (right.kind === "long" && left.overflow !== 0) return left.overflow;
  const [first, second] = [asDouble(left), asDouble(right)];
  // Both infinite with the same sign: PHP compares the strings instead.
  if (left.kind === "double" && right.kind === "double" && first === second && !Number.isFinite(first)) return;
  return sign(first - second);
}

/** `zendi_smart_strcmp`: numeric strings compare as numbers, any other pair as bytes. */
export function smartCompare(left: string, right: string): number {
  const leftNumber = phpNumeric(left);
  const rightNumber = leftNumber === undefined ? undefined : phpNumeric(right);
  if (leftNumber === undefined || rightNumber === undefined) return binaryCompare(left, right);
  return compareNumerics(leftNumber, rightNumber) ?? binaryCompare(left, right);
}

/** `compare_long_to_string`: as numbers when the string is numeric, else the int's digits as bytes. */
export function compareLongToString(long: bigint, text: string): number {
  const numeric = phpNumeric(text);
  if (numeric === undefined) return binaryCompare(long.toString(), text);
  if (numeric.kind === "long") return compareLongs(long, numeric.value);
  return sign(Number(long) - numeric.value);
}

/** `php_array_key_compare_unstable_i`: the order ksort puts two keys in (0: keep bucket order). */
export function compareKeys(left: PhpKey, right: PhpKey): number {
  if (typeof left === "bigint") {
    // Two int keys are never equal; PHP returns 1 or -1 without a 0 case.
    if (typeof right === "bigint") return left > right ? 1 : -1;
    return compareLongToString(left, right);
  }
  if (typeof right === "bigint") return -compareLongToString(right, left);
  return smartCompare(left, right);
}
