import { kurentoRoomProtocol } from "@wiretype/kurento-room/protocol";
import type { ProtocolDescriptor } from "@wiretype/runtime";
import { vertoProtocol } from "@wiretype/verto/protocol";
import { voxyProtocol } from "@wiretype/voxy/protocol";
import { workspaceProtocol } from "@wiretype/workspace/protocol";
import { yueyueProtocol } from "@wiretype/yueyue/protocol";
import { listMessages } from "../../support/raw-spec.js";
import { isJsonObject, type JsonObject, readSpecData } from "../../support/spec-files.js";

export type FuzzProtocol = "voxy" | "yueyue" | "kurento-room" | "verto" | "workspace";
export const fuzzProtocols: readonly FuzzProtocol[] = ["voxy", "yueyue", "kurento-room", "verto", "workspace"];

type Guard = (value: unknown) => boolean;
type AnyDescriptor = ProtocolDescriptor<object, object>;

/** One side's validators, loosely typed: the fuzzer looks messages up by wire name. */
export interface LooseSide {
  readonly keys: readonly string[];
  readonly guards: Readonly<Record<string, Guard>>;
}

/** How a protocol puts a message on the wire, written as text so that deep values are never built as objects. */
export interface Codec {
  /** A frame carrying message `key` with the given JSON members text (`"a":1`), or with `data` as its body. */
  message(key: string, members: string): string;
  /** The body value alone as a frame (a bare `[[[…]]]`). */
  bare(value: string): string;
  /** A JSON-RPC / Socket.IO / keyed frame whose body is `value` (not an object). */
  withBody(key: string, value: string): string;
}

export interface Profile {
  readonly name: FuzzProtocol;
  readonly descriptor: AnyDescriptor;
  readonly framing: "json" | "json-rpc" | "socket.io";
  /** The `action`/`id` member of keyed framings. */
  readonly discriminator: string;
  readonly client: LooseSide;
  readonly server: LooseSide;
  readonly codec: Codec;
  readonly document: JsonObject;
}

/** The generated descriptors, viewed without their message maps (the fuzzer looks everything up by name). */
const descriptors = {
  voxy: voxyProtocol,
  yueyue: yueyueProtocol,
  "kurento-room": kurentoRoomProtocol,
  verto: vertoProtocol,
  workspace: workspaceProtocol,
} as unknown as Record<FuzzProtocol, AnyDescriptor>;

const text = (value: string) => JSON.stringify(value);

function keyedCodec(discriminator: string): Codec {
  const member = (key: string) => `${text(discriminator)}:${text(key)}`;
  return {
    message: (key, members) => `{${member(key)}${members === "" ? "" : `,${members}`}}`,
    bare: (value) => value,
    withBody: (key, value) => `{${member(key)},"body":${value}}`,
  };
}

const rpcCodec: Codec = {
  message: (key, members) => `{"jsonrpc":"2.0","id":7,"method":${text(key)},"params":{${members}}}`,
  bare: (value) => value,
  withBody: (key, value) => `{"jsonrpc":"2.0","id":7,"method":${text(key)},"params":${value}}`,
};

/** Socket.IO EVENT packets inside Engine.IO MESSAGE packets (`42[…]`). */
const socketIoCodec: Codec = {
  message: (key, members) => `42[${text(key)},{${members}}]`,
  bare: (value) => `42${value}`,
  withBody: (key, value) => `42[${text(key)},${value}]`,
};

function loose(side: AnyDescriptor["client"]): LooseSide {
  return { keys: side.keys, guards: side.guards as unknown as Record<string, Guard> };
}

export function profileOf(name: FuzzProtocol): Profile {
  const descriptor = descriptors[name];
  const framing = descriptor.framing;
  // The fuzzed protocols are our five specs, none of them decoded by shape.
  if (framing.kind === "json-shape") throw new Error(`${name}: no fuzz profile for shape-decoded frames`);
  const discriminator = framing.kind === "json" ? framing.discriminator : "";
  const codec =
    framing.kind === "json" ? keyedCodec(discriminator) : framing.kind === "json-rpc" ? rpcCodec : socketIoCodec;
  return {
    name,
    descriptor,
    framing: framing.kind,
    discriminator,
    client: loose(descriptor.client),
    server: loose(descriptor.server),
    codec,
    document: readSpecData(name),
  };
}

/** The spec's example payloads of one side, by wire name, kept only when the generated guard accepts them. */
export function validExamples(profile: Profile, side: "client" | "server"): Map<string, JsonObject> {
  const found = new Map<string, JsonObject>();
  const guards = profile[side].guards;
  for (const message of listMessages(profile.document)) {
    const name = message.wireName;
    if (name === undefined || !message.senders.has(side) || found.has(name)) continue;
    const examples = Array.isArray(message.message.examples) ? message.message.examples : [];
    for (const example of examples) {
      const payload = isJsonObject(example) ? example.payload : undefined;
      if (isJsonObject(payload) && guards[name]?.(payload) === true) {
        found.set(name, payload);
        break;
      }
    }
  }
  return found;
}

/** Payload schema references of one side's messages, by wire name (for schema-arbitrary). */
export function payloadRefs(profile: Profile, side: "client" | "server"): Map<string, { $ref: string }> {
  const refs = new Map<string, { $ref: string }>();
  for (const message of listMessages(profile.document)) {
    const name = message.wireName;
    if (name === undefined || !message.senders.has(side) || refs.has(name)) continue;
    if (profile[side].guards[name] !== undefined) refs.set(name, { $ref: `${message.pointer}/payload` });
  }
  return refs;
}
