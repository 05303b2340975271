import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultMaxFrameLength } from "../frame-bounds.js";
import type { ServerOptions } from "./types.js";

/** What the server needs from a transport once it is listening. */
export interface Transport {
  readonly port: number;
  /** Stops accepting, closes every connection (1001), resolves when all are closed. */
  close(): Promise<void>;
}

/** The server's default `maxFrameBytes`: the frame bounds' default length, shared with clients. */
export const defaultMaxFrameBytes = defaultMaxFrameLength;

/**
 * Frames up to this size reach the server's own size check (answered, connection kept); the transport
 * drops a connection only past it (ws: close 1009; Socket.IO: disconnect).
 */
export function transportLimit(maxFrameBytes: number): number {
  return Math.max(maxFrameBytes * 8, 8 * 1024 * 1024);
}

/** The HTTP server to attach to: the user's, or one of ours listening on `host:port`. */
export async function httpServerFor(options: ServerOptions<object>): Promise<{ server: HttpServer; owned: boolean }> {
  if (options.httpServer !== undefined) return { server: options.httpServer, owned: false };
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, owned: true };
}

export function portOf(server: HttpServer): number {
  const address = server.address();
  return address !== null && typeof address === "object" ? (address as AddressInfo).port : 0;
}

export function closeHttp(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Waits for every promise, giving up after `ms` (a peer that never answers a close must not hang us). */
export function settleWithin(promises: readonly Promise<unknown>[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.allSettled(promises).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
