/**
 * fast-check arbitraries for JSON Schema (draft-07) nodes found in AsyncAPI documents: values that
 * should satisfy a schema, and mutations of them that likely do not. Written independently of the
 * zod generator so that the two can be compared against ajv.
 *
 * How it works: a schema is flattened into a conjunction (`$ref` targets and `allOf` branches
 * merged into one list), `anyOf`/`oneOf` are expanded into alternative conjunctions, and each
 * alternative is generated per JSON type it allows, with the keywords of every conjunct applied.
 */

import type { Arbitrary } from "fast-check";
import fc from "fast-check";

type Kind = "null" | "boolean" | "integer" | "number" | "string" | "array" | "object";
type SchemaNode = Readonly<Record<string, unknown>>;
/** Schema objects that must all hold, with `$ref` and `allOf` already expanded. */
type Conjunction = readonly SchemaNode[];
type Maybe<T> = Arbitrary<T> | undefined;

const ALL_KINDS: readonly Kind[] = ["null", "boolean", "integer", "number", "string", "array", "object"];
/** From this depth on, only required members and minimal arrays: keeps cyclic schemas small. */
const SOFT_DEPTH = 3;
/** Past this depth a schema counts as unsatisfiable (a cycle through required members). */
const HARD_DEPTH = 10;
/** Nested mutations stop here: deeper invalid values add cost, not coverage. */
const MUTATION_DEPTH = SOFT_DEPTH + 1;
const MAX_ALTERNATIVES = 64;
const MAX_CHOICE_NESTING = 8;
const RETRIES = 32;
/** Unbounded numbers mostly stay within this magnitude: readable, and exact in doubles. */
const SMALL = 1_000_000;

const KEYWORDS_BY_KIND: ReadonlyArray<readonly [readonly Kind[], readonly string[]]> = [
  [["object"], ["properties", "required", "additionalProperties", "minProperties", "maxProperties"]],
  [["array"], ["items", "additionalItems", "minItems", "maxItems", "uniqueItems"]],
  [["string"], ["minLength", "maxLength", "pattern", "format"]],
  [
    ["integer", "number"],
    ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  ],
];
/** Keywords that constrain a value (everything else is an annotation here). */
const VALIDATION_KEYWORDS = new Set([
  "type",
  "const",
  "enum",
  "anyOf",
  "oneOf",
  ...KEYWORDS_BY_KIND.flatMap(([, keywords]) => keywords),
]);

interface Context {
  readonly document: unknown;
  readonly valid: Map<unknown, Map<number, Maybe<unknown>>>;
  readonly invalid: Map<unknown, Map<number, Maybe<unknown>>>;
}

// ---------------------------------------------------------------- small helpers

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOwn(record: unknown, key: string): boolean {
  return isRecord(record) && Object.hasOwn(record, key);
}

/** JSON has no -0: `JSON.stringify(-0)` is "0", so a validator would see a different value. */
function noNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}

/** Key-order independent text of a JSON value, for equality (const/enum). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

function kindOfValue(value: unknown): Kind | undefined {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "string") return typeof value as Kind;
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (Array.isArray(value)) return "array";
  return isRecord(value) ? "object" : undefined;
}

/** Unicode code points, as ajv counts string lengths. */
function codePointLength(text: string): number {
  return [...text].length;
}

function choose<T>(arbitraries: readonly Arbitrary<T>[]): Maybe<T> {
  const [first, ...rest] = arbitraries;
  if (first === undefined) return undefined;
  return rest.length === 0 ? first : fc.oneof(first, ...rest);
}

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function lazy<T>(make: () => T): () => T {
  let box: { readonly value: T } | undefined;
  return () => {
    box ??= { value: make() };
    return box.value;
  };
}

/**
 * Keeps values that pass `keep`, trying a bounded number of candidates: a plain `filter` would spin
 * forever on contradictory constraints; here the last candidate comes out and the test reports it.
 */
function retrying<T>(arbitrary: Arbitrary<T>, keep: (value: T) => boolean): Arbitrary<T> {
  return fc.infiniteStream(arbitrary).map((stream) => {
    let last: T | undefined;
    for (const value of stream.take(RETRIES)) {
      if (keep(value)) return value;
      last = value;
    }
    return last as T;
  });
}

function memo(
  table: Map<unknown, Map<number, Maybe<unknown>>>,
  key: unknown,
  depth: number,
  make: () => Maybe<unknown>,
): Maybe<unknown> {
  const byDepth = table.get(key) ?? new Map<number, Maybe<unknown>>();
  table.set(key, byDepth);
  if (!byDepth.has(depth)) byDepth.set(depth, make());
  return byDepth.get(depth);
}

// ---------------------------------------------------------------- schema resolution

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) throw new Error(`only local $refs are supported, found ${ref}`);
  const path = ref.slice(1);
  if (path === "") return document;
  let node = document;
  for (const raw of path.slice(1).split("/")) {
    const segment = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isRecord(node) && Object.hasOwn(node, segment)) node = node[segment];
    else throw new Error(`dangling $ref ${ref}`);
  }
  return node;
}

