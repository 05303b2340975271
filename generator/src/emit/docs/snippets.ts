import { lowerFirst } from "../../ir/naming.js";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, JsonValue, Message, Protocol } from "../../ir/types.js";
import { clientOptionsAlias } from "../facades/connection-options.js";
import { methodNames } from "../facades/method-names.js";
import { type GeneratedFile, generatedHeader } from "../generated-file.js";
import { channelPrefix, messageKey, messageMapName } from "../names.js";
import { resolveRef } from "./schema-text.js";
import { tsLiteral } from "./ts-literal.js";

/**
 * Usage snippets, written as TypeScript files that `pnpm typecheck` compiles, so the docs cannot show
 * code that does not type-check. They use the generated `create<Id>Client` / `create<Id>Server`.
 */

export function operationMessages(protocol: Protocol, operationId: string | undefined): readonly Message[] {
  return operationId === undefined ? [] : resolveProtocol(protocol).messagesOf(operationId);
}

export function example(message: Message): JsonValue | undefined {
  return message.examples[0]?.payload;
}

/** True when the example names only declared members (an object literal with others would not type-check). */
export function exampleFits(protocol: Protocol, message: Message): boolean {
  const value = example(message);
  if (value === undefined) return false;
  const payload = resolveRef(protocol, message.payload);
  if (payload.kind !== "object" || value === null || typeof value !== "object" || Array.isArray(value)) return true;
  const declared = new Set(payload.properties.map((property) => property.name));
  return Object.keys(value).every((key) => declared.has(key));
}

export function isFailure(message: Message): boolean {
  return message.isError || message.rpc === "error";
}

/** A client request that gets a success answer with an example, other than the handshake. */
export function requestWithAnswer(protocol: Protocol, channel: Channel): { ask: Message; answer: Message } | undefined {
  const resolved = resolveProtocol(protocol);
  for (const operation of resolved.channel(channel).operations) {
    if (operation.sender !== "client" || operation.id === channel.session?.handshake) continue;
    const ask = resolved.messagesOf(operation.id)[0];
    const answer = resolved.repliesOf(operation.id).find((message) => !isFailure(message));
    if (ask === undefined || answer === undefined || ask.eventPattern !== undefined) continue;
    if (exampleFits(protocol, ask) && exampleFits(protocol, answer)) return { ask, answer };
  }
  return undefined;
}

function indentLiteral(value: JsonValue, indent: string): string {
  return tsLiteral(value, indent);
}

/** Where the client connects: the spec's server (or its discovery), unless `target` gives the option lines. */
function targetLines(protocol: Protocol): string[] {
  if (protocol.discovery !== undefined) return [`  discoveryUrl: "https://api.example.com",`];
  return [`  url: ${JSON.stringify(protocol.servers[0]?.url ?? "wss://example.com/")},`];
}

/** The client option lines (two-space indent): target, parameters, required query, handshake and heartbeat. */
export function connectionOptions(protocol: Protocol, channel: Channel, target?: readonly string[]): string[] {
  const lines: string[] = [...(target ?? targetLines(protocol))];
  const parameters = channel.parameters.filter((parameter) => parameter.defaultValue === undefined);
  if (parameters.length > 0) {
    const values = parameters.map(
      (parameter) => `${parameter.name}: ${JSON.stringify(parameter.examples?.[0] ?? "…")}`,
    );
    lines.push(`  parameters: { ${values.join(", ")} },`);
  }
  if (channel.query !== undefined && channel.query.kind === "object") {
    const required = channel.query.properties.filter((property) => property.required);
    if (required.length > 0)
      lines.push(
        `  query: { ${required.map((property) => `${property.name}: ${JSON.stringify(String(property.schema.docs.examples?.[0] ?? "…"))}`).join(", ")} },`,
      );
  }
  if (channel.framing.kind === "socket.io" && target === undefined)
    lines.push("  // io: the `io` function of socket.io-client 2.x or 4.x");
  const handshake = operationMessages(protocol, channel.session?.handshake)[0];
  const handshakeExample = handshake === undefined ? undefined : example(handshake);
  if (handshakeExample !== undefined) lines.push(`  handshake: () => (${indentLiteral(handshakeExample, "  ")}),`);
  const heartbeat = channel.heartbeat;
  const beat = heartbeat?.sender === "client" ? operationMessages(protocol, heartbeat.operation)[0] : undefined;
  const beatExample = beat === undefined ? undefined : example(beat);
  if (beatExample !== undefined) lines.push(`  heartbeat: () => (${indentLiteral(beatExample, "  ")}),`);
  return lines;
}

