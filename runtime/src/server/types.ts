import type { MessageMap } from "../dispatch.js";
import type { FrameError, FrameErrorKind } from "../frame-error.js";
import type { JsonValue } from "../json.js";
import type { RpcErrorObject } from "../json-rpc.js";

/**
 * The generic server every generated `create<Protocol>Server` wraps (Node only). `C`: what clients
 * send, `S`: what the server sends (by message key); `CR`: for each client key that is answered, the
 * answer; `SR`: for each server request a client answers (JSON-RPC), the answer.
 */

/** One client connection and the state the protocol keeps for it. */
export interface Connection<S extends MessageMap> {
  /** Unique per server. */
  readonly id: string;
  /** True once the spec's session handshake succeeded (always true when the spec has none). */
  readonly authenticated: boolean;
  /** The presence key (voxy `user_id`), once known. */
  readonly presenceKey: string | undefined;
  /** Rooms the connection is in. */
  readonly rooms: ReadonlySet<string>;
  /** Per-connection data the application keeps. */
  readonly data: Map<string, unknown>;
  /** Query parameters of the connection request (the spec's `bindings.ws.query`, e.g. yueyue `sid`). */
  readonly query: Readonly<Record<string, string>>;
  /** Values of the address's `{parameter}` placeholders (`/v1/marketdata/{symbol}` → `{ symbol }`), decoded. */
  readonly parameters: Readonly<Record<string, string>>;
  send<K extends keyof S & string>(key: K, message: S[K]): void;
  close(code?: number, reason?: string): void;
}

/** What a handler gets besides the message. */
export interface HandlerContext<S extends MessageMap, CR extends MessageMap, K extends string> {
  /** The key of the message being handled. */
  readonly key: K;
  readonly connection: Connection<S>;
  /** Answers the message being handled (correlation and JSON-RPC ids are filled in). */
  reply(answer: K extends keyof CR ? CR[K] : never): void;
  /** Answers with a failure (JSON-RPC error object, or the spec's failure message). */
  fail(error: RpcErrorObject | { readonly message: string }): void;
  /** Opens the session (after a handshake the application accepted). */
  authenticate(presenceKey?: string): void;
  sendTo<T extends keyof S & string>(connectionId: string, key: T, message: S[T]): boolean;
  /** Sends to the connection(s) known by a presence key. Returns how many received it. */
  sendToPresence<T extends keyof S & string>(presenceKey: string, key: T, message: S[T]): number;
  broadcast<T extends keyof S & string>(key: T, message: S[T], options?: { readonly except?: string }): number;
  toRoom<T extends keyof S & string>(
    room: string,
    key: T,
    message: S[T],
    options?: { readonly except?: string },
  ): number;
  join(room: string): void;
  leave(room: string): void;
  /**
   * Runs what the server does for this key when no handler is registered (room membership, the spec's
   * forwarding, the default handshake answer): a handler replaces the defaults unless it calls this.
   */
  runDefaults(): void | Promise<void>;
  /** Closes the sender's connection. */
  close(code?: number, reason?: string): void;
}

/**
 * Handles one client message. Returning an answer replies with it. Throwing answers with the protocol's
 * error (JSON-RPC -32603, `socket-api-error`, …) and keeps the connection.
 */
/** What a handler may return: the answer to send, or nothing (it answered itself, or there is none). */
export type HandlerResult<CR extends MessageMap, K extends string> = (K extends keyof CR ? CR[K] : never) | undefined;

export type MessageHandler<
  C extends MessageMap,
  S extends MessageMap,
  CR extends MessageMap,
  K extends keyof C & string,
> = (
  message: C[K],
  context: HandlerContext<S, CR, K>,
) => HandlerResult<CR, K> | Promise<HandlerResult<CR, K>> | void | Promise<void>;

/** A forwarding rule found no connection for its peer (voxy: the callee is offline). */
export interface PeerMissing<S extends MessageMap> {
  readonly connection: Connection<S>;
  /** The client key received, its message, and the server key the peer would have received. */
  readonly key: string;
  readonly message: unknown;
  readonly as: keyof S & string;
  /** The presence value looked up. */
  readonly peer: string;
}

