import type { Profile } from "./profiles.js";

/**
 * Whether an answer an attacker got is one the spec documents for a refused frame: the `invalidFrame`
 * message (voxy/yueyue/kurento-room), a JSON-RPC error object with a reserved code (verto), or a
 * `socket-api-error…` event (workspace; raw packets may also get Socket.IO's own connect/disconnect packets).
 */
export function isDocumentedAnswer(profile: Profile, text: string, packetLane: boolean): boolean {
  if (profile.framing === "socket.io") return socketIoAnswer(profile, text, packetLane);
  const value = parse(text);
  if (!isRecord(value)) return false;
  if (profile.framing === "json-rpc") return rpcError(value);
  const key = profile.descriptor.invalidFrame;
  return key !== undefined && value[profile.discriminator] === key && profile.server.guards[key]?.(value) === true;
}

function rpcError(value: Record<string, unknown>): boolean {
  const error = value.error;
  if (value.jsonrpc !== "2.0" || !isRecord(error) || "result" in value || "method" in value) return false;
  const code = error.code;
  const reserved = typeof code === "number" && Number.isInteger(code) && code >= -32_768 && code <= -32_000;
  const id = value.id;
  return (
    reserved && typeof error.message === "string" && (id === null || typeof id === "string" || typeof id === "number")
  );
}

function socketIoAnswer(profile: Profile, text: string, packetLane: boolean): boolean {
  if (packetLane && /^(40|41|44|1|6)/.test(text)) return true;
  if (!text.startsWith("42")) return false;
  const packet = parse(text.slice(2));
  if (!Array.isArray(packet) || typeof packet[0] !== "string") return false;
  const [event, data] = packet as [string, unknown];
  const key =
    event === "socket-api-error"
      ? event
      : event.startsWith("socket-api-error-")
        ? "socket-api-error-{transaction}"
        : undefined;
  return key !== undefined && profile.server.guards[key]?.(data) === true;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Close codes a server may end an attacker's connection with: RFC 6455's (normal, going away, protocol
 * error, not UTF-8, policy, too big, internal error), "no status" (Engine.IO closes without one), and the
 * runtime's handshake timeout (4001). 1006 (no close frame: the process died) is not one of them.
 */
export const documentedCloseCodes: ReadonlySet<number> = new Set([
  1000, 1001, 1002, 1005, 1007, 1008, 1009, 1011, 4001,
]);
