import { type RpcId, rpcErrorCodes } from "../json-rpc.js";
import type { Encoder } from "./encoder.js";
import { buildMessage } from "./fill.js";
import type { Failure, Refusal, ServerConnection } from "./internal.js";
import { type AnyDescriptor, sideView } from "./view.js";

/** Code of the error that answers a call made before the session is open (JSON-RPC servers' custom range). */
export const beforeSessionCode = -32000;

/** JSON-RPC 2.0 envelopes; results and errors carry the request's id, notifications get nothing. */
export function rpcEncoder(descriptor: AnyDescriptor, nextId: () => number): Encoder {
  const client = sideView(descriptor.client);
  const server = sideView(descriptor.server);
  const write = (connection: ServerConnection, envelope: object) => connection.link.deliver({ data: envelope });
  // Each envelope is one object literal, jsonrpc first: members added to a spread copy are slow on Node 20.
  const notification = (key: string, params: unknown) => ({ jsonrpc: "2.0", method: key, params });
  const call = (id: RpcId, key: string, params: unknown) => ({ jsonrpc: "2.0", id, method: key, params });
  const failure = (id: RpcId | null, error: unknown) => ({ jsonrpc: "2.0", id, error });

  return {
    push(connection, key, params) {
      write(connection, server.rpc(key) === "request" ? call(nextId(), key, params) : notification(key, params));
    },
    packet(key, params) {
      if (server.rpc(key) === "request") return undefined;
      const data = notification(key, params);
      return { data, text: JSON.stringify(data) };
    },
    request(connection, key, params, id) {
      write(connection, call(id, key, params));
    },
    reply(connection, inbound, answer) {
      if (inbound.rpcId === undefined) return undefined;
      const replies = client.replies(inbound.key);
      const isError = replies?.error?.guard(answer) === true && replies.result?.guard(answer) !== true;
      const id = inbound.rpcId;
      write(connection, isError ? failure(id, answer) : { jsonrpc: "2.0", id, result: answer });
      return isError ? "error" : "result";
    },
    fail(connection, inbound, failed: Failure) {
      if (inbound.rpcId === undefined) return;
      if ("kind" in failed && failed.kind === "session-refused") {
        const documented = documentedRefusal(descriptor);
        if (documented !== undefined) return write(connection, failure(inbound.rpcId, documented));
      }
      const { kind: _kind, ...object } = failed as Failure & { readonly kind?: string };
      const code = object.code ?? rpcErrorCodes.internalError;
      write(connection, failure(inbound.rpcId, { ...object, code }));
    },
    refuse(connection, refusal: Refusal) {
      const { kind, summary, issues } = refusal.error;
      const code = refusal.rpcCode ?? rpcErrorCodes.invalidRequest;
      const documented = code === beforeSessionCode ? documentedError(descriptor, code) : undefined;
      const data = issues.length > 0 ? { kind, issues: JSON.parse(JSON.stringify(issues)) } : { kind };
      write(connection, failure(refusal.rpcId ?? null, documented ?? { code, message: summary, data }));
    },
  };
}

/**
 * The error object the spec documents for a code (verto's `{ code: -32000, message: "Authentication
 * Required" }`), built from the handshake's error schema; undefined when it documents none.
 */
function documentedError(descriptor: AnyDescriptor, code: number): unknown {
  const handshake = descriptor.session?.handshake;
  const schema = handshake === undefined ? undefined : sideView(descriptor.client).replies(handshake)?.error?.schema;
  const built = schema && buildMessage(schema, { code }, { sources: [], lenient: false });
  const builtCode = built !== null && typeof built === "object" ? (built as { code?: unknown }).code : undefined;
  return builtCode === code ? built : undefined;
}

/**
 * The error the spec documents for a refused handshake: its last failure answer that is an error object
 * (verto `authFailedError`, -32001 "Authentication Failure"; the first, `authRequiredError`, asks to log in).
 */
function documentedRefusal(descriptor: AnyDescriptor): unknown {
  const handshake = descriptor.session?.handshake;
  const schema = handshake === undefined ? undefined : sideView(descriptor.client).replies(handshake)?.error?.schema;
  return schema && buildMessage(schema, {}, { sources: [], lenient: false });
}
