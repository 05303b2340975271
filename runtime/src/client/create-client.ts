import type { MessageMap } from "../dispatch.js";
import type { RpcId } from "../json-rpc.js";
import type { ClientProtocolDescriptor, ProtocolDescriptor } from "../protocol.js";
import { phpJsonSign } from "../sign/php-json.js";
import { looseDescriptor } from "./client-descriptor.js";
import type { Connection, ConnectionEnd } from "./connection.js";
import { Delivery } from "./delivery.js";
import type { UndeliveredMessage } from "./delivery-types.js";
import { asError } from "./errors.js";
import { type ClientFeatures, missingFeature } from "./features.js";
import { startHeartbeat } from "./heartbeat.js";
import { type InboundContext, inboundFor } from "./inbound.js";
import { type RpcHandler, rpcInbound } from "./inbound-rpc.js";
import { JoinedRooms } from "./joined-rooms.js";
import { ListenerTable } from "./listeners.js";
import { deadPeerTimeout, watchLiveness } from "./liveness.js";
import type { LooseDescriptor, LooseOptions } from "./loose.js";
import { encodeOutbound } from "./outbound.js";
import { Outbox, type Queued } from "./outbox.js";
import { PendingRequests } from "./pending.js";
import { ReconnectLoop } from "./reconnect-loop.js";
import { watchNamedEvents } from "./replies.js";
import { buildRequest } from "./request.js";
import { openSocketIo } from "./socket-io-connection.js";
import { configurationProblem, openConnection, resolveTarget } from "./transport.js";
import {
  type ClientEvents,
  type ClientOptions,
  type ConnectionState,
  type ProtocolClient,
  RequestError,
  type RequestOptions,
  type ServerRequestHandler,
} from "./types.js";

const defaults = { requestTimeoutMs: 10_000, maxQueue: 1_000 } as const;

/**
 * The generic client: one per connection target. Everything protocol-specific comes from the
 * descriptor; this class keeps the state, the queue, the listeners and the pending requests.
 */
