import { asError } from "./errors.js";
import type { LooseDescriptor } from "./loose.js";

export interface HeartbeatHooks {
  /** The user's heartbeat values (`options.heartbeat`), if any. */
  readonly values: (() => unknown) | undefined;
  /** Replaces the spec's interval (the discovery answer's `pingInterval`). */
  readonly intervalMs: number | undefined;
  send(key: string, message: unknown): void;
  error(error: Error): void;
}

/**
 * Starts the heartbeat when the spec makes it the client's job; returns a function that stops it. Without
 * user values the frame is the minimal one, the key alone. Server pings and transport heartbeats need nothing here.
 */
export function startHeartbeat(descriptor: LooseDescriptor, hooks: HeartbeatHooks): () => void {
  const heartbeat = descriptor.heartbeat;
  if (heartbeat?.sender !== "client") return () => {};
  const framing = descriptor.framing;
  const minimal = () => (framing.kind === "json" ? { [framing.discriminator]: heartbeat.key } : {});
  const timer = setInterval(() => {
    try {
      hooks.send(heartbeat.key, hooks.values?.() ?? minimal());
    } catch (error) {
      hooks.error(asError(error));
    }
  }, hooks.intervalMs ?? heartbeat.intervalMs);
  return () => clearInterval(timer);
}
