import type { ProtocolDescriptor, ReplyDescriptor, SideDescriptor } from "@wiretype/runtime";
import { descriptorValue } from "../emit/protocol/descriptor-value.js";
import { resolveProtocol } from "../ir/resolve-protocol.js";
import type { KeyedMessages } from "../ir/resolved.js";
import type { Channel, Message, Protocol, Side } from "../ir/types.js";
import { type RuntimeValidator, unionOf, validatorFactory } from "./validators.js";

/**
 * The runtime descriptor of one channel as a value, built by the same `descriptorValue` that
 * `protocol.gen.ts` prints: the generated code it refers to (validators, guards, dispatch tables) is
 * replaced by validators compiled at run time, and the runtime builds its dispatch from those.
 */

export type LooseMap = Record<string, unknown>;
export type LiveDescriptor = ProtocolDescriptor<LooseMap, LooseMap>;
type Compile = (messages: readonly Message[]) => RuntimeValidator;
type LiveSide = SideDescriptor<LooseMap>;

/** What the printed side says that is plain data (no reference to generated code). */
type PlainSide = Pick<LiveSide, "keys" | "correlation" | "rpc" | "failures" | "eventPatterns">;

function validatorTables(compile: Compile, byKey: readonly KeyedMessages[]): Pick<LiveSide, "schemas" | "guards"> {
  const compiled = byKey.map(({ key, messages }) => [key, compile(messages)] as const);
  return {
    schemas: Object.fromEntries(compiled.map(([key, validator]) => [key, validator.schema])),
    guards: Object.fromEntries(compiled.map(([key, validator]) => [key, validator.guard])),
  };
}

function liveReply(compile: Compile, printed: ReplyDescriptor, answers: readonly Message[]): ReplyDescriptor {
  const results = answers.filter((answer) => answer.rpc === "result");
  const errors = answers.filter((answer) => answer.rpc === "error");
  return {
    keys: printed.keys,
    failures: printed.failures,
    ...(results.length > 0 ? { result: compile(results) } : {}),
    ...(errors.length > 0 ? { error: compile(errors) } : {}),
  };
}

function liveSide(
  protocol: Protocol,
  channel: Channel,
  side: Side,
  printed: PlainSide & Pick<LiveSide, "replies">,
  compile: Compile,
): LiveSide {
  const resolved = resolveProtocol(protocol).side(channel, side);
  const replies: Record<string, ReplyDescriptor> = {};
  for (const { key, messages } of resolved.replies) {
    const spelled = printed.replies[key];
    if (spelled !== undefined) replies[key] = liveReply(compile, spelled, messages);
  }
  const { keys, correlation, rpc, failures, eventPatterns } = printed;
  return { keys, correlation, rpc, failures, eventPatterns, replies, ...validatorTables(compile, resolved.byKey) };
}

/** Every channel's descriptor; each message's validator is compiled once per protocol. */
export function liveDescriptors(protocol: Protocol): { channel: Channel; descriptor: LiveDescriptor }[] {
  const compileNode = validatorFactory(protocol);
  const compiled = new Map<string, RuntimeValidator>();
  const compile: Compile = (messages) => {
    const id = messages.map((message) => message.id).join("|");
    const validator = compiled.get(id) ?? compileNode(unionOf(messages.map((message) => message.payload)));
    compiled.set(id, validator);
    return validator;
  };
  return protocol.channels.map((channel) => {
    // Besides the sides and discovery's response, the printed value holds plain data only.
    const printed = descriptorValue(protocol, channel) as unknown as LiveDescriptor;
    const { client, server, discovery, ...plain } = printed;
    const descriptor: LiveDescriptor = {
      ...plain,
      client: liveSide(protocol, channel, "client", client, compile),
      server: liveSide(protocol, channel, "server", server, compile),
      ...(discovery === undefined || protocol.discovery === undefined
        ? {}
        : { discovery: { ...discovery, response: compileNode(protocol.discovery.response) } }),
    };
    return { channel, descriptor };
  });
}
