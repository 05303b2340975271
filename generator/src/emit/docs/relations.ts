import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { ForwardRule, Message, Protocol, Side } from "../../ir/types.js";
import { messageKey } from "../names.js";
import { code } from "./markdown.js";
import { messagePagePath } from "./message-pages.js";

/** How messages relate through operations: what answers what, what the server forwards. */

function byIds(protocol: Protocol, ids: Iterable<string>): Message[] {
  const wanted = new Set(ids);
  return protocol.messages.filter((message) => wanted.has(message.id));
}

export function answersTo(protocol: Protocol, message: Message): Message[] {
  const operations = protocol.operations.filter((operation) => operation.messages.includes(message.id));
  return byIds(
    protocol,
    operations.flatMap((operation) => operation.replies),
  );
}

export function answeredMessages(protocol: Protocol, message: Message): Message[] {
  const operations = protocol.operations.filter((operation) => operation.replies.includes(message.id));
  return byIds(
    protocol,
    operations.flatMap((operation) => operation.messages),
  );
}

export interface Forwarding {
  readonly rule: ForwardRule;
  readonly messages: readonly Message[];
}

/** The forward rules applied when the server receives `message`, with the messages they send. */
export function forwardsOf(protocol: Protocol, message: Message): Forwarding[] {
  return protocol.operations
    .filter((operation) => operation.messages.includes(message.id))
    .flatMap((operation) => operation.forward)
    .map((rule) => ({ rule, messages: byIds(protocol, operationMessages(protocol, rule.as)) }));
}

/** The messages whose receipt makes the server send `message` (forward rules producing it). */
export function forwardedFrom(protocol: Protocol, message: Message): Message[] {
  const sources = protocol.operations.filter((operation) =>
    operation.forward.some((rule) => operationMessages(protocol, rule.as).includes(message.id)),
  );
  return byIds(
    protocol,
    sources.flatMap((operation) => operation.messages),
  );
}

function operationMessages(protocol: Protocol, operationId: string): readonly string[] {
  return resolveProtocol(protocol).operation(operationId)?.messages ?? [];
}

/**
 * `the peer, known by to_userid, with used_phone set to 0`, `the sender's room, sender included, when
 * category is "default"`.
 */
export function ruleText(rule: ForwardRule): string {
  const parts: string[] = [
    rule.to === "everyone" ? "every connection" : rule.to === "room" ? "the sender's room" : "the peer",
  ];
  if (rule.peer !== undefined) parts.push(`known by ${code(rule.peer.join("."))}`);
  parts.push(rule.includeSender ? "sender included" : rule.to === "peer" ? "" : "sender excluded");
  if (rule.when !== undefined)
    parts.push(`when ${code(rule.when.path.join("."))} is ${code(JSON.stringify(rule.when.equals))}`);
  for (const fixed of rule.set ?? []) {
    parts.push(`with ${code(fixed.path.join("."))} set to ${code(JSON.stringify(fixed.value))}`);
  }
  if (rule.sender !== undefined) parts.push(`with ${code(rule.sender.join("."))} set to the sender's session id`);
  return parts.filter((part) => part !== "").join(", ");
}

/** A link to a message's section on its page (absolute: the same from every page). */
export function messageLink(protocol: Protocol, message: Message): string {
  return `[${code(messageKey(message))}](${messagePagePath(protocol, message)}#${message.id})`;
}

export function directionText(senders: readonly Side[]): string {
  if (senders.length > 1) return "both ways";
  return senders[0] === "client" ? "client → server" : "server → client";
}
