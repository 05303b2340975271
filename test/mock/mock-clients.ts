import { createRequire } from "node:module";
import type { SocketIoConnect } from "@wiretype/runtime";
import { io } from "socket.io-client";
import WebSocket from "ws";

/** socket.io-client 2.5 (Engine.IO 3), as older apps still ship it; it has no types. */
const connectV2 = createRequire(import.meta.url)("socket.io-client-v2") as SocketIoConnect;

/** A raw client of a mock server: what arrived so far, and a wait for the next matching frame. */
export interface RawClient {
  readonly received: unknown[];
  send(frame: unknown): void;
  /** The first frame (already received or to come) that `match` accepts. */
  next(match: (frame: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  close(): void;
}

function waiter(received: unknown[]) {
  const listeners = new Set<() => void>();
  const next = (match: (frame: unknown) => boolean, timeoutMs = 5000) =>
    new Promise<unknown>((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (found === undefined) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no matching frame in ${timeoutMs} ms; received ${JSON.stringify(received)}`));
      }, timeoutMs);
      if (!check()) listeners.add(check);
    });
  const arrived = (frame: unknown) => {
    received.push(frame);
    for (const listener of [...listeners]) listener();
  };
  return { next, arrived };
}

/** Plain WebSocket: frames are JSON text. */
export async function connectWs(url: string): Promise<RawClient> {
  const socket = new WebSocket(url);
  const received: unknown[] = [];
  const { next, arrived } = waiter(received);
  socket.on("message", (data) => arrived(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { received, next, send: (frame) => socket.send(JSON.stringify(frame)), close: () => socket.close() };
}

/** Socket.IO 4: a frame is `[event, data]`. */
export async function connectSocketIo(url: string, path: string): Promise<RawClient> {
  const socket = io(url, { path, transports: ["websocket"], reconnection: false });
  const received: unknown[] = [];
  const { next, arrived } = waiter(received);
  socket.onAny((event: string, data: unknown) => arrived([event, data]));
  await new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(undefined));
    socket.once("connect_error", reject);
  });
  const send = (frame: unknown) => {
    const [event, data] = frame as [string, unknown];
    socket.emit(event, data);
  };
  return { received, next, send, close: () => socket.close() };
}

/** Socket.IO 2.x: the same frames, but 2.x has no `onAny`, so the events to record are named. */
export async function connectSocketIoV2(url: string, path: string, events: readonly string[]): Promise<RawClient> {
  const socket = connectV2(url, { path, transports: ["websocket"], reconnection: false, forceNew: true });
  const received: unknown[] = [];
  const { next, arrived } = waiter(received);
  for (const name of events) socket.on(name, (data: unknown) => arrived([name, data]));
  await new Promise((resolve, reject) => {
    socket.on("connect", () => resolve(undefined));
    socket.on("connect_error", reject);
  });
  const send = (frame: unknown) => {
    const [event, data] = frame as [string, unknown];
    socket.emit(event, data);
  };
  return { received, next, send, close: () => socket.close() };
}
