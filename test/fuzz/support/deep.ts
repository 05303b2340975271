/** Text builders for the frames no JSON encoder would produce: deep nesting and huge strings, built as text. */

export const depths = [10, 100, 1_000, 5_000, 50_000] as const;
export type Nesting = "array" | "object";

const cache = new Map<string, string>();

/** `[[[…]]]` or `{"a":{"a":…1}}` nested `depth` times (cached: a 50,000-deep value is reused, not rebuilt). */
export function deepText(depth: number, nesting: Nesting): string {
  const id = `${nesting}:${depth}`;
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const built =
    nesting === "array" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  cache.set(id, built);
  return built;
}

/** A string of `length` ASCII letters (cached per length, so that huge frames share their filler). */
export function fillerText(length: number): string {
  const id = `filler:${length}`;
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const built = "x".repeat(Math.max(0, length));
  cache.set(id, built);
  return built;
}
