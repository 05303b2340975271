import type { ClientProtocolDescriptor, ClientReplyDescriptor, ClientSideDescriptor } from "@wiretype/runtime";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, Protocol, SchemaNode, Side } from "../../ir/types.js";
import { guardFunctionName } from "../names.js";
import { descriptorValue } from "./descriptor-value.js";
import { Code, code, type Emitted } from "./value-printer.js";

/**
 * The browser client's descriptor of one channel: what a connection uses, with compiled guards and no
 * zod schema, so that zod stays out of the bundle a page loads up front. `explain` names the full
 * descriptor's module, loaded with a dynamic import only to say what is wrong with a refused frame.
 */

type LooseMap = Record<string, unknown>;
export type ClientDescriptorValue = Emitted<ClientProtocolDescriptor<LooseMap, LooseMap>>;

/** What the generated value refers to: guard functions and the types of union guards. */
export interface ClientDescriptorUsage {
  readonly guards: Set<string>;
  readonly types: Set<string>;
  /** Type names whose guard checks a `format` (`formatCheckingTypes`). */
  readonly formatChecking: ReadonlySet<string>;
  /** Guards named from the format-free module (`formatFree.isX`). */
  readonly formatFree: Set<string>;
}

/** How a message's guard is named in the table: from `guards.gen.js`, or `formatFree.isX` in the format-free table. */
function guardReference(typeName: string, formatFree: boolean, usage: ClientDescriptorUsage): string {
  const name = guardFunctionName(typeName);
  if (formatFree && usage.formatChecking.has(typeName)) {
    usage.formatFree.add(name);
    return `formatFree.${name}`;
  }
  usage.guards.add(name);
  return name;
}

/**
 * The entries of `{ bind: isBind, … }`: one guard per key, a union guard where one key has several
 * messages. The format-free entries are only the keys whose guard checks a format.
 */
function tableEntries(
  protocol: Protocol,
  channel: Channel,
  side: Side,
  usage: ClientDescriptorUsage,
  formatFree: boolean,
): (readonly [string, Code])[] {
  return resolveProtocol(protocol)
    .side(channel, side)
    .byKey.filter(
      ({ messages }) => !formatFree || messages.some((message) => usage.formatChecking.has(message.typeName)),
    )
    .map(({ key, messages }) => {
      const names = messages.map((message) => guardReference(message.typeName, formatFree, usage));
      if (names.length === 1) return [key, code(names[0] as string)] as const;
      for (const message of messages) usage.types.add(message.typeName);
      const type = messages.map((message) => message.typeName).join(" | ");
      const test = names.map((name) => `${name}(value)`).join(" || ");
      return [key, code(`(value: unknown): value is ${type} => ${test}`)] as const;
    });
}

function guardTable(protocol: Protocol, channel: Channel, side: Side, usage: ClientDescriptorUsage): Code {
  return code(printTable(tableEntries(protocol, channel, side, usage, false)));
}

/** The format-free guards of what the server sends, or undefined when no key's guard checks a format. */
function formatFreeTable(protocol: Protocol, channel: Channel, usage: ClientDescriptorUsage): Code | undefined {
  const entries = tableEntries(protocol, channel, "server", usage, true);
  return entries.length === 0 ? undefined : code(printTable(entries));
}

function printTable(entries: readonly (readonly [string, Code])[]): string {
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([key, value]) => `${JSON.stringify(key)}: ${value.text}`).join(", ")} }`;
}

/** A value `descriptorValue` builds as an object, never as a `Code` reference. */
function built<T extends object>(value: Code | T): T {
  if (value instanceof Code) throw new Error(`expected a built value, found code ${value.text}`);
  return value;
}

/** A reply validator without its schema: `{ guard }`. */
function guardOnly(validator: Code | { readonly guard: Code }): { guard: Code } {
  return { guard: built(validator).guard };
}

type FullSide = Exclude<ReturnType<typeof descriptorValue>, Code>["client"];
type FullReply = Exclude<Exclude<FullSide, Code>["replies"], Code>[string];

function clientReply(reply: FullReply): Emitted<ClientReplyDescriptor> | undefined {
  if (reply === undefined) return undefined;
  const { keys, failures, result, error } = built(reply);
  return {
    keys,
    failures,
    ...(result === undefined ? {} : { result: guardOnly(result) }),
    ...(error === undefined ? {} : { error: guardOnly(error) }),
  };
}

function clientSide(
  protocol: Protocol,
  channel: Channel,
  side: Side,
  full: FullSide,
  usage: ClientDescriptorUsage,
): Emitted<ClientSideDescriptor<LooseMap>> {
  const { keys, correlation, rpc, failures, eventPatterns, replies } = built(full);
  // What a client receives (the server side) may be checked with `format` as an annotation.
  const formatFree = side === "server" ? formatFreeTable(protocol, channel, usage) : undefined;
  return {
    guards: guardTable(protocol, channel, side, usage),
    ...(formatFree === undefined ? {} : { formatFreeGuards: formatFree }),
    keys,
    correlation,
    rpc,
    failures,
    eventPatterns,
    replies: Object.fromEntries(Object.entries(built(replies)).map(([key, reply]) => [key, clientReply(reply)])),
  };
}

/** Whether a schema (an object, a union variant, an intersection part, a named schema) declares `field`. */
function declaresField(protocol: Protocol, node: SchemaNode, field: string, seen: Set<string>): boolean {
  switch (node.kind) {
    case "object":
      return node.properties.some((property) => property.name === field);
    case "union":
      return node.variants.some((variant) => declaresField(protocol, variant, field, seen));
    case "intersection":
      return node.parts.some((part) => declaresField(protocol, part, field, seen));
    case "ref": {
      if (seen.has(node.name)) return false;
      seen.add(node.name);
      const named = protocol.schemas.find((schema) => schema.name === node.name);
      return named !== undefined && declaresField(protocol, named.schema, field, seen);
    }
    default:
      return false;
  }
}

/** Client keys whose message carries the signature field: the ones a client signs. */
function signedKeys(protocol: Protocol, channel: Channel): string[] {
  const signature = channel.signature;
  if (signature?.appliesTo !== "client") return [];
  return resolveProtocol(protocol)
    .side(channel, "client")
    .byKey.filter(({ messages }) =>
      messages.some((message) => declaresField(protocol, message.payload, signature.field, new Set())),
    )
    .map(({ key }) => key);
}

/** The browser client's descriptor of one channel; `fullName` is the full descriptor's export. */
export function clientDescriptorValue(
  protocol: Protocol,
  channel: Channel,
  fullName: string,
  usage: ClientDescriptorUsage,
): ClientDescriptorValue {
  const full = built(descriptorValue(protocol, channel));
  const discovery = full.discovery === undefined ? undefined : built(full.discovery);
  const { id, address, parameters, framing, session, heartbeat, rooms, signature } = full;
  return {
    id,
    address,
    ...(parameters === undefined ? {} : { parameters }),
    framing,
    ...(session === undefined ? {} : { session }),
    ...(heartbeat === undefined ? {} : { heartbeat }),
    ...(rooms === undefined ? {} : { rooms }),
    ...(signature === undefined ? {} : { signature }),
    ...(discovery === undefined ? {} : { discovery: { ...discovery, response: guardOnly(discovery.response) } }),
    signed: signedKeys(protocol, channel),
    client: clientSide(protocol, channel, "client", full.client, usage),
    server: clientSide(protocol, channel, "server", full.server, usage),
    explain: code(`() => import("./protocol.gen.js").then((module) => module.${fullName})`),
  };
}
