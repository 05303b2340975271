import type { z } from "zod";
import type { Engine } from "./engine.js";
import { buildMessage } from "./fill.js";
import type { ServerConnection } from "./internal.js";
import { closeOnce, heartbeatTimeoutCode } from "./lifecycle.js";
import type { LivenessCheck } from "./liveness.js";

/** How long a client has to answer the server's heartbeat when `requestTimeoutMs` is not set. */
export const defaultAnswerMs = 10_000;

/**
 * `sender: server` (verto `verto.ping`): after `idleMs` without a valid frame the server asks with the
 * heartbeat key (a request under JSON-RPC); a connection that sends nothing valid within
 * `requestTimeoutMs` of the ask (its answer included) is closed with 4000.
 */
export function serverHeartbeatCheck(engine: Engine): LivenessCheck | undefined {
  const heartbeat = engine.descriptor.heartbeat;
  if (heartbeat?.sender !== "server") return undefined;
  const idleMs = engine.options.heartbeatIdleMs ?? heartbeat.idleMs;
  const answerMs = engine.options.requestTimeoutMs ?? defaultAnswerMs;
  const asked = new WeakMap<ServerConnection, number>();
  let serial = 0;
  return {
    limitMs: Math.min(idleMs, answerMs),
    run(connection, now) {
      const askedAt = asked.get(connection);
      if (askedAt !== undefined && connection.lastHeard < askedAt) {
        if (now - askedAt >= answerMs) closeOnce(connection, heartbeatTimeoutCode, "heartbeat timeout");
        return;
      }
      if (now - connection.lastHeard < idleMs) return;
      asked.set(connection, now);
      serial += 1;
      ask(engine, connection, heartbeat.key, { serial, answerMs });
    },
  };
}

function ask(engine: Engine, connection: ServerConnection, key: string, how: { serial: number; answerMs: number }) {
  const schema = engine.server.schema(key);
  if (schema === undefined) return;
  const seed = withSerial(schema, engine.serverKeyed(key, {}), how.serial);
  const message = buildMessage(schema, seed, { sources: connection.records(), lenient: true });
  if (message === undefined) return;
  if (engine.descriptor.framing.kind !== "json-rpc") return connection.send(key, message);
  // The sweep closes a silent peer; the request's own timeout only frees its pending entry.
  engine.request(connection, key, message, how.answerMs).catch(() => {});
}

/** A top-level number the heartbeat requires is its serial number (verto `serno`), counting up per server. */
function withSerial(schema: z.ZodType, seed: unknown, serial: number): unknown {
  const result = schema.safeParse(seed);
  if (result.success || seed === null || typeof seed !== "object") return seed;
  const numbers = result.error.issues
    .filter((issue) => issue.code === "invalid_type" && issue.expected === "number" && issue.path.length === 1)
    .map((issue) => [String(issue.path[0]), serial]);
  return { ...seed, ...Object.fromEntries(numbers) };
}
