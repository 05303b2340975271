import type { RawFrame } from "../frame-text.js";

/** What a connection hands to the client as it arrives. */
export interface InboundHandlers {
  /** A WebSocket frame (json and JSON-RPC framings). */
  frame(data: RawFrame): void;
  /** A Socket.IO event and its data. */
  event(name: string, data: unknown): void;
  /** The answer to a transport ping (`Connection.ping`). */
  pong?(): void;
}

/** How a connection ended. */
export interface ConnectionEnd {
  readonly reason: string;
  /**
   * The client asked to close and the transport finished it normally (WebSocket: the server answered
   * the close frame, so it read every frame written before; Socket.IO: the client's buffer was flushed).
   */
  readonly clean: boolean;
}

/** One transport connection; the client opens a new one for every (re)connection. */
export interface Connection {
  /** Resolves once open; rejects if the connection ends or fails first. */
  readonly opened: Promise<void>;
  /** Resolves when the connection ends (whether or not it opened). */
  readonly closed: Promise<ConnectionEnd>;
  /** Whether `ping` works (the `ws` WebSocket in Node; browsers have no ping API). */
  readonly pingable: boolean;
  isOpen(): boolean;
  /** Sends one message (JSON text frame, or Socket.IO `emit(key, payload)`); false when not open. */
  send(key: string, payload: unknown): boolean;
  /** Socket.IO without `onAny`: also listen to this event name. Returns a function that stops. */
  watch(event: string): () => void;
  close(code?: number, reason?: string): Promise<void>;
  /** Ends at once, without a closing handshake (a dead peer); `closed` resolves, not clean. */
  abort(reason: string): void;
  /** Sends a transport ping (when `pingable`); its answer arrives as `InboundHandlers.pong`. */
  ping(): boolean;
  /** When a frame (or pong) last arrived, from `Date.now()`; the time it was opened before any. */
  lastHeardAt(): number;
}

/**
 * When the peer was last heard from, read lazily: a frame only bumps a counter (no clock read on the
 * per-frame path) and the clock is read when `lastHeardAt()` sees the counter moved. The liveness check
 * asks 20 times per timeout, so a dead peer is reported at most one of its intervals later.
 */
export function hearing(): { heard(): void; lastHeardAt(): number } {
  let heardAt = Date.now();
  let frames = 0;
  let framesSeen = 0;
  return {
    heard: () => {
      frames += 1;
    },
    lastHeardAt: () => {
      if (frames !== framesSeen) {
        framesSeen = frames;
        heardAt = Date.now();
      }
      return heardAt;
    },
  };
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
