import { type DiagnosticSink, joinPointer } from "../diagnostics.js";
import type { ParsedDocument } from "../load/load-spec.js";
import type { SchemaBuilder } from "./build-schema.js";
import { readCalls } from "./extension-calls.js";
import { readFraming, readHeartbeat, readPresence, readRooms, readSession, readSignature } from "./extensions.js";
import { inferTransport } from "./infer-transport.js";
import { isRawObject, optionalString } from "./raw.js";
import type { Channel, ChannelParameter, Framing } from "./types.js";

type ParsedChannel = ReturnType<ParsedDocument["channels"]>["all"] extends () => (infer C)[] ? C : never;
type ParsedParameter = ReturnType<ParsedChannel["parameters"]>["all"] extends () => (infer P)[] ? P : never;

function extension(channel: ParsedChannel, name: string): unknown {
  return channel.extensions().get(name)?.value();
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
}

function readParameter(parameter: ParsedParameter): ChannelParameter {
  const description = optionalString(parameter.description());
  const raw = parameter.json();
  const values = stringArray(raw.enum);
  const defaultValue = typeof raw.default === "string" ? raw.default : undefined;
  const examples = stringArray(raw.examples);
  return {
    name: parameter.id(),
    ...(description === undefined ? {} : { description }),
    ...(values === undefined ? {} : { values }),
    ...(defaultValue === undefined ? {} : { defaultValue }),
    ...(examples === undefined ? {} : { examples }),
  };
}

/** Stands in until infer-framing.ts replaces it; never reaches an emitter. */
const provisionalFraming: Framing = { kind: "json", discriminator: "type", frames: ["text"] };

/** The connection endpoint and its rules, from the channel and its `x-wiretype-…` extensions. */
export function buildChannel(channel: ParsedChannel, schemas: SchemaBuilder, sink: DiagnosticSink): Channel | never {
  const pointer = joinPointer("/channels", channel.id());
  const rawFraming = extension(channel, "x-wiretype-framing");
  // Absent: inferred from the payloads once messages are built (infer-framing.ts).
  const framing = rawFraming === undefined ? undefined : readFraming(rawFraming, `${pointer}/x-wiretype-framing`, sink);
  const wsBinding = channel.bindings().get("ws")?.value();
  const query =
    isRawObject(wsBinding) && wsBinding.query !== undefined
      ? schemas.build(wsBinding.query, { pointer: `${pointer}/bindings/ws/query` })
      : undefined;
  const headers =
    isRawObject(wsBinding) && wsBinding.headers !== undefined
      ? schemas.build(wsBinding.headers, { pointer: `${pointer}/bindings/ws/headers` })
      : undefined;
  const description = optionalString(channel.description());
  const greeting = optionalString(extension(channel, "x-wiretype-greeting"));
  const invalidFrame = optionalString(extension(channel, "x-wiretype-invalid-frame"));
  const session = readSession(extension(channel, "x-wiretype-session"), `${pointer}/x-wiretype-session`, sink);
  const heartbeat = readHeartbeat(extension(channel, "x-wiretype-heartbeat"), `${pointer}/x-wiretype-heartbeat`, sink);
  const presence = readPresence(extension(channel, "x-wiretype-presence"), `${pointer}/x-wiretype-presence`, sink);
  const rooms = readRooms(extension(channel, "x-wiretype-rooms"), `${pointer}/x-wiretype-rooms`, sink);
  const signature = readSignature(extension(channel, "x-wiretype-signature"), `${pointer}/x-wiretype-signature`, sink);
  const calls = readCalls(extension(channel, "x-wiretype-calls"), `${pointer}/x-wiretype-calls`, sink);
  return {
    id: channel.id(),
    address: channel.address() ?? "/",
    parameters: channel
      .parameters()
      .all()
      .map(readParameter)
      .sort((a, b) => a.name.localeCompare(b.name)),
    ...(description === undefined ? {} : { description }),
    framing: framing ?? provisionalFraming,
    framingOrigin: framing === undefined ? { source: "inferred", reason: "" } : { source: "extension" },
    transport: inferTransport(channel, framing),
    ...(query === undefined ? {} : { query }),
    ...(headers === undefined ? {} : { headers }),
    ...(greeting === undefined ? {} : { greeting }),
    ...(session === undefined ? {} : { session }),
    ...(heartbeat === undefined ? {} : { heartbeat }),
    ...(presence === undefined ? {} : { presence }),
    ...(rooms === undefined ? {} : { rooms }),
    ...(signature === undefined ? {} : { signature }),
    ...(calls === undefined ? {} : { calls }),
    ...(invalidFrame === undefined ? {} : { invalidFrame }),
  };
}
