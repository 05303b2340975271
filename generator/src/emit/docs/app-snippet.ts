import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, Message, Protocol } from "../../ir/types.js";
import { methodNames } from "../facades/method-names.js";
import { type GeneratedFile, generatedHeader } from "../generated-file.js";
import { messageKey, messageMapName } from "../names.js";
import {
  connectionOptions,
  example,
  exampleFits,
  isFailure,
  operationMessages,
  requestWithAnswer,
} from "./snippets.js";
import { tsLiteral } from "./ts-literal.js";

/**
 * `snippets/<id>/app.gen.ts`: one runnable program, a server and a client of the protocol talking to
 * each other on 127.0.0.1 (handshake, the greeting, one request, one pushed event). Type-checked like
 * the other snippets, and run by test/docs/app-snippets.test.ts.
 */

/** A message the server sends on its own (not an answer, not a request, not the greeting), with a usable example. */
export function pushedMessage(protocol: Protocol, channel: Channel): Message | undefined {
  const resolved = resolveProtocol(protocol);
  const answers = new Set(resolved.side(channel, "client").replies.flatMap(({ messages }) => messages));
  const greeting = operationMessages(protocol, channel.greeting)[0];
  const candidates = resolved
    .side(channel, "server")
    .sent.filter(
      (message) =>
        message !== greeting &&
        !answers.has(message) &&
        !isFailure(message) &&
        message.eventPattern === undefined &&
        exampleFits(protocol, message),
    );
  // A JSON-RPC server request (verto.event) only when the protocol has no plain notification.
  return candidates.find((message) => message.rpc !== "request") ?? candidates[0];
}

export function greetingMessage(protocol: Protocol, channel: Channel): Message | undefined {
  const greeting = operationMessages(protocol, channel.greeting)[0];
  return greeting !== undefined && exampleFits(protocol, greeting) ? greeting : undefined;
}

function literal(message: Message, indent: string): string {
  return tsLiteral(example(message) ?? null, indent);
}

function pushLine(message: Message | undefined, connection: string): string[] {
  if (message === undefined) return [];
  return [
    "    // Push an event to this connection.",
    `    ${connection}.send(${JSON.stringify(messageKey(message))}, ${literal(message, "    ")});`,
  ];
}

function serverOptionLines(protocol: Protocol, channel: Channel): string[] {
  const greeting = greetingMessage(protocol, channel);
  return [
    `    host: "127.0.0.1",`,
    "    port: 0,",
    ...(channel.framing.kind === "socket.io" ? ["    socketIo: SocketIoServer,"] : []),
    ...(greeting === undefined
      ? []
      : [
          `    // The spec's greeting (${JSON.stringify(messageKey(greeting))}), sent to every new connection.`,
          `    greeting: () => (${literal(greeting, "    ")}),`,
        ]),
  ];
}

/** Handlers: the handshake opens the session; the request (or else the handshake, or the connection) pushes the event. */
function handlerLines(protocol: Protocol, channel: Channel): string[] {
  const handshakeId = channel.session?.handshake;
  const handshake = operationMessages(protocol, handshakeId)[0];
  const accepted = handshakeId === undefined ? undefined : resolveProtocol(protocol).repliesOf(handshakeId);
  const success = accepted?.find((message) => !isFailure(message) && example(message) !== undefined);
  const request = requestWithAnswer(protocol, channel);
  const pushed = pushedMessage(protocol, channel);
  const lines: string[] = [];
  if (handshake !== undefined) {
    lines.push(
      `  server.on(${JSON.stringify(messageKey(handshake))}, (_message, context) => {`,
      "    // Check the credentials in the message, then open the session.",
      "    context.authenticate();",
      ...(request === undefined ? pushLine(pushed, "context.connection") : []),
      `    return ${success === undefined ? "undefined" : literal(success, "    ")};`,
      "  });",
    );
  }
  if (request !== undefined) {
    lines.push(
      `  server.on(${JSON.stringify(messageKey(request.ask))}, (${pushed === undefined ? "_message" : "_message, context"}) => {`,
      ...pushLine(pushed, "context.connection"),
      `    return ${literal(request.answer, "    ")};`,
      "  });",
    );
  }
  if (handshake === undefined && request === undefined && pushed !== undefined) {
    lines.push(`  server.onEvent("connection", (connection) => {`, ...pushLine(pushed, "connection"), "  });");
  }
  return lines;
}

