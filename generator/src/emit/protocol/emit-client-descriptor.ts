import { type Project, type StatementStructures, StructureKind, VariableDeclarationKind } from "ts-morph";
import { webSocketChannels } from "../../ir/infer-transport.js";
import { lowerFirst } from "../../ir/naming.js";
import type { Channel, Protocol } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { formatCheckingTypes, formatFreeGuardsModule } from "../guards/emit-format-free-guards.js";
import { channelPrefix, messageMapName } from "../names.js";
import { type ClientDescriptorUsage, clientDescriptorValue } from "./client-descriptor-value.js";
import { descriptorConstName, referencedValidators } from "./emit-descriptor.js";
import { printValue } from "./value-printer.js";

/** Tables keyed by message key: one key per line, however short, so that a diff shows one message's change. */
const keyedTables = new Set(["correlation", "rpc", "eventPatterns", "replies"]);

/** `voxyClientProtocol`: the browser client's descriptor of a channel. */
export function clientDescriptorConstName(protocol: Protocol, channel: Channel): string {
  return `${lowerFirst(channelPrefix(protocol, channel))}ClientProtocol`;
}

function clientDescriptorStatement(protocol: Protocol, channel: Channel, usage: ClientDescriptorUsage) {
  const client = messageMapName(protocol, channel, "client");
  const server = messageMapName(protocol, channel, "server");
  usage.types.add(client);
  usage.types.add(server);
  const value = clientDescriptorValue(protocol, channel, descriptorConstName(protocol, channel), usage);
  const statement: StatementStructures = {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      {
        description: `What a client of ${protocol.title} on \`${channel.address}\` runs on: compiled guards decide, and the zod schemas (\`./protocol.gen.js\`) load only to explain a refused frame.`,
      },
    ],
    declarations: [
      {
        name: clientDescriptorConstName(protocol, channel),
        type: `ClientProtocolDescriptor<${client}, ${server}>`,
        initializer: (writer) => writer.write(printValue(value, { tables: keyedTables, expand: true })),
      },
    ],
  };
  return statement;
}

/**
 * `src/client-protocol.gen.ts`: the descriptor `client.gen.ts` imports, free of zod, so that a browser
 * bundle of the client loads zod (and the schemas) in a separate chunk, only when it must explain.
 */
export function emitClientDescriptor(project: Project, protocol: Protocol): GeneratedFile {
  // Reply and discovery guards the value names as code; message guards are added as the tables are built.
  const usage: ClientDescriptorUsage = {
    guards: new Set(referencedValidators(protocol).guards),
    types: new Set(),
    formatChecking: formatCheckingTypes(protocol),
    formatFree: new Set(),
  };
  const statements = webSocketChannels(protocol.channels).map((channel) =>
    clientDescriptorStatement(protocol, channel, usage),
  );
  return printSourceFile(project, "src/client-protocol.gen.ts", generatedHeader(protocol), statements, () => [
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "@wiretype/runtime",
      namedImports: ["ClientProtocolDescriptor"],
    },
    ...(usage.formatFree.size > 0
      ? [
          {
            kind: StructureKind.ImportDeclaration as const,
            moduleSpecifier: formatFreeGuardsModule,
            namespaceImport: "formatFree",
          },
        ]
      : []),
    ...(usage.guards.size > 0
      ? [
          {
            kind: StructureKind.ImportDeclaration as const,
            moduleSpecifier: "./guards.gen.js",
            namedImports: [...usage.guards].sort(),
          },
        ]
      : []),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./types.gen.js",
      namedImports: [...usage.types].sort(),
    },
  ]);
}
