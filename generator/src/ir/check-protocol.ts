import { type DiagnosticSink, joinPointer } from "../diagnostics.js";
import type { Channel, Message, Protocol, SchemaNode } from "./types.js";

/** The literal a payload schema fixes at a top-level property, following references and intersections. */
export function literalAt(protocol: Protocol, node: SchemaNode, property: string, seen = new Set<string>()): unknown {
  switch (node.kind) {
    case "ref": {
      if (seen.has(node.name)) return undefined;
      seen.add(node.name);
      const target = protocol.schemas.find((schema) => schema.name === node.name);
      return target === undefined ? undefined : literalAt(protocol, target.schema, property, seen);
    }
    case "object": {
      const found = node.properties.find((candidate) => candidate.name === property);
      return found?.schema.kind === "literal" ? found.schema.value : undefined;
    }
    case "intersection":
      return node.parts.map((part) => literalAt(protocol, part, property, seen)).find((value) => value !== undefined);
    default:
      return undefined;
  }
}

function channelMessages(protocol: Protocol, channel: Channel): Message[] {
  const ids = new Set(
    protocol.operations
      .filter((operation) => operation.channel === channel.id)
      .flatMap((operation) => [...operation.messages, ...operation.replies]),
  );
  return protocol.messages.filter((message) => ids.has(message.id));
}

function checkFraming(protocol: Protocol, channel: Channel, sink: DiagnosticSink): void {
  const framing = channel.framing;
  for (const message of channelMessages(protocol, channel)) {
    if (framing.kind === "json") {
      const value = literalAt(protocol, message.payload, framing.discriminator);
      if (value !== message.wireName) {
        sink.error(
          "bad-discriminator",
          joinPointer(message.pointer, "payload"),
          `json framing keys messages by \`${framing.discriminator}\`: its schema must be \`const: ${message.wireName}\``,
        );
      }
    }
    if (framing.kind === "json-rpc" && message.rpc === undefined) {
      sink.error("missing-rpc-role", message.pointer, "json-rpc framing needs `x-wiretype-rpc` on every message");
    }
  }
}

function checkReferences(protocol: Protocol, channel: Channel, sink: DiagnosticSink): void {
  const operations = new Set(protocol.operations.map((operation) => operation.id));
  const messages = new Set(protocol.messages.map((message) => message.id));
  const pointer = joinPointer("/channels", channel.id);
  const expectOperation = (id: string | undefined, where: string) => {
    if (id !== undefined && !operations.has(id))
      sink.error("unknown-operation", `${pointer}/${where}`, `no operation \`${id}\``);
  };
  const expectMessage = (id: string, where: string) => {
    if (!messages.has(id)) sink.error("unknown-message", `${pointer}/${where}`, `no message \`${id}\``);
  };
  expectOperation(channel.greeting, "x-wiretype-greeting");
  expectOperation(channel.invalidFrame, "x-wiretype-invalid-frame");
  if (channel.session) {
    expectOperation(channel.session.handshake, "x-wiretype-session/handshake");
    for (const id of channel.session.allowBefore) expectOperation(id, "x-wiretype-session/allowBefore");
    for (const id of [...channel.session.success, ...channel.session.failure]) expectMessage(id, "x-wiretype-session");
  }
  if (channel.heartbeat && channel.heartbeat.sender !== "transport") {
    expectOperation(channel.heartbeat.operation, "x-wiretype-heartbeat/operation");
  }
  expectOperation(channel.presence?.operation, "x-wiretype-presence/operation");
  expectOperation(channel.rooms?.join, "x-wiretype-rooms/join");
  expectOperation(channel.rooms?.leave, "x-wiretype-rooms/leave");
}

/** Cross-checks that the extensions name operations and messages that exist and that framing holds. */
export function checkProtocol(protocol: Protocol, sink: DiagnosticSink): void {
  const operations = new Set(protocol.operations.map((operation) => operation.id));
  for (const channel of protocol.channels) {
    checkFraming(protocol, channel, sink);
    checkReferences(protocol, channel, sink);
  }
  for (const operation of protocol.operations) {
    operation.forward.forEach((rule, index) => {
      if (!operations.has(rule.as)) {
        sink.error(
          "unknown-operation",
          joinPointer("/operations", operation.id, "x-wiretype-forward", index, "as"),
          `no operation \`${rule.as}\``,
        );
      }
    });
  }
}
