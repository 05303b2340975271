import { literalOf, objectView } from "./infer-object.js";
import type { JsonValue, Message, Protocol, RpcRole, SchemaNode } from "./types.js";

const emptyParams: SchemaNode = { kind: "object", properties: [], additional: "open", docs: {} };

/** A JSON-RPC message as wiretype models it: the role, the wire name (method) and the inner payload. */
interface RpcReading {
  readonly role: RpcRole;
  /** The envelope member the payload now describes; examples are cut down to it too. */
  readonly inner: "params" | "result" | "error";
  readonly method?: string;
  readonly payload: SchemaNode;
}

/** Reads a payload that describes a whole JSON-RPC 2.0 envelope (`jsonrpc: "2.0"` fixed). */
function readEnvelope(protocol: Protocol, message: Message): RpcReading | undefined {
  const view = objectView(protocol, message.payload);
  if (view === undefined) return undefined;
  const member = (name: string) => view.properties.find((property) => property.name === name);
  const version = member("jsonrpc");
  if (version === undefined || literalOf(protocol, version.schema) !== "2.0") return undefined;
  const method = member("method");
  if (method !== undefined) {
    const name = literalOf(protocol, method.schema);
    if (typeof name !== "string") return undefined;
    const role = member("id") === undefined ? "notification" : "request";
    return { role, inner: "params", method: name, payload: member("params")?.schema ?? emptyParams };
  }
  const result = member("result");
  if (result !== undefined) return { role: "result", inner: "result", payload: result.schema };
  const error = member("error");
  return error === undefined ? undefined : { role: "error", inner: "error", payload: error.schema };
}

function innerValue(envelope: JsonValue, member: string): JsonValue {
  const isObject = typeof envelope === "object" && envelope !== null && !Array.isArray(envelope);
  return isObject ? (envelope[member] ?? {}) : envelope;
}

/**
 * JSON-RPC 2.0 recognised from the payloads: every message fixes `jsonrpc: "2.0"` and is a request
 * or notification with a constant `method`, a result or an error. The messages are rewritten to
 * wiretype's json-rpc model (the payload describes `params`, `result` or `error`; the envelope is
 * implied). Undefined when any message does not fit.
 */
export function inferJsonRpc(protocol: Protocol, messages: readonly Message[]): Map<string, Message> | undefined {
  const readings = messages.map((message) => [message, readEnvelope(protocol, message)] as const);
  if (readings.length === 0 || readings.some(([, reading]) => reading === undefined)) return undefined;
  const rewritten = new Map<string, Message>();
  for (const [message, reading] of readings) {
    if (reading === undefined) continue;
    rewritten.set(message.id, {
      ...message,
      rpc: reading.role,
      wireName: reading.method ?? message.wireName,
      payload: reading.payload,
      examples: message.examples.map((example) => ({
        ...example,
        payload: innerValue(example.payload, reading.inner),
      })),
    });
  }
  return rewritten;
}