/**
 * The conjunction a schema node stands for, or null for an unsatisfiable one (`false`). In
 * draft-07 as ajv 8 applies it, `$ref` siblings still count, so they stay in the conjunction.
 */
function flatten(document: unknown, node: unknown, trail: ReadonlySet<unknown> = new Set()): SchemaNode[] | null {
  if (node === false) return null;
  // A `$ref`/`allOf` cycle adds nothing new: the trail cuts it.
  if (!isRecord(node) || trail.has(node)) return [];
  const inner = new Set(trail).add(node);
  const { $ref, allOf, ...rest } = node;
  const parts: SchemaNode[] = [rest];
  const subschemas = [
    ...(typeof $ref === "string" ? [resolvePointer(document, $ref)] : []),
    ...(Array.isArray(allOf) ? allOf : []),
  ];
  for (const subschema of subschemas) {
    const flat = flatten(document, subschema, inner);
    if (flat === null) return null;
    parts.push(...flat);
  }
  return parts;
}

function flattenAll(document: unknown, nodes: readonly unknown[]): SchemaNode[] | null {
  const parts: SchemaNode[] = [];
  for (const node of nodes) {
    const flat = flatten(document, node);
    if (flat === null) return null;
    parts.push(...flat);
  }
  return parts;
}

/** Expands `anyOf`/`oneOf` into choice-free conjunctions, one per combination of branches. */
function alternatives(document: unknown, conj: Conjunction, nesting = 0): Conjunction[] {
  const index = conj.findIndex((part) => Array.isArray(part.anyOf) || Array.isArray(part.oneOf));
  const chooser = conj[index];
  if (chooser === undefined) return [conj];
  if (nesting > MAX_CHOICE_NESTING) return [];
  const keyword = Array.isArray(chooser.anyOf) ? "anyOf" : "oneOf";
  const { [keyword]: branches, ...rest } = chooser;
  const others = conj.filter((_, position) => position !== index);
  const result: Conjunction[] = [];
  for (const branch of Array.isArray(branches) ? branches : []) {
    const flat = flatten(document, branch);
    if (flat !== null) result.push(...alternatives(document, [...others, rest, ...flat], nesting + 1));
    if (result.length >= MAX_ALTERNATIVES) break;
  }
  return result.slice(0, MAX_ALTERNATIVES);
}

// ---------------------------------------------------------------- facts about a conjunction

function isConstrained(conj: Conjunction): boolean {
  return conj.some((part) => Object.keys(part).some((keyword) => VALIDATION_KEYWORDS.has(keyword)));
}

function declaredKinds(type: unknown): Set<Kind> | undefined {
  const names: unknown[] | undefined = typeof type === "string" ? [type] : Array.isArray(type) ? type : undefined;
  if (names === undefined) return undefined;
  const kinds = new Set<Kind>();
  for (const name of names) {
    if (name === "number") kinds.add("integer");
    if (typeof name === "string" && (ALL_KINDS as readonly string[]).includes(name)) kinds.add(name as Kind);
  }
  return kinds;
}

/** Kinds every `type` in the conjunction allows, or undefined when none says. */
function explicitKinds(conj: Conjunction): Kind[] | undefined {
  let kinds: Kind[] | undefined;
  for (const part of conj) {
    const own = declaredKinds(part.type);
    if (own !== undefined) kinds = (kinds ?? [...ALL_KINDS]).filter((kind) => own.has(kind));
  }
  return kinds;
}

/** Untyped schemas: generate the kinds their keywords talk about (any kind would be valid). */
function inferredKinds(conj: Conjunction): Kind[] {
  const kinds = KEYWORDS_BY_KIND.filter(([, keywords]) =>
    conj.some((part) => keywords.some((keyword) => keyword in part)),
  ).flatMap(([group]) => group);
  return kinds.length === 0 ? [...ALL_KINDS] : kinds;
}

/** Values allowed by every `const`/`enum`, or undefined when there is none. */
function candidates(conj: Conjunction): unknown[] | undefined {
  let result: unknown[] | undefined;
  for (const part of conj) {
    const lists = [...("const" in part ? [[part.const]] : []), ...(Array.isArray(part.enum) ? [part.enum] : [])];
    for (const list of lists) {
      const allowed = new Set(list.map(canonical));
      result = (result ?? list).filter((value) => allowed.has(canonical(value)));
    }
  }
  const kinds = explicitKinds(conj);
  return result?.filter((value) => kinds === undefined || kinds.includes(kindOfValue(value) ?? "null"));
}

function numbers(conj: Conjunction, keyword: string): number[] {
  return conj.map((part) => part[keyword]).filter((value): value is number => typeof value === "number");
}

function largest(conj: Conjunction, keyword: string): number | undefined {
  const values = numbers(conj, keyword);
  return values.length === 0 ? undefined : Math.max(...values);
}

