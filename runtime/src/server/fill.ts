import type { z } from "zod";

/**
 * Builds a message a schema accepts from what the server already has: a seed (the received message),
 * fallback sources (the sender's records), and, for a missing list, a known collection (members present).
 * Used for the spec's default behaviours (handshake answers, forwarding, greetings), never for what a
 * handler sends. It follows zod's issues: a missing field is taken from a source by the same path or
 * name, then a literal the schema names, then an empty list, object or null; with `lenient`, also an
 * empty string, 0 or false. The result is zod's output, so members the schema does not know (a join's
 * `token`) are not passed on.
 */
export interface FillOptions {
  readonly sources: readonly unknown[];
  /** Known lists (members present, rooms joined), tried in turn for a missing list, then []. */
  readonly collections?: readonly (readonly unknown[])[];
  /** Allows "", 0 and false for fields nothing else fills. */
  readonly lenient: boolean;
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];
type Candidate = { readonly found: true; readonly value: unknown } | { readonly found: false };

const maxRounds = 24;
const none: Candidate = { found: false };

export function buildMessage(schema: z.ZodType, seed: unknown, options: FillOptions): unknown | undefined {
  const state: FillState = { tried: new Map(), lists: new Map(), options };
  let value = cloneJson(seed ?? {});
  for (let round = 0; round < maxRounds; round += 1) {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const fixed = fixIssue(value, issue, [], state);
      if (fixed === undefined) return undefined;
      value = fixed;
    }
  }
  return undefined;
}

interface FillState {
  /** Attempts per path. */
  readonly tried: Map<string, number>;
  /** Lists filled from a collection: path and the collection's index. */
  readonly lists: Map<string, { readonly path: Path; readonly index: number }>;
  readonly options: FillOptions;
}

function fixIssue(root: unknown, issue: Issue, base: Path, state: FillState): unknown {
  const path = [...base, ...issue.path];
  const list = [...state.lists.entries()].find(([, entry]) => isInside(path, entry.path));
  if (list !== undefined) return nextCollection(root, list[0], list[1], state);
  const { tried, options } = state;
  if (issue.code === "invalid_union") {
    const alternatives = issue.errors.filter((errors) => errors.length > 0);
    const simplest = [...alternatives].sort((a, b) => a.length - b.length)[0];
    if (simplest === undefined) return undefined;
    let value: unknown = root;
    for (const inner of simplest) {
      value = fixIssue(value, inner, path, state);
      if (value === undefined) return undefined;
    }
    return value;
  }
  if (issue.code === "unrecognized_keys") {
    const holder = valueAt(root, path);
    if (holder === null || typeof holder !== "object") return undefined;
    for (const key of issue.keys) delete (holder as Record<string, unknown>)[key];
    return root;
  }
  const attempt = tried.get(pathKey(path)) ?? 0;
  tried.set(pathKey(path), attempt + 1);
  if (issue.code === "invalid_type" && issue.expected === "array" && attempt <= 1) {
    const fromSource = attempt === 0 ? fromSources(path, options.sources) : none;
    if (fromSource.found) return setAt(root, path, fromSource.value);
    return nextCollection(root, pathKey(path), { path, index: -1 }, state);
  }
  const candidate = candidateFor(issue, path, attempt, options);
  return candidate.found ? setAt(root, path, candidate.value) : undefined;
}

/** Puts the next known collection at a list's path (after the previous one was refused), finally []. */
function nextCollection(root: unknown, key: string, entry: { path: Path; index: number }, state: FillState) {
  const index = entry.index + 1;
  const collection = state.options.collections?.[index];
  if (collection === undefined) {
    state.lists.delete(key);
    state.tried.set(key, 3);
    return setAt(root, entry.path, []);
  }
  state.lists.set(key, { path: entry.path, index });
  return setAt(root, entry.path, cloneJson(collection));
}

function isInside(path: Path, list: Path): boolean {
  return path.length > list.length && list.every((segment, index) => path[index] === segment);
}

/** Attempt 0: a source's value; then a literal the schema names or a default for the expected type. */
function candidateFor(issue: Issue, path: Path, attempt: number, options: FillOptions): Candidate {
  if (issue.code === "invalid_value") {
    return attempt < 3 && issue.values.length > 0 ? { found: true, value: issue.values[0] } : none;
  }
  if (issue.code !== "invalid_type") return none;
  if (attempt === 0) {
    const fromSource = fromSources(path, options.sources);
    if (fromSource.found) return fromSource;
  }
  return attempt <= 2 ? defaultFor(issue.expected, options.lenient) : none;
}

function fromSources(path: Path, sources: readonly unknown[]): Candidate {
  const name = path[path.length - 1];
  for (const source of sources) {
    const exact = valueAt(source, path);
    if (exact !== undefined) return { found: true, value: cloneJson(exact) };
    if (name !== undefined && typeof name !== "number") {
      const byName = valueAt(source, [name]);
      if (byName !== undefined) return { found: true, value: cloneJson(byName) };
    }
  }
  return none;
}

function defaultFor(expected: string, lenient: boolean): Candidate {
  switch (expected) {
    case "object":
      return { found: true, value: {} };
    case "array":
      return { found: true, value: [] };
    case "null":
      return { found: true, value: null };
    case "string":
      return lenient ? { found: true, value: "" } : none;
    case "number":
    case "int":
      return lenient ? { found: true, value: 0 } : none;
    case "boolean":
      return lenient ? { found: true, value: false } : none;
    default:
      return none;
  }
}

function pathKey(path: Path): string {
  return path.map(String).join("\u0000");
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return node;
}

/** Sets a value at a path, creating objects (or arrays for numeric segments) on the way. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const top = root !== null && typeof root === "object" ? root : {};
  let node = top as Record<PropertyKey, unknown>;
  path.forEach((segment, index) => {
    if (index === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (next === null || typeof next !== "object") node[segment] = typeof path[index + 1] === "number" ? [] : {};
    node = node[segment] as Record<PropertyKey, unknown>;
  });
  return top;
}

export function cloneJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
