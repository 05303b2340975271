import { valueAtPath } from "../protocol.js";
import type { Encoder } from "./encoder.js";
import { setPath } from "./encoder.js";
import { buildMessage } from "./fill.js";
import type { Failure, Inbound, Refusal, ServerConnection } from "./internal.js";
import type { WiretypeErrorFrame } from "./types.js";
import { type AnyDescriptor, sideView } from "./view.js";

/** JSON frames keyed by a discriminator (`action`, `id`). */
export function jsonEncoder(descriptor: AnyDescriptor, discriminator: string): Encoder {
  const client = sideView(descriptor.client);
  const server = sideView(descriptor.server);
  const write = (connection: ServerConnection, key: string, message: unknown) => {
    const keyed = message !== null && typeof message === "object" ? { ...message, [discriminator]: key } : message;
    connection.link.deliver({ data: keyed });
  };

  /** The spec's failure or invalid-frame message, else wiretype's error frame. */
  const sendError = (connection: ServerConnection, keys: readonly string[], error: WiretypeErrorFrame) => {
    for (const key of keys) {
      const schema = server.schema(key);
      const seed = { ...error, [discriminator]: key };
      const built = schema && buildMessage(schema, seed, { sources: [error], lenient: true });
      if (built !== undefined) return write(connection, key, built);
    }
    connection.link.deliver({ data: { [discriminator]: "error", ...error } });
  };

  return {
    push: write,
    reply(connection, inbound, answer) {
      const key = valueAtPath(answer, [discriminator]);
      if (typeof key !== "string") return undefined;
      const from = client.correlation(inbound.key);
      const to = server.correlation(key);
      if (from && to) setPath(answer, to, valueAtPath(inbound.message, from));
      write(connection, key, answer);
      return key;
    },
    fail(connection, inbound: Inbound, failure: Failure) {
      const keys = [...(client.replies(inbound.key)?.failures ?? []), ...invalidFrameKeys(descriptor)];
      sendError(connection, keys, { kind: "handler-failed", message: failure.message });
    },
    refuse(connection, refusal: Refusal) {
      const { kind, summary, issues } = refusal.error;
      const details = issues.length > 0 ? { details: JSON.parse(JSON.stringify(issues)) } : {};
      sendError(connection, invalidFrameKeys(descriptor), { kind, message: summary, ...details });
    },
  };
}

function invalidFrameKeys(descriptor: AnyDescriptor): string[] {
  return descriptor.invalidFrame === undefined ? [] : [descriptor.invalidFrame];
}
