import { type Project, type StatementStructures, StructureKind, VariableDeclarationKind } from "ts-morph";
import { lowerFirst } from "../../ir/naming.js";
import type { Channel, Protocol } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { channelPrefix, dispatchConstName, guardFunctionName, messageMapName, schemaConstName } from "../names.js";
import { descriptorValue } from "./descriptor-value.js";
import { printValue } from "./value-printer.js";

/** Tables keyed by message key: one key per line, however short, so that a diff shows one message's change. */
const keyedTables = new Set(["correlation", "rpc", "eventPatterns", "replies", "forward"]);

/** `voxyProtocol`: the runtime descriptor of a channel. */
export function descriptorConstName(protocol: Protocol, channel: Channel): string {
  return `${lowerFirst(channelPrefix(protocol, channel))}Protocol`;
}

function descriptorStatement(protocol: Protocol, channel: Channel): StatementStructures {
  const client = messageMapName(protocol, channel, "client");
  const server = messageMapName(protocol, channel, "server");
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [
      { description: `The runtime's view of ${protocol.title} on \`${channel.address}\`, as the spec states it.` },
    ],
    declarations: [
      {
        name: descriptorConstName(protocol, channel),
        type: `ProtocolDescriptor<${client}, ${server}>`,
        initializer: (writer) =>
          writer.write(printValue(descriptorValue(protocol, channel), { tables: keyedTables, expand: true })),
      },
    ],
  };
}

/** Every schema and guard name a descriptor refers to, for its imports. */
export function referencedValidators(protocol: Protocol): { schemas: string[]; guards: string[] } {
  const names = new Set<string>();
  for (const message of protocol.messages)
    if (message.rpc === "result" || message.rpc === "error") names.add(message.typeName);
  if (protocol.discovery) names.add(`${protocol.identifier}DiscoveryResponse`);
  const sorted = [...names].sort();
  return { schemas: sorted.map(schemaConstName), guards: sorted.map(guardFunctionName) };
}

/** `src/protocol.gen.ts`: the runtime descriptor of each channel, built from the IR. */
export function emitDescriptor(project: Project, protocol: Protocol): GeneratedFile {
  const statements = protocol.channels.map((channel) => descriptorStatement(protocol, channel));
  const { schemas, guards } = referencedValidators(protocol);
  const dispatches = protocol.channels.flatMap((channel) =>
    (["client", "server"] as const).map((side) => dispatchConstName(protocol, channel, side)),
  );
  const maps = protocol.channels.flatMap((channel) =>
    (["client", "server"] as const).map((side) => messageMapName(protocol, channel, side)),
  );
  const usesUnion = protocol.messages.some((m) => m.rpc === "result" || m.rpc === "error");
  return printSourceFile(project, "src/protocol.gen.ts", generatedHeader(protocol), statements, () => [
    ...(usesUnion
      ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "zod", namespaceImport: "z" }]
      : []),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "@wiretype/runtime",
      namedImports: ["ProtocolDescriptor"],
    },
    ...(guards.length > 0
      ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: "./guards.gen.js", namedImports: guards }]
      : []),
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./schemas.gen.js",
      namedImports: [...dispatches, ...schemas].sort(),
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./types.gen.js",
      namedImports: maps.sort(),
    },
  ]);
}
