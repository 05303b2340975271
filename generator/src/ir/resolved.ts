import type { Channel, Message, Operation, Protocol, Side } from "./types.js";

/**
 * The protocol with its joins made once (operation → messages, asking message → answers, messages by
 * wire key per channel and side), so that emitters read relations instead of re-deriving them.
 */

/** Messages sharing one wire key (a union when several components use the same wire name). */
export interface KeyedMessages {
  readonly key: string;
  readonly messages: readonly Message[];
}

/** What one side sends on a channel, and what the other side answers to it. */
export interface ResolvedSide {
  /** Calls and frames the side sends (JSON-RPC results and errors excluded), in the protocol's order. */
  readonly sent: readonly Message[];
  /** `sent` grouped by wire key, keys sorted. */
  readonly byKey: readonly KeyedMessages[];
  /** Answers by the asking message's wire key, keys sorted; answers in the order the operations list them. */
  readonly replies: readonly KeyedMessages[];
  /** The same answers sorted by component key: the union types and validators, stable whatever the listing order. */
  readonly replyUnions: readonly KeyedMessages[];
}

export interface ResolvedChannel {
  readonly channel: Channel;
  /** The operations travelling on the channel, in the protocol's order. */
  readonly operations: readonly Operation[];
  readonly client: ResolvedSide;
  readonly server: ResolvedSide;
}

export interface ResolvedProtocol {
  readonly protocol: Protocol;
  readonly channels: readonly ResolvedChannel[];
  readonly message: (id: string) => Message | undefined;
  readonly operation: (id: string) => Operation | undefined;
  /** An operation's messages, in the order the operation lists them (unknown ids left out). */
  readonly messagesOf: (operationId: string) => readonly Message[];
  /** The messages answering an operation, in the order it lists them. */
  readonly repliesOf: (operationId: string) => readonly Message[];
  readonly channel: (channel: Channel) => ResolvedChannel;
  readonly side: (channel: Channel, side: Side) => ResolvedSide;
}

/** The key a message has in its channel's maps: the event template for run-time event names, else the wire name. */
export function wireKey(message: Message): string {
  return message.eventPattern?.template ?? message.wireName;
}

/** The key a message has in the runtime descriptor: its wire key, or its component key for JSON-RPC answers. */
export function descriptorKey(message: Message): string {
  return isRpcAnswer(message) ? message.id : wireKey(message);
}

/** JSON-RPC results and errors: they travel by id, not by wire name. */
export function isRpcAnswer(message: Message): boolean {
  return message.rpc === "result" || message.rpc === "error";
}
