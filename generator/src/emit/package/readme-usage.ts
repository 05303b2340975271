import { hasWebSocketClient, webSocketChannels } from "../../ir/infer-transport.js";
import { resolveProtocol } from "../../ir/resolve-protocol.js";
import type { Channel, JsonValue, Message, Protocol } from "../../ir/types.js";
import { messageKey } from "../names.js";

/** Lines of the README's "Use" section: install, then a first client and a first server. */

const maxInlineExample = 110;

const identifierKey = /^[A-Za-z_$][\w$]*$/;

/** A JSON value as a one-line TypeScript literal (`{ action: "bind", id: 1 }`). */
function literal(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const members = Object.entries(value).map(
    ([key, member]) => `${identifierKey.test(key) ? key : JSON.stringify(key)}: ${literal(member)}`,
  );
  return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
}

/** The message's first example when it is short and the frame is the message itself (json framing). */
function exampleLiteral(channel: Channel, message: Message): string {
  const example = message.examples[0]?.payload;
  const placeholder = `{ /* ${message.typeName} */ }`;
  if (channel.framing.kind !== "json" || example === undefined) return placeholder;
  const text = literal(example);
  return text.length <= maxInlineExample ? text : placeholder;
}

function clientSnippet(protocol: Protocol, channel: Channel): string[] {
  const factory = `create${protocol.identifier}Client`;
  const socketIo = channel.framing.kind === "socket.io";
  const resolved = resolveProtocol(protocol);
  const sent = resolved.side(channel, "client").sent[0];
  const received = resolved.side(channel, "server").sent[0];
  return [
    `import { ${factory} } from "${protocol.packageName}/client";`,
    ...(socketIo ? ['import { io } from "socket.io-client";'] : []),
    "",
    `const client = ${factory}({ url: "${socketIo ? "http" : "ws"}://localhost:8080/"${socketIo ? ", io" : ""} });`,
    'client.onEvent("invalid", (error) => console.warn(error.summary));',
    ...(received === undefined ? [] : [`client.on("${messageKey(received)}", (message) => console.log(message));`]),
    "await client.connect();",
    ...(sent === undefined ? [] : [`client.sendMessage("${messageKey(sent)}", ${exampleLiteral(channel, sent)});`]),
  ];
}

function serverSnippet(protocol: Protocol, channel: Channel): string[] {
  const factory = `create${protocol.identifier}Server`;
  const socketIo = channel.framing.kind === "socket.io";
  const handled = resolveProtocol(protocol).side(channel, "client").sent[0];
  return [
    `import { ${factory} } from "${protocol.packageName}/server";`,
    ...(socketIo ? ['import { Server } from "socket.io";'] : []),
    "",
    `const server = ${factory}({ port: 8080${socketIo ? ", socketIo: Server" : ""} });`,
    ...(handled === undefined
      ? []
      : [
          `server.on("${messageKey(handled)}", (message, { connection }) => {`,
          "  console.log(connection.id, message);",
          "});",
        ]),
    "const { port } = await server.listen();",
  ];
}

/** Says, for a transport wiretype has no client for, what the package holds instead. */
function transportLines(protocol: Protocol): string[] {
  const others = [...new Set(protocol.channels.map((channel) => channel.transport))].filter(
    (transport) => !hasWebSocketClient(transport),
  );
  if (others.length === 0) return [];
  const named = others.map((transport) => `\`${transport}\``).join(", ");
  return [
    `**Transport:** ${named}. This package has types, validators, dispatch tables and docs for it, and no client or server: wiretype's clients and servers speak WebSocket, so decode what your ${named} client receives with the dispatch tables below.`,
    "",
  ];
}

export function usageLines(protocol: Protocol): string[] {
  const channel = webSocketChannels(protocol.channels)[0];
  const install = ["## Install", "", "```sh", `npm install ${protocol.packageName} zod`, "```", ""];
  if (channel === undefined) return [...install, ...transportLines(protocol)];
  const socketIo = channel.framing.kind === "socket.io";
  return [
    "## Install",
    "",
    "```sh",
    `npm install ${protocol.packageName} zod${socketIo ? " socket.io-client # and socket.io on the server" : ""}`,
    "```",
    "",
    "## A client",
    "",
    "```ts",
    ...clientSnippet(protocol, channel),
    "```",
    "",
    "In Node < 22, pass `WebSocket` from `ws` in the options. Every frame received is validated before a handler sees it.",
    "",
    "## A server (Node)",
    "",
    "```ts",
    ...serverSnippet(protocol, channel),
    "```",
    "",
    ...transportLines(protocol),
  ];
}
