import { rpcErrorCodes } from "../json-rpc.js";
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
  const write = (connection: ServerConnection, envelope: object) =>
    connection.link.deliver({ data: { jsonrpc: "2.0", ...envelope } });

  return {
    push(connection, key, params) {
      const id = server.rpc(key) === "request" ? { id: nextId() } : {};
      write(connection, { ...id, method: key, params });
    },
    request(connection, key, params, id) {
      write(connection, { id, method: key, params });
    },
    reply(connection, inbound, answer) {
      if (inbound.rpcId === undefined) return undefined;
      const replies = client.replies(inbound.key);
      const isError = replies?.error?.guard(answer) === true && replies.result?.guard(answer) !== true;
      write(connection, isError ? { id: inbound.rpcId, error: answer } : { id: inbound.rpcId, result: answer });
      return isError ? "error" : "result";
    },
    fail(connection, inbound, failure: Failure) {
      if (inbound.rpcId === undefined) return;
      if ("kind" in failure && failure.kind === "session-refused") {
        const documented = documentedRefusal(descriptor);
        if (documented !== undefined) return write(connection, { id: inbound.rpcId, error: documented });
      }
      const { kind: _kind, ...object } = failure as Failure & { readonly kind?: string };
      const code = object.code ?? rpcErrorCodes.internalError;
      write(connection, { id: inbound.rpcId, error: { ...object, code } });
    },
    refuse(connection, refusal: Refusal) {
      const { kind, summary, issues } = refusal.error;
      const code = refusal.rpcCode ?? rpcErrorCodes.invalidRequest;
      const documented = code === beforeSessionCode ? documentedError(descriptor, code) : undefined;
      const data = { kind, ...(issues.length > 0 ? { issues: JSON.parse(JSON.stringify(issues)) } : {}) };
      write(connection, { id: refusal.rpcId ?? null, error: documented ?? { code, message: summary, data } });
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