/** `S`: what the server sends; `H`: the session handshake's message (what `authenticate` checks). */
export interface ServerOptions<S extends MessageMap = MessageMap, in H = unknown> {
  /** Listen on this port (0: any free port) on `host` (default 127.0.0.1). */
  readonly port?: number;
  readonly host?: string;
  /** Or attach to an existing Node HTTP server. */
  readonly httpServer?: import("node:http").Server;
  /** Largest frame accepted, in bytes (default 1 MiB); a larger one is refused and the connection kept. */
  readonly maxFrameBytes?: number;
  /**
   * Deepest nesting of arrays and objects accepted in a frame (default 64), checked on the raw text before
   * anything recursive runs; a deeper frame is refused (`too-deep`) and the connection kept.
   */
  readonly maxFrameDepth?: number;
  /**
   * The application's session check (spec `x-wiretype-session`), used when no handler is registered for
   * the handshake key: `true` accepts (the presence key is read from the message), a string accepts with
   * that presence key, `false` refuses with the protocol's failure answer. Without it (and without a
   * handshake handler), every handshake is refused unless `insecureDevelopmentMode` is on.
   */
  readonly authenticate?: (message: H, connection: Connection<S>) => boolean | string | Promise<boolean | string>;
  /**
   * Opens sessions without any check (any credentials, any presence key not already taken) and logs a
   * warning when the server starts. For local development and mock servers only.
   */
  readonly insecureDevelopmentMode?: boolean;
  /**
   * Decides whether a connection may join a room or subscribe to a channel it names (spec
   * `x-wiretype-rooms`, client joins). Default: any room except another connection's presence key (its
   * private channel, e.g. a verto `sessid`).
   */
  readonly authorizeJoin?: (connection: Connection<S>, room: string, message: unknown) => boolean | Promise<boolean>;
  /**
   * Closes a connection whose session is not open this long after it connected (spec `x-wiretype-session`;
   * default 10 000 ms, close code 4001).
   */
  readonly handshakeTimeoutMs?: number;
  /**
   * Transport keep-alive for WebSocket framings whose spec has no client heartbeat: a WebSocket ping every
   * this many ms; a peer that has not answered the previous one is closed (default 30 000; 0 turns it off).
   */
  readonly keepAliveIntervalMs?: number;
  /** Socket.IO protocols: the `Server` class of socket.io 2.x or 4.x, injected by the user. */
  readonly socketIo?: unknown;
  /** Overrides the spec's heartbeat timeout (ms). */
  readonly heartbeatTimeoutMs?: number;
  /** Spec heartbeat sent by the server: idle time before it asks (ms). */
  readonly heartbeatIdleMs?: number;
  /** How long `request` waits for the client's answer (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** Turns off the spec's default behaviours (presence, forwarding, rooms): handlers do everything. */
  readonly defaults?: boolean;
  /** The greeting sent on connect (`descriptor.greeting`); `undefined` skips it. */
  readonly greeting?: (connection: Connection<S>) => S[keyof S & string] | undefined;
  /** Called when a forwarding rule's peer is not present (the default does nothing). */
  readonly onPeerMissing?: (missing: PeerMissing<S>) => void;
  /**
   * Runs the server as one node of a cluster: presence, rooms, call state and delivery shared through
   * Redis, so members on different nodes reach each other. Without it the server keeps everything in
   * this process (the embedded default).
   */
  readonly cluster?: ClusterOptions;
}

/** One node of a cluster of servers of the same protocol, sharing state and delivery through Redis. */
export interface ClusterOptions {
  /** The Redis to use, as a URL (`redis://127.0.0.1:6379/0`). */
  readonly redis: string;
  /** This node's id, unique in the cluster (default: a random id). */
  readonly nodeId?: string;
  /** Prefix of every key and channel (default `wiretype:<protocol id>:`), so deployments can share a Redis. */
  readonly keyPrefix?: string;
  /**
   * How long a node's presence and room membership outlive its last refresh in Redis (default 15 000 ms):
   * the members of a node that dies leave presence and rooms, for the other nodes, within this time.
   */
  readonly expiryMs?: number;
}

