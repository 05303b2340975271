import { valueAtPath } from "../protocol.js";
import type { Encoder } from "./encoder.js";
import { setPath } from "./encoder.js";
import { buildMessage } from "./fill.js";
import type { Failure, Inbound, Refusal, ServerConnection } from "./internal.js";
import { ownCopy, setOwn } from "./own-copy.js";
import type { WiretypeErrorFrame } from "./types.js";
import { type AnyDescriptor, sideView } from "./view.js";

/** The server key an answer is: its discriminator's value, or (shape framing) the first server guard it passes. */
function answerKey(descriptor: AnyDescriptor, discriminator: string | undefined, answer: unknown): unknown {
  if (discriminator !== undefined) return valueAtPath(answer, [discriminator]);
  const server = sideView(descriptor.server);
  const order = descriptor.framing.kind === "json-shape" ? descriptor.framing.order : server.keys;
  return order.find((key) => server.guard(key)?.(answer) === true);
}

/** JSON frames keyed by a discriminator (`action`, `id`), or told apart by shape (no discriminator). */
export function jsonEncoder(descriptor: AnyDescriptor, discriminator: string | undefined): Encoder {
  const client = sideView(descriptor.client);
  const server = sideView(descriptor.server);
  const stamp = (message: unknown, key: string) =>
    discriminator !== undefined && message !== null && typeof message === "object"
      ? keyedCopy(message as Record<string, unknown>, discriminator, key)
      : message;
  const write = (connection: ServerConnection, key: string, message: unknown) => {
    connection.link.deliver({ data: stamp(message, key) });
  };
  /** The caller's text is the message's own: a forward built it with its discriminator. */
  const packet = (key: string, message: unknown, text?: string, bytes?: Uint8Array) => {
    if (text !== undefined) return { data: message, text, bytes };
    const data = stamp(message, key);
    return { data, text: JSON.stringify(data) };
  };

  /** The spec's failure or invalid-frame message, else wiretype's error frame. */
  const sendError = (connection: ServerConnection, keys: readonly string[], error: WiretypeErrorFrame) => {
    for (const key of keys) {
      const schema = server.schema(key);
      const seed = stamp(error, key);
      const built = schema && buildMessage(schema, seed, { sources: [error], lenient: true });
      if (built !== undefined) return write(connection, key, built);
    }
    connection.link.deliver({ data: discriminator === undefined ? error : { [discriminator]: "error", ...error } });
  };

  return {
    push: write,
    packet,
    reply(connection, inbound, answer) {
      const key = answerKey(descriptor, discriminator, answer);
      if (typeof key !== "string") return undefined;
      const from = client.correlation(inbound.key);
      const to = server.correlation(key);
      if (from && to) setPath(answer, to, valueAtPath(inbound.message, from));
      write(connection, key, answer);
      return key;
    },
    fail(connection, inbound: Inbound, failure: Failure) {
      const keys = [...(client.replies(inbound.key)?.failures ?? []), ...invalidFrameKeys(descriptor)];
      const kind = "kind" in failure && failure.kind !== undefined ? failure.kind : "handler-failed";
      sendError(connection, keys, { kind, message: failure.message });
    },
    refuse(connection, refusal: Refusal) {
      const { kind, summary, issues } = refusal.error;
      const details = issues.length > 0 ? { details: JSON.parse(JSON.stringify(issues)) } : {};
      sendError(connection, invalidFrameKeys(descriptor), { kind, message: summary, ...details });
    },
  };
}

/**
 * The message with its discriminator set to `key`, as `{ ...message, [discriminator]: key }` would write
 * it: the message itself when it already says so (nothing to copy), else a copy made without a spread
 * (on Node 20 a member added to a spread copy takes a slow path).
 */
function keyedCopy(message: Record<string, unknown>, discriminator: string, key: string): unknown {
  const plain = Object.getPrototypeOf(message) === Object.prototype;
  if (plain && Object.hasOwn(message, discriminator) && message[discriminator] === key) return message;
  const copy = ownCopy(message);
  setOwn(copy, discriminator, key);
  return copy;
}

function invalidFrameKeys(descriptor: AnyDescriptor): string[] {
  return descriptor.invalidFrame === undefined ? [] : [descriptor.invalidFrame];
}
