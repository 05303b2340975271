import {
  type FunctionDeclarationStructure,
  type InterfaceDeclarationStructure,
  type Project,
  type StatementStructures,
  StructureKind,
} from "ts-morph";
import { webSocketChannels } from "../../ir/infer-transport.js";
import { propertyKey } from "../../ir/naming.js";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, Message, Protocol } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { channelPrefix, messageMapName, replyMapName } from "../names.js";
import { clientDescriptorConstName } from "../protocol/emit-client-descriptor.js";
import { clientOptionsAlias } from "./connection-options.js";
import { facadeImports } from "./facade-imports.js";
import { methodNames } from "./method-names.js";

function summaryOf(messages: readonly Message[]): string {
  const message = messages[0];
  const text = message?.summary ?? message?.title ?? message?.description?.split("\n")[0] ?? "";
  return text.trim().replaceAll("*/", "*\\/");
}

/**
 * What `request.<method>` resolves with: the success answers only, since failure answers reject with
 * a RequestError. Falls back to every answer when the spec lists no success.
 */
function successType(names: ChannelNames, key: string, replies: readonly Message[], used: Set<string>): string {
  const successes = replies.filter((reply) => !reply.isError && reply.rpc !== "error");
  if (successes.length === 0) return `${names.replies}[${JSON.stringify(key)}]`;
  for (const reply of successes) used.add(reply.typeName);
  return [...new Set(successes.map((reply) => reply.typeName))].join(" | ");
}

interface ChannelNames {
  readonly prefix: string;
  readonly generics: string;
  readonly clientMap: string;
  readonly replies: string;
}

function channelNames(protocol: Protocol, channel: Channel): ChannelNames {
  const clientMap = messageMapName(protocol, channel, "client");
  const replies = replyMapName(protocol, channel, "client");
  const generics = [
    clientMap,
    messageMapName(protocol, channel, "server"),
    replies,
    replyMapName(protocol, channel, "server"),
  ].join(", ");
  return { prefix: channelPrefix(protocol, channel), generics, clientMap, replies };
}

function clientInterface(
  protocol: Protocol,
  channel: Channel,
  names: ChannelNames,
  used: Set<string>,
): InterfaceDeclarationStructure {
  const { byKey: sent, replyUnions: answered } = resolveProtocol(protocol).side(channel, "client");
  const sendNames = methodNames(sent.map(({ key }) => key));
  const requestNames = methodNames(answered.map(({ key }) => key));
  const type = (key: string) => `${names.clientMap}[${JSON.stringify(key)}]`;
  return {
    kind: StructureKind.Interface,
    name: `${names.prefix}Client`,
    isExported: true,
    docs: [{ description: `A typed client of ${protocol.title}: every method and event is checked against the spec.` }],
    extends: [`ProtocolClient<${names.generics}>`],
    properties: [
      {
        name: "send",
        isReadonly: true,
        docs: [{ description: "One method per message the client sends: sent now, or queued until connected." }],
        type: (writer) =>
          writer.inlineBlock(() => {
            for (const { key, messages } of sent) {
              const summary = summaryOf(messages);
              writer.writeLine(`/** \`${key}\`${summary === "" ? "" : `: ${summary}`} */`);
              writer.writeLine(`${propertyKey(sendNames.get(key) ?? key)}(message: ${type(key)}): void;`);
            }
          }),
      },
      {
        name: "request",
        isReadonly: true,
        docs: [
          {
            description:
              "One method per message the spec pairs with an answer: resolves with the success answer; a failure answer, a timeout, an abort or a closed connection rejects with a RequestError.",
          },
        ],
        type: (writer) =>
          writer.inlineBlock(() => {
            for (const { key, messages: replies } of answered) {
              const reply = successType(names, key, replies, used);
              writer.writeLine(
                `${propertyKey(requestNames.get(key) ?? key)}(message: ${type(key)}, options?: RequestOptions): Promise<${reply}>;`,
              );
            }
          }),
      },
    ],
  };
}

