import { addressParameters, fillAddress } from "../address.js";
import type { Connection, InboundHandlers } from "./connection.js";
import { discoverEndpoint, withQuery } from "./discovery.js";
import type { ClientFeatures } from "./features.js";
import type { LooseDescriptor, LooseOptions } from "./loose.js";
import type { WebSocketConstructor, WebSocketLike } from "./types.js";
import { openWebSocket } from "./websocket-connection.js";

function webSocketClass(options: LooseOptions): WebSocketConstructor | undefined {
  return options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

/** A WebSocket constructor that takes options (Node's `ws`): `new WebSocket(url, protocols, { headers })`. */
type WebSocketWithOptions = new (
  url: string,
  protocols: string | string[] | undefined,
  options: { readonly headers: Record<string, string> },
) => WebSocketLike;

/** Defined members only, as text: what goes into a URL's query or a request's headers. */
function definedStrings(
  values: Readonly<Record<string, string | number | boolean | undefined>> | undefined,
): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  const entries = Object.entries(values).filter((entry): entry is [string, string | number | boolean] => {
    return entry[1] !== undefined;
  });
  return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}

/** The address with its parameters filled (descriptor defaults, then the `parameters` option). */
function filledAddress(descriptor: LooseDescriptor, options: LooseOptions): ReturnType<typeof fillAddress> {
  const defaults = Object.fromEntries(
    (descriptor.parameters ?? []).flatMap((parameter) =>
      parameter.default === undefined ? [] : [[parameter.name, parameter.default]],
    ),
  );
  return fillAddress(descriptor.address, { ...defaults, ...options.parameters });
}

/** Browsers' WebSocket (and Node 22's global one) declare one or two parameters: no options, no headers. */
function headersProblem(options: LooseOptions): string | undefined {
  const headers = definedStrings(options.headers);
  if (headers === undefined || Object.keys(headers).length === 0) return undefined;
  const length = webSocketClass(options)?.length ?? 0;
  return length === 1 || length === 2
    ? "this WebSocket implementation cannot set request headers (browsers cannot): pass `ws` as the `WebSocket` option, or leave `headers` out"
    : undefined;
}

/** What keeps the client from ever connecting (a missing option), if anything. */
export function configurationProblem(descriptor: LooseDescriptor, options: LooseOptions): string | undefined {
  const filled = filledAddress(descriptor, options);
  if ("missing" in filled)
    return `the \`parameters\` option needs ${filled.missing.map((name) => `\`${name}\``).join(", ")}`;
  if (options.url === undefined && (descriptor.discovery === undefined || options.discoveryUrl === undefined)) {
    return descriptor.discovery === undefined ? "the `url` option is required" : "pass `url` or `discoveryUrl`";
  }
  if (descriptor.framing.kind === "socket.io") {
    return options.io === undefined ? "Socket.IO protocols need the `io` option (socket.io-client)" : undefined;
  }
  if (webSocketClass(options) === undefined) return "no WebSocket: pass the `WebSocket` option (e.g. ws)";
  return headersProblem(options);
}

/** The server URL with the filled address appended (`wss://host/v1` + `/marketdata/BTC%2FUSD`). */
function withAddress(url: string, descriptor: LooseDescriptor, options: LooseOptions): string {
  if (addressParameters(descriptor.address).length === 0) return url;
  const filled = filledAddress(descriptor, options);
  if ("missing" in filled) throw new Error(`missing channel parameters: ${filled.missing.join(", ")}`);
  const target = new URL(url);
  target.pathname = `${target.pathname.replace(/\/+$/, "")}${filled.path}`;
  return target.toString();
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
  const query = definedStrings(options.query);
  if (options.url !== undefined) {
    if (descriptor.framing.kind === "socket.io") {
      const namespace = filledAddress(descriptor, options);
      return { url: namespaceUrl(options.url, "path" in namespace ? namespace.path : descriptor.address) };
    }
    return { url: withQuery(withAddress(options.url, descriptor, options), query) };
  }
  if (descriptor.discovery === undefined || options.discoveryUrl === undefined) throw new Error("no url to connect to");
  const found = await discoverEndpoint(descriptor.discovery, options.discoveryUrl, query, descriptor.explainer);
  return { ...found, url: withQuery(withAddress(found.url, descriptor, options), query) };
}

/** Opens the transport the descriptor's framing uses. */
export function openConnection(
  descriptor: LooseDescriptor,
  options: LooseOptions,
  features: ClientFeatures,
  url: string,
  handlers: InboundHandlers,
): Connection {
  const framing = descriptor.framing;
  if (framing.kind !== "socket.io") {
    const WebSocketClass = webSocketClass(options);
    if (WebSocketClass === undefined) throw new Error("no WebSocket implementation");
    return openWebSocket(withHeaders(WebSocketClass, definedStrings(options.headers)), url, handlers);
  }
  if (options.io === undefined) throw new Error("no Socket.IO client (`io` option)");
  const openSocketIo = features.openSocketIo;
  if (openSocketIo === undefined) throw new Error("this client was built without Socket.IO support");
  const templates = new Set(Object.keys(descriptor.server.eventPatterns));
  return openSocketIo(
    {
      io: options.io,
      url,
      path: framing.path,
      query: definedStrings(options.query),
      ioOptions:
        options.headers === undefined
          ? options.ioOptions
          : { extraHeaders: definedStrings(options.headers), ...options.ioOptions },
      events: descriptor.server.keys.filter((key) => !templates.has(key)),
    },
    handlers,
  );
}

/** The constructor, passing the connection headers as `ws` options when there are any. */
function withHeaders(
  WebSocketClass: WebSocketConstructor,
  headers: Record<string, string> | undefined,
): WebSocketConstructor {
  if (headers === undefined || Object.keys(headers).length === 0) return WebSocketClass;
  const WithOptions = WebSocketClass as unknown as WebSocketWithOptions;
  // A plain function: `new` on it returns the socket it builds.
  function construct(url: string, protocols?: string | string[]): WebSocketLike {
    return new WithOptions(url, protocols, { headers: headers as Record<string, string> });
  }
  return construct as unknown as WebSocketConstructor;
}
