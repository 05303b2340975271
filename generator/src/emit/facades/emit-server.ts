import { type Project, type StatementStructures, StructureKind } from "ts-morph";
import type { Protocol } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { channelPrefix, messageMapName, replyMapName } from "../names.js";
import { descriptorConstName } from "../protocol/emit-descriptor.js";
import { facadeImports } from "./facade-imports.js";

/** `src/server.gen.ts` (Node only): `create<Protocol>Server` over the runtime's generic server. */
export function emitServer(project: Project, protocol: Protocol): GeneratedFile {
  const typeNames = new Set<string>();
  const statements: StatementStructures[] = protocol.channels.flatMap((channel): StatementStructures[] => {
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
            description: `Serves ${protocol.title} on \`${channel.address}\`: the spec's session rule, heartbeat timeouts, error answers and default behaviours (presence, forwarding, rooms) included; register handlers to override.`,
          },
        ],
        parameters: [{ name: "options", type: `ServerOptions<${generics[1]}>`, initializer: "{}" }],
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