function smallest(conj: Conjunction, keyword: string): number | undefined {
  const values = numbers(conj, keyword);
  return values.length === 0 ? undefined : Math.min(...values);
}

function strings(conj: Conjunction, keyword: string): string[] {
  return conj.map((part) => part[keyword]).filter((value): value is string => typeof value === "string");
}

// ---------------------------------------------------------------- any JSON value

const extraKeyArbitrary = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,7}$/);

const leafJson: Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(noNegativeZero),
  fc.string(),
);

function anyJson(levels: number): Arbitrary<unknown> {
  if (levels <= 0) return leafJson;
  const inner = anyJson(levels - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leafJson },
    { weight: 1, arbitrary: fc.array(inner, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(extraKeyArbitrary, inner, { maxKeys: 3, noNullPrototype: true }) },
  );
}

const ANY_JSON = anyJson(2);

// ---------------------------------------------------------------- numbers

interface Bounds {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

function bounds(conj: Conjunction): Bounds {
  let low = Number.NEGATIVE_INFINITY;
  let lowOpen = false;
  let high = Number.POSITIVE_INFINITY;
  let highOpen = false;
  for (const part of conj) {
    for (const [value, open] of [
      [part.minimum, false],
      [part.exclusiveMinimum, true],
    ] as const) {
      if (typeof value === "number" && (value > low || (value === low && open))) [low, lowOpen] = [value, open];
    }
    for (const [value, open] of [
      [part.maximum, false],
      [part.exclusiveMaximum, true],
    ] as const) {
      if (typeof value === "number" && (value < high || (value === high && open))) [high, highOpen] = [value, open];
    }
  }
  return { low, lowOpen, high, highOpen };
}

function inBounds(value: number, b: Bounds): boolean {
  const aboveLow = b.lowOpen ? value > b.low : value >= b.low;
  const belowHigh = b.highOpen ? value < b.high : value <= b.high;
  return aboveLow && belowHigh;
}

/** ajv's own multipleOf test (without multipleOfPrecision). */
function isMultiple(value: number, divisor: number): boolean {
  return Number.isInteger(value / divisor);
}

/** Smallest integer that is a multiple of `divisor` in ajv's sense, if a small one exists. */
function integerStep(divisor: number): number | undefined {
  for (let factor = 1; factor <= 10_000; factor++) {
    const candidate = Math.round(divisor * factor);
    if (candidate !== 0 && Math.abs(candidate - divisor * factor) < 1e-9 && isMultiple(candidate, divisor)) {
      return candidate;
    }
  }
  return undefined;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** `k` in [first, last], mostly small in magnitude but sometimes anywhere in the range. */
function factorArbitrary(first: number, last: number): Arbitrary<number> {
  const full = fc.integer({ min: first, max: last });
  const small = { min: Math.max(first, -SMALL), max: Math.min(last, SMALL) };
  if (small.min > small.max) return full;
  return fc.oneof({ weight: 3, arbitrary: fc.integer(small) }, { weight: 1, arbitrary: full });
}

/** Values `k * step` within bounds (up to `limit` in magnitude), k a safe integer. */
function stepArbitrary(b: Bounds, step: number, limit: number): Maybe<number> {
  let first = Math.max(Math.ceil(Math.max(b.low, -limit) / step), Number.MIN_SAFE_INTEGER);
  let last = Math.min(Math.floor(Math.min(b.high, limit) / step), Number.MAX_SAFE_INTEGER);
  if (b.lowOpen && first * step === b.low) first++;
  if (b.highOpen && last * step === b.high) last--;
  if (first > last) return undefined;
  return factorArbitrary(first, last).map((k) => noNegativeZero(k * step));
}

function multipleArbitrary(b: Bounds, divisors: readonly number[], integerOnly: boolean): Maybe<number> {
  const steps = integerOnly ? divisors.map(integerStep) : divisors.slice(0, 1);
  if (!steps.every(defined) || steps[0] === undefined) return undefined;
  // Integer steps combine into their least common multiple, so all divisors hold at once.
  const step = integerOnly ? steps.reduce((a, c) => (a / gcd(a, c)) * c) : steps[0];
  const limit = integerOnly ? Number.MAX_SAFE_INTEGER : 1e15;
  const multiples = stepArbitrary(b, step, limit);
  return multiples && retrying(multiples, (value) => inBounds(value, b) && divisors.every((d) => isMultiple(value, d)));
}

function integerArbitrary(b: Bounds): Maybe<number> {
  return stepArbitrary(b, 1, Number.MAX_SAFE_INTEGER);
}

function doubleArbitrary(b: Bounds): Maybe<number> {
  if (b.low > b.high || (b.low === b.high && (b.lowOpen || b.highOpen))) return undefined;
  const range = (low: number, high: number) =>
    fc
      .double({
        noNaN: true,
        noDefaultInfinity: true,
        ...(Number.isFinite(low) ? { min: low, minExcluded: b.lowOpen && low === b.low } : {}),
        ...(Number.isFinite(high) ? { max: high, maxExcluded: b.highOpen && high === b.high } : {}),
      })
      .map(noNegativeZero);
  const small = { low: Math.max(b.low, -SMALL), high: Math.min(b.high, SMALL) };
  if (small.low >= small.high) return range(b.low, b.high);
  return fc.oneof(
    { weight: 3, arbitrary: range(small.low, small.high) },
    { weight: 1, arbitrary: range(b.low, b.high) },
  );
}

function numberArbitrary(conj: Conjunction, integerOnly: boolean): Maybe<number> {
  const b = bounds(conj);
  const divisors = numbers(conj, "multipleOf").filter((divisor) => divisor > 0);
  if (divisors.length > 0) return multipleArbitrary(b, divisors, integerOnly);
  return integerOnly ? integerArbitrary(b) : doubleArbitrary(b);
}

// ---------------------------------------------------------------- strings

const dateArbitrary = fc.date({
  min: new Date("1970-01-01T00:00:00.000Z"),
  max: new Date("2099-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

const simpleEmail = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,8}([._-][a-z0-9]{1,8})?$/), fc.stringMatching(/^[a-z0-9]{1,10}\.[a-z]{2,6}$/))
  .map(([local, domain]) => `${local}@${domain}`);

const FORMATS: Readonly<Record<string, Arbitrary<string>>> = {
  uuid: fc.uuid(),
  // ISO text with "Z": accepted by every date-time reading (ajv-formats, zod's z.iso.datetime()).
  "date-time": dateArbitrary.map((date) => date.toISOString()),
  date: dateArbitrary.map((date) => date.toISOString().slice(0, 10)),
  email: fc.oneof({ weight: 3, arbitrary: simpleEmail }, { weight: 1, arbitrary: fc.emailAddress() }),
  uri: fc.webUrl(),
};

const BAD_FORMAT_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  uuid: ["not-a-uuid", "123e4567-e89b-12d3-a456-42661417400", "123e4567e89b12d3a456426614174000"],
  "date-time": ["2024-13-01T00:00:00Z", "yesterday", "2024-01-01"],
  date: ["2024-02-30", "01/02/2024", "20240101"],
  email: ["no-at-sign", "a@", "@example.com"],
  uri: ["no scheme here", "//example.com/path", "example"],
};

interface StringFacts {
  readonly minLength: number;
  readonly maxLength: number | undefined;
  readonly patterns: readonly RegExp[];
  readonly format: string | undefined;
}

function stringFacts(conj: Conjunction): StringFacts {
  return {
    minLength: largest(conj, "minLength") ?? 0,
    maxLength: smallest(conj, "maxLength"),
    // ajv compiles patterns with the "u" flag.
    patterns: strings(conj, "pattern").map((pattern) => new RegExp(pattern, "u")),
    format: strings(conj, "format").find((format) => format in FORMATS),
  };
}

function fitsString(text: string, facts: StringFacts): boolean {
  const length = codePointLength(text);
  const longEnough = length >= facts.minLength;
  const shortEnough = facts.maxLength === undefined || length <= facts.maxLength;
  return longEnough && shortEnough && facts.patterns.every((pattern) => pattern.test(text));
}

function plainString(minLength: number, maxLength: number | undefined): Arbitrary<string> {
  const lengths = { minLength, ...(maxLength === undefined ? {} : { maxLength }) };
  // Mostly ASCII; sometimes any code point, to exercise length counting beyond UTF-16 units.
  return fc.oneof(
    { weight: 4, arbitrary: fc.string(lengths) },
    { weight: 1, arbitrary: fc.string({ ...lengths, unit: "binary" }) },
  );
}

function stringArbitrary(conj: Conjunction): Maybe<string> {
  const facts = stringFacts(conj);
  if (facts.maxLength !== undefined && facts.minLength > facts.maxLength) return undefined;
  const [pattern] = facts.patterns;
  if (facts.format === undefined && pattern === undefined) return plainString(facts.minLength, facts.maxLength);
  const base =
    (facts.format === undefined ? undefined : FORMATS[facts.format]) ??
    fc.stringMatching(pattern ?? /^/, facts.maxLength === undefined ? {} : { maxLength: facts.maxLength });
  return retrying(base, (text) => fitsString(text, facts));
}

// ---------------------------------------------------------------- arrays

/** Schemas item `index` must satisfy, or null when no item may stand there. */
function itemSchemas(conj: Conjunction, index: number): unknown[] | null {
  const result: unknown[] = [];
  for (const part of conj) {
    if (Array.isArray(part.items)) {
      if (index < part.items.length) result.push(part.items[index]);
      else if (part.additionalItems === false) return null;
      else if (part.additionalItems !== undefined) result.push(part.additionalItems);
    } else if (part.items !== undefined) {
      result.push(part.items);
    }
  }
  return result;
}

function tupleLength(conj: Conjunction): number {
  return Math.max(0, ...conj.map((part) => (Array.isArray(part.items) ? part.items.length : 0)));
}

interface ArrayFacts {
  readonly minItems: number;
  readonly maxItems: number;
  readonly tuple: number;
  readonly unique: boolean;
}

function arrayFacts(conj: Conjunction): ArrayFacts {
  return {
    minItems: largest(conj, "minItems") ?? 0,
    maxItems: smallest(conj, "maxItems") ?? Number.POSITIVE_INFINITY,
    tuple: tupleLength(conj),
    unique: conj.some((part) => part.uniqueItems === true),
  };
}

function dedupe(items: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(canonical(item)) && Boolean(seen.add(canonical(item))));
}

