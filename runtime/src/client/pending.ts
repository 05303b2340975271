import type { RpcId } from "../json-rpc.js";
import { RequestError } from "./types.js";

/** One request waiting for its answer. */
export interface PendingRequest {
  /** The asking client key. */
  readonly key: string;
  /** Server keys that answer it, and those among them that are failures (keyed frames and events). */
  readonly replyKeys: ReadonlySet<string>;
  readonly failureKeys: ReadonlySet<string>;
  /** JSON-RPC id. */
  readonly rpcId?: RpcId;
  /** The correlation value the request carries (Socket.IO `transaction`, a json `requestId`). */
  readonly correlation?: string;
  /** Concrete event names of templated answers, filled with the request's values (Socket.IO 2.x). */
  readonly replyEvents: readonly string[];
}

interface Entry {
  readonly request: PendingRequest;
  /** The connection it went out on, once sent. */
  via: object | undefined;
  settled: boolean;
  readonly cleanups: (() => void)[];
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** The requests waiting for an answer, oldest first. */
export class PendingRequests {
  readonly #entries: Entry[] = [];

  /** Registers a request; it fails with `timeout` after `timeoutMs`, or `aborted` when `signal` aborts. */
  start(request: PendingRequest, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    return new Promise<unknown>((resolve, reject) => {
      const entry: Entry = { request, via: undefined, settled: false, cleanups: [], resolve, reject };
      this.#entries.push(entry);
      const timer = setTimeout(() => {
        this.#settle(entry, new RequestError("timeout", `no answer to ${request.key} within ${timeoutMs} ms`));
      }, timeoutMs);
      entry.cleanups.push(() => clearTimeout(timer));
      if (signal === undefined) return;
      const onAbort = () => this.#settle(entry, new RequestError("aborted", `${request.key} was aborted`));
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      entry.cleanups.push(() => signal.removeEventListener("abort", onAbort));
    });
  }

  #entry(request: PendingRequest): Entry | undefined {
    return this.#entries.find((entry) => entry.request === request);
  }

  isSettled(request: PendingRequest): boolean {
    return this.#entry(request) === undefined;
  }

  /** The request went out on `via`; `cleanups` run when it settles (e.g. stop listening to its reply events). */
  markSent(request: PendingRequest, via: object, cleanups: readonly (() => void)[] = []): void {
    const entry = this.#entry(request);
    if (entry === undefined) {
      for (const cleanup of cleanups) cleanup();
      return;
    }
    entry.via = via;
    entry.cleanups.push(...cleanups);
  }

  /** The request will go out again on another connection (`retryRequests`): it is not on `via` any more. */
  unsend(request: PendingRequest): void {
    const entry = this.#entry(request);
    if (entry !== undefined) entry.via = undefined;
  }

  /** The oldest request already sent that `accepts` the answer. */
  /** Whether any request awaits an answer: most received frames answer none, and skip the search. */
  get isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  findSent(accepts: (request: PendingRequest) => boolean): PendingRequest | undefined {
    return this.#entries.find((entry) => entry.via !== undefined && accepts(entry.request))?.request;
  }

  resolve(request: PendingRequest, value: unknown): void {
    const entry = this.#entry(request);
    if (entry !== undefined) this.#settle(entry, undefined, value);
  }

  reject(request: PendingRequest, error: Error): void {
    const entry = this.#entry(request);
    if (entry !== undefined) this.#settle(entry, error);
  }

  /** Connection `via` dropped: requests it carried can no longer be answered. */
  rejectSent(via: object, message: string): void {
    for (const entry of this.#entries.filter((candidate) => candidate.via === via)) {
      this.#settle(entry, new RequestError("closed", `${entry.request.key}: ${message}`));
    }
  }

  rejectAll(message: string): void {
    for (const entry of [...this.#entries])
      this.#settle(entry, new RequestError("closed", `${entry.request.key}: ${message}`));
  }

  #settle(entry: Entry, error: Error | undefined, value?: unknown): void {
    if (entry.settled) return;
    entry.settled = true;
    this.#entries.splice(this.#entries.indexOf(entry), 1);
    for (const cleanup of entry.cleanups) cleanup();
    if (error === undefined) entry.resolve(value);
    else entry.reject(error);
  }
}
