import type { RawFrame } from "../frame-text.js";
import { type Connection, deferred, type InboundHandlers, within } from "./connection.js";
import type { WebSocketConstructor, WebSocketLike } from "./types.js";

const openState = 1;
const closeWaitMs = 2_000;

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
    if (chain === undefined && !isBlobLike(data)) return deliver(data);
    const previous = chain ?? Promise.resolve();
    chain = previous.then(async () => deliver(isBlobLike(data) ? await data.arrayBuffer() : data));
  };
}

/** A WebSocket carrying JSON text frames out, and text or binary frames in. */
export function openWebSocket(
  WebSocketClass: WebSocketConstructor,
  url: string,
  handlers: InboundHandlers,
): Connection {
  const opened = deferred<void>();
  const closed = deferred<string>();
  let socket: WebSocketLike;
  try {
    socket = new WebSocketClass(url);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    opened.reject(failure);
    closed.resolve(failure.message);
    return {
      opened: opened.promise,
      closed: closed.promise,
      isOpen: () => false,
      send: () => false,
      watch: () => () => {},
      close: async () => {},
    };
  }
  socket.binaryType = "arraybuffer";
  const deliver = frameDelivery(handlers);
  socket.addEventListener("open", () => opened.resolve());
  socket.addEventListener("message", (event) => deliver(event.data));
  socket.addEventListener("error", () => {});
  socket.addEventListener("close", (event) => {
    const reason = `connection closed (${event.code}${event.reason === "" ? "" : ` ${event.reason}`})`;
    opened.reject(new Error(reason));
    closed.resolve(reason);
  });
  return {
    opened: opened.promise,
    closed: closed.promise,
    isOpen: () => socket.readyState === openState,
    send(_key, payload) {
      if (socket.readyState !== openState) return false;
      socket.send(JSON.stringify(payload));
      return true;
    },
    watch: () => () => {},
    async close(code, reason) {
      socket.close(code ?? 1000, reason);
      await within(closed.promise, closeWaitMs);
    },
  };
}
