import {
  type Project,
  type StatementStructures,
  StructureKind,
  VariableDeclarationKind,
  type VariableStatementStructure,
  type WriterFunction,
} from "ts-morph";
import { literalKey } from "../../ir/naming.js";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { KeyedMessages } from "../../ir/resolved.js";
import type { Channel, Protocol, SchemaNode, Side } from "../../ir/types.js";
import { type GeneratedFile, generatedHeader, printSourceFile } from "../generated-file.js";
import { jsDoc } from "../jsdoc.js";
import {
  dispatchConstName,
  extraSchemas,
  guardFunctionName,
  messageMapName,
  replyMapName,
  replySchemasConstName,
  schemaConstName,
} from "../names.js";
import { declarationOrder } from "./schema-order.js";
import { writeZod, type ZodContext, type ZodRuntimeHelper } from "./zod-writer.js";

const sides: readonly Side[] = ["client", "server"];

interface Usage {
  readonly types: Set<string>;
  readonly runtime: Set<string>;
  readonly guards: Set<string>;
}

function schemaConst(
  typeName: string,
  schema: SchemaNode,
  context: ZodContext,
  usage: Usage,
): VariableStatementStructure {
  usage.types.add(typeName);
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: `Validates {@link ${typeName}}.` }],
    declarations: [
      {
        name: schemaConstName(typeName),
        type: `z.ZodType<${typeName}>`,
        initializer: (writer) => writeZod(writer, schema, context),
      },
    ],
  };
}

/** `{ "bind": bindSchema, … }`, a union where one key has several messages. */
function tableWriter(groups: readonly KeyedMessages[]): WriterFunction {
  return (writer) => {
    writer.inlineBlock(() => {
      for (const { key, messages } of groups) {
        const names = messages.map((message) => schemaConstName(message.typeName));
        const value = names.length === 1 ? (names[0] as string) : `z.union([${names.join(", ")}])`;
        writer.writeLine(`${literalKey(key)}: ${value},`);
      }
    });
  };
}

/** `{ "bind": isBind, … }`: the compiled guards of the same messages. */
function guardTableWriter(groups: readonly KeyedMessages[], usage: Usage): WriterFunction {
  return (writer) => {
    writer.inlineBlock(() => {
      for (const { key, messages } of groups) {
        const names = messages.map((message) => guardFunctionName(message.typeName));
        for (const name of names) usage.guards.add(name);
        const value =
          names.length === 1
            ? (names[0] as string)
            : `(value: unknown): value is ${messages.map((m) => m.typeName).join(" | ")} => ${names.map((name) => `${name}(value)`).join(" || ")}`;
        writer.writeLine(`${literalKey(key)}: ${value},`);
      }
    });
  };
}

function dispatchInitializer(
  channel: Channel,
  mapName: string,
  groups: readonly KeyedMessages[],
  usage: Usage,
): WriterFunction {
  const table = tableWriter(groups);
  const guards = guardTableWriter(groups, usage);
  const writeValidators = (writer: Parameters<WriterFunction>[0]) => {
    writer.write("schemas: ");
    table(writer);
    writer.write(",").newLine();
    writer.write("guards: ");
    guards(writer);
    writer.write(",").newLine();
  };
  return (writer) => {
    const framing = channel.framing;
    if (framing.kind === "json") {
      usage.runtime.add("createKeyedDispatch");
      writer.write(`createKeyedDispatch<${mapName}>(`).inlineBlock(() => {
        writer.writeLine(`discriminator: ${JSON.stringify(framing.discriminator)},`);
        writeValidators(writer);
      });
    } else if (framing.kind === "json-shape") {
      // The side's own keys, in the channel's documented order: the first guard that matches wins.
      const keys = new Set(groups.map(({ key }) => key));
      usage.runtime.add("createShapeDispatch");
      writer.write(`createShapeDispatch<${mapName}>(`).inlineBlock(() => {
        writer.writeLine(`order: ${JSON.stringify(framing.order.filter((key) => keys.has(key)))},`);
        writeValidators(writer);
      });
    } else if (framing.kind === "socket.io") {
      usage.runtime.add("createEventDispatch");
      const patterns = groups.flatMap(({ key, messages }) => (messages.some((m) => m.eventPattern) ? [key] : []));
      writer.write(`createEventDispatch<${mapName}>(`).inlineBlock(() => {
        writeValidators(writer);
        writer.writeLine(`patterns: [${patterns.map((pattern) => JSON.stringify(pattern)).join(", ")}],`);
      });
    } else {
      usage.runtime.add("createRpcDispatch");
      writer.write(`createRpcDispatch<${mapName}>(`).inlineBlock(() => writeValidators(writer));
    }
    writer.write(")");
  };
}

