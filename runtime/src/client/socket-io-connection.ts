import { type Connection, type ConnectionEnd, deferred, hearing, type InboundHandlers } from "./connection.js";
import type { SocketIoClientSocket, SocketIoConnect } from "./types.js";

export interface SocketIoTarget {
  readonly io: SocketIoConnect;
  readonly url: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>> | undefined;
  readonly ioOptions: Readonly<Record<string, unknown>> | undefined;
  /** Event names to listen to when the client has no `onAny` (socket.io-client 2.x). */
  readonly events: readonly string[];
}

function errorOf(value: unknown, fallback: string): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === "string" ? value : fallback);
}

/** Listens to every event: with `onAny` (4.x), else one listener per name, counted so that names can be shared. */
function eventListening(socket: SocketIoClientSocket, handlers: InboundHandlers) {
  const counts = new Map<string, { count: number; listener: (...args: unknown[]) => void }>();
  const hasOnAny = typeof socket.onAny === "function";
  // The handler itself, no wrapper: it is called once per event (the extra arguments are ignored).
  if (hasOnAny) socket.onAny?.(handlers.event);
  return (event: string): (() => void) => {
    if (hasOnAny) return () => {};
    const entry = counts.get(event) ?? { count: 0, listener: (data: unknown) => handlers.event(event, data) };
    if (entry.count === 0) socket.on(event, entry.listener);
    entry.count += 1;
    counts.set(event, entry);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      entry.count -= 1;
      if (entry.count === 0) socket.off?.(event, entry.listener);
    };
  };
}

/**
 * A Socket.IO connection through the user's `io` (socket.io-client 2.x or 4.x). Socket.IO's own
 * reconnection is off: the client reconnects itself, with its handshake and queue.
 */
export function openSocketIo(target: SocketIoTarget, handlers: InboundHandlers): Connection {
  const opened = deferred<void>();
  const closed = deferred<ConnectionEnd>();
  const socket = target.io(target.url, {
    ...target.ioOptions,
    path: target.path,
    ...(target.query === undefined ? {} : { query: { ...target.query } }),
    forceNew: true,
    reconnection: false,
  });
  let everOpened = false;
  let closeRequested = false;
  const heard = hearing();
  const end = (reason: string) => {
    opened.reject(new Error(reason));
    // Socket.IO has no closing handshake: a close the client asked for, after its buffer is flushed, is all there is.
    closed.resolve({ reason, clean: closeRequested });
  };
  const fail = (error: Error) => {
    end(error.message);
    socket.disconnect();
  };
  socket.on("connect", () => {
    everOpened = true;
    heard.heard();
    opened.resolve();
  });
  socket.on("connect_error", (error) => fail(errorOf(error, "Socket.IO connection failed")));
  socket.on("connect_timeout", () => fail(new Error("Socket.IO connection timed out")));
  socket.on("disconnect", (reason) => end(`disconnected (${String(reason)})`));
  const watch = eventListening(socket, {
    ...handlers,
    event(name, data) {
      heard.heard();
      handlers.event(name, data);
    },
  });
  for (const event of target.events) watch(event);
  return {
    opened: opened.promise,
    closed: closed.promise,
    pingable: false,
    isOpen: () => everOpened && socket.connected,
    send(key, payload) {
      if (!socket.connected) return false;
      socket.emit(key, payload);
      return true;
    },
    watch,
    async close() {
      closeRequested = true;
      socket.disconnect();
      end("closed by the client");
    },
    abort(reason) {
      end(reason);
      socket.disconnect();
    },
    ping: () => false,
    lastHeardAt: heard.lastHeardAt,
  };
}
