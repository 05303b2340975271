import type { DecodeResult } from "../dispatch.js";
import { eventDispatchOf, frameDispatchOf } from "../side-dispatch.js";
import type { InboundHandlers } from "./connection.js";
import type { InboundContext } from "./inbound.js";
import type { LooseMessages } from "./loose.js";
import { answers, type ReceivedAnswer } from "./replies.js";
import { RequestError } from "./types.js";

function failureText(requestKey: string, answer: ReceivedAnswer): string {
  const message = answer.message as { message?: unknown } | null;
  const detail = typeof message?.message === "string" ? `: ${message.message}` : "";
  return `${requestKey} failed (${answer.event})${detail}`;
}

/** Settles the oldest request this answer belongs to, if any. */
function settleRequest(context: InboundContext, answer: ReceivedAnswer): void {
  const { pending, descriptor } = context;
  const request = pending.findSent((candidate) => answers(descriptor, candidate, answer));
  if (request === undefined) return;
  context.answered(request);
  if (request.failureKeys.has(answer.key)) {
    pending.reject(request, new RequestError("failed", failureText(request.key, answer), answer.message));
  } else {
    pending.resolve(request, answer.message);
  }
}

function accept(context: InboundContext, result: DecodeResult<LooseMessages>, event?: string): void {
  if (!result.ok) {
    context.invalid(result.error);
    return;
  }
  if (!context.pending.isEmpty) {
    settleRequest(context, { key: result.name, event: event ?? result.name, message: result.message });
  }
  context.deliver(result.name, result.message);
}

/** Inbound handling for json frames keyed by a discriminator, and for Socket.IO events. */
export function keyedInbound(context: InboundContext): InboundHandlers {
  const { descriptor } = context;
  const keyed = frameDispatchOf(descriptor.server, descriptor.framing);
  const events = eventDispatchOf(descriptor.server);
  return {
    frame: (data) => accept(context, keyed.decode(data)),
    event: (name, data) => accept(context, events.decode(name, data), name),
  };
}
