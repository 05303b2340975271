import type { z } from "zod";
import type { MessageMap } from "../dispatch.js";
import type { ClientProtocolDescriptor, ProtocolDescriptor } from "../protocol.js";
import { Explainer } from "./explainer.js";
import { formatFreeFull, formatFreeSide } from "./format-free.js";
import type { LooseDescriptor, LooseFullDescriptor } from "./loose.js";
import type { ClientOptions } from "./types.js";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether an object schema (or one alternative of a union) declares `field`. */
export function schemaHasField(schema: z.ZodType | undefined, field: string): boolean {
  const definition = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (definition === undefined) return false;
  const shape = definition.shape;
  if (isRecord(shape)) return Object.hasOwn(shape, field);
  const inner = [definition.innerType, definition.in, ...(Array.isArray(definition.options) ? definition.options : [])];
  return inner.some((candidate) => schemaHasField(candidate as z.ZodType | undefined, field));
}

/** Client keys whose schema declares the signature field: the ones a client signs. */
function signedKeys(descriptor: LooseFullDescriptor): Set<string> {
  const signature = descriptor.signature;
  if (signature?.appliesTo !== "client") return new Set();
  const schemas = descriptor.client.schemas as Readonly<Record<string, z.ZodType>>;
  return new Set(Object.keys(schemas).filter((key) => schemaHasField(schemas[key], signature.field)));
}

/**
 * What the generic client runs on, from a full descriptor (explanations at hand) or from a generated
 * browser client descriptor (explanations loaded on demand). With `formats: "annotate"`, what the
 * server sends is decided by its format-free guards, before and after the explanations load.
 */
export function looseDescriptor<C extends MessageMap, S extends MessageMap>(
  descriptor: ProtocolDescriptor<C, S> | ClientProtocolDescriptor<C, S>,
  formats: ClientOptions<C>["formats"] = "assert",
): LooseDescriptor {
  const free = formats === "annotate" ? descriptor.server.formatFreeGuards : undefined;
  if ("explain" in descriptor) {
    const lazy = descriptor as unknown as ClientProtocolDescriptor<Record<string, unknown>, Record<string, unknown>>;
    const server = free === undefined ? lazy.server : formatFreeSide(lazy.server, free);
    const explain = free === undefined ? lazy.explain : () => lazy.explain().then((full) => formatFreeFull(full, free));
    return { ...lazy, server, signed: new Set(lazy.signed), explainer: new Explainer(explain) };
  }
  const full = descriptor as unknown as LooseFullDescriptor;
  const deciding = free === undefined ? full : formatFreeFull(full, free);
  return { ...deciding, signed: signedKeys(full), explainer: new Explainer(deciding) };
}
