import { type CodeBlockWriter, StructureKind, type TypeAliasDeclarationStructure } from "ts-morph";
import { propertyKey } from "../../ir/naming.js";
import type { Channel, ChannelParameter, ObjectNode, Protocol, SchemaNode } from "../../ir/types.js";
import { writeType } from "../types/type-writer.js";

/**
 * The client options of a channel whose connection the spec describes: its address parameters, its
 * query (`bindings.ws.query`) and its request headers (`bindings.ws.headers`), typed from the spec.
 */

const scalarKinds = new Set<SchemaNode["kind"]>(["string", "number", "boolean", "literal", "enum"]);

function isScalar(node: SchemaNode): boolean {
  return scalarKinds.has(node.kind) || (node.kind === "union" && node.variants.every(isScalar));
}

function objectOf(protocol: Protocol, node: SchemaNode | undefined, depth = 0): ObjectNode | undefined {
  if (node === undefined || depth > 8) return undefined;
  if (node.kind === "object") return node;
  if (node.kind !== "ref") return undefined;
  const target = protocol.schemas.find((schema) => schema.name === node.name);
  return objectOf(protocol, target?.schema, depth + 1);
}

function comment(writer: CodeBlockWriter, text: string | undefined): void {
  const line = text?.split("\n")[0]?.trim();
  if (line) writer.writeLine(`/** ${line.replaceAll("*/", "*\\/")} */`);
}

/** Query and header values travel as text: scalars keep their type, anything else is a string. */
function writeMembers(writer: CodeBlockWriter, node: ObjectNode): void {
  writer.inlineBlock(() => {
    for (const property of node.properties) {
      comment(writer, property.schema.docs.description);
      writer.write(`readonly ${propertyKey(property.name)}${property.required ? "" : "?"}: `);
      if (isScalar(property.schema)) writeType(writer, property.schema, { used: new Set() });
      else writer.write("string");
      writer.write(";").newLine();
    }
  });
}

function writeParameters(writer: CodeBlockWriter, parameters: readonly ChannelParameter[]): void {
  writer.inlineBlock(() => {
    for (const parameter of parameters) {
      comment(writer, parameter.description);
      const optional = parameter.defaultValue === undefined ? "" : "?";
      const type = parameter.values?.map((value) => JSON.stringify(value)).join(" | ") || "string";
      writer.writeLine(`readonly ${propertyKey(parameter.name)}${optional}: ${type};`);
    }
  });
}

interface TypedOption {
  readonly name: "parameters" | "query" | "headers";
  readonly required: boolean;
  readonly write: (writer: CodeBlockWriter) => void;
}

function typedOptions(protocol: Protocol, channel: Channel): TypedOption[] {
  const options: TypedOption[] = [];
  if (channel.parameters.length > 0) {
    const required = channel.parameters.some((parameter) => parameter.defaultValue === undefined);
    options.push({ name: "parameters", required, write: (writer) => writeParameters(writer, channel.parameters) });
  }
  const query = objectOf(protocol, channel.query);
  if (query !== undefined && query.properties.length > 0) {
    const required = query.properties.some((property) => property.required);
    options.push({ name: "query", required, write: (writer) => writeMembers(writer, query) });
  }
  const headers = objectOf(protocol, channel.headers);
  if (headers !== undefined && headers.properties.length > 0) {
    // Optional whatever the spec requires: browsers cannot send them at all.
    options.push({ name: "headers", required: false, write: (writer) => writeMembers(writer, headers) });
  }
  return options;
}

/**
 * `<Prefix>ClientOptions`, when the channel has parameters, a query or headers; undefined otherwise
 * (the facade then takes the runtime's `ClientOptions` as is).
 */
export function clientOptionsAlias(
  protocol: Protocol,
  channel: Channel,
  prefix: string,
  clientMap: string,
): TypeAliasDeclarationStructure | undefined {
  const options = typedOptions(protocol, channel);
  if (options.length === 0) return undefined;
  const omitted = options.map((option) => JSON.stringify(option.name)).join(" | ");
  return {
    kind: StructureKind.TypeAlias,
    name: `${prefix}ClientOptions`,
    isExported: true,
    docs: [
      {
        description: `Client options of \`${channel.address}\`, with what the spec says about the connection typed: ${options.map((option) => `\`${option.name}\``).join(", ")}.${options.some((option) => option.name === "headers") ? " `headers` need Node's `ws` (browsers cannot set WebSocket headers)." : ""}`,
      },
    ],
    type: (writer) => {
      writer.write(`Omit<ClientOptions<${clientMap}>, ${omitted}> & `).inlineBlock(() => {
        for (const option of options) {
          writer.write(`readonly ${option.name}${option.required ? "" : "?"}: `);
          option.write(writer);
          writer.write(";").newLine();
        }
      });
    },
  };
}
