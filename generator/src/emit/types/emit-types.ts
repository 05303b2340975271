import type { Project } from "ts-morph";
import {
  type InterfaceDeclarationStructure,
  type PropertySignatureStructure,
  type StatementStructures,
  StructureKind,
  type TypeAliasDeclarationStructure,
} from "ts-morph";
import { propertyKey } from "../../ir/naming.js";
import type { Channel, Message, NamedSchema, Protocol, SchemaNode, Side } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { jsDoc } from "../jsdoc.js";
import {
  extraSchemas,
  groupByKey,
  messageMapName,
  messageUnionName,
  replyGroups,
  replyMapName,
  sentMessages,
} from "../names.js";
import { type TypeImports, typeWriter } from "./type-writer.js";

const sides: readonly Side[] = ["client", "server"];

function declaration(
  name: string,
  schema: SchemaNode,
  docs: ReturnType<typeof jsDoc>,
  imports: TypeImports,
): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  if (schema.kind === "object" && schema.properties.length > 0) {
    const properties: PropertySignatureStructure[] = schema.properties.map((property) => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(property.name),
      hasQuestionToken: !property.required,
      type: typeWriter(property.schema, imports),
      docs: jsDoc({ docs: property.schema.docs }),
    }));
    const additional = schema.additional;
    return {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      docs,
      properties,
      indexSignatures:
        typeof additional === "object"
          ? [
              {
                keyName: "key",
                keyType: "string",
                returnType: typeWriter(unionOf([additional, ...schema.properties.map((p) => p.schema)]), imports),
              },
            ]
          : [],
    };
  }
  return { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: typeWriter(schema, imports) };
}

function unionOf(variants: SchemaNode[]): SchemaNode {
  return { kind: "union", variants, exclusive: false, docs: {} };
}

function namedSchemaDeclaration(schema: NamedSchema, protocol: Protocol, imports: TypeImports) {
  return declaration(
    schema.name,
    schema.schema,
    jsDoc({ name: schema.name, docs: schema.schema.docs, source: `${protocol.specPath}#${schema.pointer}` }),
    imports,
  );
}

function messageDeclaration(message: Message, protocol: Protocol, imports: TypeImports) {
  const docs = jsDoc({
    name: message.typeName,
    docs: message.payload.docs,
    title: message.title,
    summary: message.summary,
    description: message.description,
    original: message.original,
    provenance: message.provenance,
    examples: message.examples.map((example) => example.payload),
    source: `${protocol.specPath}#${message.pointer} (sent by ${message.senders.join(" and ")})`,
  });
  return declaration(message.typeName, message.payload, docs, imports);
}

function mapDeclaration(
  name: string,
  description: string,
  groups: [string, Message[]][],
): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    docs: [{ description }],
    properties: groups.map(([key, messages]) => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(key),
      type: messages.map((message) => message.typeName).join(" | "),
    })),
  };
}

function unionDeclaration(name: string, mapName: string, empty: boolean): TypeAliasDeclarationStructure {
  return {
    kind: StructureKind.TypeAlias,
    name,
    isExported: true,
    docs: [{ description: `Any one message of \`${mapName}\`.` }],
    type: empty ? "never" : `${mapName}[keyof ${mapName}]`,
  };
}

function channelDeclarations(protocol: Protocol, channel: Channel): StatementStructures[] {
  return sides.flatMap((side) => {
    const other = side === "client" ? "server" : "client";
    const mapName = messageMapName(protocol, channel, side);
    const groups = groupByKey(sentMessages(protocol, channel, side));
    return [
      mapDeclaration(mapName, `What the ${side} sends on \`${channel.address}\`, by wire name.`, groups),
      unionDeclaration(messageUnionName(protocol, channel, side), mapName, groups.length === 0),
      mapDeclaration(
        replyMapName(protocol, channel, side),
        `For each message the ${side} sends that is answered: what the ${other} may answer, failures included.`,
        replyGroups(protocol, channel, side),
      ),
    ];
  });
}

/** `src/types.gen.ts`: an explicit interface or type per schema and message, and the message maps. */
export function emitTypes(project: Project, protocol: Protocol): GeneratedFile {
  const imports: TypeImports = { used: new Set() };
  const statements: StatementStructures[] = [
    ...[...protocol.schemas, ...extraSchemas(protocol)].map((schema) =>
      namedSchemaDeclaration(schema, protocol, imports),
    ),
    ...protocol.messages.map((message) => messageDeclaration(message, protocol, imports)),
    ...protocol.channels.flatMap((channel) => channelDeclarations(protocol, channel)),
  ];
  return printSourceFile(project, "src/types.gen.ts", generatedHeader(protocol), statements, () =>
    imports.used.size === 0
      ? []
      : [
          {
            kind: StructureKind.ImportDeclaration,
            isTypeOnly: true,
            moduleSpecifier: "@wiretype/runtime",
            namedImports: [...imports.used].sort(),
          },
        ],
  );
}
