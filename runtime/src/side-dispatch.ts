import {
  createEventDispatch,
  createKeyedDispatch,
  createShapeDispatch,
  type EventDispatch,
  type KeyedDispatch,
  type MessageMap,
  type ShapeDispatch,
} from "./dispatch.js";
import type { FrameLimits } from "./frame-bounds.js";
import { createRpcDispatch, type RpcDispatch } from "./json-rpc.js";
import type { FramingDescriptor, SideDescriptor } from "./protocol.js";

/**
 * The dispatch of one side's messages: the generated package's own (`side.dispatch`) when it is of the
 * kind the framing needs, else one built from the side's validators (hand-written descriptors).
 * Frame limits are the caller's: the generated dispatch is asked for a copy `withLimits`.
 */

type Limited<D> = D & { withLimits(limits: FrameLimits): D };

function limited<D>(dispatch: Limited<D>, limits: FrameLimits | undefined): D {
  return limits === undefined ? dispatch : dispatch.withLimits(limits);
}

/** Frames keyed by a discriminator, or told apart by shape (`json` and `json-shape` framings). */
export function frameDispatchOf<M extends MessageMap>(
  side: SideDescriptor<M>,
  framing: FramingDescriptor,
  limits?: FrameLimits,
): KeyedDispatch<M> | ShapeDispatch<M> {
  const own = side.dispatch;
  if (framing.kind === "json-shape") {
    if (own?.kind === "shape") return limited(own, limits);
    return createShapeDispatch({ ...side, order: framing.order, ...(limits ? { limits } : {}) });
  }
  const discriminator = framing.kind === "json" ? framing.discriminator : "";
  if (own?.kind === "keyed" && own.discriminator === discriminator) return limited(own, limits);
  return createKeyedDispatch({ ...side, discriminator, ...(limits ? { limits } : {}) });
}

/** Socket.IO events: the event name picks the validator. */
export function eventDispatchOf<M extends MessageMap>(side: SideDescriptor<M>, limits?: FrameLimits): EventDispatch<M> {
  const own = side.dispatch;
  if (own?.kind === "event") return limited(own, limits);
  return createEventDispatch({ ...side, patterns: Object.keys(side.eventPatterns), ...(limits ? { limits } : {}) });
}

/** JSON-RPC 2.0 envelopes. */
export function rpcDispatchOf<M extends MessageMap>(side: SideDescriptor<M>, limits?: FrameLimits): RpcDispatch<M> {
  const own = side.dispatch;
  if (own?.kind === "rpc") return limited(own, limits);
  return createRpcDispatch({ ...side, ...(limits ? { limits } : {}) });
}
