import { randomUUID } from "node:crypto";
import { defaultMaxFrameDepth, type FrameLimits } from "../frame-bounds.js";
import { type RpcErrorObject, type RpcId, rpcErrorCodes } from "../json-rpc.js";
import { valueAtPath } from "../protocol.js";
import { leaveCalls } from "./call-state.js";
import { runDefaults } from "./defaults.js";
import { beforeSessionCode } from "./encode-rpc.js";
import type { Encoder } from "./encoder.js";
import { encoderFor } from "./encoders.js";
import { Exchange } from "./exchange.js";
import type { Inbound, Link, Packet, Refusal } from "./internal.js";
import { ServerConnection } from "./internal.js";
import { ownCopy, setOwn } from "./own-copy.js";
import { Registry } from "./registry.js";
import { applyRoomAnnouncement } from "./room-announcement.js";
import { missingSignature, signatureRefusal } from "./signature.js";
import { defaultMaxFrameBytes } from "./transport.js";
import type { ServerEvents, ServerOptions } from "./types.js";
import { type AnyDescriptor, sideView } from "./view.js";

type Events = ServerEvents<object>;
type LooseHandler = (message: unknown, context: unknown) => unknown;

/** The protocol layer: sessions, presence, rooms, handlers and defaults, whatever the transport. */
export class Engine {
  readonly registry = new Registry();
  readonly encoder: Encoder;
  readonly client;
  readonly server;
  readonly handlers = new Map<string, LooseHandler>();
  readonly defaults: boolean;
  private readonly listeners = new Map<keyof Events, Set<(...args: never[]) => void>>();
  private readonly queues = new WeakMap<ServerConnection, Promise<void>>();
  /** How many connections have a task in flight: none (the usual case) skips the queue lookup. */
  private held = 0;
  private lastId = 0;

  readonly frameLimits: FrameLimits;