function clientFactory(
  protocol: Protocol,
  channel: Channel,
  names: ChannelNames,
  used: Set<string>,
  optionsType: string,
): FunctionDeclarationStructure {
  const resolved = resolveProtocol(protocol).side(channel, "client");
  const sent = resolved.byKey.map(({ key }) => key);
  const answered = resolved.replyUnions.map(({ key }) => key);
  const replyOf = new Map(resolved.replyUnions.map(({ key, messages }) => [key, messages]));
  const sendNames = methodNames(sent);
  const requestNames = methodNames(answered);
  const type = (key: string) => `${names.clientMap}[${JSON.stringify(key)}]`;
  return {
    kind: StructureKind.Function,
    name: `create${names.prefix}Client`,
    isExported: true,
    docs: [
      {
        description: `Connects to ${protocol.title} (\`${channel.address}\`) with the spec's framing, heartbeat, session and answers.`,
      },
    ],
    parameters: [{ name: "options", type: optionsType }],
    returnType: `${names.prefix}Client`,
    statements: (writer) => {
      const features = clientFeatures(channel).map((feature) => `${feature.member}: ${feature.runtimeName}`);
      writer.writeLine(
        `const client = createClientWith<${names.generics}>(${clientDescriptorConstName(protocol, channel)}, options, { ${features.join(", ")} });`,
      );
      writer.write("const send = ").inlineBlock(() => {
        for (const key of sent) {
          writer.writeLine(
            `${propertyKey(sendNames.get(key) ?? key)}: (message: ${type(key)}) => client.sendMessage(${JSON.stringify(key)}, message),`,
          );
        }
      });
      writer.write(";").newLine();
      writer.write("const request = ").inlineBlock(() => {
        for (const key of answered) {
          // The runtime resolves only with a success answer (failures reject), hence the narrower type.
          const success = successType(names, key, replyOf.get(key) ?? [], used);
          writer.writeLine(
            `${propertyKey(requestNames.get(key) ?? key)}: (message: ${type(key)}, requestOptions?: RequestOptions) => client.requestMessage(${JSON.stringify(key)}, message, requestOptions) as Promise<${success}>,`,
          );
        }
      });
      writer.write(";").newLine();
      writer.writeLine("return Object.assign(client, { send, request });");
    },
  };
}

function importName(entry: string | { readonly name: string }): string {
  return typeof entry === "string" ? entry : entry.name;
}

/** A runtime client feature: the option it fills and the runtime export that provides it. */
interface ClientFeature {
  readonly member: "rpcInbound" | "openSocketIo" | "sign";
  readonly runtimeName: string;
}

/**
 * The framing and signing code the channel's client needs, and nothing else: passed to the runtime's
 * `createClientWith`, so that a bundle of another protocol's client never carries it.
 */
function clientFeatures(channel: Channel): ClientFeature[] {
  const features: ClientFeature[] = [];
  if (channel.framing.kind === "json-rpc") features.push({ member: "rpcInbound", runtimeName: "jsonRpcClientFeature" });
  if (channel.framing.kind === "socket.io") {
    features.push({ member: "openSocketIo", runtimeName: "socketIoClientFeature" });
  }
  if (channel.signature?.appliesTo === "client") features.push({ member: "sign", runtimeName: "phpJsonSign" });
  return features;
}

/** `src/client.gen.ts`: `create<Protocol>Client`, a thin typed face over the runtime's generic client. */
export function emitClient(project: Project, protocol: Protocol): GeneratedFile {
  const statements: StatementStructures[] = [];
  const typeNames = new Set<string>();
  // Only WebSocket channels get a client: one over MQTT or Kafka would be silently meaningless.
  const featureNames = new Set<string>();
  for (const channel of webSocketChannels(protocol.channels)) {
    for (const feature of clientFeatures(channel)) featureNames.add(feature.runtimeName);
    const names = channelNames(protocol, channel);
    for (const name of names.generics.split(", ")) typeNames.add(name);
    const options = clientOptionsAlias(protocol, channel, names.prefix, names.clientMap);
    statements.push(
      ...(options === undefined ? [] : [options]),
      clientInterface(protocol, channel, names, typeNames),
      clientFactory(protocol, channel, names, typeNames, options?.name ?? `ClientOptions<${names.clientMap}>`),
    );
  }
  return printSourceFile(project, "src/client.gen.ts", generatedHeader(protocol), statements, () =>
    facadeImports(
      protocol,
      {
        module: "@wiretype/runtime",
        names: [
          { name: "ClientOptions", isTypeOnly: true } as const,
          "createClientWith",
          ...featureNames,
          { name: "ProtocolClient", isTypeOnly: true } as const,
          { name: "RequestOptions", isTypeOnly: true } as const,
        ].sort((a, b) => importName(a).localeCompare(importName(b), "en", { sensitivity: "base" })),
      },
      typeNames,
      {
        module: "./client-protocol.gen.js",
        names: webSocketChannels(protocol.channels).map((channel) => clientDescriptorConstName(protocol, channel)),
      },
    ),
  );
}
