import { type DiagnosticSink, joinPointer } from "../diagnostics.js";
import { literalAt } from "./check-protocol.js";
import { hasWebSocketClient } from "./infer-transport.js";
import type { Channel, Message, Operation, Protocol, SchemaNode } from "./types.js";

/**
 * What a WebSocket (or Socket.IO) connection cannot honour, reported as warnings: headers, header
 * correlation ids, reply addresses elsewhere and parameterised namespaces. Transports that carry
 * headers and reply addresses (MQTT 5, Kafka, AMQP, HTTP) get no warning: the IR keeps all of it.
 */

function objectOf(protocol: Protocol, node: SchemaNode, seen = new Set<string>()): SchemaNode | undefined {
  if (node.kind !== "ref") return node;
  if (seen.has(node.name)) return undefined;
  seen.add(node.name);
  const target = protocol.schemas.find((schema) => schema.name === node.name);
  return target === undefined ? undefined : objectOf(protocol, target.schema, seen);
}

function propertyNames(protocol: Protocol, node: SchemaNode | undefined): string[] {
  const resolved = node === undefined ? undefined : objectOf(protocol, node);
  return resolved?.kind === "object" ? resolved.properties.map((property) => property.name) : [];
}

/** The document repeats every header field in the payload, so nothing is lost without headers. */
function headersInPayload(protocol: Protocol, message: Message): boolean {
  const headers = protocol.schemas.find((schema) => schema.name === message.headersType)?.schema;
  const names = propertyNames(protocol, headers);
  if (names.length === 0) return false;
  const payload = new Set(propertyNames(protocol, message.payload));
  return names.every((name) => payload.has(name) || literalAt(protocol, message.payload, name) !== undefined);
}

function checkMessage(protocol: Protocol, message: Message, sink: DiagnosticSink): void {
  if (message.headersType !== undefined && !headersInPayload(protocol, message)) {
    sink.warning(
      "headers-not-carried",
      joinPointer(message.pointer, "headers"),
      `message \`${message.id}\` headers are typed and validated (\`${message.headersType}\`) but left off the wire: a WebSocket frame has no headers, so the generated client and server neither send nor read them`,
    );
  }
  if (message.headerCorrelationPath !== undefined) {
    sink.warning(
      "header-correlation-ignored",
      joinPointer(message.pointer, "correlationId"),
      `message \`${message.id}\` keeps its correlation id in a header, which a WebSocket frame does not have: requests are paired with the next matching answer instead`,
    );
  }
}

function checkReplyAddress(operation: Operation, sink: DiagnosticSink): void {
  const address = operation.replyAddress;
  if (address === undefined) return;
  const pointer = joinPointer("/operations", operation.id, "reply");
  const where =
    address.kind === "static"
      ? `\`${address.address}\``
      : `the request's ${address.location} (${address.path.join("/")})`;
  sink.warning(
    "reply-address-ignored",
    `${pointer}/${address.kind === "static" ? "channel" : "address"}`,
    `operation \`${operation.id}\` is answered on the same WebSocket connection: its reply address, ${where}, is not used`,
  );
}

function checkChannel(channel: Channel, sink: DiagnosticSink): void {
  if (channel.framing.kind === "socket.io" && channel.parameters.length > 0) {
    sink.warning(
      "namespace-parameters",
      joinPointer("/channels", channel.id, "parameters"),
      `Socket.IO namespace \`${channel.address}\`: the client fills its parameters, but the generated server serves no parameterised namespace`,
    );
  }
}

/** Warns about what the channels with a WebSocket (or Socket.IO) client and server cannot carry. */
export function checkWebSocketLimits(protocol: Protocol, sink: DiagnosticSink): void {
  const webSocketChannels = new Set(
    protocol.channels.filter((channel) => hasWebSocketClient(channel.transport)).map((channel) => channel.id),
  );
  const operations = protocol.operations.filter((operation) => webSocketChannels.has(operation.channel));
  const messageIds = new Set(operations.flatMap((operation) => [...operation.messages, ...operation.replies]));
  for (const message of protocol.messages) if (messageIds.has(message.id)) checkMessage(protocol, message, sink);
  for (const operation of operations) checkReplyAddress(operation, sink);
  for (const channel of protocol.channels) if (webSocketChannels.has(channel.id)) checkChannel(channel, sink);
}
