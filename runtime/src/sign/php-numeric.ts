/**
 * PHP 8's `_is_numeric_string_ex` (Zend/zend_operators.c) as `zendi_smart_strcmp` and
 * `compare_longs_to_string` call it: with a double out-parameter and no errors allowed.
 */

export type PhpNumeric =
  | { readonly kind: "long"; readonly value: bigint; readonly overflow: 0 }
  | { readonly kind: "double"; readonly value: number; readonly overflow: -1 | 0 | 1 };

/**
 * Optional whitespace, sign, then digits with an optional fraction (`1.` included), or a fraction alone
 * (`.5`), an optional exponent, optional trailing whitespace. Groups: number, sign, integer digits
 * without leading zeros, fraction-or-exponent, trailing whitespace.
 */
const numericPattern = /^[ \t\n\r\v\f]*(([+-]?)(?:0*(\d*)(?<=\d)(\.\d*)?|(\.\d+))([eE][+-]?\d+)?)([ \t\n\r\v\f]*)$/;

/** MAX_LENGTH_OF_LONG on 64-bit: from 20 significant digits on, the loop stops and calls it an overflow. */
const maxLongLength = 20;
const longMinDigits = "9223372036854775808";

/** `strcmp` over ASCII: what PHP compares 19-digit strings against LONG_MIN's digits with. */
function asciiCompare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

export function phpNumeric(text: string): PhpNumeric | undefined {
  const match = numericPattern.exec(text);
  if (match === null) return undefined;
  const [, number = "", sign = "", digits = "", fraction, leadingPoint, exponent, trailing = ""] = match;
  const overflow = sign === "-" ? -1 : 1;
  const value = Number(number);
  if (digits.length >= maxLongLength) return { kind: "double", value, overflow };
  if (fraction !== undefined || leadingPoint !== undefined || exponent !== undefined) {
    return { kind: "double", value, overflow: 0 };
  }
  if (digits.length === maxLongLength - 1) {
    // PHP compares from the digits to the string's end, trailing whitespace included.
    const compared = asciiCompare(digits + trailing, longMinDigits);
    if (!(compared < 0 || (compared === 0 && sign === "-"))) return { kind: "double", value, overflow };
  }
  const magnitude = BigInt(digits === "" ? "0" : digits);
  return { kind: "long", value: sign === "-" ? -magnitude : magnitude, overflow: 0 };
}
