/**
 * The yueyue signature as its PHP server computes it:
 * `$p = json_decode($frame, true); unset($p[$field]); ksort($p); md5(json_encode($p, JSON_UNESCAPED_UNICODE))`.
 * Worked out from the frame's text, because PHP's result depends on the text's key order, on which keys
 * PHP turns into ints, and on how its non-transitive key comparison meets its sort algorithm.
 */
import { md5 } from "./md5.js";
import { newPhpArray, type PhpArray, type PhpEntry, phpArrayKey } from "./php-array.js";
import { compareKeys } from "./php-compare.js";
import { phpJsonDecodeObject } from "./php-json-decode.js";
import { PhpEncodeError, phpJsonEncodeValue } from "./php-json-encode.js";
import { zendSort } from "./zend-sort.js";

/** `ksort($array)`: PHP 8's stable sort, ties falling back to the original (bucket) order. */
export function phpKsort(array: PhpArray): PhpArray {
  const entries = array.entries.map((entry, order) => ({ entry, order }));
  const at = (position: number) => {
    const found = entries[position];
    if (found === undefined) throw new RangeError(`zend_sort reached past the array (${position})`);
    return found;
  };
  zendSort(
    {
      compare: (left, right) => {
        const [a, b] = [at(left), at(right)];
        return compareKeys(a.entry.key, b.entry.key) || Math.sign(a.order - b.order);
      },
      swap: (left, right) => {
        [entries[left], entries[right]] = [at(right), at(left)];
      },
    },
    0,
    entries.length,
  );
  return rebuilt(entries.map(({ entry }) => entry));
}

function rebuilt(entries: readonly PhpEntry[]): PhpArray {
  const array = newPhpArray();
  for (const entry of entries) {
    array.positions.set(entry.key, array.entries.length);
    array.entries.push(entry);
  }
  return array;
}

/** `unset($array[$field])`, with PHP's key conversion (a field named "0" is the int key 0). */
function without(array: PhpArray, field: string): PhpArray {
  const key = phpArrayKey(field);
  return rebuilt(array.entries.filter((entry) => entry.key !== key));
}

/**
 * The string PHP hashes for a frame's text; undefined when `json_decode` would not give PHP an array
 * (invalid JSON, nesting deeper than PHP allows, a lone UTF-16 surrogate, a top level that is no object).
 * "" where `json_encode` fails (a number literal too large for a double): PHP then hashes `false`, i.e. "".
 */
export function phpCanonicalText(text: string, field: string): string | undefined {
  const decoded = phpJsonDecodeObject(text);
  if (decoded === undefined) return undefined;
  try {
    return phpJsonEncodeValue(phpKsort(without(decoded, field)));
  } catch (error) {
    if (error instanceof PhpEncodeError) return "";
    throw error;
  }
}

/** The signature PHP computes for a frame as received (its raw text); undefined when PHP cannot decode it. */
export function phpSignText(text: string, field: string): string | undefined {
  const canonical = phpCanonicalText(text, field);
  return canonical === undefined ? undefined : md5(canonical);
}

/**
 * A JS value as PHP sees it after the wire: what `json_encode(json_decode(JSON.stringify(value), true))`
 * writes. Throws when JSON.stringify gives nothing PHP can decode.
 */
export function phpJsonEncode(value: unknown): string {
  const decoded = phpJsonDecodeObject(`{"":${JSON.stringify(value) ?? "null"}}`);
  const entry = decoded?.entries[0];
  if (entry === undefined) throw new TypeError("PHP cannot decode this value's JSON");
  return phpJsonEncodeValue(entry.value);
}

/** The string PHP hashes for a frame sent as `JSON.stringify(frame)`. */
export function phpCanonicalJson(frame: Readonly<Record<string, unknown>>, field: string): string {
  const canonical = phpCanonicalText(JSON.stringify(frame), field);
  if (canonical === undefined) throw new TypeError("PHP cannot decode this frame's JSON");
  return canonical;
}

/** The signature PHP computes for a frame sent as `JSON.stringify(frame)` (hashing all but `field`). */
export function phpJsonSign(frame: Readonly<Record<string, unknown>>, field: string): string {
  return md5(phpCanonicalJson(frame, field));
}
