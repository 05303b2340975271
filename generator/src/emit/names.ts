import { lowerFirst, pascalCase } from "../ir/naming.js";
import type { Channel, Message, NamedSchema, Protocol, Side } from "../ir/types.js";

/** Names shared by the emitters, so that types, schemas and docs refer to the same identifiers. */

export function schemaConstName(typeName: string): string {
  return `${lowerFirst(typeName)}Schema`;
}

/** `Voxy` for a one-channel protocol, `FixtureChat` when a protocol has several channels. */
export function channelPrefix(protocol: Protocol, channel: Channel): string {
  return protocol.channels.length === 1 ? protocol.identifier : `${protocol.identifier}${pascalCase(channel.id)}`;
}

const sideName: Record<Side, string> = { client: "Client", server: "Server" };

/** `VoxyClientMessages`: what `side` sends on the channel, by wire name. */
export function messageMapName(protocol: Protocol, channel: Channel, side: Side): string {
  return `${channelPrefix(protocol, channel)}${sideName[side]}Messages`;
}

/** `VoxyClientMessage`: the union of what `side` sends. */
export function messageUnionName(protocol: Protocol, channel: Channel, side: Side): string {
  return `${channelPrefix(protocol, channel)}${sideName[side]}Message`;
}

/** `VoxyClientReplies`: for each message `side` sends, what the other side answers. */
export function replyMapName(protocol: Protocol, channel: Channel, side: Side): string {
  return `${channelPrefix(protocol, channel)}${sideName[side]}Replies`;
}

export function dispatchConstName(protocol: Protocol, channel: Channel, side: Side): string {
  return `${lowerFirst(channelPrefix(protocol, channel))}${sideName[side]}Dispatch`;
}

export function replySchemasConstName(protocol: Protocol, channel: Channel, side: Side): string {
  return `${lowerFirst(channelPrefix(protocol, channel))}${sideName[side]}ReplySchemas`;
}

/** The key a message has in its map: the event template for run-time event names, else the wire name. */
export function messageKey(message: Message): string {
  return message.eventPattern?.template ?? message.wireName;
}

/** Messages that `side` sends on the channel as calls or frames (JSON-RPC results and errors excluded). */
export function sentMessages(protocol: Protocol, channel: Channel, side: Side): Message[] {
  const ids = new Set<string>();
  for (const operation of protocol.operations) {
    if (operation.channel !== channel.id) continue;
    if (operation.sender === side) for (const id of operation.messages) ids.add(id);
    if (operation.sender !== side) for (const id of operation.replies) ids.add(id);
  }
  return protocol.messages.filter(
    (message) => ids.has(message.id) && message.rpc !== "result" && message.rpc !== "error",
  );
}

/** Groups messages by key, keys sorted, so that one wire name used by several messages becomes a union. */
export function groupByKey(messages: readonly Message[]): [string, Message[]][] {
  const groups = new Map<string, Message[]>();
  for (const message of messages)
    groups.set(messageKey(message), [...(groups.get(messageKey(message)) ?? []), message]);
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** For each message `side` sends that gets an answer: the answering messages, by the asking message's key. */
export function replyGroups(protocol: Protocol, channel: Channel, side: Side): [string, Message[]][] {
  const byId = new Map(protocol.messages.map((message) => [message.id, message]));
  const groups = new Map<string, Set<string>>();
  for (const operation of protocol.operations) {
    if (operation.channel !== channel.id || operation.sender !== side || operation.replies.length === 0) continue;
    for (const id of operation.messages) {
      const asking = byId.get(id);
      if (asking === undefined) continue;
      const set = groups.get(messageKey(asking)) ?? new Set<string>();
      for (const reply of operation.replies) set.add(reply);
      groups.set(messageKey(asking), set);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, ids]) => [key, [...ids].sort().flatMap((id) => byId.get(id) ?? [])]);
}

/** `isBind`: the compiled type guard of a schema or message type. */
export function guardFunctionName(typeName: string): string {
  return `is${typeName}`;
}

/** Schemas that are not components or messages but get a type and validators too (discovery response). */
export function extraSchemas(protocol: Protocol): NamedSchema[] {
  const discovery = protocol.discovery;
  if (discovery === undefined) return [];
  return [
    {
      name: `${protocol.identifier}DiscoveryResponse`,
      schema: discovery.response,
      pointer: "/x-wiretype-discovery/response",
    },
  ];
}