/** Valid arbitraries for the tuple positions, stopping at the first position nothing fits. */
function positionArbitraries(ctx: Context, conj: Conjunction, count: number, depth: number): Arbitrary<unknown>[] {
  const result: Arbitrary<unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const schemas = itemSchemas(conj, index);
    const arbitrary = schemas === null ? undefined : validOf(ctx, schemas, depth + 1);
    if (arbitrary === undefined) break;
    result.push(arbitrary);
  }
  return result;
}

function arrayArbitrary(ctx: Context, conj: Conjunction, depth: number): Maybe<unknown[]> {
  const facts = arrayFacts(conj);
  const minimal = depth >= SOFT_DEPTH;
  const wanted = Math.min(facts.tuple, facts.maxItems, minimal ? facts.minItems : facts.tuple);
  const positions = positionArbitraries(ctx, conj, wanted, depth);
  if (positions.length < Math.min(facts.minItems, facts.tuple)) return undefined;
  const restSchemas = positions.length === facts.tuple ? itemSchemas(conj, facts.tuple) : null;
  const rest = restSchemas === null ? undefined : validOf(ctx, restSchemas, depth + 1);
  const restMin = Math.max(0, facts.minItems - positions.length);
  const restMax = rest === undefined ? 0 : Math.min(facts.maxItems - positions.length, restMin + (minimal ? 0 : 3));
  if (restMin > restMax) return undefined;
  const tail = rest === undefined ? fc.constant([]) : fc.array(rest, { minLength: restMin, maxLength: restMax });
  const full = fc.tuple(fc.tuple(...positions), tail).map(([head, more]): unknown[] => [...head, ...more]);
  const shortened = full.chain((items) =>
    fc.integer({ min: Math.min(facts.minItems, items.length), max: items.length }).map((n) => items.slice(0, n)),
  );
  // A tuple may legally stop early (draft-07 has no implicit minItems): sometimes do.
  const result = positions.length > facts.minItems ? fc.oneof({ weight: 4, arbitrary: full }, shortened) : full;
  return facts.unique ? result.map(dedupe) : result;
}