function clientTarget(channel: Channel): string[] {
  if (channel.framing.kind === "socket.io") {
    return [`    url: \`http://127.0.0.1:\${port}\`,`, "    io,"];
  }
  const parametrised = channel.parameters.some((parameter) => parameter.defaultValue === undefined);
  const path = parametrised ? "" : channel.address.startsWith("/") ? channel.address : `/${channel.address}`;
  return [
    `    url: \`ws://127.0.0.1:\${port}${path.replaceAll("`", "\\`").replaceAll("${", "\\${")}\`,`,
    "    WebSocket, // Node 20 has no global WebSocket: use ws (browsers and Node 22+ do not need it)",
  ];
}

function listenLine(map: string, message: Message | undefined, name: string): string[] {
  if (message === undefined) return [];
  const key = JSON.stringify(messageKey(message));
  return [`  const ${name} = new Promise<${map}[${key}]>((resolve) => client.on(${key}, resolve));`];
}

function requestLines(protocol: Protocol, channel: Channel): string[] {
  const request = requestWithAnswer(protocol, channel);
  if (request === undefined) return [];
  const replies = resolveProtocol(protocol)
    .side(channel, "client")
    .replies.map(({ key }) => key);
  const method = methodNames(replies).get(messageKey(request.ask));
  if (method === undefined) return [];
  return [`  const answer = await client.request.${method}(${literal(request.ask, "  ")});`];
}

function clientLines(protocol: Protocol, channel: Channel): string[] {
  const map = messageMapName(protocol, channel, "server");
  const greeting = greetingMessage(protocol, channel);
  const pushed = pushedMessage(protocol, channel);
  const requested = requestLines(protocol, channel);
  const options = connectionOptions(
    protocol,
    channel,
    clientTarget(channel).map((line) => line.slice(2)),
  );
  const results = [
    ...(greeting === undefined ? [] : ["greeting: await greeted"]),
    ...(requested.length === 0 ? [] : ["answer"]),
    ...(pushed === undefined ? [] : ["pushed: await pushed"]),
  ];
  return [
    `  const client = create${protocol.identifier}Client({`,
    ...options.map((line) => `  ${line}`),
    "    reconnect: false,",
    "  });",
    ...listenLine(map, greeting, "greeted"),
    ...listenLine(map, pushed, "pushed"),
    "  await client.connect();",
    ...requested,
    `  const result = { ${results.join(", ")} };`,
  ];
}

function importLines(protocol: Protocol, channel: Channel): string[] {
  const id = protocol.identifier;
  const socketIo = channel.framing.kind === "socket.io";
  return [
    `import type { ${messageMapName(protocol, channel, "server")} } from "${protocol.packageName}";`,
    `import { create${id}Client } from "${protocol.packageName}/client";`,
    `import { create${id}Server } from "${protocol.packageName}/server";`,
    ...(socketIo
      ? [`import { Server as SocketIoServer } from "socket.io";`, `import { io } from "socket.io-client";`]
      : [`import WebSocket from "ws";`]),
  ];
}

/** The name of the exported function (`runVoxyApp`), which the test runs. */
export function appFunctionName(protocol: Protocol): string {
  return `run${protocol.identifier}App`;
}

export function appSnippet(protocol: Protocol, channel: Channel): GeneratedFile {
  const id = protocol.identifier;
  const lines = [
    generatedHeader(protocol),
    "// #region app",
    ...importLines(protocol, channel),
    "",
    `/** Starts a ${protocol.title} server, connects a client to it, talks, then stops both. */`,
    `export async function ${appFunctionName(protocol)}() {`,
    `  const server = create${id}Server({`,
    ...serverOptionLines(protocol, channel),
    "  });",
    ...handlerLines(protocol, channel),
    "  const { port } = await server.listen();",
    "",
    ...clientLines(protocol, channel),
    "  await client.close();",
    "  await server.close();",
    "  return result;",
    "}",
    "// #endregion app",
    "",
  ];
  return { path: `snippets/${protocol.id}/app.gen.ts`, content: lines.join("\n") };
}
