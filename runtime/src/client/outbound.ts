import type { RpcId } from "../json-rpc.js";
import type { PayloadPath } from "../protocol.js";
import type { ClientFeatures } from "./features.js";
import type { LooseDescriptor } from "./loose.js";

/** A message ready for the wire: the key, and what goes out (message, or JSON-RPC envelope). */
export interface Outbound {
  readonly key: string;
  readonly payload: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A copy of `message` with `value` at `path` (creating objects on the way). */
export function withValueAt(message: unknown, path: PayloadPath, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const base = isRecord(message) ? message : {};
  return { ...base, [head]: withValueAt(base[head], rest, value) };
}

let correlationCounter = 0;

/** A correlation value unique to this client run (a UUID where the platform has one). */
export function newCorrelationValue(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID === "function") return crypto.randomUUID();
  correlationCounter += 1;
  return `${Date.now().toString(36)}-${correlationCounter.toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The signature field, recomputed, when the spec signs this client message: the hash PHP computes over
 * the text the client sends, `JSON.stringify` of the result (the field keeps its place, or comes last,
 * and the other members keep the order JSON.stringify writes them in). Throws a TypeError for a message
 * PHP could not decode (e.g. a lone UTF-16 surrogate), as JSON.stringify does for a BigInt.
 */
export function signed(
  descriptor: LooseDescriptor,
  key: string,
  message: unknown,
  sign: ClientFeatures["sign"],
): unknown {
  const signature = descriptor.signature;
  if (signature?.appliesTo !== "client" || !isRecord(message) || sign === undefined) return message;
  if (!descriptor.signed.has(key)) return message;
  return { ...message, [signature.field]: sign(message, signature.field) };
}

/** What goes on the wire for `message` under the descriptor's framing. */
export function encodeOutbound(
  descriptor: LooseDescriptor,
  features: ClientFeatures,
  key: string,
  message: unknown,
  rpcId?: RpcId,
): Outbound {
  const framing = descriptor.framing;
  if (framing.kind === "json-rpc") {
    const id = rpcId === undefined ? {} : { id: rpcId };
    return { key, payload: { jsonrpc: framing.version, ...id, method: key, params: message ?? {} } };
  }
  const keyed =
    framing.kind === "json" && isRecord(message) && !(framing.discriminator in message)
      ? { [framing.discriminator]: key, ...message }
      : message;
  return { key, payload: signed(descriptor, key, keyed, features.sign) };
}
