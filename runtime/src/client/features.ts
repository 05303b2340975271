import type { Connection, InboundHandlers } from "./connection.js";
import type { RpcInboundContext } from "./inbound-rpc.js";
import type { SocketIoTarget } from "./socket-io-connection.js";

/**
 * The framing and signing code a client needs beyond plain JSON over WebSocket, passed in rather than
 * imported, so that a bundle carries only what its protocol uses: a generated client facade passes
 * exactly its protocol's features (voxy none, verto JSON-RPC, workspace Socket.IO, yueyue signing).
 */
export interface ClientFeatures {
  /** The PHP-compatible signature of a client message (`x-wiretype-signature` on the client side). */
  readonly sign?: (message: Readonly<Record<string, unknown>>, field: string) => string;
  /** Inbound JSON-RPC 2.0 handling (`json-rpc` framing). */
  readonly rpcInbound?: (context: RpcInboundContext) => InboundHandlers;
  /** Socket.IO connections (`socket.io` framing). */
  readonly openSocketIo?: (target: SocketIoTarget, handlers: InboundHandlers) => Connection;
}

/** Why a client built with `features` cannot run the descriptor, or undefined when it can. */
export function missingFeature(
  descriptor: { readonly framing: { readonly kind: string }; readonly signature?: { readonly appliesTo: string } },
  features: ClientFeatures,
): string | undefined {
  const kind = descriptor.framing.kind;
  if (kind === "json-rpc" && features.rpcInbound === undefined) return "JSON-RPC framing needs the rpcInbound feature";
  if (kind === "socket.io" && features.openSocketIo === undefined)
    return "Socket.IO framing needs the openSocketIo feature";
  if (descriptor.signature?.appliesTo === "client" && features.sign === undefined)
    return "signed messages need the sign feature";
  return undefined;
}
