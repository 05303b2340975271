import type {
  CallAnswer,
  CallStep,
  CallsDescriptor,
  DiscoveryDescriptor,
  ForwardDescriptor,
  HeartbeatDescriptor,
  ProtocolDescriptor,
  ReplyDescriptor,
  ReplyValidator,
  RoomsDescriptor,
  SessionDescriptor,
  SideDescriptor,
} from "@wiretype/runtime";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import { descriptorKey, type ResolvedProtocol } from "../../ir/resolved.js";
import type { CallAnswerRule, CallStepRule, Channel, Heartbeat, Message, Protocol, Side } from "../../ir/types.js";
import { dispatchConstName, guardFunctionName, schemaConstName } from "../names.js";
import { forwardFacts } from "./forward-facts.js";
import { code, type Emitted } from "./value-printer.js";

/**
 * The runtime descriptor of one channel as a value typed by the runtime's own descriptor types, with
 * validators and dispatch tables as references to the generated code. Keys are message keys.
 */

type LooseMap = Record<string, unknown>;
export type DescriptorValue = Emitted<ProtocolDescriptor<LooseMap, LooseMap>>;

/** The descriptor key of an operation's (first) message. */
function operationKey(resolved: ResolvedProtocol, id: string | undefined): string | undefined {
  const first = id === undefined ? undefined : resolved.messagesOf(id)[0];
  return first === undefined ? undefined : descriptorKey(first);
}

function isFailure(message: Message): boolean {
  return message.isError || message.rpc === "error";
}

/** `{ schema, guard }` accepting any of the messages (a union when several). */
function validatorOf(messages: readonly Message[]): Emitted<ReplyValidator> {
  const schemas = messages.map((message) => schemaConstName(message.typeName));
  const guards = messages.map((message) => guardFunctionName(message.typeName));
  const schema = schemas.length === 1 ? schemas[0] : `z.union([${schemas.join(", ")}])`;
  const guard =
    guards.length === 1 ? guards[0] : `(value: unknown) => ${guards.map((name) => `${name}(value)`).join(" || ")}`;
  return { schema: code(schema ?? "z.never()"), guard: code(guard ?? "() => false") };
}

function replyValue(replies: readonly Message[]): Emitted<ReplyDescriptor> {
  const results = replies.filter((reply) => reply.rpc === "result");
  const errors = replies.filter((reply) => reply.rpc === "error");
  return {
    keys: replies.map(descriptorKey),
    failures: replies.filter(isFailure).map(descriptorKey),
    ...(results.length > 0 ? { result: validatorOf(results) } : {}),
    ...(errors.length > 0 ? { error: validatorOf(errors) } : {}),
  };
}

function sideValue(protocol: Protocol, channel: Channel, side: Side): Emitted<SideDescriptor<LooseMap>> {
  const { sent, replies } = resolveProtocol(protocol).side(channel, side);
  const dispatch = dispatchConstName(protocol, channel, side);
  const byKey = <T>(pick: (message: Message) => T | undefined): Record<string, T> => {
    const entries = sent.map((message) => [descriptorKey(message), pick(message)] as const);
    return Object.fromEntries(entries.filter((entry): entry is readonly [string, T] => entry[1] !== undefined));
  };
  return {
    schemas: code(`${dispatch}.schemas`),
    guards: code(`${dispatch}.guards`),
    keys: [...new Set(sent.map(descriptorKey))].sort(),
    correlation: byKey((message) => message.correlationPath),
    rpc: byKey((message) => message.rpc),
    failures: sent.filter(isFailure).map(descriptorKey),
    eventPatterns: byKey((message) => message.eventPattern),
    replies: Object.fromEntries(replies.map(({ key, messages }) => [key, replyValue(messages)])),
    dispatch: code(dispatch),
  };
}

function heartbeatValue(resolved: ResolvedProtocol, heartbeat: Heartbeat): HeartbeatDescriptor | undefined {
  if (heartbeat.sender === "transport") return heartbeat;
  const key = operationKey(resolved, heartbeat.operation);
  if (key === undefined) return undefined;
  if (heartbeat.sender === "client") {
    const { intervalMs, timeoutMs } = heartbeat;
    return { sender: "client", intervalMs, timeoutMs, key };
  }
  return { sender: "server", idleMs: heartbeat.idleMs, key };
}

function sessionValue(resolved: ResolvedProtocol, channel: Channel): SessionDescriptor | undefined {
  const session = channel.session;
  const handshake = session === undefined ? undefined : operationKey(resolved, session.handshake);
  if (session === undefined || handshake === undefined) return undefined;
  const keysOf = (ids: readonly string[]) => ids.flatMap((id) => resolved.message(id) ?? []).map(descriptorKey);
  const allowBefore = session.allowBefore.flatMap((id) => operationKey(resolved, id) ?? []);
  return { handshake, success: keysOf(session.success), failure: keysOf(session.failure), allowBefore };
}

