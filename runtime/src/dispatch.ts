import type { z } from "zod";
import { defaultFrameLimits, type FrameLimits, scansFrames, valueExceeds } from "./frame-bounds.js";
import { type FieldIssue, type FrameError, frameError, summarizeIssues, toFieldIssues } from "./frame-error.js";
import { FrameRefusal, type RawFrame, readFrame } from "./frame-text.js";
import { type GuardLookup, guardLookup } from "./guard-lookup.js";

export { type GuardLookup, guardLookup } from "./guard-lookup.js";

/** Messages by wire name: `{ bind: Bind; say: Say }` (an interface, so no index signature is required). */
export type MessageMap = object;

/** One validator per wire name, each typed against the message's interface. */
export type SchemaTable<M extends MessageMap> = { readonly [K in keyof M & string]: z.ZodType<M[K]> };

/** Compiled type guards, one per wire name: the fast verdict on the receive path. */
export type GuardTable<M extends MessageMap> = { readonly [K in keyof M & string]: (value: unknown) => value is M[K] };

/** A message that passed validation, tagged with its wire name. */
export type Decoded<M extends MessageMap> = {
  [K in keyof M & string]: { readonly ok: true; readonly name: K; readonly message: M[K] };
}[keyof M & string];

export type DecodeResult<M extends MessageMap> = Decoded<M> | { readonly ok: false; readonly error: FrameError };

function hasOwn(table: object, key: string): boolean {
  return Object.hasOwn(table, key);
}

/**
 * A guard's verdict; a guard that throws refuses. Guards recurse only as deep as their schema, except a
 * recursive schema's, which a deep enough value overflows: with depth bounded where the client recurses
 * (`depthCheck: "recursion"`), that overflow is a refusal, and the bounds below then name it.
 */
export function passes(guard: (value: unknown) => boolean, value: unknown): boolean {
  try {
    return guard(value);
  } catch {
    return false;
  }
}

/** The refusal of a value past a limit: `subject` names it in the summary ("say", "say data"). */
function excessError(excess: "too-deep" | "too-large", subject: string, frame: unknown, name: string): FrameError {
  const summary = `${subject} ${excess === "too-deep" ? "nests too deeply" : "is too large"}`;
  return frameError(excess, summary, frame, { messageName: name });
}

/** A refused value's depth and size, checked before zod recurses into it (limits that bound recursion only). */
export function boundsError(value: unknown, frame: unknown, name: string, limits: FrameLimits): FrameError | undefined {
  if (scansFrames(limits)) return undefined;
  const excess = valueExceeds(value, limits);
  return excess === undefined ? undefined : excessError(excess, name, frame, name);
}