class Client<C extends MessageMap, S extends MessageMap, CR extends MessageMap, SR extends MessageMap>
  implements ProtocolClient<C, S, CR, SR>
{
  readonly #descriptor: LooseDescriptor;
  readonly #options: LooseOptions;
  readonly #features: ClientFeatures;
  readonly #pending = new PendingRequests();
  readonly #events = new ListenerTable<unknown>((error) => this.#listenerFailed(error));
  readonly #messages = new ListenerTable<unknown>((error) => this.#emit("error", asError(error)));
  readonly #handlers = new Map<string, RpcHandler>();
  readonly #loop: ReconnectLoop;
  readonly #outbox: Outbox;
  readonly #delivery: Delivery;
  readonly #rooms: JoinedRooms;
  #state: ConnectionState = "idle";
  #connection: Connection | undefined;
  #stopHeartbeat: () => void = () => {};
  #stopLiveness: () => void = () => {};
  #heartbeatIntervalMs: number | undefined;
  #lastRpcId = 0;
  #reportingListenerError = false;

  constructor(descriptor: LooseDescriptor, options: LooseOptions, features: ClientFeatures) {
    this.#descriptor = descriptor;
    this.#options = options;
    this.#features = features;
    this.#outbox = new Outbox(options.maxQueue ?? defaults.maxQueue);
    this.#delivery = new Delivery(options, this.#pending, (messages) => this.#undelivered(messages));
    this.#rooms = new JoinedRooms(descriptor, options);
    this.#loop = new ReconnectLoop(
      {
        establish: () => this.#establish(),
        setState: (state) => this.#setState(state),
        opened: (connection) => this.#opened(connection),
        error: (error) => this.#emit("error", error),
      },
      options.reconnect ?? {},
    );
  }

  get state(): ConnectionState {
    return this.#state;
  }

  connect(): Promise<void> {
    const problem =
      missingFeature(this.#descriptor, this.#features) ?? configurationProblem(this.#descriptor, this.#options);
    if (problem !== undefined) return Promise.reject(new Error(problem));
    if (this.#state === "open") return Promise.resolve();
    return this.#loop.start();
  }

  async close(code?: number, reason?: string): Promise<void> {
    this.#loop.stop(new RequestError("closed", "the client was closed"));
    this.#setState("closing");
    this.#stopHeartbeat();
    this.#stopLiveness();
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.close(code, reason);
    this.#pending.rejectAll("the client was closed");
    this.#outbox.dropRequests();
    this.#setState("closed");
  }

  sendMessage<K extends keyof C & string>(key: K, message: C[K]): void {
    this.#submit(this.#encode(key, message, { message }));
  }

  requestMessage<K extends keyof CR & keyof C & string>(
    key: K,
    message: C[K],
    options: RequestOptions = {},
  ): Promise<CR[K]> {
    const timeoutMs = options.timeoutMs ?? this.#requestTimeoutMs();
    const { request, payload } = this.#newRequest(key, message, [], []);
    const answer = this.#pending.start(request, timeoutMs, options.signal);
    if (!this.#pending.isSettled(request)) {
      try {
        const outbound = encodeOutbound(this.#descriptor, this.#features, key, payload, request.rpcId);
        const rpcId = request.rpcId === undefined ? {} : { rpcId: request.rpcId };
        this.#submit({ ...outbound, ...rpcId, request, fromApp: { message } });
      } catch (error) {
        this.#pending.reject(request, asError(error));
      }
    }
    return answer as Promise<CR[K]>;
  }

  on<K extends keyof S & string>(key: K, handler: (message: S[K]) => void): () => void {
    return this.#messages.add(key, handler as (message: unknown) => void);
  }

  onEvent<E extends keyof ClientEvents<C>>(event: E, handler: ClientEvents<C>[E]): () => void {
    return this.#events.add(event, handler as (value: unknown) => void);
  }

  handle<K extends keyof SR & keyof S & string>(key: K, handler: ServerRequestHandler<S[K], SR[K]>): void {
    this.#handlers.set(key, handler as RpcHandler);
  }

  #emit<E extends keyof ClientEvents>(event: E, value: Parameters<ClientEvents[E]>[0]): void {
    this.#events.emit(event, value);
  }

  #listenerFailed(error: unknown): void {
    // An `error` listener that throws is not reported again (that would loop).
    if (this.#reportingListenerError) return;
    this.#reportingListenerError = true;
    this.#emit("error", asError(error));
    this.#reportingListenerError = false;
  }

  #setState(state: ConnectionState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#emit("state", state);
  }

  /** A message that is not a request: JSON-RPC requests still get an id (the answer only confirms delivery). */
  #encode(key: string, message: unknown, fromApp?: Queued["fromApp"]): Queued {
    const rpcId = this.#descriptor.client.rpc[key] === "request" ? this.#nextRpcId() : undefined;
    const { payload } = encodeOutbound(this.#descriptor, this.#features, key, message, rpcId);
    // One literal with every member (no spread then additions: V8's slow path, once per message sent).
    if (rpcId === undefined) return fromApp === undefined ? { key, payload } : { key, payload, fromApp };
    return fromApp === undefined ? { key, payload, rpcId } : { key, payload, rpcId, fromApp };
  }

  /** Messages that may not have reached the server: the app hears of them, never silence. */
  #undelivered(messages: UndeliveredMessage[]): void {
    this.#emit("undelivered", messages);
    const reason =
      messages[0]?.reason === "unconfirmed" ? "too many awaited a confirmation" : "the connection was lost";
    this.#emit("error", new Error(`${messages.length} message(s) may not have reached the server: ${reason}`));
  }

  #nextRpcId(): RpcId {
    if (this.#options.nextRequestId !== undefined) return this.#options.nextRequestId();
    this.#lastRpcId += 1;
    return this.#lastRpcId;
  }

  #newRequest(key: string, message: unknown, extraReplies: readonly string[], extraFailures: readonly string[]) {
    const rpcId = this.#descriptor.framing.kind === "json-rpc" ? this.#nextRpcId() : undefined;
    return buildRequest(this.#descriptor, { key, message, rpcId, extraReplies, extraFailures });
  }

  /** Sends now if the connection is open and nothing waits before it; queues otherwise. */
  #submit(outbound: Queued): void {
    if (this.#outbox.size === 0 && this.#state === "open" && this.#transmit(this.#connection, outbound)) return;
    this.#outbox.push(outbound);
  }

  #transmit(connection: Connection | undefined, outbound: Queued): boolean {
    if (connection === undefined || !connection.isOpen()) return false;
    const request = outbound.request;
    if (request !== undefined) {
      if (this.#pending.isSettled(request)) return true;
      // Listen for templated answers before asking, so that a fast answer is not missed.
      const unwatch = request.replyEvents.map((event) => connection.watch(event));
      this.#pending.markSent(request, connection, unwatch);
    }
    watchNamedEvents(this.#descriptor, connection, outbound.payload, this.#requestTimeoutMs());
    if (!connection.send(outbound.key, outbound.payload)) return false;
    this.#delivery.written(connection, outbound);
    if (outbound.fromApp !== undefined) this.#rooms.written(outbound.key, outbound.fromApp.message);
    return true;
  }

  #requestTimeoutMs(): number {
    return this.#options.requestTimeoutMs ?? defaults.requestTimeoutMs;
  }

  async #establish(): Promise<Connection> {
    const target = await resolveTarget(this.#descriptor, this.#options);
    if (target.heartbeatIntervalMs !== undefined) this.#heartbeatIntervalMs = target.heartbeatIntervalMs;
    let connection: Connection | undefined;
    const context: InboundContext = {
      descriptor: this.#descriptor,
      pending: this.#pending,
      deliver: (key, message) => this.#messages.emit(key, message),
      invalid: (error) => this.#emit("invalid", error),
      answered: (marker) => connection && this.#delivery.answered(connection, marker),
      failed: (error) => this.#emit("error", asError(error)),
    };
    const handlers = {
      ...inboundFor(context, this.#features, this.#handlers, (envelope) => connection?.send("", envelope)),
      pong: () => connection && this.#delivery.pongReceived(connection),
    };
    const opened = openConnection(this.#descriptor, this.#options, this.#features, target.url, handlers);
    connection = opened;
    this.#connection = opened;
    void opened.closed.then((end) => this.#ended(opened, end));
    await opened.opened;
    try {
      await this.#handshake(opened);
    } catch (error) {
      await opened.close();
      throw error;
    }
    return opened;
  }

  /** Unconfirmed messages are sent again first or reported; requests not retried fail with `closed`. */
  #ended(connection: Connection, end: ConnectionEnd): void {
    const again = this.#delivery.ended(connection, end);
    this.#outbox.prepend(again);
    this.#pending.rejectSent(connection, `the connection was lost (${end.reason})`);
    if (this.#connection !== connection) return;
    this.#connection = undefined;
    this.#stopHeartbeat();
    this.#stopLiveness();
  }

  /** Sends the session handshake and waits for its success answer. */
  async #handshake(connection: Connection): Promise<void> {
    const session = this.#descriptor.session;
    const make = this.#options.handshake;
    if (session === undefined || make === undefined) return;
    const message: unknown = await make();
    const key = session.handshake;
    const failures = session.failure;
    const { request, payload } = this.#newRequest(key, message, [...session.success, ...failures], failures);
    const answer = this.#pending.start(request, this.#requestTimeoutMs());
    const outbound = { ...encodeOutbound(this.#descriptor, this.#features, key, payload, request.rpcId), request };
    if (!this.#transmit(connection, outbound)) {
      this.#pending.reject(request, new RequestError("closed", `${key}: the connection closed before the handshake`));
    }
    await answer;
  }

  #opened(connection: Connection): void {
    for (const join of this.#rooms.restore((message) => this.#outbox.holds(message))) {
      this.#transmit(connection, this.#encode(join.key, join.message));
    }
    this.#outbox.flush((queued) => this.#transmit(connection, queued));
    this.#watchLiveness(connection);
    this.#stopHeartbeat();
    this.#stopHeartbeat = startHeartbeat(this.#descriptor, {
      values: this.#options.heartbeat,
      intervalMs: this.#options.heartbeatIntervalMs ?? this.#heartbeatIntervalMs,
      send: (key, message) => this.#transmit(connection, this.#encode(key, message)),
      error: (error) => this.#emit("error", error),
    });
  }

  /** A connection that stays silent past the dead peer timeout is ended, and reconnected by the loop. */
  #watchLiveness(connection: Connection): void {
    this.#stopLiveness();
    const timeoutMs = deadPeerTimeout(this.#descriptor, this.#options, connection);
    if (timeoutMs === undefined) return;
    this.#stopLiveness = watchLiveness(connection, timeoutMs, {
      pinged: () => this.#delivery.pingSent(connection),
      dead: (reason) => connection.abort(reason),
    });
  }
}

