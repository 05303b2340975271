import { type DiagnosticSink, joinPointer } from "../diagnostics.js";
import type { Channel, ChannelParameter, Operation } from "./types.js";

/** Connection rules a merged channel takes from the first channel that states them. */
const connectionRules = [
  "query",
  "headers",
  "greeting",
  "session",
  "heartbeat",
  "presence",
  "rooms",
  "signature",
  "invalidFrame",
] as const;

function sameFraming(channels: readonly Channel[]): boolean {
  const first = JSON.stringify([channels[0]?.framing, channels[0]?.transport]);
  return channels.every((channel) => JSON.stringify([channel.framing, channel.transport]) === first);
}

/** Every channel's description, each once: documentation is kept, not chosen. */
function joinedDescriptions(channels: readonly Channel[]): Pick<Channel, "description"> {
  const texts = [...new Set(channels.flatMap((channel) => channel.description ?? []))];
  return texts.length === 0 ? {} : { description: texts.join("\n\n") };
}

function unionParameters(channels: readonly Channel[]): ChannelParameter[] {
  const byName = new Map<string, ChannelParameter>();
  for (const parameter of channels.flatMap((channel) => channel.parameters)) {
    if (!byName.has(parameter.name)) byName.set(parameter.name, parameter);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** One channel standing for several on the same address; rules stated twice differently are reported. */
function mergeGroup(group: readonly Channel[], sink: DiagnosticSink): Channel {
  const [first, ...rest] = group as [Channel, ...Channel[]];
  let merged: Channel = { ...first, parameters: unionParameters(group), ...joinedDescriptions(group) };
  for (const channel of rest) {
    for (const rule of connectionRules) {
      const value = channel[rule];
      if (value === undefined) continue;
      if (merged[rule] === undefined) merged = { ...merged, [rule]: value };
      else if (JSON.stringify(merged[rule]) !== JSON.stringify(value)) {
        sink.warning(
          "channel-rule-conflict",
          joinPointer("/channels", channel.id),
          `channel \`${channel.id}\` shares address \`${channel.address}\` with \`${first.id}\` (one connection) but states \`${rule}\` differently: \`${first.id}\`'s is used`,
        );
      }
    }
  }
  return merged;
}

/**
 * Channels on one address are one connection: their messages are dispatched together by one client
 * and one server endpoint. Channels whose framings differ cannot share a decoder and stay apart (reported).
 */
export function mergeChannelsByAddress(
  channels: readonly Channel[],
  operations: readonly Operation[],
  sink: DiagnosticSink,
): { channels: Channel[]; operations: Operation[] } {
  const groups = new Map<string, Channel[]>();
  for (const channel of channels) groups.set(channel.address, [...(groups.get(channel.address) ?? []), channel]);
  const renamed = new Map<string, string>();
  const merged: Channel[] = [];
  for (const group of groups.values()) {
    if (group.length === 1 || !sameFraming(group)) {
      if (group.length > 1) {
        sink.warning(
          "channels-not-merged",
          joinPointer("/channels", group[1]?.id ?? ""),
          `channels ${group.map((channel) => `\`${channel.id}\``).join(", ")} share address \`${group[0]?.address}\` but frame messages differently: each gets its own connection`,
        );
      }
      merged.push(...group);
      continue;
    }
    const channel = mergeGroup(group, sink);
    for (const member of group) renamed.set(member.id, channel.id);
    merged.push(channel);
  }
  return {
    channels: merged.sort((a, b) => a.id.localeCompare(b.id)),
    operations: operations.map((operation) => {
      const target = renamed.get(operation.channel);
      return target === undefined || target === operation.channel ? operation : { ...operation, channel: target };
    }),
  };
}