/** zod's account of a value its guard refused: success when zod accepts it after all. */
function explain(schema: z.ZodType, value: unknown): { success: true } | { success: false; issues: FieldIssue[] } {
  try {
    const result = schema.safeParse(value);
    return result.success ? { success: true } : { success: false, issues: toFieldIssues(result.error.issues, value) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const issue = { path: "", expected: "a value zod can check", received: "one it threw on", message };
    return { success: false, issues: [issue] };
  }
}

/** `validateMessage` with the guards already in a lookup (dispatches build it once). */
export function validateWith<M extends MessageMap>(
  validators: Validators<M>,
  lookup: GuardLookup,
  name: string,
  value: unknown,
  frame: unknown,
  limits: FrameLimits = defaultFrameLimits,
): DecodeResult<M> {
  const entry = lookup.entry(name);
  if (entry === undefined) {
    return {
      ok: false,
      error: frameError("unknown-message", `unknown message ${JSON.stringify(name)}`, frame, { messageName: name }),
    };
  }
  if (passes(entry.guard, value)) return { ok: true, name: entry.name, message: value } as Decoded<M>;
  const excess = boundsError(value, frame, name, limits);
  if (excess !== undefined) return { ok: false, error: excess };
  // The guard and the zod schema come from the same spec and agree (a differential test checks it);
  // zod runs only to say what is wrong.
  const result = explain(validators.schemas[name as keyof M & string], value);
  if (result.success) return { ok: true, name: entry.name, message: value } as Decoded<M>;
  const { issues } = result;
  return {
    ok: false,
    error: frameError("invalid-message", summarizeIssues(name, issues), frame, { messageName: name, issues }),
  };
}

/**
 * Validates a value as the message named `name`. Unknown members are kept: the value returned is the
 * one received, not zod's output, so a field a server adds reaches the user untouched.
 */
export function validateMessage<M extends MessageMap>(
  validators: Validators<M>,
  name: string,
  value: unknown,
  frame: unknown,
): DecodeResult<M> {
  return validateWith(validators, guardLookup(validators.guards), name, value, frame);
}

/** The validators of one side's messages: zod schemas (for errors and users) and compiled guards. */
export interface Validators<M extends MessageMap> {
  readonly schemas: SchemaTable<M>;
  readonly guards: GuardTable<M>;
}

/** Frames that are one JSON object keyed by a discriminator property (`action`, `id`, `type`). */
export interface KeyedDispatch<M extends MessageMap> extends Validators<M> {
  readonly kind: "keyed";
  readonly discriminator: string;
  /** The same dispatch, refusing frames past `limits` (the runtime passes the server's or client's own). */
  withLimits(limits: FrameLimits): KeyedDispatch<M>;
  /** Raw frame → typed, validated message, or a precise error. Never throws. */
  decode(frame: RawFrame): DecodeResult<M>;
  /** An already parsed value → typed, validated message, or a precise error. Never throws. */
  decodeValue(value: unknown, frame?: unknown): DecodeResult<M>;
}

export function createKeyedDispatch<M extends MessageMap>(
  options: Validators<M> & { readonly discriminator: string; readonly limits?: FrameLimits },
): KeyedDispatch<M> {
  const { discriminator, schemas, guards } = options;
  const limits = options.limits ?? defaultFrameLimits;
  const lookup = guardLookup(guards);
  const decodeValue = (value: unknown, frame: unknown = value): DecodeResult<M> => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { ok: false, error: frameError("not-an-object", "frame is not a JSON object", frame) };
    }
    const key = (value as Record<string, unknown>)[discriminator];
    if (typeof key !== "string") {
      return { ok: false, error: frameError("missing-key", `frame has no string \`${discriminator}\``, frame) };
    }
    // The common case, a known message that passes, named by the table's own string (cheaper to look up later).
    const entry = lookup.entry(key);
    if (entry !== undefined && passes(entry.guard, value)) {
      return { ok: true, name: entry.name, message: value } as Decoded<M>;
    }
    return validateWith<M>(options, lookup, key, value, frame, limits);
  };
  return {
    kind: "keyed",
    discriminator,
    schemas,
    guards,
    withLimits: (next) => createKeyedDispatch({ ...options, limits: next }),
    decodeValue,
    decode(frame) {
      const value = readFrame(frame, limits);
      return value instanceof FrameRefusal ? { ok: false, error: value.error } : decodeValue(value, frame);
    },
  };
}

/** Frames that are JSON values no member names: told apart by their shape. */
export interface ShapeDispatch<M extends MessageMap> extends Validators<M> {
  readonly kind: "shape";
  withLimits(limits: FrameLimits): ShapeDispatch<M>;
  /** The keys whose guards are tried, in this order; the first that accepts the value names it. */
  readonly order: readonly string[];
  decode(frame: RawFrame): DecodeResult<M>;
  decodeValue(value: unknown, frame?: unknown): DecodeResult<M>;
}