function roomsValue(resolved: ResolvedProtocol, channel: Channel): RoomsDescriptor | undefined {
  const rooms = channel.rooms;
  if (rooms === undefined) return undefined;
  const end = (id: string) => {
    const key = operationKey(resolved, id);
    return key === undefined ? undefined : { side: resolved.operation(id)?.sender ?? "client", key };
  };
  const join = end(rooms.join);
  const leave = end(rooms.leave);
  if (join === undefined || leave === undefined) return undefined;
  const prefix = rooms.prefix === undefined ? {} : { prefix: rooms.prefix };
  return { join, leave, room: rooms.room, member: rooms.member, ...prefix };
}

function callsValue(resolved: ResolvedProtocol, channel: Channel): CallsDescriptor | undefined {
  const calls = channel.calls;
  if (calls === undefined) return undefined;
  const steps = (rules: readonly CallStepRule[]): CallStep[] =>
    rules.flatMap(({ operation, ...rest }) => {
      const key = operationKey(resolved, operation);
      return key === undefined ? [] : [{ key, ...rest }];
    });
  const answer = ({ operation, ...rest }: CallAnswerRule): CallAnswer => ({
    key: operationKey(resolved, operation) ?? operation,
    ...rest,
  });
  const absent = calls.absent === undefined ? {} : { absent: answer(calls.absent) };
  const dropped = calls.dropped === undefined ? {} : { dropped: answer(calls.dropped) };
  return {
    peer: calls.peer,
    start: steps(calls.start),
    answer: steps(calls.answer),
    end: steps(calls.end),
    busy: answer(calls.busy),
    ...absent,
    ...dropped,
  };
}

/** Forward rules by the asking message's key, keys sorted, with what each carries, removes and fills. */
function forwardValue(protocol: Protocol, channel: Channel): Record<string, ForwardDescriptor[]> {
  const resolved = resolveProtocol(protocol);
  const discriminator = channel.framing.kind === "json" ? channel.framing.discriminator : undefined;
  const entries = new Map<string, ForwardDescriptor[]>();
  for (const operation of resolved.channel(channel).operations) {
    const asking = operationKey(resolved, operation.id);
    if (asking === undefined || operation.forward.length === 0) continue;
    const received = resolved.messagesOf(operation.id)[0];
    const rules = operation.forward.flatMap((rule) => {
      const as = operationKey(resolved, rule.as);
      const facts = forwardFacts(protocol, rule, received, resolved.messagesOf(rule.as)[0], discriminator);
      // `carry` and `remove` as the facts work them out (from both payloads), not as the rule spells them.
      const { carry: _carry, remove: _remove, ...spelled } = rule;
      return as === undefined ? [] : [{ ...spelled, as, ...facts }];
    });
    entries.set(asking, [...(entries.get(asking) ?? []), ...rules]);
  }
  return Object.fromEntries([...entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function discoveryValue(protocol: Protocol): { discovery?: Emitted<DiscoveryDescriptor> } {
  const discovery = protocol.discovery;
  if (discovery === undefined) return {};
  const typeName = `${protocol.identifier}DiscoveryResponse`;
  const { response: _response, query: _query, ...rest } = discovery;
  const response = { schema: code(schemaConstName(typeName)), guard: code(guardFunctionName(typeName)) };
  return { discovery: { ...rest, response } };
}

/** Only the members that are there (`exactOptionalPropertyTypes`: an absent rule is no member at all). */
function present<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The descriptor of one channel, typed by the runtime's `ProtocolDescriptor`. */
export function descriptorValue(protocol: Protocol, channel: Channel): DescriptorValue {
  const resolved = resolveProtocol(protocol);
  const parameters = channel.parameters.map((parameter) => ({
    name: parameter.name,
    ...present("default", parameter.defaultValue),
  }));
  const presence = channel.presence;
  const presenceKey = operationKey(resolved, presence?.operation);
  return {
    id: protocol.id,
    title: protocol.title,
    version: protocol.version,
    address: channel.address,
    ...(parameters.length === 0 ? {} : { parameters }),
    servers: protocol.servers,
    framing: channel.framing,
    ...present("greeting", operationKey(resolved, channel.greeting)),
    ...present("invalidFrame", operationKey(resolved, channel.invalidFrame)),
    ...present("session", sessionValue(resolved, channel)),
    ...present("heartbeat", channel.heartbeat === undefined ? undefined : heartbeatValue(resolved, channel.heartbeat)),
    ...present(
      "presence",
      presence === undefined || presenceKey === undefined ? undefined : { key: presenceKey, path: presence.key },
    ),
    ...present("rooms", roomsValue(resolved, channel)),
    ...present("signature", channel.signature),
    ...present("calls", callsValue(resolved, channel)),
    ...discoveryValue(protocol),
    client: sideValue(protocol, channel, "client"),
    server: sideValue(protocol, channel, "server"),
    forward: forwardValue(protocol, channel),
  };
}