// ---------------------------------------------------------------- objects

interface ObjectFacts {
  readonly declared: ReadonlySet<string>;
  readonly required: ReadonlySet<string>;
  readonly closed: boolean;
}

function objectFacts(conj: Conjunction): ObjectFacts {
  const declared = new Set(conj.flatMap((part) => (isRecord(part.properties) ? Object.keys(part.properties) : [])));
  const required = new Set(conj.flatMap((part) => (Array.isArray(part.required) ? part.required : [])));
  return {
    declared,
    required: new Set([...required].filter((key): key is string => typeof key === "string")),
    closed: conj.some((part) => part.additionalProperties === false),
  };
}

/** A closed conjunct (`additionalProperties: false`) only admits the keys it declares itself. */
function admits(conj: Conjunction, key: string): boolean {
  return conj.every((part) => part.additionalProperties !== false || hasOwn(part.properties, key));
}

/** Schemas the value of member `key` must satisfy (its declarations, else additionalProperties). */
function memberSchemas(conj: Conjunction, key: string): unknown[] {
  return conj.flatMap((part) => {
    if (isRecord(part.properties) && Object.hasOwn(part.properties, key)) return [part.properties[key]];
    return part.additionalProperties === undefined ? [] : [part.additionalProperties];
  });
}

function undeclaredKey(facts: ObjectFacts): Arbitrary<string> {
  return extraKeyArbitrary.filter((key) => !facts.declared.has(key));
}

function recordArbitrary(ctx: Context, conj: Conjunction, facts: ObjectFacts, depth: number): Maybe<object> {
  const minimal = depth >= SOFT_DEPTH;
  const model: Record<string, Arbitrary<unknown>> = {};
  for (const key of new Set([...facts.required, ...(minimal ? [] : facts.declared)])) {
    const arbitrary =
      admits(conj, key) || facts.required.has(key) ? validOf(ctx, memberSchemas(conj, key), depth + 1) : undefined;
    if (arbitrary === undefined && facts.required.has(key)) return undefined;
    if (arbitrary !== undefined) Object.defineProperty(model, key, { value: arbitrary, enumerable: true });
  }
  const requiredKeys = [...facts.required].filter((key) => Object.hasOwn(model, key));
  return fc.record(model, { requiredKeys, noNullPrototype: true });
}

