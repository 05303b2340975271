import { lowerFirst, pascalCase } from "../ir/naming.js";
import { wireKey } from "../ir/resolved.js";
import type { Channel, NamedSchema, Protocol, Side } from "../ir/types.js";

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
export const messageKey = wireKey;

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
