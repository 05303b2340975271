import type { FrameError } from "../frame-error.js";
import type { InboundHandlers } from "./connection.js";
import type { ClientFeatures } from "./features.js";
import { keyedInbound } from "./inbound-keyed.js";
import type { RpcHandler } from "./inbound-rpc.js";
import type { AnswerMarker } from "./ledger.js";
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
  /** The server answered a message: it read that one and every one written before on this connection. */
  answered(marker: AnswerMarker): void;
  /** Inbound handling failed where no caller can hear it (after waiting for an explanation). */
  failed(error: unknown): void;
}

/** The inbound handling of the descriptor's framing; `answer` sends JSON-RPC answers on the same connection. */
export function inboundFor(
  context: InboundContext,
  features: ClientFeatures,
  handlers: ReadonlyMap<string, RpcHandler>,
  answer: (envelope: Record<string, unknown>) => void,
): InboundHandlers {
  if (context.descriptor.framing.kind !== "json-rpc") return keyedInbound(context);
  if (features.rpcInbound === undefined) throw new Error("this client was built without JSON-RPC support");
  return features.rpcInbound({ ...context, handlers, answer });
}