/** The message whose schema the value misses by the fewest issues, to say what is wrong. */
function closestMiss<M extends MessageMap>(
  validators: Validators<M>,
  order: readonly string[],
  value: unknown,
  frame: unknown,
) {
  let best: { key: string; issues: FieldIssue[] } | undefined;
  for (const key of order) {
    const result = explain(validators.schemas[key as keyof M & string], value);
    if (result.success) continue;
    const { issues } = result;
    if (best === undefined || issues.length < best.issues.length) best = { key, issues };
  }
  const summary =
    best === undefined
      ? "frame matches no message"
      : `frame matches no message; closest is ${summarizeIssues(best.key, best.issues)}`;
  return frameError("unknown-message", summary, frame, { messageName: best?.key, issues: best?.issues ?? [] });
}

/**
 * Dispatch for channels whose messages share no discriminator: the compiled guards are tried in the
 * generator's documented order (more required members first), first match wins. The generator warns
 * about messages whose shapes overlap, so this order never decides silently.
 */
export function createShapeDispatch<M extends MessageMap>(
  options: Validators<M> & { readonly order: readonly string[]; readonly limits?: FrameLimits },
): ShapeDispatch<M> {
  const { schemas, guards } = options;
  const limits = options.limits ?? defaultFrameLimits;
  const order = options.order.filter((key) => hasOwn(guards, key));
  const decodeValue = (value: unknown, frame: unknown = value): DecodeResult<M> => {
    for (const key of order) {
      if (passes(guards[key as keyof M & string], value)) return { ok: true, name: key, message: value } as Decoded<M>;
    }
    const excess = boundsError(value, frame, "frame", limits);
    return { ok: false, error: excess ?? closestMiss(options, order, value, frame) };
  };
  return {
    kind: "shape",
    order,
    schemas,
    guards,
    withLimits: (next) => createShapeDispatch({ ...options, limits: next }),
    decodeValue,
    decode(frame) {
      const value = readFrame(frame, limits);
      return value instanceof FrameRefusal ? { ok: false, error: value.error } : decodeValue(value, frame);
    },
  };
}

/** An event name built at run time from a template (`socket-api-error-{transaction}`). */
export interface EventPattern {
  /** The template, also the message's key in the schema table. */
  readonly template: string;
  readonly pattern: RegExp;
}

export function eventPattern(template: string): EventPattern {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return { template, pattern: new RegExp(`^${escaped.replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, "(.+)")}$`) };
}

/** Socket.IO events: the event name picks the validator for the event's data. */
export interface EventDispatch<M extends MessageMap> extends Validators<M> {
  readonly kind: "event";
  withLimits(limits: FrameLimits): EventDispatch<M>;
  /** The key of the schema table an event name belongs to (templates resolved). */
  keyOf(event: string): string;
  decode(event: string, data: unknown): DecodeResult<M>;
}

export function createEventDispatch<M extends MessageMap>(
  options: Validators<M> & { readonly patterns?: readonly string[]; readonly limits?: FrameLimits },
): EventDispatch<M> {
  const { schemas, guards } = options;
  const limits = options.limits ?? defaultFrameLimits;
  const patterns = (options.patterns ?? []).map(eventPattern);
  const lookup = guardLookup(guards);
  const keyOf = (event: string): string => {
    if (lookup.has(event)) return event;
    return patterns.find((candidate) => candidate.pattern.test(event))?.template ?? event;
  };
  return {
    kind: "event",
    schemas,
    guards,
    withLimits: (next) => createEventDispatch({ ...options, limits: next }),
    keyOf,
    decode(event, data) {
      // Socket.IO hands over decoded data: its bounds are checked on the value, before any recursion
      // (with limits that bound recursion only, once its guard has refused it).
      const excess = scansFrames(limits) ? valueExceeds(data, limits) : undefined;
      if (excess !== undefined)
        return { ok: false, error: excessError(excess, `${event} data`, { event, data }, event) };
      // The common case, an event named as in the table whose data passes, in one lookup and no frame object.
      const entry = lookup.entry(event);
      if (entry !== undefined && passes(entry.guard, data)) {
        return { ok: true, name: entry.name, message: data } as Decoded<M>;
      }
      return validateWith<M>(options, lookup, keyOf(event), data, { event, data }, limits);
    },
  };
}