/** Undeclared members: real servers add fields, so valid objects sometimes carry some. */
function extrasArbitrary(ctx: Context, conj: Conjunction, facts: ObjectFacts, depth: number): Arbitrary<object> {
  const none = fc.constant({});
  if (facts.closed || depth >= SOFT_DEPTH) return none;
  const valueSchemas = conj.flatMap((part) =>
    part.additionalProperties === undefined ? [] : [part.additionalProperties],
  );
  const value = validOf(ctx, valueSchemas, depth + 1);
  if (value === undefined) return none;
  const freeForm = facts.declared.size === 0;
  const extras = fc.dictionary(undeclaredKey(facts), value, { maxKeys: freeForm ? 3 : 2, noNullPrototype: true });
  return freeForm ? extras : fc.oneof({ weight: 3, arbitrary: none }, { weight: 1, arbitrary: extras });
}

function objectArbitrary(ctx: Context, conj: Conjunction, depth: number): Maybe<object> {
  const facts = objectFacts(conj);
  const record = recordArbitrary(ctx, conj, facts, depth);
  if (record === undefined) return undefined;
  const extras = extrasArbitrary(ctx, conj, facts, depth);
  const merged = fc.tuple(extras, record).map(([more, known]) => ({ ...more, ...known }));
  const fewest = largest(conj, "minProperties") ?? 0;
  const most = smallest(conj, "maxProperties") ?? Number.POSITIVE_INFINITY;
  if (fewest === 0 && most === Number.POSITIVE_INFINITY) return merged;
  return retrying(merged, (value) => Object.keys(value).length >= fewest && Object.keys(value).length <= most);
}

// ---------------------------------------------------------------- valid values

function kindArbitrary(ctx: Context, kind: Kind, conj: Conjunction, depth: number): Maybe<unknown> {
  switch (kind) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return numberArbitrary(conj, true);
    case "number":
      return numberArbitrary(conj, false);
    case "string":
      return stringArbitrary(conj);
    case "array":
      return arrayArbitrary(ctx, conj, depth);
    case "object":
      return objectArbitrary(ctx, conj, depth);
  }
}

/** Valid values for one choice-free conjunction. */
function alternativeValid(ctx: Context, conj: Conjunction, depth: number): Maybe<unknown> {
  const allowed = candidates(conj);
  if (allowed !== undefined) return allowed.length === 0 ? undefined : fc.constantFrom(...allowed);
  if (!isConstrained(conj)) return ANY_JSON;
  const kinds = explicitKinds(conj) ?? inferredKinds(conj);
  return choose(kinds.map((kind) => kindArbitrary(ctx, kind, conj, depth)).filter(defined));
}

function buildValid(ctx: Context, nodes: readonly unknown[], depth: number): Maybe<unknown> {
  if (depth > HARD_DEPTH) return undefined;
  const conj = flattenAll(ctx.document, nodes);
  if (conj === null) return undefined;
  const options = alternatives(ctx.document, conj).map((alternative) => alternativeValid(ctx, alternative, depth));
  return choose(options.filter(defined));
}

/** Valid values for the conjunction of `nodes`; undefined when none could be generated. */
function validOf(ctx: Context, nodes: readonly unknown[], depth: number): Maybe<unknown> {
  const [only] = nodes;
  if (nodes.length !== 1 || !isRecord(only)) return buildValid(ctx, nodes, depth);
  return memo(ctx.valid, only, depth, () => buildValid(ctx, nodes, depth));
}

// ---------------------------------------------------------------- invalid values

/** One sample per kind, to swap a value for one of a kind the schema does not allow. */
const KIND_SAMPLES: Readonly<Record<Kind, readonly unknown[]>> = {
  null: [null],
  boolean: [true, false],
  integer: [0, 7, -3],
  number: [2.5, -0.125],
  string: ["", "wrong"],
  array: [[], [1, "two"]],
  object: [{}, { unexpected: 1 }],
};

/** Kinds an alternative accepts; every kind unless types or const/enum narrow it. */
function acceptedKinds(conj: Conjunction): readonly Kind[] {
  const allowed = candidates(conj);
  if (allowed !== undefined) return allowed.map((value) => kindOfValue(value)).filter(defined);
  return explicitKinds(conj) ?? ALL_KINDS;
}

function typeSwap(accepted: ReadonlySet<Kind>): Arbitrary<unknown>[] {
  const samples = ALL_KINDS.filter((kind) => !accepted.has(kind)).flatMap((kind) => KIND_SAMPLES[kind]);
  return samples.length === 0 ? [] : [fc.constantFrom(...samples)];
}

