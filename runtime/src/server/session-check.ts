import { valueAtPath } from "../protocol.js";
import type { Engine } from "./engine.js";
import type { Exchange } from "./exchange.js";
import type { ServerConnection } from "./internal.js";

/** What the session check said: refused, accepted, or accepted under a presence key it chose. */
export type SessionVerdict = boolean | string;

/** The presence value a handshake message claims (voxy `user_id`, verto `sessid`), if the spec has one. */
export function claimedPresence(engine: Engine, key: string, message: unknown): string | undefined {
  const presence = engine.descriptor.presence;
  if (presence?.key !== key) return undefined;
  const value = valueAtPath(message, presence.path);
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function heldByAnother(engine: Engine, connection: ServerConnection, presenceKey: string | undefined): boolean {
  if (presenceKey === undefined) return false;
  return engine.registry.present(presenceKey).some((holder) => holder !== connection);
}

const missingCheckWarned = new WeakSet<Engine>();

function reportMissingCheck(engine: Engine, connection: ServerConnection, handshake: string): void {
  if (missingCheckWarned.has(engine)) return;
  missingCheckWarned.add(engine);
  const advice = `pass the \`authenticate\` option or register a ${handshake} handler (or \`insecureDevelopmentMode: true\` for development)`;
  engine.emit(
    "error",
    connection,
    new Error(`${engine.descriptor.id}: ${handshake} refused: no session check: ${advice}`),
  );
}

/**
 * The application's verdict on a handshake that no handler took: the `authenticate` option, else the
 * insecure development mode (accepts, but never lets a second connection take a presence key already
 * held), else a refusal: a server never opens a session nobody checked.
 */
export function checkSession(exchange: Exchange): SessionVerdict | Promise<SessionVerdict> {
  const { engine, connection, inbound } = exchange;
  const { authenticate, insecureDevelopmentMode } = engine.options;
  // The message passed validation as the handshake key's message (typed by the generated options).
  if (authenticate !== undefined) return authenticate(inbound.message as never, connection);
  if (insecureDevelopmentMode === true) {
    return !heldByAnother(engine, connection, claimedPresence(engine, inbound.key, inbound.message));
  }
  reportMissingCheck(engine, connection, inbound.key);
  return false;
}

/** Whether a room may be joined: the `authorizeJoin` option, else anything but another connection's private channel. */
export function authorizeJoin(exchange: Exchange, room: string): boolean | Promise<boolean> {
  const { engine, connection, inbound } = exchange;
  const hook = engine.options.authorizeJoin;
  if (hook !== undefined) return hook(connection, room, inbound.message);
  return !heldByAnother(engine, connection, room);
}
