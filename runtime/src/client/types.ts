import type { MessageMap } from "../dispatch.js";
import type { FrameError } from "../frame-error.js";
import type { RpcErrorObject, RpcId } from "../json-rpc.js";
import type { DeliveryOptions, UndeliveredMessage } from "./delivery-types.js";

export type * from "./delivery-types.js";

/**
 * The generic client every generated `create<Protocol>Client` wraps. `C`: what the client sends, `S`:
 * what the server sends (both by message key); `CR`: for each client key that is answered, the answer;
 * `SR`: for each server key the client answers (JSON-RPC server requests), the answer.
 */

export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting" | "closing" | "closed";

/** A WebSocket constructor: the platform's in browsers, `ws` in Node. */
export interface WebSocketConstructor {
  new (url: string, protocols?: string | string[]): WebSocketLike;
}

/** The part of the WHATWG WebSocket API the runtime uses (browsers and `ws` both have it). */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string | ArrayBufferView | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "open", listener: () => void): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: "close",
    listener: (event: { code: number; reason: string; wasClean?: boolean }) => void,
  ): void;
  addEventListener(type: "error", listener: (event: unknown) => void): void;
}

/** What `ws` adds in Node (browsers have no ping API): a transport ping, its pong, and an immediate end. */
export interface PingableWebSocket extends WebSocketLike {
  ping(): void;
  terminate(): void;
  on(event: "pong", listener: () => void): unknown;
}

/** A Socket.IO client `io` function (socket.io-client 2.x or 4.x), injected by the user. */
export type SocketIoConnect = (url: string, options?: Record<string, unknown>) => SocketIoClientSocket;

/** The part of a socket.io-client socket the runtime uses (same in 2.x and 4.x). */
export interface SocketIoClientSocket {
  readonly connected: boolean;
  readonly id?: string | undefined;
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener?: (...args: unknown[]) => void): unknown;
  onAny?(listener: (event: string, ...args: unknown[]) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
  close(): unknown;
}

export interface ReconnectOptions {
  /** Stop after this many failed attempts in a row (default: never stop). */
  readonly maxAttempts?: number;
  /** First delay, doubled each attempt up to `maxDelayMs` (defaults 500 and 30 000). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Fraction of the delay randomised, 0–1 (default 0.5), so that clients do not reconnect in step. */
  readonly jitter?: number;
}

export interface ClientOptions<C extends MessageMap> extends DeliveryOptions<C> {
  /** Where to connect. Optional when the protocol discovers its endpoint (then `discoveryUrl`). */
  readonly url?: string;
  /** Base URL of the HTTP discovery endpoint (`x-wiretype-discovery`), e.g. `https://api.example.com`. */
  readonly discoveryUrl?: string;
  /** Query parameters added to the connection URL (the spec's `bindings.ws.query`, e.g. `sid`); numbers and booleans are written as text, undefined ones left out. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /**
   * Values of the address's `{parameter}` placeholders (`/v1/marketdata/{symbol}`). With parameters, `url` is
   * the server's URL and the client appends the address, each value URI-encoded.
   */
  readonly parameters?: Readonly<Record<string, string | undefined>>;
  /**
   * Headers of the WebSocket upgrade request (the spec's `bindings.ws.headers`). Browsers cannot set them:
   * only a WebSocket implementation whose constructor takes options (Node's `ws`) can.
   */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** WebSocket implementation; defaults to `globalThis.WebSocket` (pass `ws` in Node < 22). */
  readonly WebSocket?: WebSocketConstructor;
  /** Socket.IO protocols: the `io` function of socket.io-client 2.x or 4.x. */
  readonly io?: SocketIoConnect;
  /** `false` turns reconnection off. */
  readonly reconnect?: ReconnectOptions | false;
  /**
   * The session handshake (bind, auth, login) the client sends on every (re)connection before anything
   * else; queued messages go out once it succeeds. Called each time, so it can carry fresh values.
   */
  readonly handshake?: () => C[keyof C & string] | Promise<C[keyof C & string]>;
  /** Values for the client heartbeat message, when the spec has one (its key is in the descriptor). */
  readonly heartbeat?: () => C[keyof C & string];
  /** Overrides the heartbeat interval of the spec (and of the discovery answer), in ms. */
  readonly heartbeatIntervalMs?: number;
  /**
   * How the client treats the schemas' `format` (date-time, uuid, email…) in what it receives. `"assert"`
   * (the default) refuses a message whose value does not match its format, as the server does.
   * `"annotate"` checks the type only (a date-time is any string), as JSON Schema draft-07 lets a
   * validator be told to and 2019-09 on do by default: the exact checks of a frame's two timestamps add
   * 15–20% of its `JSON.parse` (workspace, `pnpm bench receive`). JSON-RPC results are still checked in full. The format-free guards come
   * with the descriptor (`server.formatFreeGuards`): generated clients (`createXClient`) have them; a
   * descriptor without them (a package's full `protocol` descriptor given to `createClient`) keeps asserting.
   */
  readonly formats?: "assert" | "annotate";
  /** Default timeout of `request` (default 10 000 ms). */
  readonly requestTimeoutMs?: number;
  /** Outbound messages kept while not connected; past it, `send` throws (default 1 000). */
  readonly maxQueue?: number;
  /** JSON-RPC: the id of each request the client sends (default: 1, 2, 3, …). */
  readonly nextRequestId?: () => RpcId;
  /** Socket.IO: extra options for `io()` (e.g. `transports`); the runtime sets `path`, `query`, `forceNew`, and
   * turns Socket.IO's own reconnection off (the client reconnects, re-running the handshake). */
  readonly ioOptions?: Readonly<Record<string, unknown>>;
}

