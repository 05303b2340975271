import {
  type Decoded,
  type GuardLookup,
  guardLookup,
  type MessageMap,
  passes,
  type Validators,
  validateWith,
} from "./dispatch.js";
import { defaultFrameLimits, type FrameLimits } from "./frame-bounds.js";
import { type FrameError, frameError } from "./frame-error.js";
import { FrameRefusal, type RawFrame, readFrame } from "./frame-text.js";

export type RpcId = string | number;

/** JSON-RPC 2.0 error codes a peer answers a refused frame with. */
export const rpcErrorCodes = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
} as const;

export interface RpcErrorObject {
  readonly code: number;
  readonly message: string;
  readonly data?: unknown;
}

/** A request or notification whose params passed validation. */
export type RpcCall<M extends MessageMap> = {
  [K in keyof M & string]: {
    readonly ok: true;
    readonly kind: "request" | "notification";
    /** Absent for notifications. */
    readonly id: RpcId | undefined;
    readonly name: K;
    readonly message: M[K];
  };
}[keyof M & string];

export type RpcDecodeResult<M extends MessageMap> =
  | RpcCall<M>
  | { readonly ok: true; readonly kind: "result"; readonly id: RpcId; readonly result: unknown }
  | { readonly ok: true; readonly kind: "error"; readonly id: RpcId | null; readonly error: RpcErrorObject }
  | {
      readonly ok: false;
      readonly error: FrameError;
      /** The request's id when it could be read, so that the answer can name it. */
      readonly id: RpcId | null;
      /** The JSON-RPC error code to answer with. */
      readonly code: number;
    };

export interface RpcDispatch<M extends MessageMap> extends Validators<M> {
  readonly kind: "rpc";
  withLimits(limits: FrameLimits): RpcDispatch<M>;
  decode(frame: RawFrame): RpcDecodeResult<M>;
}

type Envelope = Record<string, unknown>;

function isId(value: unknown): value is RpcId {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

function refuse(error: FrameError, code: number, id: RpcId | null) {
  return { ok: false as const, error, code, id };
}

function isErrorObject(value: unknown): value is RpcErrorObject {
  if (value === null || typeof value !== "object") return false;
  const candidate = value as Record<string, unknown>;
  return Number.isInteger(candidate.code) && typeof candidate.message === "string";
}

function decodeResponse(envelope: Envelope, frame: RawFrame) {
  const id = envelope.id;
  if ("error" in envelope) {
    if (!isErrorObject(envelope.error) || !(isId(id) || id === null)) {
      return refuse(
        frameError("invalid-envelope", "error response needs { code, message } and an id", frame),
        rpcErrorCodes.invalidRequest,
        null,
      );
    }
    return { ok: true as const, kind: "error" as const, id, error: envelope.error };
  }
  if (!isId(id)) {
    return refuse(
      frameError("invalid-envelope", "result without a string or number id", frame),
      rpcErrorCodes.invalidRequest,
      null,
    );
  }
  return { ok: true as const, kind: "result" as const, id, result: envelope.result };
}

function decodeCall<M extends MessageMap>(
  methods: Validators<M>,
  lookup: GuardLookup,
  envelope: Envelope,
  frame: RawFrame,
  limits: FrameLimits,
): RpcDecodeResult<M> {
  const id = envelope.id;
  if (id !== undefined && !isId(id)) {
    return refuse(
      frameError("invalid-envelope", "id must be a string or a number", frame),
      rpcErrorCodes.invalidRequest,
      null,
    );
  }
  const method = envelope.method as string;
  const params = envelope.params ?? {};
  const kind = id === undefined ? "notification" : "request";
  // Params that pass their guard need no intermediate result; the table's own name is cheaper to look up later.
  const entry = lookup.entry(method);
  if (entry !== undefined && passes(entry.guard, params)) {
    return { ok: true, kind, id, name: entry.name, message: params } as RpcCall<M>;
  }
  const validated = validateWith(methods, lookup, method, params, frame, limits);
  if (!validated.ok) {
    const code =
      validated.error.kind === "unknown-message" ? rpcErrorCodes.methodNotFound : rpcErrorCodes.invalidParams;
    return refuse(validated.error, code, id ?? null);
  }
  // One literal with every member: adding members to a spread copy takes V8's slow path.
  const { name, message } = validated as Decoded<M>;
  return { ok: true, kind, id, name, message } as RpcCall<M>;
}

/**
 * JSON-RPC 2.0 frames: requests and notifications are validated by method; results and errors are
 * returned for the request/reply layer, which knows which method an id belongs to.
 */
export function createRpcDispatch<M extends MessageMap>(
  options: Validators<M> & { readonly limits?: FrameLimits },
): RpcDispatch<M> {
  const methods = options;
  const limits = options.limits ?? defaultFrameLimits;
  const lookup = guardLookup(options.guards);
  return {
    kind: "rpc",
    schemas: options.schemas,
    guards: options.guards,
    withLimits: (next) => createRpcDispatch({ ...options, limits: next }),
    decode(frame) {
      const envelope = readFrame(frame, limits);
      if (envelope instanceof FrameRefusal) {
        const tooBig = envelope.error.kind === "too-large" || envelope.error.kind === "too-deep";
        return refuse(envelope.error, tooBig ? rpcErrorCodes.invalidRequest : rpcErrorCodes.parseError, null);
      }
      if (envelope === null || typeof envelope !== "object" || Array.isArray(envelope)) {
        const summary = Array.isArray(envelope) ? "batches are not supported" : "frame is not a JSON-RPC object";
        return refuse(frameError("invalid-envelope", summary, frame), rpcErrorCodes.invalidRequest, null);
      }
      const record = envelope as Envelope;
      if (record.jsonrpc !== "2.0") {
        const id = isId(record.id) ? record.id : null;
        return refuse(frameError("invalid-envelope", 'jsonrpc must be "2.0"', frame), rpcErrorCodes.invalidRequest, id);
      }
      if (typeof record.method === "string") return decodeCall(methods, lookup, record, frame, limits);
      if ("result" in record || "error" in record) return decodeResponse(record, frame);
      return refuse(
        frameError("invalid-envelope", "neither a call nor a response", frame),
        rpcErrorCodes.invalidRequest,
        null,
      );
    },
  };
}