  constructor(
    readonly descriptor: AnyDescriptor,
    readonly options: ServerOptions<object>,
  ) {
    this.frameLimits = {
      maxDepth: options.maxFrameDepth ?? defaultMaxFrameDepth,
      maxLength: options.maxFrameBytes ?? defaultMaxFrameBytes,
    };
    this.client = sideView(descriptor.client);
    this.server = sideView(descriptor.server);
    this.defaults = options.defaults !== false;
    this.encoder = encoderFor(descriptor, () => this.nextId());
  }

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as unknown as (...values: Parameters<Events[E]>) => void)(...args);
      } catch {
        // A listener's failure must not reach the transport.
      }
    }
  }

  open(link: Link): ServerConnection {
    const authenticated = this.descriptor.session === undefined;
    const connection = new ServerConnection(
      link.id ?? randomUUID(),
      link,
      authenticated,
      (target, key, message, packet) => {
        applyRoomAnnouncement(this, key, message);
        if (packet === undefined) this.encoder.push(target, key, message);
        else target.link.deliver(packet);
      },
    );
    this.registry.add(connection);
    this.emit("connection", connection);
    return connection;
  }

  /** Runs each connection's messages in order, so an async handshake finishes before what follows. */
  receive(connection: ServerConnection, inbound: Inbound): void {
    if (this.held !== 0 && this.queues.has(connection)) {
      this.enqueue(connection, () => this.handle(connection, inbound));
      return;
    }
    // Nothing in flight (the common case): handled now, with no closure made for the queue.
    try {
      this.runNow(connection, this.handle(connection, inbound));
    } catch (cause) {
      this.unexpected(connection, cause);
    }
  }

  /** Answers a refused frame in turn with the messages before it. */
  refuse(connection: ServerConnection, refusal: Refusal): void {
    this.enqueue(connection, () => this.refuseNow(connection, refusal));
  }

  /**
   * Runs the task now when nothing is in flight for the connection (the common, synchronous case: no
   * microtask per frame), else after what is in flight; an asynchronous task holds the queue until done.
   */
  private enqueue(connection: ServerConnection, task: () => void | Promise<void>): void {
    const previous = this.held === 0 ? undefined : this.queues.get(connection);
    if (previous !== undefined) {
      this.hold(connection, previous.then(task));
      return;
    }
    let result: void | Promise<void>;
    try {
      result = task();
    } catch (cause) {
      this.unexpected(connection, cause);
      return;
    }
    this.runNow(connection, result);
  }

  /** What a task run at once left: a promise holds the connection's queue until it settles. */
  private runNow(connection: ServerConnection, result: void | Promise<void>): void {
    if (result instanceof Promise) this.hold(connection, result);
  }

  private hold(connection: ServerConnection, tail: Promise<void>): void {
    const settled = tail.catch((cause: unknown) => this.unexpected(connection, cause));
    if (!this.queues.has(connection)) this.held += 1;
    this.queues.set(connection, settled);
    void settled.then(() => {
      if (this.queues.get(connection) !== settled) return;
      this.queues.delete(connection);
      this.held -= 1;
    });
  }

  private refuseNow(connection: ServerConnection, refusal: Refusal): void {
    if (connection.closed) return;
    // The reference server drops an unsigned frame unanswered, as it drops a wrongly signed one.
    const unsigned = missingSignature(this.descriptor, refusal.error);
    if (unsigned !== undefined) {
      this.emit("invalid", connection, unsigned);
      return;
    }
    try {
      this.encoder.refuse(connection, refusal);
    } catch (cause) {
      this.emit("error", connection, cause instanceof Error ? cause : new Error(String(cause)));
    }
    this.emit("invalid", connection, refusal.error);
  }

  /** A JSON-RPC answer from the client: settles the request with that id. */
  response(connection: ServerConnection, id: RpcId | null, outcome: { result: unknown } | { error: RpcErrorObject }) {
    connection.lastHeard = Date.now();
    const pending = id === null ? undefined : connection.pending.get(id);
    if (pending === undefined || id === null) return;
    connection.pending.delete(id);
    clearTimeout(pending.timer);
    if ("error" in outcome) return pending.reject(new Error(`${outcome.error.code}: ${outcome.error.message}`));
    const validator = this.server.replies(pending.key)?.result;
    if (validator && !validator.guard(outcome.result)) {
      return pending.reject(new Error(`the client's answer to ${pending.key} does not match its schema`));
    }
    pending.resolve(outcome.result);
  }

  /** A server-to-client request (JSON-RPC): resolves with the client's validated result. */
  request(connection: ServerConnection, key: string, message: unknown, timeoutMs?: number): Promise<unknown> {
    const send = this.encoder.request;
    if (send === undefined) return Promise.reject(new Error(`${this.descriptor.framing.kind} framing has no requests`));
    if (connection.closed) return Promise.reject(new Error("connection closed"));
    const id = this.nextId();
    const waitMs = timeoutMs ?? this.options.requestTimeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        connection.pending.delete(id);
        reject(new Error(`${key} got no answer within ${waitMs} ms`));
      }, waitMs);
      connection.pending.set(id, { key, resolve, reject, timer });
      send(connection, key, message, id);
    });
  }

  drop(connection: ServerConnection, reason: string): void {
    if (connection.closed) return;
    connection.closed = true;
    for (const pending of connection.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`connection closed: ${reason}`));
    }
    connection.pending.clear();
    if (this.defaults) this.leaveEverything(connection);
    if (this.defaults) leaveCalls(this, connection);
    this.registry.remove(connection);
    this.emit("disconnect", connection, reason);
  }

  /**
   * One valid frame: signature, session gate, then the handler or the defaults, all inside the error
   * handling that answers with the protocol's error; a failure takes back what the message changed.
   */
  private handle(connection: ServerConnection, inbound: Inbound): void | Promise<void> {
    if (connection.closed) return;
    const exchange = new Exchange(this, connection, inbound);
    try {
      const badSignature = signatureRefusal(this.descriptor, inbound);
      if (badSignature !== undefined) return this.emit("invalid", connection, badSignature);
      if (!this.sessionAllows(connection, inbound.key)) return this.refuseBeforeSession(connection, inbound);
      // Only a frame the server accepts shows the peer is alive (garbage, forged or early frames do not).
      connection.lastHeard = Date.now();
      const handler = this.handlers.get(inbound.key);
      if (handler === undefined) {
        const done = this.defaults ? runDefaults(exchange) : undefined;
        if (done instanceof Promise) return done.then(() => exchange.settle(false), this.failure(exchange));
        exchange.settle(false);
        return;
      }
      exchange.untouched = false;
      const answer = handler(inbound.message, exchange.context());
      if (answer instanceof Promise)
        return answer.then((settled) => this.answered(exchange, settled), this.failure(exchange));
      this.answered(exchange, answer);
    } catch (cause) {
      this.handlerFailed(exchange, cause);
    }
  }

  /** What a handler or default that failed later does (made only for an asynchronous one). */
  private failure(exchange: Exchange): (cause: unknown) => void {
    return (cause) => this.handlerFailed(exchange, cause);
  }

  private answered(exchange: Exchange, answer: unknown): void {
    if (answer !== undefined && !exchange.answered) exchange.reply(answer);
    exchange.settle(true);
  }

  private handlerFailed(exchange: Exchange, cause: unknown): void {
    const { connection } = exchange;
    const error = cause instanceof Error ? cause : new Error(String(cause));
    exchange.rollback();
    try {
      if (!exchange.answered) exchange.fail({ code: rpcErrorCodes.internalError, message: error.message });
    } catch (failure) {
      this.emit("error", connection, failure instanceof Error ? failure : new Error(String(failure)));
    }
    this.emit("error", connection, error);
  }

  /**
   * A failure no frame should cause (a bug in the runtime or an encoder): reported as an `error` event and
   * answered as a server error; the connection and the process carry on.
   */
  unexpected(connection: ServerConnection, cause: unknown): void {
    this.emit("error", connection, cause instanceof Error ? cause : new Error(String(cause)));
    const error = { kind: "server-error" as const, summary: "the server failed to handle the frame", issues: [] };
    try {
      this.encoder.refuse(connection, { error: { ...error, frame: undefined }, rpcCode: rpcErrorCodes.internalError });
    } catch {
      // Nothing more can be said to this peer; the error event above has reported it.
    }
  }

  private sessionAllows(connection: ServerConnection, key: string): boolean {
    const session = this.descriptor.session;
    if (session === undefined || connection.authenticated) return true;
    return key === session.handshake || session.allowBefore.includes(key);
  }

  private refuseBeforeSession(connection: ServerConnection, inbound: Inbound): void {
    const handshake = this.descriptor.session?.handshake ?? "";
    const summary = `${inbound.key} needs an open session: send ${handshake} first`;
    const error = {
      kind: "before-session" as const,
      summary,
      issues: [],
      messageName: inbound.key,
      frame: inbound.message,
    };
    this.refuseNow(connection, {
      error,
      rpcCode: beforeSessionCode,
      rpcId: inbound.rpcId ?? null,
      event: inbound.event ?? inbound.key,
      data: inbound.message,
    });
  }

  /** Disconnect: leave every room as if the leave message had arrived (the spec's leave forwarding). */
  leaveEverything(connection: ServerConnection): void {
    const rooms = this.descriptor.rooms;
    if (rooms === undefined || rooms.leave.side !== "client") return;
    for (const room of [...connection.rooms]) {
      const member = valueAtPath(connection.roomRecords.get(room), rooms.member);
      const message = this.keyed(rooms.leave.key, { ...nest(rooms.room, room), ...nest(rooms.member, member) });
      const exchange = new Exchange(this, connection, { key: rooms.leave.key, message });
      try {
        exchange.forward();
      } catch (cause) {
        this.emit("error", connection, cause instanceof Error ? cause : new Error(String(cause)));
      }
      this.registry.leave(connection, room);
    }
  }

  /**
   * Sends to each connection but `except`, encoded once for all (`text`: the message's JSON text, when
   * the caller has it; `bytes`: that text's UTF-8); returns how many received it.
   */
  deliver(
    targets: Iterable<ServerConnection>,
    key: string,
    message: unknown,
    except?: string,
    text?: string,
    bytes?: Uint8Array,
  ): number {
    let count = 0;
    let packet: Packet | undefined;
    for (const target of targets) {
      if (target.id === except || target.closed) continue;
      packet ??= this.encoder.packet(key, message, text, bytes);
      if (packet === undefined) target.send(key, message);
      else target.sendPacket(key, message, packet);
      count += 1;
    }
    return count;
  }

  /** Who a message to a room reaches (its members, and the main room's with the rooms `prefix`). */
  roomAudience(room: string): ServerConnection[] {
    return this.registry.audience(room, this.descriptor.rooms?.prefix);
  }

  /** Connections whose session is open (everyone, for `broadcast`). */
  everyone(): ServerConnection[] {
    // In a cluster, the other nodes' members too (`registry.everyone`).
    return this.registry.everyone().filter((connection) => connection.authenticated);
  }

  /** A copy of a message re-keyed as a server message (json framing: the discriminator set to `key`). */
  serverKeyed(key: string, message: unknown): Record<string, unknown> {
    const copy = message !== null && typeof message === "object" ? ownCopy(message) : {};
    return this.keyed(key, copy);
  }

  /** A message of the client side as it is on the wire (json framing: its discriminator set, in place). */
  keyed(key: string, fields: Record<string, unknown>): Record<string, unknown> {
    const framing = this.descriptor.framing;
    if (framing.kind === "json") setOwn(fields, framing.discriminator, key);
    return fields;
  }
}

function nest(path: readonly string[], value: unknown): Record<string, unknown> {
  if (value === undefined || path.length === 0) return {};
  return path.reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value) as Record<string, unknown>;
}
