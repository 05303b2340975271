import { type Project, type StatementStructures, StructureKind } from "ts-morph";
import { webSocketChannels } from "../../ir/infer-transport.js";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, Protocol } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { channelPrefix, messageKey, messageMapName, replyMapName } from "../names.js";
import { descriptorConstName } from "../protocol/emit-descriptor.js";
import { facadeImports } from "./facade-imports.js";

/** `ServerOptions<ServerMessages, HandshakeMessage>`: `authenticate` gets the handshake's message, typed. */
function optionsType(protocol: Protocol, channel: Channel, generics: readonly string[]): string {
  const handshake =
    channel.session === undefined ? [] : resolveProtocol(protocol).messagesOf(channel.session.handshake);
  const keys = handshake.map((message) => `${generics[0]}[${JSON.stringify(messageKey(message))}]`);
  return keys.length === 0 ? `ServerOptions<${generics[1]}>` : `ServerOptions<${generics[1]}, ${keys.join(" | ")}>`;
}

/** Where handlers find the address's parameters, when it has any. */
function parametersNote(channel: Channel): string {
  if (channel.parameters.length === 0) return "";
  const names = channel.parameters.map((parameter) => `\`${parameter.name}\``).join(", ");
  return ` Accepts every path matching the address; handlers read ${names} from \`connection.parameters\`.`;
}

/** `src/server.gen.ts` (Node only): `create<Protocol>Server` over the runtime's generic server. */
export function emitServer(project: Project, protocol: Protocol): GeneratedFile {
  const typeNames = new Set<string>();
  const channels = webSocketChannels(protocol.channels);
  const statements: StatementStructures[] = channels.flatMap((channel): StatementStructures[] => {
    const prefix = channelPrefix(protocol, channel);
    const generics = [
      messageMapName(protocol, channel, "client"),
      messageMapName(protocol, channel, "server"),
      replyMapName(protocol, channel, "client"),
      replyMapName(protocol, channel, "server"),
    ];
    for (const name of generics) typeNames.add(name);
    return [
      {
        kind: StructureKind.TypeAlias,
        name: `${prefix}Server`,
        isExported: true,
        docs: [
          {
            description: `A typed ${protocol.title} server: \`on(key, handler)\` per client message, typed contexts and answers.`,
          },
        ],
        type: `ProtocolServer<${generics.join(", ")}>`,
      },
      {
        kind: StructureKind.Function,
        name: `create${prefix}Server`,
        isExported: true,
        docs: [
          {
            description: `Serves ${protocol.title} on \`${channel.address}\`: the spec's session rule, heartbeat timeouts, error answers and default behaviours (presence, forwarding, rooms) included; register handlers to override.${parametersNote(channel)}${channel.session === undefined ? "" : " Sessions open only after the application's check: a handler for the handshake, or the `authenticate` option (`insecureDevelopmentMode` skips it, for development only)."}`,
          },
        ],
        parameters: [{ name: "options", type: optionsType(protocol, channel, generics), initializer: "{}" }],
        returnType: `${prefix}Server`,
        statements: `return createServer<${generics.join(", ")}>(${descriptorConstName(protocol, channel)}, options);`,
      },
    ];
  });
  return printSourceFile(project, "src/server.gen.ts", generatedHeader(protocol), statements, () =>
    facadeImports(
      protocol,
      {
        module: "@wiretype/runtime/server",
        names: [
          "createServer",
          { name: "ProtocolServer", isTypeOnly: true },
          { name: "ServerOptions", isTypeOnly: true },
        ],
      },
      typeNames,
    ),
  );
}
