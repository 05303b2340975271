import type { Engine } from "./engine.js";
import { buildMessage } from "./fill.js";
import type { ServerConnection } from "./internal.js";

/** Close code for a client that stopped sending its heartbeat (private-use range). */
export const heartbeatTimeoutCode = 4000;

/**
 * The spec's greeting on connect: the `greeting` option's message, else one built from the schema
 * without inventing values (literals, empty lists and objects only); skipped when that does not validate
 * (voxy's `link_on` needs a link id and ICE servers: pass the option).
 */
export function greet(engine: Engine, connection: ServerConnection): void {
  const key = engine.descriptor.greeting;
  if (key === undefined) return;
  const message = engine.options.greeting ? engine.options.greeting(connection) : defaultGreeting(engine, key);
  if (message !== undefined) connection.send(key, message);
}

function defaultGreeting(engine: Engine, key: string): unknown {
  const schema = engine.server.schema(key);
  return schema && buildMessage(schema, engine.serverKeyed(key, {}), { sources: [], lenient: false });
}

/**
 * Heartbeats: `client` → close a connection silent for `timeoutMs`; `server` → ask an idle connection
 * with the heartbeat key (a request under JSON-RPC); `transport` is Socket.IO's own ping.
 * Returns the stop function.
 */
export function watchHeartbeats(engine: Engine): () => void {
  const heartbeat = engine.descriptor.heartbeat;
  if (heartbeat === undefined || heartbeat.sender === "transport") return () => {};
  const limit =
    heartbeat.sender === "client"
      ? (engine.options.heartbeatTimeoutMs ?? heartbeat.timeoutMs)
      : (engine.options.heartbeatIdleMs ?? heartbeat.idleMs);
  const asked = new WeakMap<ServerConnection, number>();
  const sweep = () => {
    const now = Date.now();
    for (const connection of engine.registry.connections.values()) {
      const quietSince = Math.max(connection.lastHeard, asked.get(connection) ?? 0);
      if (now - quietSince < limit) continue;
      if (heartbeat.sender === "client") connection.close(heartbeatTimeoutCode, "heartbeat timeout");
      else {
        asked.set(connection, now);
        ask(engine, connection, heartbeat.key);
      }
    }
  };
  const timer = setInterval(sweep, Math.max(10, Math.min(1000, Math.floor(limit / 4))));
  timer.unref();
  return () => clearInterval(timer);
}

function ask(engine: Engine, connection: ServerConnection, key: string): void {
  const schema = engine.server.schema(key);
  const sources = connection.records();
  const message = schema && buildMessage(schema, engine.serverKeyed(key, {}), { sources, lenient: true });
  if (message === undefined) return;
  if (engine.descriptor.framing.kind === "json-rpc") engine.request(connection, key, message).catch(() => {});
  else connection.send(key, message);
}
