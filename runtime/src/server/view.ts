import type { z } from "zod";
import type { PayloadPath, ProtocolDescriptor, ReplyDescriptor, RpcRole, SideDescriptor } from "../protocol.js";

/** One side of a descriptor, read by string key (the runtime is generic over protocols). */
export interface SideView {
  readonly keys: readonly string[];
  readonly failures: readonly string[];
  schema(key: string): z.ZodType | undefined;
  guard(key: string): ((value: unknown) => boolean) | undefined;
  correlation(key: string): PayloadPath | undefined;
  rpc(key: string): RpcRole | undefined;
  replies(key: string): ReplyDescriptor | undefined;
  /** The `{field}` names of an event template, when the key is one. */
  patternFields(key: string): readonly string[] | undefined;
}

/** A descriptor read generically: messages by string key. */
export type LooseMessages = Record<string, unknown>;
export type AnyDescriptor = ProtocolDescriptor<LooseMessages, LooseMessages>;

function own<T>(table: object, key: string): T | undefined {
  return Object.hasOwn(table, key) ? ((table as Record<string, T>)[key] ?? undefined) : undefined;
}

export function sideView(side: SideDescriptor<LooseMessages>): SideView {
  return {
    keys: side.keys,
    failures: side.failures,
    schema: (key) => own<z.ZodType>(side.schemas, key),
    guard: (key) => own<(value: unknown) => boolean>(side.guards, key),
    correlation: (key) => own<PayloadPath>(side.correlation, key),
    rpc: (key) => own<RpcRole>(side.rpc, key),
    replies: (key) => own<ReplyDescriptor>(side.replies, key),
    patternFields: (key) => own<{ readonly fields: readonly string[] }>(side.eventPatterns, key)?.fields,
  };
}

/** Fills an event template (`socket-api-error-{transaction}`) from a message's fields. */
export function fillTemplate(template: string, fields: readonly string[], source: unknown): string | undefined {
  let event = template;
  for (const field of fields) {
    const value =
      source !== null && typeof source === "object" ? (source as Record<string, unknown>)[field] : undefined;
    // An empty value would name an event nobody listens to (`socket-api-error-`).
    if ((typeof value !== "string" && typeof value !== "number") || value === "") return undefined;
    event = event.replace(`{${field}}`, String(value));
  }
  return event;
}
