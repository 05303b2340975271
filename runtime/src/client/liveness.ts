import type { Connection } from "./connection.js";
import type { LooseDescriptor, LooseOptions } from "./loose.js";

/** Without a heartbeat in the spec, a pingable connection silent this long is dead. */
export const fallbackDeadPeerTimeoutMs = 30_000;
/** Slack over a server heartbeat's idle time: the server pings only once the connection was idle that long. */
const serverHeartbeatSlack = 1.5;
/** Pings per timeout: the last pong before a peer dies is at most a twentieth of the timeout old. */
const pingsPerTimeout = 20;
/** Silence checks per timeout: detection comes at most this fraction of the timeout late. */
const checksPerTimeout = 40;

/**
 * How long a connection may stay silent before it is taken for dead, or undefined when the client cannot
 * tell: Socket.IO watches itself (ping/pong), and a browser WebSocket (no ping) only learns something from
 * a server that speaks periodically.
 */
export function deadPeerTimeout(
  descriptor: LooseDescriptor,
  options: LooseOptions,
  connection: Connection,
): number | undefined {
  const chosen = options.deadPeerTimeoutMs;
  if (chosen === false || descriptor.framing.kind === "socket.io") return undefined;
  if (chosen !== undefined) return chosen;
  const heartbeat = descriptor.heartbeat;
  if (heartbeat?.sender === "server") return heartbeat.idleMs * serverHeartbeatSlack;
  if (!connection.pingable) return undefined;
  return heartbeat?.sender === "client" ? heartbeat.timeoutMs : fallbackDeadPeerTimeoutMs;
}

export interface LivenessHooks {
  /** A transport ping went out. */
  pinged(): void;
  /** Nothing arrived for `timeoutMs`. */
  dead(reason: string): void;
}

function repeat(ms: number, step: () => void): () => void {
  const timer: unknown = setInterval(step, ms);
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer as ReturnType<typeof setInterval>);
}

/**
 * Pings the peer (when the transport can) twenty times per timeout, and reports it dead once nothing at all
 * arrived for `timeoutMs`. Returns the stop function.
 */
export function watchLiveness(connection: Connection, timeoutMs: number, hooks: LivenessHooks): () => void {
  const stops = [
    repeat(Math.max(5, Math.floor(timeoutMs / checksPerTimeout)), () => {
      const silentMs = Date.now() - connection.lastHeardAt();
      if (silentMs >= timeoutMs)
        hooks.dead(`no frame from the server for ${silentMs} ms (dead peer timeout ${timeoutMs} ms)`);
    }),
  ];
  if (connection.pingable) {
    stops.push(
      repeat(Math.max(5, Math.floor(timeoutMs / pingsPerTimeout)), () => {
        if (connection.ping()) hooks.pinged();
      }),
    );
  }
  return () => {
    for (const stop of stops) stop();
  };
}
