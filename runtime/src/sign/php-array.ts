/**
 * The values PHP's `json_decode($text, true)` builds: ordered arrays whose keys are ints or strings.
 * Ints are bigints because PHP's are 64-bit; floats are boxed so that `1` and `1.0` stay apart.
 */

export type PhpKey = bigint | string;

export interface PhpFloat {
  readonly kind: "float";
  readonly value: number;
}

export interface PhpEntry {
  readonly key: PhpKey;
  value: PhpValue;
}

/** A PHP array: entries in insertion order (which PHP keeps), and where each key sits. */
export interface PhpArray {
  readonly kind: "array";
  readonly entries: PhpEntry[];
  readonly positions: Map<PhpKey, number>;
}

export type PhpValue = null | boolean | bigint | string | PhpFloat | PhpArray;

const int64Min = -(2n ** 63n);
const int64Max = 2n ** 63n - 1n;

/** Canonical decimal integers only: PHP leaves `"007"`, `"-0"`, `"+1"` and `" 1"` as string keys. */
const canonicalInteger = /^(?:0|-?[1-9]\d{0,18})$/;

/** The key PHP stores for a string key (`ZEND_HANDLE_NUMERIC_STR`): an int when it is one, in range. */
export function phpArrayKey(text: string): PhpKey {
  if (!canonicalInteger.test(text)) return text;
  const value = BigInt(text);
  return value >= int64Min && value <= int64Max ? value : text;
}

export function newPhpArray(): PhpArray {
  return { kind: "array", entries: [], positions: new Map() };
}

/** `zend_symtable_update`: a repeated key keeps its first position and takes the later value. */
export function setPhpEntry(array: PhpArray, key: PhpKey, value: PhpValue): void {
  const position = array.positions.get(key);
  const existing = position === undefined ? undefined : array.entries[position];
  if (existing !== undefined) {
    existing.value = value;
    return;
  }
  array.positions.set(key, array.entries.length);
  array.entries.push({ key, value });
}

/** `zend_array_is_list`: keys 0…n-1 in order (an empty array is one), which json_encode writes as `[…]`. */
export function isPhpList(array: PhpArray): boolean {
  return array.entries.every((entry, index) => entry.key === BigInt(index));
}
