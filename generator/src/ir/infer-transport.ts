import type { ParsedDocument } from "../load/load-spec.js";
import type { Framing } from "./types.js";

type ParsedChannel = ReturnType<ParsedDocument["channels"]>["all"] extends () => (infer C)[] ? C : never;

const webSocketProtocols = new Set(["ws", "wss"]);

/** Transports a generated WebSocket or Socket.IO client and server can speak. */
export function hasWebSocketClient(transport: string): boolean {
  return transport === "ws" || transport === "socket.io";
}

/** The channels a generated client and server serve; the others get types, validators and dispatch only. */
export function webSocketChannels<C extends { readonly transport: string }>(channels: readonly C[]): C[] {
  return channels.filter((channel) => hasWebSocketClient(channel.transport));
}

/**
 * The channel's transport, from its servers' `protocol` (a channel that names none is on every server)
 * and its bindings: WebSocket when any of them says `ws`/`wss` or when the document names nothing,
 * else the first other protocol in alphabetical order (`amqp`, `kafka`, `mqtt`…). An explicit
 * Socket.IO framing is Socket.IO whatever the servers say (they often give `https`).
 */
export function inferTransport(channel: ParsedChannel, explicit: Framing | undefined): string {
  if (explicit?.kind === "socket.io") return "socket.io";
  const servers = channel
    .servers()
    .all()
    .map((server) => server.protocol().toLowerCase());
  const bindings = channel
    .bindings()
    .all()
    .map((binding) => binding.protocol().toLowerCase());
  const named = [...new Set([...servers, ...bindings])].sort();
  if (named.length === 0 || named.some((protocol) => webSocketProtocols.has(protocol))) return "ws";
  return named[0] ?? "ws";
}
