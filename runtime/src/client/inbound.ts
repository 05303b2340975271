import type { FrameError } from "../frame-error.js";
import type { InboundHandlers } from "./connection.js";
import { keyedInbound } from "./inbound-keyed.js";
import { type RpcHandler, rpcInbound } from "./inbound-rpc.js";
import type { LooseDescriptor } from "./loose.js";
import type { PendingRequests } from "./pending.js";

/** What inbound handling needs from the client. */
export interface InboundContext {
  readonly descriptor: LooseDescriptor;
  readonly pending: PendingRequests;
  /** A valid server message, to the `on(key)` listeners. */
  deliver(key: string, message: unknown): void;
  /** A refused frame, to the `invalid` listeners. */
  invalid(error: FrameError): void;
}

/** The inbound handling of the descriptor's framing; `answer` sends JSON-RPC answers on the same connection. */
export function inboundFor(
  context: InboundContext,
  handlers: ReadonlyMap<string, RpcHandler>,
  answer: (envelope: Record<string, unknown>) => void,
): InboundHandlers {
  return context.descriptor.framing.kind === "json-rpc"
    ? rpcInbound({ ...context, handlers, answer })
    : keyedInbound(context);
}
