import type { RawFrame } from "../frame-text.js";
import { type Connection, type ConnectionEnd, deferred, hearing, type InboundHandlers, within } from "./connection.js";
import type { PingableWebSocket, WebSocketConstructor, WebSocketLike } from "./types.js";

const openState = 1;
const closeWaitMs = 2_000;
/** The close code of a connection that ended without a close frame. */
const abnormalClosure = 1006;
/** Browsers cannot end a socket without a handshake: a private-use code says why we gave up. */
const deadPeerCloseCode = 4000;

interface BlobLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

function isBlobLike(data: unknown): data is BlobLike {
  return typeof data === "object" && data !== null && typeof (data as BlobLike).arrayBuffer === "function";
}

function isRawFrame(data: unknown): data is RawFrame {
  return typeof data === "string" || data instanceof ArrayBuffer || ArrayBuffer.isView(data);
}

/** Hands frames over in order, even when a Blob must first be read. */
function frameDelivery(handlers: InboundHandlers): (data: unknown) => void {
  let chain: Promise<void> | undefined;
  const deliver = (data: unknown) => {
    if (isRawFrame(data)) handlers.frame(data);
    else handlers.frame(String(data));
  };
  return (data) => {
    // A text frame with nothing queued before it (the common case) goes straight through.
    if (chain === undefined && typeof data === "string") return handlers.frame(data);
    if (chain === undefined && !isBlobLike(data)) return deliver(data);
    const previous = chain ?? Promise.resolve();
    chain = previous.then(async () => deliver(isBlobLike(data) ? await data.arrayBuffer() : data));
  };
}

function isPingable(socket: WebSocketLike): socket is PingableWebSocket {
  const candidate = socket as Partial<PingableWebSocket>;
  return (
    typeof candidate.ping === "function" &&
    typeof candidate.terminate === "function" &&
    typeof candidate.on === "function"
  );
}

/** A connection that failed before it existed (the constructor threw). */
function failedConnection(error: unknown): Connection {
  const failure = error instanceof Error ? error : new Error(String(error));
  const opened = deferred<void>();
  opened.reject(failure);
  return {
    opened: opened.promise,
    closed: Promise.resolve({ reason: failure.message, clean: false }),
    pingable: false,
    isOpen: () => false,
    send: () => false,
    watch: () => () => {},
    close: async () => {},
    abort: () => {},
    ping: () => false,
    lastHeardAt: () => Date.now(),
  };
}

/** A WebSocket carrying JSON text frames out, and text or binary frames in. */
export function openWebSocket(
  WebSocketClass: WebSocketConstructor,
  url: string,
  handlers: InboundHandlers,
): Connection {
  let socket: WebSocketLike;
  try {
    socket = new WebSocketClass(url);
  } catch (error) {
    return failedConnection(error);
  }
  const opened = deferred<void>();
  const closed = deferred<ConnectionEnd>();
  let ended = false;
  let closeRequested = false;
  const heard = hearing();
  const end = (reason: string, clean: boolean) => {
    ended = true;
    opened.reject(new Error(reason));
    closed.resolve({ reason, clean });
  };
  const pingable = isPingable(socket) ? socket : undefined;
  socket.binaryType = "arraybuffer";
  const deliver = frameDelivery(handlers);
  socket.addEventListener("open", () => {
    heard.heard();
    opened.resolve();
  });
  socket.addEventListener("message", (event) => {
    heard.heard();
    deliver(event.data);
  });
  pingable?.on("pong", () => {
    heard.heard();
    handlers.pong?.();
  });
  socket.addEventListener("error", () => {});
  socket.addEventListener("close", (event) => {
    const reason = `connection closed (${event.code}${event.reason === "" ? "" : ` ${event.reason}`})`;
    // Clean only when the server answered our close frame: it then read every frame written before it.
    end(reason, closeRequested && event.code !== abnormalClosure && event.wasClean !== false);
  });
  const abort = (reason: string) => {
    if (ended) return;
    if (pingable !== undefined) pingable.terminate();
    else socket.close(deadPeerCloseCode, "no answer from the server");
    end(reason, false);
  };
  return {
    opened: opened.promise,
    closed: closed.promise,
    pingable: pingable !== undefined,
    isOpen: () => socket.readyState === openState,
    send(_key, payload) {
      if (socket.readyState !== openState) return false;
      socket.send(JSON.stringify(payload));
      return true;
    },
    watch: () => () => {},
    async close(code, reason) {
      closeRequested = true;
      socket.close(code ?? 1000, reason);
      await within(closed.promise, closeWaitMs);
      abort("the server did not answer the close");
    },
    abort,
    ping() {
      if (pingable === undefined || socket.readyState !== openState) return false;
      pingable.ping();
      return true;
    },
    lastHeardAt: heard.lastHeardAt,
  };
}
