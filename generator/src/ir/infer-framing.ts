import { type DiagnosticSink, joinPointer } from "../diagnostics.js";
import { inferDiscriminator } from "./infer-discriminator.js";
import { channelTraffic, messagesOf, stringLiteralAt } from "./infer-object.js";
import { inferJsonRpc } from "./infer-rpc.js";
import { reportOverlaps, shapeOrder } from "./infer-shape.js";
import type { Channel, Framing, Message, Protocol, Side } from "./types.js";

interface Inferred {
  readonly framing: Framing;
  readonly reason: string;
  /** The channel's messages, rewritten where the framing gives them a new wire name or payload. */
  readonly messages: readonly Message[];
}

/**
 * How one channel's frames are told apart when the document does not say (no `x-wiretype-framing`):
 * JSON-RPC 2.0 when every payload is its envelope; else JSON keyed by the discriminator every message
 * fixes (its constant becomes the wire name, whatever the message `name` says); else by shape.
 */
function inferChannel(
  protocol: Protocol,
  channel: Channel,
  traffic: ReadonlyMap<Message, ReadonlySet<Side>>,
  sink: DiagnosticSink,
): Inferred {
  const messages = [...traffic.keys()];
  const frames = ["text"] as const;
  const rpc = inferJsonRpc(protocol, messages);
  if (rpc !== undefined) {
    const reason = 'every payload is a JSON-RPC 2.0 envelope (`jsonrpc: "2.0"`)';
    return { framing: { kind: "json-rpc", version: "2.0", frames }, reason, messages: [...rpc.values()] };
  }
  const discriminator = inferDiscriminator(protocol, traffic);
  if (discriminator !== undefined) {
    const keyed = messages.map((message) => ({
      ...message,
      wireName: stringLiteralAt(protocol, message.payload, discriminator) ?? message.wireName,
    }));
    const reason = `every message fixes \`${discriminator}\` to a constant, which names it on the wire`;
    return { framing: { kind: "json", discriminator, frames }, reason, messages: keyed };
  }
  if (messages.length === 0) {
    const reason = "the channel carries no message";
    return { framing: { kind: "json", discriminator: "type", frames }, reason, messages };
  }
  const order = shapeOrder(protocol, messages);
  reportOverlaps(protocol, traffic, order, joinPointer("/channels", channel.id), sink);
  const reason = "no property is a constant in every message, so messages are told apart by their shape";
  return { framing: { kind: "json-shape", order, frames }, reason, messages };
}

/** Replaces the provisional framing of every channel without `x-wiretype-framing` by the inferred one. */
export function inferFramings(protocol: Protocol, sink: DiagnosticSink): Protocol {
  const messages = new Map(protocol.messages.map((message) => [message.id, message]));
  const channels = protocol.channels.map((channel): Channel => {
    if (channel.framingOrigin.source === "extension") return channel;
    const current: Protocol = { ...protocol, messages: [...messages.values()] };
    const sides = channelTraffic(current, channel.id);
    const traffic = new Map(
      messagesOf(current, sides.keys()).map((message) => [message, sides.get(message.id) ?? new Set<Side>()]),
    );
    const inferred = inferChannel(current, channel, traffic, sink);
    for (const message of inferred.messages) messages.set(message.id, message);
    return { ...channel, framing: inferred.framing, framingOrigin: { source: "inferred", reason: inferred.reason } };
  });
  return { ...protocol, channels, messages: protocol.messages.map((message) => messages.get(message.id) ?? message) };
}
