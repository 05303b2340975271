import type { Project } from "ts-morph";
import {
  type InterfaceDeclarationStructure,
  type PropertySignatureStructure,
  type StatementStructures,
  StructureKind,
  type TypeAliasDeclarationStructure,
} from "ts-morph";
import { propertyKey } from "../../ir/naming.js";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { KeyedMessages } from "../../ir/resolved.js";
import type { Channel, Message, NamedSchema, ObjectNode, Protocol, SchemaNode, Side } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { jsDoc } from "../jsdoc.js";
import { extraSchemas, messageMapName, messageUnionName, replyMapName } from "../names.js";
import { indexSignatures } from "./index-signatures.js";
import { shapeParts, type TypeImports, typeWriter } from "./type-writer.js";
import { withValidationNotes } from "./validation-notes.js";

const sides: readonly Side[] = ["client", "server"];

function declaration(
  name: string,
  schema: SchemaNode,
  docs: ReturnType<typeof jsDoc>,
  imports: TypeImports,
): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  const shape = interfaceShape(schema);
  const documented = withValidationNotes(docs, schema);
  if (shape !== undefined) {
    const properties: PropertySignatureStructure[] = shape.properties.map((property) => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(property.name),
      hasQuestionToken: !property.required,
      type: typeWriter(property.schema, imports),
      docs: withValidationNotes(jsDoc({ docs: property.schema.docs }), property.schema),
    }));
    return {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      docs: documented,
      properties,
      indexSignatures: indexSignatures(shape).map((signature) => ({
        keyName: "key",
        keyType: signature.keyType,
        returnType: typeWriter(signature.value, imports),
      })),
    };
  }
  return { kind: StructureKind.TypeAlias, name, isExported: true, docs: documented, type: typeWriter(schema, imports) };
}

/** The object a schema declares as an interface: itself, or the one shape next to `not`/`if` checks. */
function interfaceShape(schema: SchemaNode): ObjectNode | undefined {
  const shapes = schema.kind === "intersection" ? shapeParts(schema.parts) : [schema];
  const only = shapes.length === 1 ? shapes[0] : undefined;
  return only?.kind === "object" && only.properties.length > 0 ? only : undefined;
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
  groups: readonly KeyedMessages[],
): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    docs: [{ description }],
    properties: groups.map(({ key, messages }) => ({
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
    const resolved = resolveProtocol(protocol).side(channel, side);
    const groups = resolved.byKey;
    return [
      mapDeclaration(mapName, `What the ${side} sends on \`${channel.address}\`, by wire name.`, groups),
      unionDeclaration(messageUnionName(protocol, channel, side), mapName, groups.length === 0),
      mapDeclaration(
        replyMapName(protocol, channel, side),
        `For each message the ${side} sends that is answered: what the ${other} may answer, failures included.`,
        resolved.replyUnions,
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
