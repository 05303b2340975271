import { boundsError, passes } from "../dispatch.js";
import { clientFrameLimits } from "../frame-bounds.js";
import { frameError, summarizeIssues, toFieldIssues } from "../frame-error.js";
import type { RawFrame } from "../frame-text.js";
import { type RpcDecodeResult, type RpcErrorObject, type RpcId, rpcErrorCodes } from "../json-rpc.js";
import type { GuardValidator, ReplyValidator } from "../protocol.js";
import { rpcDispatchOf } from "../side-dispatch.js";
import type { InboundHandlers } from "./connection.js";
import type { Step } from "./explainer.js";
import { guardedSide, needsExplanation } from "./guarded-side.js";
import type { InboundContext } from "./inbound.js";
import { InboundOrder } from "./inbound-order.js";
import type { LooseMessages } from "./loose.js";
import type { PendingRequest } from "./pending.js";
import { RequestError } from "./types.js";

/** A handler of server requests, as registered with `handle()`. */
export type RpcHandler = (params: unknown) => unknown;

export interface RpcInboundContext extends InboundContext {
  readonly handlers: ReadonlyMap<string, RpcHandler>;
  /** Sends an answer envelope on the connection the request came from. */
  answer(envelope: Record<string, unknown>): void;
}

/** The compiled guard decides (guards and schemas agree: a differential test checks it). */
function accepts(validator: GuardValidator | undefined, value: unknown): boolean {
  return validator === undefined || passes(validator.guard, value);
}

function isErrorObject(value: unknown): value is RpcErrorObject {
  const candidate = value as Partial<RpcErrorObject> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    Number.isInteger(candidate.code) &&
    typeof candidate.message === "string"
  );
}

/** What a client answers a server request nobody handles: `{ method }` if the result schema takes it (Verto), else `{}`. */
export function defaultResult(validator: GuardValidator | undefined, method: string): Record<string, unknown> {
  const withMethod = { method };
  return validator !== undefined && accepts(validator, withMethod) ? withMethod : {};
}

async function answerRequest(context: RpcInboundContext, id: RpcId, method: string, params: unknown): Promise<void> {
  const validator = context.descriptor.server.replies[method]?.result;
  const handler = context.handlers.get(method);
  const jsonrpc = "2.0";
  if (handler === undefined) return context.answer({ jsonrpc, id, result: defaultResult(validator, method) });
  try {
    const value = await handler(params);
    if (isErrorObject(value) && !accepts(validator, value)) return context.answer({ jsonrpc, id, error: value });
    context.answer({ jsonrpc, id, result: value ?? {} });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.answer({ jsonrpc, id, error: { code: rpcErrorCodes.internalError, message } });
  }
}

/** A result its guard refused: zod (loaded on demand) says why, and has the last word, as it always had. */
function refuseResult(
  context: RpcInboundContext,
  request: PendingRequest,
  result: unknown,
  frame: unknown,
  validator: ReplyValidator | undefined,
): undefined {
  const name = `${request.key} result`;
  const excess = boundsError(result, frame, name, clientFrameLimits);
  const parsed = excess === undefined ? validator?.schema.safeParse(result) : undefined;
  if (parsed?.success === true) {
    context.pending.resolve(request, result);
    return undefined;
  }
  const issues = parsed === undefined ? [] : toFieldIssues(parsed.error.issues, result);
  const error =
    excess ?? frameError("invalid-message", summarizeIssues(name, issues), frame, { messageName: request.key, issues });
  context.invalid(error);
  context.pending.reject(request, new RequestError("failed", error.summary, result));
  return undefined;
}

function settleResult(context: RpcInboundContext, id: RpcId, result: unknown, frame: unknown): Step {
  const request = context.pending.findSent(
    (candidate) => candidate.rpcId !== undefined && String(candidate.rpcId) === String(id),
  );
  if (request === undefined) return undefined;
  const validator = context.descriptor.client.replies[request.key]?.result;
  if (accepts(validator, result)) {
    context.pending.resolve(request, result);
    return undefined;
  }
  return context.descriptor.explainer.with(
    (full) => refuseResult(context, request, result, frame, full.client.replies[request.key]?.result),
    () => refuseResult(context, request, result, frame, undefined),
  );
}

function settleError(context: RpcInboundContext, id: RpcId | null, error: RpcErrorObject): void {
  const request = context.pending.findSent(
    (candidate) => candidate.rpcId !== undefined && String(candidate.rpcId) === String(id),
  );
  if (request === undefined) return;
  const text = `${request.key} failed: ${error.message} (${error.code})`;
  context.pending.reject(request, new RequestError("failed", text, error));
}

/** One decoded frame: a refusal (answered when it was a request), an answer, or a call to deliver. */
function handleDecoded(context: RpcInboundContext, decoded: RpcDecodeResult<LooseMessages>, data: unknown): Step {
  if (!decoded.ok) {
    context.invalid(decoded.error);
    if (decoded.id !== null) {
      context.answer({ jsonrpc: "2.0", id: decoded.id, error: { code: decoded.code, message: decoded.error.summary } });
    }
    return undefined;
  }
  const answerId = decoded.kind === "result" || decoded.kind === "error" ? decoded.id : null;
  if (answerId !== null) context.answered(answerId);
  if (decoded.kind === "result") return settleResult(context, decoded.id, decoded.result, data);
  if (decoded.kind === "error") {
    settleError(context, decoded.id, decoded.error);
    return undefined;
  }
  context.deliver(decoded.name, decoded.message);
  if (decoded.id !== undefined) void answerRequest(context, decoded.id, decoded.name, decoded.message);
  return undefined;
}

/**
 * Inbound handling for JSON-RPC 2.0: answers by id, server requests answered, notifications delivered.
 * Guards decide; a refused call is decoded again with the full descriptor's zod schemas (loaded on
 * demand, later frames waiting in order), so that the `invalid` event and the error answered to a refused
 * server request say which member is wrong, as they did when zod came with the client.
 */
export function rpcInbound(context: RpcInboundContext): InboundHandlers {
  const { explainer, framing } = context.descriptor;
  const full = explainer.loaded;
  const dispatch = rpcDispatchOf(full?.server ?? guardedSide(context.descriptor.server), clientFrameLimits);
  const order = new InboundOrder(context.failed);
  const explainedOrHandled = (decoded: RpcDecodeResult<LooseMessages>, data: RawFrame): Step => {
    if (full === undefined && !decoded.ok && needsExplanation(decoded.error, framing)) {
      return explainer.with(
        (loaded) => handleDecoded(context, rpcDispatchOf(loaded.server, clientFrameLimits).decode(data), data),
        () => handleDecoded(context, decoded, data),
      );
    }
    return handleDecoded(context, decoded, data);
  };
  // With nothing waiting, a frame is handled at once (no closure per frame); behind a waiting one, in its turn.
  return {
    frame(data) {
      if (order.idle) order.follow(explainedOrHandled(dispatch.decode(data), data));
      else order.run(() => explainedOrHandled(dispatch.decode(data), data));
    },
    event() {},
  };
}
