import { backoffDelay } from "./backoff.js";
import { type Connection, deferred } from "./connection.js";
import { asError } from "./errors.js";
import { type ConnectionState, type ReconnectOptions, RequestError } from "./types.js";

export interface LoopHooks {
  /** Opens a connection and runs the session handshake; rejects if either fails. */
  establish(): Promise<Connection>;
  setState(state: ConnectionState): void;
  /** The connection and its session are open. */
  opened(connection: Connection): void;
  error(error: Error): void;
}

/** A refused handshake: retrying with the same credentials cannot help. */
function isFatal(error: unknown): boolean {
  return error instanceof RequestError && error.reason === "failed";
}

/**
 * Connects, and reconnects after a drop or a failed attempt with exponential backoff and jitter, until
 * stopped, refused, or out of attempts. Each run has a generation; a stopped run's callbacks do nothing.
 */
export class ReconnectLoop {
  readonly #hooks: LoopHooks;
  readonly #reconnect: ReconnectOptions | false;
  #generation = 0;
  #active = false;
  #failures = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waiters: ReturnType<typeof deferred<void>>[] = [];

  constructor(hooks: LoopHooks, reconnect: ReconnectOptions | false) {
    this.#hooks = hooks;
    this.#reconnect = reconnect;
  }

  /** Starts connecting unless already running; resolves once open. */
  start(): Promise<void> {
    const waiter = deferred<void>();
    this.#waiters.push(waiter);
    if (!this.#active) {
      this.#active = true;
      this.#failures = 0;
      this.#generation += 1;
      void this.#run(this.#generation, "connecting");
    }
    return waiter.promise;
  }

  /** Stops for good (until `start`); waiting `connect()` calls fail with `error`. */
  stop(error: Error): void {
    this.#active = false;
    this.#generation += 1;
    clearTimeout(this.#timer);
    this.#settleWaiters(error);
  }

  #settleWaiters(error?: Error): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }

  async #run(generation: number, state: ConnectionState): Promise<void> {
    this.#hooks.setState(state);
    let connection: Connection;
    try {
      connection = await this.#hooks.establish();
    } catch (error) {
      if (generation === this.#generation) this.#failed(generation, asError(error));
      return;
    }
    if (generation !== this.#generation) {
      void connection.close();
      return;
    }
    this.#failures = 0;
    this.#hooks.setState("open");
    this.#hooks.opened(connection);
    this.#settleWaiters();
    void connection.closed.then(({ reason }) => {
      if (generation !== this.#generation) return;
      this.#hooks.error(new Error(reason));
      this.#retry(generation, new Error(reason));
    });
  }

  #failed(generation: number, error: Error): void {
    this.#hooks.error(error);
    this.#failures += 1;
    if (isFatal(error)) this.#giveUp(error);
    else this.#retry(generation, error);
  }

  #retry(generation: number, cause: Error): void {
    const options = this.#reconnect;
    if (options === false || (options.maxAttempts !== undefined && this.#failures >= options.maxAttempts)) {
      this.#giveUp(cause);
      return;
    }
    this.#hooks.setState("reconnecting");
    const delay = backoffDelay(this.#failures, options);
    this.#timer = setTimeout(() => {
      if (generation === this.#generation) void this.#run(generation, "reconnecting");
    }, delay);
  }

  #giveUp(cause: Error): void {
    this.stop(cause);
    this.#hooks.setState("closed");
  }
}