/**
 * Why a frame was refused: a decoding error, or a rule of the server. `bad-signature` (the spec's
 * `x-wiretype-signature` does not match) is dropped silently, as the real servers do: only `invalid` sees it.
 */
export type RefusalKind = FrameErrorKind | "before-session" | "bad-signature" | "server-error";

/** A refused frame, as `invalid` listeners see it. */
export interface FrameRefusal extends Omit<FrameError, "kind"> {
  readonly kind: RefusalKind;
}

export interface ServerEvents<S extends MessageMap> {
  connection: (connection: Connection<S>) => void;
  disconnect: (connection: Connection<S>, reason: string) => void;
  /** A frame refused (malformed, invalid, unknown, too large, before the session): already answered (a bad signature: dropped unanswered). */
  invalid: (connection: Connection<S>, error: FrameRefusal) => void;
  /** A handler threw: already answered with the protocol's error. */
  error: (connection: Connection<S>, error: Error) => void;
  /** A cluster node's news: Redis lost or back, other nodes come and gone, failed deliveries (see the cluster guides). */
  cluster: (event: ClusterEvent) => void;
}

/**
 * What a cluster node reports. `redis-lost` / `redis-back`: the link to Redis (while it is lost, local
 * delivery goes on and each delivery to another node's members fails with `delivery-failed`; once it is
 * back the node publishes its state again). WebSocket framings also report `node-joined`, `node-left`
 * (a node closed, or its state expired: `expired`, it died; its `members` left presence and rooms, as
 * the protocol announces) and `error` (a cluster step failed).
 */
export interface ClusterEvent {
  readonly kind: "redis-lost" | "redis-back" | "node-joined" | "node-left" | "delivery-failed" | "error";
  /** `redis-lost`, `delivery-failed`, `error`: why. */
  readonly error?: Error;
  /**
   * `node-joined`, `node-left`, `delivery-failed`: the other node's id. Absent on a Socket.IO
   * `delivery-failed` for a membership change that could not be published to any node (`recipients` 0).
   */
  readonly node?: string;
  /** `node-left`: how many of its members left with it; `expired`: it died (its state expired in Redis). */
  readonly members?: number;
  readonly expired?: boolean;
  /** `delivery-failed`: how many of that node's members the message missed. */
  readonly recipients?: number;
}

export interface ProtocolServer<
  C extends MessageMap,
  S extends MessageMap,
  CR extends MessageMap,
  SR extends MessageMap,
> {
  /** Resolves once listening; the port actually bound. */
  listen(): Promise<{ readonly port: number }>;
  /** Graceful shutdown: stops accepting, closes every connection with 1001, resolves when all closed. */
  close(): Promise<void>;
  on<K extends keyof C & string>(key: K, handler: MessageHandler<C, S, CR, K>): void;
  onEvent<E extends keyof ServerEvents<S>>(event: E, handler: ServerEvents<S>[E]): () => void;
  readonly connections: ReadonlyMap<string, Connection<S>>;
  /** Server-to-client request (JSON-RPC): resolves with the client's answer. */
  request<K extends keyof SR & keyof S & string>(
    connectionId: string,
    key: K,
    message: S[K],
    options?: { readonly timeoutMs?: number },
  ): Promise<SR[K]>;
  broadcast<T extends keyof S & string>(key: T, message: S[T]): number;
  /** Sends to every connection in a room (verto: subscribers of an event channel); returns how many received it. */
  toRoom<T extends keyof S & string>(room: string, key: T, message: S[T]): number;
  /** Sends to the connection(s) known by a presence key (verto: the sessid channel); returns how many received it. */
  sendToPresence<T extends keyof S & string>(presenceKey: string, key: T, message: S[T]): number;
}

/** Sent for a refused frame where the protocol documents no error frame of its own. */
export interface WiretypeErrorFrame {
  readonly kind: RefusalKind | "handler-failed" | "session-refused";
  readonly message: string;
  readonly details?: JsonValue;
}
