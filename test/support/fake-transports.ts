import type { SocketIoClientSocket, SocketIoConnect, WebSocketConstructor, WebSocketLike } from "@wiretype/runtime";

type Listener = (argument: never) => void;

/**
 * In-process transports for driving a generated client without a network: `receive` hands the client a
 * frame (or a Socket.IO event) synchronously, exactly where the real transport's event would.
 */
export interface FakeTransport {
  /** The last WebSocket the client opened: a text frame, as a `message` event. */
  receive(text: string): void;
  /** The last Socket.IO socket the client opened: an event with its decoded data, as socket.io-client emits it. */
  receiveEvent(name: string, data: unknown): void;
  readonly WebSocket: WebSocketConstructor;
  readonly io: SocketIoConnect;
  /** Every frame or event the client wrote. */
  readonly sent: unknown[];
}

function listenerTable() {
  const table = new Map<string, Listener[]>();
  const listenersOf = (type: string): Listener[] => {
    const existing = table.get(type);
    if (existing !== undefined) return existing;
    const created: Listener[] = [];
    table.set(type, created);
    return created;
  };
  return {
    add(type: string, listener: Listener) {
      listenersOf(type).push(listener);
    },
    /** The live list of `type`'s listeners (later additions land in it), for a caller that fires often. */
    of(type: string): readonly Listener[] {
      return listenersOf(type);
    },
    // One argument, no rest parameters: the fake should cost the benchmark as little as a real transport.
    fire(type: string, argument?: unknown) {
      const listeners = table.get(type);
      if (listeners === undefined) return;
      for (const listener of listeners) (listener as (value: unknown) => void)(argument);
    },
  };
}

/**
 * Hands `text` to the last socket's message listeners, found once per socket, in one reused event object:
 * the harness's own cost stays a few nanoseconds (a benchmark times the client, not the fake; listeners
 * read `data` during the call, as the client's does).
 */
function messageSender(table: () => ReturnType<typeof listenerTable>): (text: string) => void {
  let listeners: readonly Listener[] = [];
  let from: ReturnType<typeof listenerTable> | undefined;
  const event = { data: "" };
  return (text) => {
    const current = table();
    if (current !== from) {
      from = current;
      listeners = current.of("message");
    }
    event.data = text;
    for (let index = 0; index < listeners.length; index += 1) (listeners[index] as (value: unknown) => void)(event);
  };
}

export function fakeTransport(): FakeTransport {
  const sent: unknown[] = [];
  let socketListeners = listenerTable();
  let ioListeners = listenerTable();
  let anyListener: ((event: string, ...args: unknown[]) => void) | undefined;
  class FakeWebSocket implements WebSocketLike {
    readyState = 0;
    binaryType = "blob";
    constructor() {
      const listeners = listenerTable();
      socketListeners = listeners;
      queueMicrotask(() => {
        this.readyState = 1;
        listeners.fire("open");
      });
    }
    send(data: string | ArrayBufferView | ArrayBuffer): void {
      sent.push(data);
    }
    close(code = 1000, reason = ""): void {
      this.readyState = 3;
      socketListeners.fire("close", { code, reason, wasClean: true });
    }
    addEventListener(type: string, listener: Listener): void {
      socketListeners.add(type, listener);
    }
  }
  const io: SocketIoConnect = () => {
    const listeners = listenerTable();
    ioListeners = listeners;
    const socket = {
      connected: false,
      on(event: string, listener: Listener) {
        listeners.add(event, listener);
        return socket;
      },
      off() {
        return socket;
      },
      onAny(listener: (event: string, ...args: unknown[]) => void) {
        anyListener = listener;
        return socket;
      },
      emit(...args: unknown[]) {
        sent.push(args);
        return socket;
      },
      connect() {
        return socket;
      },
      close() {
        return socket.disconnect();
      },
      disconnect() {
        socket.connected = false;
        listeners.fire("disconnect", "io client disconnect");
        return socket;
      },
    };
    queueMicrotask(() => {
      socket.connected = true;
      listeners.fire("connect");
    });
    return socket as unknown as SocketIoClientSocket;
  };
  return {
    sent,
    WebSocket: FakeWebSocket as unknown as WebSocketConstructor,
    io,
    receive: messageSender(() => socketListeners),
    receiveEvent: (name, data) => {
      if (anyListener !== undefined) anyListener(name, data);
      else ioListeners.fire(name, data);
    },
  };
}