function perturbations(value: unknown): unknown[] {
  if (typeof value === "string")
    return [`${value}_`, value.toUpperCase() === value ? `${value}x` : value.toUpperCase()];
  if (typeof value === "number") return [value + 1, -value - 1, value + 0.5].map(noNegativeZero);
  if (typeof value === "boolean") return [!value];
  if (value === null) return ["null", 0];
  if (Array.isArray(value)) return [[...value, null], []];
  return [{ ...(isRecord(value) ? value : {}), unexpected: true }, {}];
}

function enumBreak(allowed: readonly unknown[]): Arbitrary<unknown>[] {
  const taken = new Set(allowed.map(canonical));
  const outside = allowed
    .flatMap(perturbations)
    .filter((value) => !taken.has(canonical(value)) && (typeof value !== "number" || Number.isFinite(value)));
  return outside.length === 0 ? [] : [fc.constantFrom(...outside)];
}

function stringMutations(conj: Conjunction): Arbitrary<unknown>[] {
  const facts = stringFacts(conj);
  const result: Arbitrary<unknown>[] = [];
  if (facts.minLength > 0) result.push(fc.string({ maxLength: facts.minLength - 1 }));
  if (facts.maxLength !== undefined) {
    result.push(fc.string({ minLength: facts.maxLength + 1, maxLength: facts.maxLength + 4 }));
  }
  if (facts.patterns.length > 0) {
    result.push(retrying(fc.string(), (text) => !facts.patterns.every((pattern) => pattern.test(text))));
  }
  const bad = facts.format === undefined ? undefined : BAD_FORMAT_SAMPLES[facts.format];
  if (bad !== undefined) result.push(fc.constantFrom(...bad));
  return result;
}

function numberMutations(conj: Conjunction, kinds: readonly Kind[]): Arbitrary<unknown>[] {
  const b = bounds(conj);
  const result: Arbitrary<unknown>[] = [];
  if (Number.isFinite(b.low)) result.push(fc.constant(noNegativeZero(b.lowOpen ? b.low : b.low - 1)));
  if (Number.isFinite(b.high)) result.push(fc.constant(noNegativeZero(b.highOpen ? b.high : b.high + 1)));
  const integerOnly = !kinds.includes("number");
  const valid = numberArbitrary(conj, integerOnly);
  // Off by half a step; past 2^40 steps a double could round the half away, so use the half alone.
  const shifted = (offset: number) =>
    valid?.map((value) => (Math.abs(value / offset) < 2 ** 40 ? value + offset : offset)) ?? fc.constant(offset);
  if (integerOnly) result.push(shifted(0.5));
  for (const divisor of numbers(conj, "multipleOf").filter((d) => d > 0)) result.push(shifted(divisor / 2));
  return result;
}

function padded(items: readonly unknown[], length: number): unknown[] {
  const filler = items.length > 0 ? items[0] : null;
  return [...items, ...Array.from({ length: Math.max(0, length - items.length) }, () => filler)];
}

function replacedAt(items: readonly unknown[], index: number, value: unknown): unknown[] {
  const copy = [...items];
  copy[index] = value;
  return copy;
}

/** Valid arrays with one item replaced by an invalid one. */
function itemMutation(ctx: Context, conj: Conjunction, valid: Arbitrary<unknown[]>, depth: number): Arbitrary<unknown> {
  const tuple = tupleLength(conj);
  const invalidAt = new Map<number, () => Maybe<unknown>>();
  const invalidItem = (index: number): Maybe<unknown> => {
    const position = Math.min(index, tuple);
    const make = invalidAt.get(position) ?? lazy(() => invalidOf(ctx, itemSchemas(conj, position) ?? [], depth + 1));
    invalidAt.set(position, make);
    return make();
  };
  return valid.chain((items) => {
    const index = items.length === 0 ? fc.constant(0) : fc.nat(items.length - 1);
    return index.chain((at) => invalidItem(at)?.map((bad) => replacedAt(items, at, bad)) ?? fc.constant(items));
  });
}

function arrayMutations(ctx: Context, conj: Conjunction, depth: number): Arbitrary<unknown>[] {
  const valid = arrayArbitrary(ctx, conj, depth);
  if (valid === undefined) return [];
  const facts = arrayFacts(conj);
  const result: Arbitrary<unknown>[] = [];
  if (facts.minItems > 0) result.push(valid.map((items) => items.slice(0, facts.minItems - 1)));
  if (facts.maxItems < 50) result.push(valid.map((items) => padded(items, facts.maxItems + 1)));
  if (itemSchemas(conj, facts.tuple) === null) result.push(valid.map((items) => padded(items, facts.tuple + 1)));
  if (depth < MUTATION_DEPTH) result.push(itemMutation(ctx, conj, valid, depth));
  return result;
}

function omitted(record: object, key: string): object {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}

function withMember(record: object, key: string, value: unknown): object {
  return Object.fromEntries([...Object.entries(record).filter(([name]) => name !== key), [key, value]]);
}

/** True when some value breaks the conjunction of `nodes` (false schemas included). */
function canFail(ctx: Context, nodes: readonly unknown[]): boolean {
  const conj = flattenAll(ctx.document, nodes);
  return conj === null || isConstrained(conj);
}

