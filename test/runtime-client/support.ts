import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { waitFor } from "../support/lifecycle.js";

/** Items in arrival order; `next()` waits (bounded) for the next one. */
export class Inbox<T> {
  readonly #items: T[] = [];
  readonly #waiters: ((item: T) => void)[] = [];
  readonly all: T[] = [];

  push(item: T): void {
    this.all.push(item);
    const waiter = this.#waiters.shift();
    if (waiter === undefined) this.#items.push(item);
    else waiter(item);
  }

  next(timeoutMs = 3_000): Promise<T> {
    const item = this.#items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`nothing arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (value: T) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.#waiters.push(waiter);
    });
  }

  /** Resolves with nothing if no item arrives within `ms` (to assert silence). */
  async nothingWithin(ms: number): Promise<T | undefined> {
    try {
      return await this.next(ms);
    } catch {
      return undefined;
    }
  }
}

/** Tear-down steps, run in reverse order by `afterEach`. */
export class Cleanup {
  readonly #steps: (() => unknown)[] = [];

  add(step: () => unknown): void {
    this.#steps.push(step);
  }

  async run(): Promise<void> {
    for (const step of this.#steps.splice(0).reverse()) await step();
  }
}

/** One accepted WebSocket and the JSON it sends. */
export interface Peer {
  readonly socket: WebSocket;
  readonly messages: Inbox<Record<string, unknown>>;
  readonly query: URLSearchParams;
  send(value: unknown): void;
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}

/** A `ws` server on 127.0.0.1 (port 0); each connection shows up in `peers`. */
export async function startWsServer(cleanup: Cleanup) {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const peers = new Inbox<Peer>();
  server.on("connection", (socket, request) => {
    const messages = new Inbox<Record<string, unknown>>();
    socket.on("message", (data) => messages.push(JSON.parse(text(data)) as Record<string, unknown>));
    const query = new URL(request.url ?? "/", "http://localhost").searchParams;
    peers.push({ socket, messages, query, send: (value) => socket.send(JSON.stringify(value)) });
  });
  cleanup.add(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { server, peers, port, url: `ws://127.0.0.1:${port}/` };
}

/**
 * An HTTP server on 127.0.0.1 (port 0) carrying what `attach` puts on it (a Socket.IO server), both
 * closed at cleanup; its base URL.
 */
export async function listenHttp<T extends { close(): unknown }>(
  cleanup: Cleanup,
  attach: (http: HttpServer) => T,
): Promise<{ url: string; attached: T }> {
  const http = createHttpServer();
  const attached = attach(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  cleanup.add(
    () =>
      new Promise<void>((resolve) => {
        attached.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  );
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, attached };
}

/** Resolves when `predicate` holds, polling; fails after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 3_000): Promise<void> {
  await waitFor(() => (predicate() ? true : undefined), timeoutMs, "a condition");
}

export { WebSocket };
