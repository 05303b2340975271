import type { Engine } from "./engine.js";
import type { ServerConnection } from "./internal.js";
import { closeOnce, handshakeTimeoutCode, heartbeatTimeoutCode } from "./lifecycle.js";
import { serverHeartbeatCheck } from "./liveness-ask.js";

/** One liveness rule, applied to every connection at each sweep. */
export interface LivenessCheck {
  /** The shortest delay the rule measures (sets the sweep's granularity). */
  readonly limitMs: number;
  run(connection: ServerConnection, now: number): void;
}

export const defaultHandshakeTimeoutMs = 10_000;

/**
 * Liveness of a server's connections: the handshake timeout (spec session), the client heartbeat's
 * silence timeout and the server heartbeat's idle ask. One unref'd sweep timer per server, never one per
 * connection; it ticks at 1/20 of the shortest limit (10 ms to 1 s), so a close comes at most 5% late.
 * Returns the stop function.
 */
export function watchLiveness(engine: Engine): () => void {
  const checks = [handshakeCheck(engine), clientHeartbeatCheck(engine), serverHeartbeatCheck(engine)].filter(
    (check): check is LivenessCheck => check !== undefined,
  );
  if (checks.length === 0) return () => {};
  const tick = Math.max(10, Math.min(1000, Math.floor(Math.min(...checks.map((check) => check.limitMs)) / 20)));
  const timer = setInterval(() => {
    const now = Date.now();
    for (const connection of [...engine.registry.connections.values()]) {
      for (const check of checks) if (!connection.closed) check.run(connection, now);
    }
  }, tick);
  timer.unref();
  return () => clearInterval(timer);
}

/** Closes a connection whose session is still not open `handshakeTimeoutMs` after it connected (or lost it). */
function handshakeCheck(engine: Engine): LivenessCheck | undefined {
  const limitMs = engine.options.handshakeTimeoutMs ?? defaultHandshakeTimeoutMs;
  if (engine.descriptor.session === undefined || limitMs <= 0) return undefined;
  const waitingSince = new WeakMap<ServerConnection, number>();
  engine.on("connection", (connection) => waitingSince.set(connection as ServerConnection, Date.now()));
  return {
    limitMs,
    run(connection, now) {
      if (connection.authenticated) return void waitingSince.delete(connection);
      // Not seen at connect (or the session was closed since): the grace starts now.
      const since = waitingSince.get(connection) ?? now;
      waitingSince.set(connection, since);
      if (now - since >= limitMs) closeOnce(connection, handshakeTimeoutCode, "handshake timeout");
    },
  };
}

/** `sender: client`: closes a connection that sent no valid frame for the spec's `timeoutMs`. */
function clientHeartbeatCheck(engine: Engine): LivenessCheck | undefined {
  const heartbeat = engine.descriptor.heartbeat;
  if (heartbeat?.sender !== "client") return undefined;
  const limitMs = engine.options.heartbeatTimeoutMs ?? heartbeat.timeoutMs;
  return {
    limitMs,
    run(connection, now) {
      // `lastHeard` moves only for valid frames (Engine.receive / Engine.response), never for garbage.
      if (now - connection.lastHeard >= limitMs) closeOnce(connection, heartbeatTimeoutCode, "heartbeat timeout");
    },
  };
}
