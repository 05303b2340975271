import type { RpcId } from "../json-rpc.js";
import type { Failure, Inbound, Packet, Refusal, ServerConnection } from "./internal.js";

/** How one framing puts server messages, answers and refusals on the wire. */
export interface Encoder {
  /** An unprompted server message (JSON-RPC: a request or notification, by the key's role). */
  push(connection: ServerConnection, key: string, message: unknown): void;
  /**
   * What `push` delivers, encoded once for every recipient of a broadcast or forward; `text`, when given,
   * is the message's JSON text as the caller already has it (`bytes`: its UTF-8, when the caller has
   * that too). Undefined when each recipient's differs (JSON-RPC requests carry their own id).
   */
  packet(key: string, message: unknown, text?: string, bytes?: Uint8Array): Packet | undefined;
  /** Answers a client message; returns the answering key (JSON-RPC: "result" or "error"), if sent. */
  reply(connection: ServerConnection, inbound: Inbound, answer: unknown): string | undefined;
  fail(connection: ServerConnection, inbound: Inbound, failure: Failure): void;
  refuse(connection: ServerConnection, refusal: Refusal): void;
  /** JSON-RPC: a server-to-client request with the id to correlate its answer. */
  request?(connection: ServerConnection, key: string, message: unknown, id: RpcId): void;
}

export function setPath(target: unknown, path: readonly string[], value: unknown): void {
  if (target === null || typeof target !== "object" || path.length === 0) return;
  let node = target as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (next === null || typeof next !== "object") return;
    node = next as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}