export interface RequestOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** Why a request did not get a success answer. */
export class RequestError extends Error {
  /** `timeout`, `aborted`, `closed`, or `failed` (the peer answered with a failure). */
  readonly reason: "timeout" | "aborted" | "closed" | "failed";
  /** The failure answer (an error message, or a JSON-RPC error object). */
  readonly answer: unknown;

  constructor(reason: RequestError["reason"], message: string, answer?: unknown) {
    super(message);
    this.name = "RequestError";
    this.reason = reason;
    this.answer = answer;
  }
}

export interface ClientEvents<C extends MessageMap = Record<string, unknown>> {
  state: (state: ConnectionState) => void;
  /**
   * Messages the client cannot vouch for (their connection ended abnormally before the server confirmed
   * them, or too many awaited a confirmation); an `error` event follows. Never emitted for a message re-sent
   * per the `resend` option.
   */
  undelivered: (messages: readonly UndeliveredMessage<C>[]) => void;
  /**
   * An inbound frame that failed to decode or validate; the connection stays up. A generated client
   * decides with compiled guards and loads its zod schemas (a dynamic import) the first time it must say
   * what is wrong: that event, and the frames after it, then come a moment later, still in arrival order.
   */
  invalid: (error: FrameError) => void;
  /** A transport error (the client reconnects if it can). */
  error: (error: Error) => void;
}

/** Answers a server-to-client request (JSON-RPC): the result, or throw/return an error object. */
export type ServerRequestHandler<Params, Result> = (params: Params) => Result | Promise<Result> | RpcErrorObject;

export interface ProtocolClient<
  C extends MessageMap,
  S extends MessageMap,
  CR extends MessageMap,
  SR extends MessageMap,
> {
  readonly state: ConnectionState;
  /** Opens the connection (and runs discovery and the handshake, if any). Resolves once usable. */
  connect(): Promise<void>;
  /** Closes for good: no reconnection; pending requests fail with `closed`. */
  close(code?: number, reason?: string): Promise<void>;
  /**
   * Sends a message now, or queues it until the connection (and session) is open. Never drops it
   * silently: a message that may not have reached the server is re-sent (`resend`) or reported (`undelivered`).
   */
  sendMessage<K extends keyof C & string>(key: K, message: C[K]): void;
  /** Sends a message and resolves with its typed answer; rejects with RequestError. */
  requestMessage<K extends keyof CR & keyof C & string>(
    key: K,
    message: C[K],
    options?: RequestOptions,
  ): Promise<CR[K]>;
  /** Listens to one server message; returns a function that stops listening. */
  on<K extends keyof S & string>(key: K, handler: (message: S[K]) => void): () => void;
  onEvent<E extends keyof ClientEvents<C>>(event: E, handler: ClientEvents<C>[E]): () => void;
  /** JSON-RPC: answers a server request (defaults: the spec's result, e.g. `{ method }`). */
  handle<K extends keyof SR & keyof S & string>(key: K, handler: ServerRequestHandler<S[K], SR[K]>): void;
}
