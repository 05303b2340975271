import type { Connection, InboundHandlers } from "./connection.js";
import { discoverEndpoint, withQuery } from "./discovery.js";
import type { LooseDescriptor, LooseOptions } from "./loose.js";
import { openSocketIo } from "./socket-io-connection.js";
import type { WebSocketConstructor } from "./types.js";
import { openWebSocket } from "./websocket-connection.js";

function webSocketClass(options: LooseOptions): WebSocketConstructor | undefined {
  return options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

/** What keeps the client from ever connecting (a missing option), if anything. */
export function configurationProblem(descriptor: LooseDescriptor, options: LooseOptions): string | undefined {
  if (options.url === undefined && (descriptor.discovery === undefined || options.discoveryUrl === undefined)) {
    return descriptor.discovery === undefined ? "the `url` option is required" : "pass `url` or `discoveryUrl`";
  }
  if (descriptor.framing.kind === "socket.io") {
    return options.io === undefined ? "Socket.IO protocols need the `io` option (socket.io-client)" : undefined;
  }
  return webSocketClass(options) === undefined ? "no WebSocket: pass the `WebSocket` option (e.g. ws)" : undefined;
}

/** The Socket.IO URL with the descriptor's namespace, unless the URL names one already. */
function namespaceUrl(url: string, namespace: string): string {
  if (namespace === "/" || namespace === "") return url;
  const target = new URL(url);
  if (target.pathname === "/" || target.pathname === "") target.pathname = namespace;
  return target.toString();
}

export interface ConnectionTarget {
  readonly url: string;
  /** From the discovery answer (`pingInterval`), in ms. */
  readonly heartbeatIntervalMs?: number;
}

/** Where to connect: the `url` option, or what the discovery call answers. */
export async function resolveTarget(descriptor: LooseDescriptor, options: LooseOptions): Promise<ConnectionTarget> {
  if (options.url !== undefined) {
    if (descriptor.framing.kind === "socket.io") return { url: namespaceUrl(options.url, descriptor.address) };
    return { url: withQuery(options.url, options.query) };
  }
  if (descriptor.discovery === undefined || options.discoveryUrl === undefined) throw new Error("no url to connect to");
  const found = await discoverEndpoint(descriptor.discovery, options.discoveryUrl, options.query);
  return { ...found, url: withQuery(found.url, options.query) };
}

/** Opens the transport the descriptor's framing uses. */
export function openConnection(
  descriptor: LooseDescriptor,
  options: LooseOptions,
  url: string,
  handlers: InboundHandlers,
): Connection {
  const framing = descriptor.framing;
  if (framing.kind !== "socket.io") {
    const WebSocketClass = webSocketClass(options);
    if (WebSocketClass === undefined) throw new Error("no WebSocket implementation");
    return openWebSocket(WebSocketClass, url, handlers);
  }
  if (options.io === undefined) throw new Error("no Socket.IO client (`io` option)");
  const templates = new Set(Object.keys(descriptor.server.eventPatterns));
  return openSocketIo(
    {
      io: options.io,
      url,
      path: framing.path,
      query: options.query,
      ioOptions: options.ioOptions,
      events: descriptor.server.keys.filter((key) => !templates.has(key)),
    },
    handlers,
  );
}
