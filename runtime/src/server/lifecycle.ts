import type { Engine } from "./engine.js";
import { buildMessage } from "./fill.js";
import type { ServerConnection } from "./internal.js";

/** Close code for a client that stopped sending its heartbeat (private-use range). */
export const heartbeatTimeoutCode = 4000;

/** Close code for a connection whose session did not open in time (private-use range). */
export const handshakeTimeoutCode = 4001;

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

const closing = new WeakSet<ServerConnection>();

/** Closes once: the close handshake takes a moment, and the next liveness sweep must not close again. */
export function closeOnce(connection: ServerConnection, code: number, reason: string): void {
  if (closing.has(connection)) return;
  closing.add(connection);
  connection.close(code, reason);
}
