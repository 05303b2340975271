import type { WebSocket } from "ws";
import type { Engine } from "./engine.js";
import type { ServerConnection } from "./internal.js";

export const defaultKeepAliveIntervalMs = 30_000;

/** WebSocket pings for one server's sockets. */
export interface KeepAlive {
  track(socket: WebSocket, connection: ServerConnection): void;
  stop(): void;
}

interface Watched {
  readonly connection: ServerConnection;
  pingedAt: number;
  answered: boolean;
}

const off: KeepAlive = { track: () => {}, stop: () => {} };

/**
 * Transport keep-alive for WebSocket framings whose spec has no client heartbeat (a client that pings
 * is already watched by its heartbeat): every `keepAliveIntervalMs` (per socket, from its connect) a
 * socket that has not answered the previous ping is terminated, else pinged. A peer that stops reading
 * is gone two intervals after its last pong; browsers answer pings by themselves. One sweep timer.
 */
export function watchKeepAlive(engine: Engine): KeepAlive {
  const intervalMs = engine.options.keepAliveIntervalMs ?? defaultKeepAliveIntervalMs;
  const clientBeats = engine.descriptor.heartbeat?.sender === "client";
  if (intervalMs <= 0 || clientBeats || engine.descriptor.framing.kind === "socket.io") return off;
  const sockets = new Map<WebSocket, Watched>();
  const timer = setInterval(
    () => sweep(engine, sockets, intervalMs, Date.now()),
    Math.max(10, Math.min(1000, Math.floor(intervalMs / 20))),
  );
  timer.unref();
  return {
    track(socket, connection) {
      const watched: Watched = { connection, pingedAt: Date.now(), answered: true };
      sockets.set(socket, watched);
      socket.on("pong", () => {
        watched.answered = true;
      });
      socket.once("close", () => sockets.delete(socket));
    },
    stop() {
      clearInterval(timer);
      sockets.clear();
    },
  };
}

function sweep(engine: Engine, sockets: Map<WebSocket, Watched>, intervalMs: number, now: number): void {
  for (const [socket, watched] of sockets) {
    if (now - watched.pingedAt < intervalMs) continue;
    if (!watched.answered) {
      sockets.delete(socket);
      engine.drop(watched.connection, "keep-alive timeout");
      socket.terminate();
      continue;
    }
    watched.answered = false;
    watched.pingedAt = now;
    // A socket still closing a whole interval later is as dead as one that does not pong.
    if (socket.readyState === socket.OPEN) socket.ping();
  }
}
