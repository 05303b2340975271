import type { RawFrame } from "../frame-text.js";

/** What a connection hands to the client as it arrives. */
export interface InboundHandlers {
  /** A WebSocket frame (json and JSON-RPC framings). */
  frame(data: RawFrame): void;
  /** A Socket.IO event and its data. */
  event(name: string, data: unknown): void;
}

/** One transport connection; the client opens a new one for every (re)connection. */
export interface Connection {
  /** Resolves once open; rejects if the connection ends or fails first. */
  readonly opened: Promise<void>;
  /** Resolves with a reason when the connection ends (whether or not it opened). */
  readonly closed: Promise<string>;
  isOpen(): boolean;
  /** Sends one message (JSON text frame, or Socket.IO `emit(key, payload)`); false when not open. */
  send(key: string, payload: unknown): boolean;
  /** Socket.IO without `onAny`: also listen to this event name. Returns a function that stops. */
  watch(event: string): () => void;
  close(code?: number, reason?: string): Promise<void>;
}

/** A promise and its settle functions. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve: (value: T) => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<T>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  // Callers may never await it (a connection that fails before anyone asks); that is not an error.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Waits for `promise`, but no longer than `ms`. */
export function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}