export function clientSnippet(protocol: Protocol, channel: Channel): GeneratedFile {
  const clientMap = messageMapName(protocol, channel, "client");
  const id = protocol.identifier;
  const resolved = resolveProtocol(protocol);
  const listened = resolved.side(channel, "server").sent.find((message) => message.eventPattern === undefined);
  const request = requestWithAnswer(protocol, channel);
  const requestMethod =
    request === undefined
      ? undefined
      : methodNames(resolved.side(channel, "client").replies.map(({ key }) => key)).get(messageKey(request.ask));
  const body = [
    `  const client = create${id}Client(${lowerFirst(id)}ClientOptions);`,
    "  await client.connect();",
    ...(listened === undefined
      ? []
      : [
          `  const stop = client.on(${JSON.stringify(messageKey(listened))}, (message) => {`,
          `    console.log(${JSON.stringify(messageKey(listened))}, message);`,
          "  });",
        ]),
    `  client.onEvent("invalid", (error) => console.warn(error.summary));`,
    ...(request === undefined || requestMethod === undefined
      ? []
      : [
          `  const answer = await client.request.${requestMethod}(${indentLiteral(example(request.ask) ?? null, "  ")});`,
          "  console.log(answer);",
        ]),
    ...(listened === undefined ? [] : ["  stop();"]),
    "  await client.close();",
  ];
  // The typed options of a channel with parameters, a query or headers, else the runtime's.
  const alias = clientOptionsAlias(protocol, channel, channelPrefix(protocol, channel), clientMap)?.name;
  const imports =
    alias === undefined
      ? [
          `import type { ClientOptions } from "@wiretype/runtime";`,
          `import type { ${clientMap} } from "${protocol.packageName}";`,
          `import { create${id}Client } from "${protocol.packageName}/client";`,
        ]
      : [`import { create${id}Client, type ${alias} } from "${protocol.packageName}/client";`];
  const lines = [
    generatedHeader(protocol),
    "// #region client",
    ...imports,
    "",
    `export const ${lowerFirst(id)}ClientOptions: ${alias ?? `ClientOptions<${clientMap}>`} = {`,
    ...connectionOptions(protocol, channel),
    "};",
    "",
    "export async function talk(): Promise<void> {",
    ...body,
    "}",
    "// #endregion client",
    "",
  ];
  return { path: `snippets/${protocol.id}/client.gen.ts`, content: lines.join("\n") };
}

export function serverSnippet(protocol: Protocol, channel: Channel): GeneratedFile {
  const serverMap = messageMapName(protocol, channel, "server");
  const id = protocol.identifier;
  const handshake = operationMessages(protocol, channel.session?.handshake)[0];
  const handshakeId = channel.session?.handshake;
  const handshakeReplies = handshakeId === undefined ? [] : resolveProtocol(protocol).repliesOf(handshakeId);
  const success = handshakeReplies.find((message) => !isFailure(message));
  const successExample = success === undefined ? undefined : example(success);
  const request = requestWithAnswer(protocol, channel);
  const body: string[] = [`  const server = create${id}Server(${lowerFirst(id)}ServerOptions);`];
  if (handshake !== undefined) {
    body.push(
      `  server.on(${JSON.stringify(messageKey(handshake))}, (message, context) => {`,
      "    // Check the credentials in `message`, then open the session.",
      "    console.log(message);",
      "    context.authenticate();",
    );
    body.push(
      successExample === undefined ? "    return undefined;" : `    return ${indentLiteral(successExample, "    ")};`,
      "  });",
    );
  }
  if (request !== undefined) {
    body.push(
      `  server.on(${JSON.stringify(messageKey(request.ask))}, (message) => {`,
      "    console.log(message);",
      `    return ${indentLiteral(example(request.answer) ?? null, "    ")};`,
      "  });",
    );
  }
  body.push(
    `  server.onEvent("connection", (connection) => console.log("connected", connection.id));`,
    "  const { port } = await server.listen();",
    `  console.log("listening on 127.0.0.1:", port);`,
  );
  const lines = [
    generatedHeader(protocol),
    "// #region server",
    `import type { ServerOptions } from "@wiretype/runtime";`,
    `import type { ${serverMap} } from "${protocol.packageName}";`,
    `import { create${id}Server } from "${protocol.packageName}/server";`,
    "",
    `export const ${lowerFirst(id)}ServerOptions: ServerOptions<${serverMap}> = { port: 0, host: "127.0.0.1"${channel.framing.kind === "socket.io" ? " /* , socketIo: Server from socket.io 2.x or 4.x */" : ""} };`,
    "",
    "export async function serve(): Promise<void> {",
    ...body,
    "}",
    "// #endregion server",
    "",
  ];
  return { path: `snippets/${protocol.id}/server.gen.ts`, content: lines.join("\n") };
}
