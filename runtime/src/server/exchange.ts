import { rpcErrorCodes } from "../json-rpc.js";
import { valueAtPath } from "../protocol.js";
import { forward, runDefaults } from "./defaults.js";
import type { Engine } from "./engine.js";
import type { Failure, Inbound, ServerConnection } from "./internal.js";

/** One received message being handled: what was answered, and the context its handler gets. */
export class Exchange {
  answered = false;
  failed = false;

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
    this.connection.authenticated = true;
    const presence = this.engine.descriptor.presence;
    const value = presence?.key === this.inbound.key ? valueAtPath(this.inbound.message, presence.path) : undefined;
    const key = presenceKey ?? (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
    if (key !== undefined) this.engine.registry.setPresence(this.connection, key, this.inbound.message);
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
          [registry.connections.get(id)].filter((target) => target !== undefined),
          key,
          message,
        ) > 0,
      sendToPresence: (presenceKey: string, key: string, message: unknown) =>
        engine.deliver(registry.present(presenceKey), key, message),
      broadcast: (key: string, message: unknown, options?: { readonly except?: string }) =>
        engine.deliver(engine.everyone(), key, message, options?.except),
      toRoom: (room: string, key: string, message: unknown, options?: { readonly except?: string }) =>
        engine.deliver(registry.members(room), key, message, options?.except),
      join: (room: string) => registry.join(connection, room, this.inbound.message),
      leave: (room: string) => registry.leave(connection, room),
      runDefaults: () => runDefaults(this),
      close: (code?: number, reason?: string) => connection.close(code, reason),
    };
  }
}
