import type { z } from "zod";
import { type FrameError, frameError, summarizeIssues, toFieldIssues } from "./frame-error.js";
import { parseFrame, type RawFrame } from "./frame-text.js";

/** Messages by wire name: `{ bind: Bind; say: Say }` (an interface, so no index signature is required). */
export type MessageMap = object;

/** One validator per wire name, each typed against the message's interface. */
export type SchemaTable<M extends MessageMap> = { readonly [K in keyof M & string]: z.ZodType<M[K]> };

/** A message that passed validation, tagged with its wire name. */
export type Decoded<M extends MessageMap> = {
  [K in keyof M & string]: { readonly ok: true; readonly name: K; readonly message: M[K] };
}[keyof M & string];

export type DecodeResult<M extends MessageMap> = Decoded<M> | { readonly ok: false; readonly error: FrameError };

function hasOwn(table: object, key: string): boolean {
  return Object.hasOwn(table, key);
}

/**
 * Validates a value as the message named `name`. Unknown members are kept: the value returned is the
 * one received, not zod's output, so a field a server adds reaches the user untouched.
 */
export function validateMessage<M extends MessageMap>(
  schemas: SchemaTable<M>,
  name: string,
  value: unknown,
  frame: unknown,
): DecodeResult<M> {
  if (!hasOwn(schemas, name)) {
    return {
      ok: false,
      error: frameError("unknown-message", `unknown message ${JSON.stringify(name)}`, frame, { messageName: name }),
    };
  }
  const schema = schemas[name as keyof M & string];
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, name, message: value } as Decoded<M>;
  const issues = toFieldIssues(result.error.issues, value);
  return {
    ok: false,
    error: frameError("invalid-message", summarizeIssues(name, issues), frame, { messageName: name, issues }),
  };
}

/** Frames that are one JSON object keyed by a discriminator property (`action`, `id`, `type`). */
export interface KeyedDispatch<M extends MessageMap> {
  readonly discriminator: string;
  readonly schemas: SchemaTable<M>;
  /** Raw frame → typed, validated message, or a precise error. Never throws. */
  decode(frame: RawFrame): DecodeResult<M>;
  /** An already parsed value → typed, validated message, or a precise error. Never throws. */
  decodeValue(value: unknown, frame?: unknown): DecodeResult<M>;
}

export function createKeyedDispatch<M extends MessageMap>(options: {
  discriminator: string;
  schemas: SchemaTable<M>;
}): KeyedDispatch<M> {
  const { discriminator, schemas } = options;
  const decodeValue = (value: unknown, frame: unknown = value): DecodeResult<M> => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { ok: false, error: frameError("not-an-object", "frame is not a JSON object", frame) };
    }
    const key = (value as Record<string, unknown>)[discriminator];
    if (typeof key !== "string") {
      return { ok: false, error: frameError("missing-key", `frame has no string \`${discriminator}\``, frame) };
    }
    return validateMessage(schemas, key, value, frame);
  };
  return {
    discriminator,
    schemas,
    decodeValue,
    decode(frame) {
      const parsed = parseFrame(frame);
      return parsed.ok ? decodeValue(parsed.value, frame) : parsed;
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
export interface EventDispatch<M extends MessageMap> {
  readonly schemas: SchemaTable<M>;
  /** The key of the schema table an event name belongs to (templates resolved). */
  keyOf(event: string): string;
  decode(event: string, data: unknown): DecodeResult<M>;
}

export function createEventDispatch<M extends MessageMap>(options: {
  schemas: SchemaTable<M>;
  patterns?: readonly string[];
}): EventDispatch<M> {
  const { schemas } = options;
  const patterns = (options.patterns ?? []).map(eventPattern);
  const keyOf = (event: string): string => {
    if (hasOwn(schemas, event)) return event;
    return patterns.find((candidate) => candidate.pattern.test(event))?.template ?? event;
  };
  return {
    schemas,
    keyOf,
    decode: (event, data) => validateMessage(schemas, keyOf(event), data, { event, data }),
  };
}
