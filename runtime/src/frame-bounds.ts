/**
 * Limits checked on a frame before anything recursive touches it (validators, signatures, size checks,
 * `JSON.stringify`): `JSON.parse` itself copes with any depth, but everything after it recurses, and a
 * few kilobytes of `[[[[…` are enough to overflow the stack.
 */
export interface FrameLimits {
  /** Deepest nesting of arrays and objects accepted (default 64). */
  readonly maxDepth: number;
  /** Longest frame accepted, in UTF-16 code units of its text (default 1 MiB). */
  readonly maxLength: number;
}

export const defaultMaxFrameDepth = 64;
export const defaultMaxFrameLength = 1024 * 1024;

export const defaultFrameLimits: FrameLimits = { maxDepth: defaultMaxFrameDepth, maxLength: defaultMaxFrameLength };

const quote = 34;
const backslash = 92;
const openBracket = 91;
const openBrace = 123;
const closeBracket = 93;
const closeBrace = 125;

/** Counts `character` in `text`, stopping once the count exceeds `limit` (native search: cheap on small frames). */
function countExceeds(text: string, character: string, limit: number): number {
  let count = 0;
  let at = text.indexOf(character);
  while (at !== -1 && count <= limit) {
    count += 1;
    at = text.indexOf(character, at + 1);
  }
  return count;
}

/** Where the string starting at `start` (a quote) ends: the index after its closing quote. */
function skipString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const end = text.indexOf('"', at);
    if (end === -1) return text.length;
    let slashes = 0;
    for (let back = end - 1; back > start && text.charCodeAt(back) === backslash; back -= 1) slashes += 1;
    if (slashes % 2 === 0) return end + 1;
    at = end + 1;
  }
}

/**
 * Whether the JSON text nests arrays and objects deeper than `maxDepth`. A frame with fewer opening
 * brackets than the limit cannot (the common case, found with two native searches); others are scanned
 * once, skipping strings.
 */
export function nestingExceeds(text: string, maxDepth: number): boolean {
  const brackets = countExceeds(text, "[", maxDepth);
  if (brackets + countExceeds(text, "{", maxDepth - brackets) <= maxDepth) return false;
  let depth = 0;
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === quote) {
      at = skipString(text, at);
      continue;
    }
    if (code === openBracket || code === openBrace) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === closeBracket || code === closeBrace) depth -= 1;
    at += 1;
  }
  return false;
}

/**
 * Whether an already decoded value (a Socket.IO event's data) nests deeper than `maxDepth` or holds more
 * than `maxLength` characters of strings and keys; iterative, stops at the first excess.
 */
export function valueExceeds(value: unknown, limits: FrameLimits): "too-deep" | "too-large" | undefined {
  const stack: { readonly node: unknown; readonly depth: number }[] = [{ node: value, depth: 0 }];
  let length = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { readonly node: unknown; readonly depth: number };
    if (typeof node === "string") length += node.length;
    else if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer) length += node.byteLength;
    else if (typeof node === "object" && node !== null) {
      if (depth + 1 > limits.maxDepth) return "too-deep";
      for (const key of Object.keys(node)) {
        length += key.length + 4;
        stack.push({ node: (node as Record<string, unknown>)[key], depth: depth + 1 });
      }
    } else length += 8;
    if (length > limits.maxLength) return "too-large";
  }
  return undefined;
}