function channelStatements(protocol: Protocol, channel: Channel, usage: Usage): StatementStructures[] {
  return sides.flatMap((side): StatementStructures[] => {
    const mapName = messageMapName(protocol, channel, side);
    const replyName = replyMapName(protocol, channel, side);
    usage.types.add(mapName);
    usage.types.add(replyName);
    usage.runtime.add("SchemaTable");
    const resolved = resolveProtocol(protocol).side(channel, side);
    const groups = resolved.byKey;
    const dispatch: VariableStatementStructure = {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `Turns what the ${side} sends into a typed, validated message or a precise error.` }],
      declarations: [
        {
          name: dispatchConstName(protocol, channel, side),
          initializer: dispatchInitializer(channel, mapName, groups, usage),
        },
      ],
    };
    const replies: VariableStatementStructure = {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `Validators for the answers to what the ${side} sends, by the asking message's key.` }],
      declarations: [
        {
          name: replySchemasConstName(protocol, channel, side),
          type: `SchemaTable<${replyName}>`,
          initializer: tableWriter(resolved.replyUnions),
        },
      ],
    };
    return [dispatch, replies];
  });
}

/** `src/schemas.gen.ts`: a zod validator per schema and message, typed against its interface, and dispatch tables. */
export function emitSchemas(project: Project, protocol: Protocol): GeneratedFile {
  const declared = new Set<string>();
  const runtime = new Set<ZodRuntimeHelper>();
  const usage: Usage = { types: new Set(), runtime: new Set(), guards: new Set() };
  const statements: StatementStructures[] = [];
  for (const schema of declarationOrder(protocol.schemas)) {
    statements.push(schemaConst(schema.name, schema.schema, { declared: new Set(declared), runtime }, usage));
    declared.add(schema.name);
  }
  for (const extra of extraSchemas(protocol)) {
    statements.push(schemaConst(extra.name, extra.schema, { declared, runtime }, usage));
  }
  for (const message of protocol.messages) {
    const statement = schemaConst(message.typeName, message.payload, { declared, runtime }, usage);
    statements.push({
      ...statement,
      docs: jsDoc({ description: `Validates the ${message.wireName} message ({@link ${message.typeName}}).` }),
    });
  }
  for (const channel of protocol.channels) statements.push(...channelStatements(protocol, channel, usage));
  return printSourceFile(project, "src/schemas.gen.ts", generatedHeader(protocol), statements, () => {
    const values = [...usage.runtime, ...runtime].filter((name) => name !== "SchemaTable").sort();
    return [
      // A namespace import: `{ z }` keeps every zod locale in a bundle (it defeats tree-shaking).
      { kind: StructureKind.ImportDeclaration, moduleSpecifier: "zod", namespaceImport: "z" },
      {
        kind: StructureKind.ImportDeclaration,
        moduleSpecifier: "@wiretype/runtime",
        namedImports: [...values, { name: "SchemaTable", isTypeOnly: true }],
      },
      ...(usage.guards.size === 0
        ? []
        : [
            {
              kind: StructureKind.ImportDeclaration as const,
              moduleSpecifier: "./guards.gen.js",
              namedImports: [...usage.guards].sort(),
            },
          ]),
      {
        kind: StructureKind.ImportDeclaration,
        isTypeOnly: true,
        moduleSpecifier: "./types.gen.js",
        namedImports: [...usage.types].sort(),
      },
    ];
  });
}
