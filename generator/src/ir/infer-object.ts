import type { JsonPrimitive, Message, Operation, PropertyNode, Protocol, SchemaNode, Side } from "./types.js";

/** What inference needs to know of a payload: its top-level members, as far as the schema fixes them. */
export interface ObjectView {
  readonly properties: readonly PropertyNode[];
  /** Members not listed are allowed. */
  readonly open: boolean;
}

/** A schema with its references followed (cycles stop at the first repeat). */
export function resolve(protocol: Protocol, node: SchemaNode, seen = new Set<string>()): SchemaNode {
  if (node.kind !== "ref" || seen.has(node.name)) return node;
  seen.add(node.name);
  const target = protocol.schemas.find((schema) => schema.name === node.name);
  return target === undefined ? node : resolve(protocol, target.schema, seen);
}

/** The payload as one object (an `allOf` merges its parts); undefined when it is not an object. */
export function objectView(protocol: Protocol, node: SchemaNode): ObjectView | undefined {
  const resolved = resolve(protocol, node);
  if (resolved.kind === "object") return { properties: resolved.properties, open: resolved.additional !== "closed" };
  if (resolved.kind !== "intersection") return undefined;
  const parts = resolved.parts.map((part) => objectView(protocol, part));
  if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
  const views = parts as ObjectView[];
  return { properties: views.flatMap((view) => view.properties), open: views.every((view) => view.open) };
}

/** The constant a property schema fixes (`const`, or an `enum` of one value). */
export function literalOf(protocol: Protocol, node: SchemaNode): JsonPrimitive | undefined {
  const resolved = resolve(protocol, node);
  return resolved.kind === "literal" ? resolved.value : undefined;
}

/** The string constant of a top-level property of the payload. */
export function stringLiteralAt(protocol: Protocol, payload: SchemaNode, name: string): string | undefined {
  const property = objectView(protocol, payload)?.properties.find((candidate) => candidate.name === name);
  const value = property === undefined ? undefined : literalOf(protocol, property.schema);
  return typeof value === "string" ? value : undefined;
}

/** Every message that travels on the channel, with the sides that send it there. */
export function channelTraffic(protocol: Protocol, channelId: string): Map<string, Set<Side>> {
  const traffic = new Map<string, Set<Side>>();
  const add = (id: string, side: Side) => traffic.set(id, (traffic.get(id) ?? new Set<Side>()).add(side));
  for (const operation of protocol.operations) {
    if (operation.channel !== channelId) continue;
    for (const id of operation.messages) add(id, operation.sender);
    for (const id of operation.replies) add(id, otherSide(operation));
  }
  return traffic;
}

function otherSide(operation: Operation): Side {
  return operation.sender === "client" ? "server" : "client";
}

export function messagesOf(protocol: Protocol, ids: Iterable<string>): Message[] {
  const wanted = new Set(ids);
  return protocol.messages.filter((message) => wanted.has(message.id));
}
