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
  /**
   * Where `maxDepth` is enforced. `"frame"` (the default; servers): every frame's text is scanned before
   * it is parsed, and Socket.IO data walked before it is validated. `"recursion"` (clients): only what
   * recurses is bounded: a value its guard refused is checked before zod explains it, and a guard that
   * overflows the stack refuses. A valid frame then pays no scan (4–12% of `JSON.parse` on the
   * benchmark frames) and reaches listeners as `JSON.parse` built it, members no schema declares included.
   */
  readonly depthCheck?: "frame" | "recursion";
}

export const defaultMaxFrameDepth = 64;
export const defaultMaxFrameLength = 1024 * 1024;

export const defaultFrameLimits: FrameLimits = { maxDepth: defaultMaxFrameDepth, maxLength: defaultMaxFrameLength };

/** What generated clients apply: the default limits, depth bounded where the client recurses. */
export const clientFrameLimits: FrameLimits = { ...defaultFrameLimits, depthCheck: "recursion" };

/** Whether the text of every frame is scanned for depth before it is parsed. */
export function scansFrames(limits: FrameLimits): boolean {
  return limits.depthCheck !== "recursion";
}

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

/** Past this many levels the walk below would recurse too deep for comfort: it goes iterative instead. */
const recursionLimit = 256;

const tooDeep = -1;
const tooLarge = -2;

/**
 * Size of `node` (characters of strings and keys, 4 per member, 8 per other value), or `tooDeep`/`tooLarge`
 * at the first excess. Recursion is bounded by `depthLeft` (≤ recursionLimit). Members that are strings
 * or scalars are sized in the loop, without a call: this walk runs on every Socket.IO event.
 */
function sizeOf(node: unknown, depthLeft: number, maxLength: number): number {
  // `maxLength` is what is left of the limit: a nested value stops as soon as the whole would exceed it.
  if (typeof node === "string") return node.length;
  if (typeof node !== "object" || node === null) return 8;
  if (Array.isArray(node)) return depthLeft === 0 ? tooDeep : arraySize(node, depthLeft - 1, maxLength);
  // Binary data: Socket.IO attachments. (Object.getPrototypeOf first would call into the runtime.)
  if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer) return node.byteLength;
  return depthLeft === 0 ? tooDeep : objectSize(node, depthLeft - 1, maxLength);
}

function arraySize(node: readonly unknown[], depthLeft: number, maxLength: number): number {
  let total = 0;
  for (let index = 0; index < node.length; index += 1) {
    const item: unknown = node[index];
    const size =
      typeof item === "string"
        ? item.length
        : typeof item !== "object" || item === null
          ? 8
          : sizeOf(item, depthLeft, maxLength - total);
    if (size < 0) return size;
    total += size + (index < 10 ? 5 : index < 100 ? 6 : String(index).length + 4);
    if (total > maxLength) return tooLarge;
  }
  return total;
}

function objectSize(node: object, depthLeft: number, maxLength: number): number {
  let total = 0;
  for (const key in node) {
    // biome-ignore lint/suspicious/noPrototypeBuiltins: V8 compiles this form, not Object.hasOwn, away inside for-in (half the walk's time).
    if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
    const item: unknown = (node as Record<string, unknown>)[key];
    const size =
      typeof item === "string"
        ? item.length
        : typeof item !== "object" || item === null
          ? 8
          : sizeOf(item, depthLeft, maxLength - total);
    if (size < 0) return size;
    total += size + key.length + 4;
    if (total > maxLength) return tooLarge;
  }
  return total;
}

/**
 * Whether an already decoded value (a Socket.IO event's data) nests deeper than `maxDepth` or holds more
 * than `maxLength` characters of strings and keys; stops at the first excess. A recursive walk (no
 * allocation per node, on this per-event path) when the depth limit keeps recursion shallow.
 */
export function valueExceeds(value: unknown, limits: FrameLimits): "too-deep" | "too-large" | undefined {
  if (limits.maxDepth > recursionLimit) return valueExceedsIteratively(value, limits);
  const size = sizeOf(value, limits.maxDepth, limits.maxLength);
  if (size === tooDeep) return "too-deep";
  return size === tooLarge || size > limits.maxLength ? "too-large" : undefined;
}

/** `valueExceeds` for depth limits too high to recurse: the pending nodes and depths in two arrays. */
function valueExceedsIteratively(value: unknown, limits: FrameLimits): "too-deep" | "too-large" | undefined {
  const nodes: unknown[] = [value];
  const depths: number[] = [0];
  let length = 0;
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop() as number;
    if (typeof node === "string") length += node.length;
    else if (typeof node !== "object" || node === null) length += 8;
    else if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer) length += node.byteLength;
    else {
      if (depth >= limits.maxDepth) return "too-deep";
      length += pushMembers(node, depth + 1, nodes, depths);
    }
    if (length > limits.maxLength) return "too-large";
  }
  return undefined;
}

/** Queues an object's or array's members; returns the characters its keys count for (key + 4 each). */
function pushMembers(node: object, depth: number, nodes: unknown[], depths: number[]): number {
  let length = 0;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index += 1) {
      length += String(index).length + 4;
      nodes.push(node[index]);
      depths.push(depth);
    }
    return length;
  }
  for (const key of Object.keys(node)) {
    length += key.length + 4;
    nodes.push((node as Record<string, unknown>)[key]);
    depths.push(depth);
  }
  return length;
}
