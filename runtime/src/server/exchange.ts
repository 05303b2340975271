import { rpcErrorCodes } from "../json-rpc.js";
import { forward, runDefaults } from "./defaults.js";
import type { Engine } from "./engine.js";
import type { Failure, Inbound, ServerConnection } from "./internal.js";
import { claimedPresence } from "./session-check.js";

/** One received message being handled: what was answered, and the context its handler gets. */
export class Exchange {
  answered = false;
  failed = false;
  /**
   * No application code (handler, session or join check) has seen the message yet: it is still what
   * the transport parsed from `inbound.text`, which lets a forward check that text more cheaply.
   */
  untouched = true;
  /**
   * How to take back the state this message changed (rooms, presence, session), newest first; made on
   * the first change (most messages change nothing).
   */
  private undo: (() => void)[] | undefined;

  constructor(
    readonly engine: Engine,
    readonly connection: ServerConnection,
    readonly inbound: Inbound,
  ) {}

  reply(answer: unknown): void {
    if (this.connection.closed) return;
    const key = this.engine.encoder.reply(this.connection, this.inbound, answer);
    this.answered = true;
    if (key !== undefined) this.noteAnswer(key);
  }

  fail(failure: Failure): void {
    if (this.connection.closed) return;
    this.engine.encoder.fail(this.connection, this.inbound, failure);
    this.answered = true;
    this.failed = true;
  }

  /** Opens the session; the presence key defaults to the value at the spec's presence path. */
  authenticate(presenceKey?: string): void {
    const { connection, engine } = this;
    const { authenticated, presenceKey: previousKey, presenceRecord: previousRecord } = connection;
    this.remember(() => {
      connection.authenticated = authenticated;
      if (previousKey === undefined) engine.registry.clearPresence(connection);
      else engine.registry.setPresence(connection, previousKey, previousRecord);
    });
    connection.authenticated = true;
    const key = presenceKey ?? claimedPresence(engine, this.inbound.key, this.inbound.message);
    if (key !== undefined) engine.registry.setPresence(connection, key, this.inbound.message);
  }

  join(room: string): void {
    const { connection, engine } = this;
    if (connection.rooms.has(room)) return;
    engine.registry.join(connection, room, this.inbound.message);
    this.remember(() => engine.registry.leave(connection, room));
  }

  leave(room: string): void {
    const { connection, engine } = this;
    if (!connection.rooms.has(room)) return;
    const record = connection.roomRecords.get(room);
    engine.registry.leave(connection, room);
    this.remember(() => engine.registry.join(connection, room, record));
  }

  /** A handler or default failed: what this message changed is taken back (no half-joined room, no half-open session). */
  rollback(): void {
    const undo = this.undo;
    while (undo !== undefined && undo.length > 0) undo.pop()?.();
  }

  private remember(undo: () => void): void {
    this.undo ??= [];
    this.undo.push(undo);
  }

  /** After the handler (or the defaults): presence for a key that is not the handshake, unanswered calls. */
  settle(hadHandler: boolean): void {
    const { descriptor } = this.engine;
    const { key, rpcId } = this.inbound;
    const isHandshake = descriptor.session?.handshake === key;
    if (!this.failed && !isHandshake && descriptor.presence?.key === key) this.authenticate();
    if (!hadHandler && !this.answered && rpcId !== undefined) {
      this.fail({ code: rpcErrorCodes.methodNotFound, message: `Method not found: no handler for ${key}` });
    }
  }

  forward(): void {
    forward(this);
  }

  private noteAnswer(answerKey: string): void {
    const session = this.engine.descriptor.session;
    if (session === undefined || session.handshake !== this.inbound.key || this.connection.authenticated) return;
    if (answerKey === "result" || session.success.includes(answerKey)) this.authenticate();
  }

  /** The handler's view (typed by `HandlerContext` at the API boundary). */
  context() {
    const { engine, connection } = this;
    const { registry } = engine;
    return {
      key: this.inbound.key,
      connection,
      reply: (answer: unknown) => this.reply(answer),
      fail: (failure: Failure) => this.fail(failure),
      authenticate: (presenceKey?: string) => this.authenticate(presenceKey),
      sendTo: (id: string, key: string, message: unknown) =>
        engine.deliver(
          [registry.find(id)].filter((target) => target !== undefined),
          key,
          message,
        ) > 0,
      sendToPresence: (presenceKey: string, key: string, message: unknown) =>
        engine.deliver(registry.present(presenceKey), key, message),
      broadcast: (key: string, message: unknown, options?: { readonly except?: string }) =>
        engine.deliver(engine.everyone(), key, message, options?.except),
      toRoom: (room: string, key: string, message: unknown, options?: { readonly except?: string }) =>
        engine.deliver(engine.roomAudience(room), key, message, options?.except),
      join: (room: string) => this.join(room),
      leave: (room: string) => this.leave(room),
      runDefaults: () => runDefaults(this, true),
      close: (code?: number, reason?: string) => connection.close(code, reason),
    };
  }
}