/** Valid objects with one declared member made invalid (or added invalid when absent). */
function memberMutation(ctx: Context, conj: Conjunction, valid: Arbitrary<object>, depth: number): Maybe<unknown> {
  const facts = objectFacts(conj);
  const keys = [...new Set([...facts.declared, ...facts.required])].filter((key) =>
    canFail(ctx, memberSchemas(conj, key)),
  );
  if (keys.length === 0) return undefined;
  const invalidMember = new Map(
    keys.map((key) => [key, lazy(() => invalidOf(ctx, memberSchemas(conj, key), depth + 1))]),
  );
  return valid.chain((record) =>
    fc.constantFrom(...keys).chain(
      (key) =>
        invalidMember
          .get(key)?.()
          ?.map((bad) => withMember(record, key, bad)) ?? fc.constant(record),
    ),
  );
}

function objectMutations(ctx: Context, conj: Conjunction, depth: number): Arbitrary<unknown>[] {
  const valid = objectArbitrary(ctx, conj, depth);
  if (valid === undefined) return [];
  const facts = objectFacts(conj);
  const result: Arbitrary<unknown>[] = [];
  const required = [...facts.required];
  if (required.length > 0) {
    result.push(valid.chain((record) => fc.constantFrom(...required).map((key) => omitted(record, key))));
  }
  if (facts.closed) {
    result.push(valid.chain((record) => undeclaredKey(facts).map((key) => withMember(record, key, "extra"))));
  }
  if (depth < MUTATION_DEPTH) {
    const extraSchemas = conj.flatMap((part) =>
      isRecord(part.additionalProperties) ? [part.additionalProperties] : [],
    );
    const badExtra = extraSchemas.length > 0 ? invalidOf(ctx, extraSchemas, depth + 1) : undefined;
    if (badExtra !== undefined) {
      const key = undeclaredKey(facts);
      result.push(valid.chain((record) => fc.tuple(key, badExtra).map(([k, bad]) => withMember(record, k, bad))));
    }
    const member = memberMutation(ctx, conj, valid, depth);
    if (member !== undefined) result.push(member);
  }
  return result;
}

/** Mutations of one choice-free conjunction's valid values. */
function alternativeInvalid(ctx: Context, conj: Conjunction, depth: number): Arbitrary<unknown>[] {
  const allowed = candidates(conj);
  if (allowed !== undefined) return enumBreak(allowed);
  if (!isConstrained(conj)) return [];
  const kinds = explicitKinds(conj) ?? inferredKinds(conj);
  const result: Arbitrary<unknown>[] = [];
  if (kinds.includes("string")) result.push(...stringMutations(conj));
  if (kinds.includes("integer") || kinds.includes("number")) result.push(...numberMutations(conj, kinds));
  if (kinds.includes("array")) result.push(...arrayMutations(ctx, conj, depth));
  if (kinds.includes("object")) result.push(...objectMutations(ctx, conj, depth));
  return result;
}

function buildInvalid(ctx: Context, nodes: readonly unknown[], depth: number): Maybe<unknown> {
  const conj = flattenAll(ctx.document, nodes);
  const options = conj === null ? [] : alternatives(ctx.document, conj);
  // Nothing is valid: any value will do.
  if (options.length === 0) return ANY_JSON;
  const accepted = new Set(options.flatMap(acceptedKinds));
  const mutations = [...typeSwap(accepted), ...options.flatMap((option) => alternativeInvalid(ctx, option, depth))];
  return choose(mutations);
}

/** Likely-invalid values for the conjunction of `nodes`; undefined when every value is valid. */
function invalidOf(ctx: Context, nodes: readonly unknown[], depth: number): Maybe<unknown> {
  const [only] = nodes;
  if (nodes.length !== 1 || !isRecord(only)) return buildInvalid(ctx, nodes, depth);
  return memo(ctx.invalid, only, depth, () => buildInvalid(ctx, nodes, depth));
}

// ---------------------------------------------------------------- public API

function createContext(document: object): Context {
  return { document, valid: new Map(), invalid: new Map() };
}

/**
 * JSON values that should satisfy `schema`, a draft-07 node (possibly a local `$ref`) inside
 * `document`, the raw AsyncAPI document.
 */
export function validArbitrary(document: object, schema: unknown): Arbitrary<unknown> {
  const arbitrary = validOf(createContext(document), [schema], 0);
  if (arbitrary === undefined) throw new Error("no valid value can be generated for this schema");
  return arbitrary;
}

/**
 * JSON values that likely violate `schema`: mutations of valid values. Some may still be valid.
 * For a schema that accepts everything, this yields (necessarily valid) JSON values.
 */
export function invalidArbitrary(document: object, schema: unknown): Arbitrary<unknown> {
  return invalidOf(createContext(document), [schema], 0) ?? ANY_JSON;
}
