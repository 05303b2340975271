import { frameError, summarizeIssues, toFieldIssues } from "../frame-error.js";
import { type RpcErrorObject, type RpcId, rpcErrorCodes } from "../json-rpc.js";
import type { ReplyValidator } from "../protocol.js";
import { rpcDispatchOf } from "../side-dispatch.js";
import type { InboundHandlers } from "./connection.js";
import type { InboundContext } from "./inbound.js";
import { RequestError } from "./types.js";

/** A handler of server requests, as registered with `handle()`. */
export type RpcHandler = (params: unknown) => unknown;

export interface RpcInboundContext extends InboundContext {
  readonly handlers: ReadonlyMap<string, RpcHandler>;
  /** Sends an answer envelope on the connection the request came from. */
  answer(envelope: Record<string, unknown>): void;
}

function accepts(validator: ReplyValidator | undefined, value: unknown): boolean {
  return validator === undefined || validator.guard(value) || validator.schema.safeParse(value).success;
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
export function defaultResult(validator: ReplyValidator | undefined, method: string): Record<string, unknown> {
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

function settleResult(context: RpcInboundContext, id: RpcId, result: unknown, frame: unknown): void {
  const request = context.pending.findSent(
    (candidate) => candidate.rpcId !== undefined && String(candidate.rpcId) === String(id),
  );
  if (request === undefined) return;
  const validator = context.descriptor.client.replies[request.key]?.result;
  if (accepts(validator, result)) {
    context.pending.resolve(request, result);
    return;
  }
  const parsed = validator?.schema.safeParse(result);
  const issues = parsed === undefined || parsed.success ? [] : toFieldIssues(parsed.error.issues, result);
  const error = frameError("invalid-message", summarizeIssues(`${request.key} result`, issues), frame, {
    messageName: request.key,
    issues,
  });
  context.invalid(error);
  context.pending.reject(request, new RequestError("failed", error.summary, result));
}

function settleError(context: RpcInboundContext, id: RpcId | null, error: RpcErrorObject): void {
  const request = context.pending.findSent(
    (candidate) => candidate.rpcId !== undefined && String(candidate.rpcId) === String(id),
  );
  if (request === undefined) return;
  const text = `${request.key} failed: ${error.message} (${error.code})`;
  context.pending.reject(request, new RequestError("failed", text, error));
}

/** Inbound handling for JSON-RPC 2.0: answers by id, server requests answered, notifications delivered. */
export function rpcInbound(context: RpcInboundContext): InboundHandlers {
  const dispatch = rpcDispatchOf(context.descriptor.server);
  return {
    frame(data) {
      const decoded = dispatch.decode(data);
      if (!decoded.ok) {
        context.invalid(decoded.error);
        if (decoded.id !== null) {
          context.answer({
            jsonrpc: "2.0",
            id: decoded.id,
            error: { code: decoded.code, message: decoded.error.summary },
          });
        }
        return;
      }
      const answerId = decoded.kind === "result" || decoded.kind === "error" ? decoded.id : null;
      if (answerId !== null) context.answered(answerId);
      if (decoded.kind === "result") return settleResult(context, decoded.id, decoded.result, data);
      if (decoded.kind === "error") return settleError(context, decoded.id, decoded.error);
      context.deliver(decoded.name, decoded.message);
      if (decoded.id !== undefined) void answerRequest(context, decoded.id, decoded.name, decoded.message);
    },
    event() {},
  };
}
