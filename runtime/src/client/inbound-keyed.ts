import type { DecodeResult } from "../dispatch.js";
import { clientFrameLimits } from "../frame-bounds.js";
import type { RawFrame } from "../frame-text.js";
import { eventDispatchOf, frameDispatchOf } from "../side-dispatch.js";
import type { InboundHandlers } from "./connection.js";
import type { Step } from "./explainer.js";
import { guardedSide, needsExplanation } from "./guarded-side.js";
import type { InboundContext } from "./inbound.js";
import { InboundOrder } from "./inbound-order.js";
import type { LooseFullDescriptor, LooseMessages } from "./loose.js";
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

function accept(context: InboundContext, result: DecodeResult<LooseMessages>, event?: string): undefined {
  if (!result.ok) {
    context.invalid(result.error);
    return undefined;
  }
  if (!context.pending.isEmpty) {
    settleRequest(context, { key: result.name, event: event ?? result.name, message: result.message });
  }
  context.deliver(result.name, result.message);
  return undefined;
}

/**
 * Inbound handling for json frames keyed by a discriminator (or told apart by shape), and for Socket.IO
 * events. Guards decide; a refused frame is decoded again with the full descriptor's zod schemas to say
 * what is wrong (loaded on demand: frames after it wait, in order).
 */
export function keyedInbound(context: InboundContext): InboundHandlers {
  const { descriptor } = context;
  const { explainer, framing } = descriptor;
  const full = explainer.loaded;
  const side = full?.server ?? guardedSide(descriptor.server);
  const frames = frameDispatchOf(side, framing, clientFrameLimits);
  const events = eventDispatchOf(side, clientFrameLimits);
  const order = new InboundOrder(context.failed);
  const explained = (
    result: DecodeResult<LooseMessages>,
    again: (loaded: LooseFullDescriptor) => DecodeResult<LooseMessages>,
    event?: string,
  ): Step => {
    if (full === undefined && !result.ok && needsExplanation(result.error, framing)) {
      return explainer.with(
        (loaded) => accept(context, again(loaded), event),
        () => accept(context, result, event),
      );
    }
    return accept(context, result, event);
  };
  const again = {
    frame: (data: RawFrame) => (loaded: LooseFullDescriptor) =>
      frameDispatchOf(loaded.server, framing, clientFrameLimits).decode(data),
    event: (name: string, data: unknown) => (loaded: LooseFullDescriptor) =>
      eventDispatchOf(loaded.server, clientFrameLimits).decode(name, data),
  };
  // The common case, nothing waiting and a frame that passes, is handled at once: no closure per frame.
  // Behind a waiting frame, a frame is decoded in its turn.
  return {
    frame(data) {
      const result = order.idle ? frames.decode(data) : undefined;
      if (result?.ok === true) accept(context, result);
      else order.run(() => explained(result ?? frames.decode(data), again.frame(data)));
    },
    event(name, data) {
      const result = order.idle ? events.decode(name, data) : undefined;
      if (result?.ok === true) accept(context, result, name);
      else order.run(() => explained(result ?? events.decode(name, data), again.event(name, data), name));
    },
  };
}
