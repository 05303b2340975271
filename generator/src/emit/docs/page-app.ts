import { webSocketChannels } from "../../ir/infer-transport.js";
import type { Channel, Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { messageKey } from "../names.js";
import { greetingMessage, pushedMessage } from "./app-snippet.js";
import { code, fence, frontMatter, prose, specDownload } from "./markdown.js";
import { operationMessages, requestWithAnswer } from "./snippets.js";

/** `protocols/<id>/app.md`: "Use it in your app": the install line and one runnable server-plus-client program. */

function installLines(protocol: Protocol, socketIo: boolean): string[] {
  if (socketIo) {
    return [
      `npm install ${protocol.packageName} zod socket.io-client   # the client (browsers and Node)`,
      "npm install socket.io                                    # the server (Node), or socket.io 2.x",
    ];
  }
  return [
    `npm install ${protocol.packageName} zod ws   # ws: the server, and the client in Node 20 (no global WebSocket)`,
    "npm install --save-dev @types/ws",
  ];
}

function steps(protocol: Protocol, channel: Channel): string[] {
  const handshake = operationMessages(protocol, channel.session?.handshake)[0];
  const greeting = greetingMessage(protocol, channel);
  const request = requestWithAnswer(protocol, channel);
  const pushed = pushedMessage(protocol, channel);
  const items = [
    ...(greeting === undefined
      ? []
      : [`the server greets each new connection with ${code(messageKey(greeting))} (the \`greeting\` option)`]),
    ...(handshake === undefined
      ? []
      : [`the client opens its session with ${code(messageKey(handshake))}, which the server accepts`]),
    ...(request === undefined
      ? []
      : [`the client asks ${code(messageKey(request.ask))} and awaits the answer ${code(messageKey(request.answer))}`]),
    ...(pushed === undefined ? [] : [`the server pushes ${code(messageKey(pushed))}, which the client listens to`]),
  ];
  return items.map((item) => `- ${item}`);
}

export function emitAppPage(protocol: Protocol): GeneratedFile | undefined {
  const channel = webSocketChannels(protocol.channels)[0];
  if (channel === undefined) return undefined;
  const socketIo = channel.framing.kind === "socket.io";
  const lines = [
    frontMatter(protocol),
    `# ${prose(protocol.title)}: use it in your app`,
    "",
    "## Install",
    "",
    ...fence("sh", installLines(protocol, socketIo).join("\n")),
    "",
    "## A server and a client, talking",
    "",
    "One program (Node, TypeScript or JavaScript modules) that starts a server on a free port, connects a client to it and:",
    "",
    ...steps(protocol, channel),
    "",
    "Every frame both ways is validated against the spec. The example is type-checked and run by the test suite.",
    "",
    `<<< @/snippets/${protocol.id}/app.gen.ts#app`,
    "",
    `The spec this code follows: ${code(protocol.specPath)} (${specDownload(protocol)}).`,
    "",
    `In a browser, create only the client and leave out ${socketIo ? "the server" : "the `WebSocket` option"}. The [client and server page](./usage) shows each side alone, the [messages page](./messages) every message.`,
    "",
  ];
  return { path: `protocols/${protocol.id}/app.md`, content: `${lines.join("\n").trimEnd()}\n` };
}
