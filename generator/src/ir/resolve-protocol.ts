import type { KeyedMessages, ResolvedChannel, ResolvedProtocol, ResolvedSide } from "./resolved.js";
import { isRpcAnswer, wireKey } from "./resolved.js";
import type { Channel, Message, Operation, Protocol, Side } from "./types.js";

const byKeyOrder = (a: KeyedMessages, b: KeyedMessages) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const byId = (a: Message, b: Message) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Groups messages by wire key, keys sorted, each message once. */
function groupByWireKey(messages: readonly Message[]): KeyedMessages[] {
  const groups = new Map<string, Message[]>();
  for (const message of messages) {
    const group = groups.get(wireKey(message)) ?? [];
    if (!group.includes(message)) group.push(message);
    groups.set(wireKey(message), group);
  }
  return [...groups.entries()].map(([key, grouped]) => ({ key, messages: grouped })).sort(byKeyOrder);
}

function resolveSide(
  protocol: Protocol,
  operations: readonly Operation[],
  side: Side,
  messagesOf: (ids: readonly string[]) => Message[],
): ResolvedSide {
  const ids = new Set<string>();
  const answers = new Map<string, Message[]>();
  for (const operation of operations) {
    for (const id of operation.sender === side ? operation.messages : operation.replies) ids.add(id);
    if (operation.sender !== side || operation.replies.length === 0) continue;
    for (const asking of messagesOf(operation.messages)) {
      const group = answers.get(wireKey(asking)) ?? [];
      for (const reply of messagesOf(operation.replies)) if (!group.includes(reply)) group.push(reply);
      answers.set(wireKey(asking), group);
    }
  }
  const sent = protocol.messages.filter((message) => ids.has(message.id) && !isRpcAnswer(message));
  const replies = [...answers.entries()].map(([key, messages]) => ({ key, messages })).sort(byKeyOrder);
  const replyUnions = replies.map(({ key, messages }) => ({ key, messages: [...messages].sort(byId) }));
  return { sent, byKey: groupByWireKey(sent), replies, replyUnions };
}

function resolveChannel(
  protocol: Protocol,
  channel: Channel,
  messagesOf: (ids: readonly string[]) => Message[],
): ResolvedChannel {
  const operations = protocol.operations.filter((operation) => operation.channel === channel.id);
  return {
    channel,
    operations,
    client: resolveSide(protocol, operations, "client", messagesOf),
    server: resolveSide(protocol, operations, "server", messagesOf),
  };
}

function buildResolved(protocol: Protocol): ResolvedProtocol {
  const messages = new Map(protocol.messages.map((message) => [message.id, message]));
  const operations = new Map(protocol.operations.map((operation) => [operation.id, operation]));
  const messagesOf = (ids: readonly string[]) => ids.flatMap((id) => messages.get(id) ?? []);
  const channels = protocol.channels.map((channel) => resolveChannel(protocol, channel, messagesOf));
  const byChannel = new Map(channels.map((resolved) => [resolved.channel, resolved]));
  const channelOf = (channel: Channel) => byChannel.get(channel) ?? resolveChannel(protocol, channel, messagesOf);
  return {
    protocol,
    channels,
    message: (id) => messages.get(id),
    operation: (id) => operations.get(id),
    messagesOf: (id) => messagesOf(operations.get(id)?.messages ?? []),
    repliesOf: (id) => messagesOf(operations.get(id)?.replies ?? []),
    channel: channelOf,
    side: (channel, side) => channelOf(channel)[side],
  };
}

// The IR is immutable once built: each protocol is resolved once, however many emitters ask.
const resolvedProtocols = new WeakMap<Protocol, ResolvedProtocol>();

/** The protocol's resolved model (built on first use, then shared by every emitter). */
export function resolveProtocol(protocol: Protocol): ResolvedProtocol {
  const known = resolvedProtocols.get(protocol);
  if (known !== undefined) return known;
  const resolved = buildResolved(protocol);
  resolvedProtocols.set(protocol, resolved);
  return resolved;
}
