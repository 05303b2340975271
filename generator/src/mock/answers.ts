import { resolveProtocol } from "../ir/resolve-protocol.js";
import { wireKey } from "../ir/resolved.js";
import type { Channel, JsonValue, Message, Protocol } from "../ir/types.js";
import { exampleOf } from "./examples.js";

/**
 * What the mock answers to each client key the spec says is answered: the first successful answer's
 * example (or a value built from its schema). The runtime's own defaults run first and win: the
 * handshake answer, a room join's answer and JSON-RPC answers it can build from the request.
 */

function isSuccess(message: Message): boolean {
  return !message.isError && message.rpc !== "error";
}

/**
 * A message as it goes out on a keyed channel: with its discriminator member, which an example built
 * from the schema lacks when the spec leaves it optional (the runtime reads the key from it).
 */
export function keyed(channel: Channel, key: string, value: JsonValue): JsonValue {
  if (channel.framing.kind !== "json" || value === null || typeof value !== "object" || Array.isArray(value))
    return value;
  return { [channel.framing.discriminator]: key, ...value };
}

export function exampleAnswers(protocol: Protocol, channel: Channel): Map<string, JsonValue> {
  const answers = new Map<string, JsonValue>();
  for (const { key, messages } of resolveProtocol(protocol).side(channel, "client").replies) {
    const success = messages.find(isSuccess);
    if (success !== undefined) answers.set(key, keyed(channel, wireKey(success), exampleOf(success, protocol)));
  }
  return answers;
}

/** The example of each message the server sends on the channel, by its key (for scripted steps). */
export function serverExamples(protocol: Protocol, channel: Channel): Map<string, JsonValue> {
  const examples = new Map<string, JsonValue>();
  for (const { key, messages } of resolveProtocol(protocol).side(channel, "server").byKey) {
    const [first] = messages;
    if (first !== undefined) examples.set(key, keyed(channel, key, exampleOf(first, protocol)));
  }
  return examples;
}