/**
 * A client for any protocol a descriptor describes, with every framing and signing feature (JSON-RPC,
 * Socket.IO, PHP signing). `CR` and `SR` (answers to client requests and to server requests) cannot be
 * read from the descriptor's value; generated `create<Protocol>Client` functions pass them.
 */
export function createClient<
  C extends MessageMap,
  S extends MessageMap,
  CR extends MessageMap = Record<never, never>,
  SR extends MessageMap = Record<never, never>,
>(descriptor: ProtocolDescriptor<C, S>, options: ClientOptions<C>): ProtocolClient<C, S, CR, SR> {
  return createClientWith<C, S, CR, SR>(descriptor, options, allClientFeatures);
}

/**
 * `createClient` carrying only the `features` passed: what generated clients call, so that a browser
 * bundle holds no JSON-RPC, Socket.IO or signing code its protocol does not use. Given a generated
 * `ClientProtocolDescriptor`, it holds no zod either: compiled guards decide, and the zod schemas load
 * (a dynamic import) the first time a refused frame needs explaining, so that first `invalid` event
 * comes a little later, still in the order the frames arrived.
 */
export function createClientWith<
  C extends MessageMap,
  S extends MessageMap,
  CR extends MessageMap = Record<never, never>,
  SR extends MessageMap = Record<never, never>,
>(
  descriptor: ProtocolDescriptor<C, S> | ClientProtocolDescriptor<C, S>,
  options: ClientOptions<C>,
  features: ClientFeatures,
): ProtocolClient<C, S, CR, SR> {
  return new Client<C, S, CR, SR>(
    looseDescriptor(descriptor, options.formats),
    options as unknown as LooseOptions,
    features,
  );
}

/** Every feature: JSON-RPC, Socket.IO and PHP signing. */
export const allClientFeatures: ClientFeatures = { sign: phpJsonSign, rpcInbound, openSocketIo };
