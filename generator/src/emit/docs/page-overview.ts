import { hasWebSocketClient, webSocketChannels } from "../../ir/infer-transport.js";
import type { Channel, Heartbeat, Message, Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { payloadTable } from "./field-table.js";
import { cell, code, firstParagraph, frontMatter, packageVersionText, prose, specDownload, table } from "./markdown.js";
import { linkSchemaPages } from "./message-pages.js";
import { directionText, messageLink } from "./relations.js";

function link(protocol: Protocol, id: string | undefined): string {
  const operation = protocol.operations.find((candidate) => candidate.id === id);
  const messages = protocol.messages.filter((message) => operation?.messages.includes(message.id) ?? message.id === id);
  return messages.length === 0
    ? code(String(id))
    : messages.map((message) => messageLink(protocol, message)).join(", ");
}

function messageLinks(protocol: Protocol, ids: readonly string[]): string {
  return ids.map((id) => link(protocol, id)).join(", ");
}

function framingLines(channel: Channel): string[] {
  const framing = channel.framing;
  switch (framing.kind) {
    case "json":
      return [
        `- Framing: one JSON object per WebSocket frame (${framing.frames.join(" or ")} frames), the message named by its ${code(framing.discriminator)} member.`,
      ];
    case "socket.io":
      return [
        `- Framing: Socket.IO events (engine path ${code(framing.path)}, Socket.IO ${framing.versions.join(" and ")}); each event carries one data argument, the payload.`,
      ];
    case "json-shape":
      return [
        `- Framing: one JSON object per WebSocket frame (${framing.frames.join(" or ")} frames), with no member naming the message: each frame is tried against ${framing.order.map(code).join(", ")} in that order, the first that matches wins.`,
      ];
    case "json-rpc":
      return [
        `- Framing: JSON-RPC ${framing.version} over WebSocket (${framing.frames.join(" or ")} frames): requests and notifications by method, results and errors matched by ${code("id")}.`,
      ];
  }
}

/** Says when the framing was inferred (the document has no `x-wiretype-framing`) and on what transport. */
function originLines(channel: Channel): string[] {
  const origin = channel.framingOrigin;
  const lines = origin.source === "inferred" ? [`- Framing inferred: ${origin.reason}.`] : [];
  if (!hasWebSocketClient(channel.transport)) {
    lines.push(
      `- Transport: ${code(channel.transport)}. wiretype generates types, validators and dispatch tables for it, and no client or server (they speak WebSocket only).`,
    );
  }
  return lines;
}

function transport(protocol: Protocol, channel: Channel): string[] {
  const lines = [
    `### Channel ${code(channel.id)}`,
    "",
    `- Address: ${code(channel.address)}`,
    ...framingLines(channel),
    ...originLines(channel),
  ];
  for (const parameter of channel.parameters) {
    lines.push(
      `- Parameter ${code(parameter.name)}: ${cell(parameter.description ?? "")}${parameter.values === undefined ? "" : ` (${parameter.values.map(code).join(", ")})`}`,
    );
  }
  lines.push("");
  if (channel.description !== undefined) lines.push(prose(channel.description.trim()), "");
  if (channel.query !== undefined) {
    lines.push(
      "Connection query parameters:",
      "",
      ...payloadTable(protocol, channel.query).map((line) => linkSchemaPages(protocol, line)),
      "",
    );
  }
  return lines;
}

function heartbeatText(protocol: Protocol, heartbeat: Heartbeat): string {
  switch (heartbeat.sender) {
    case "client":
      return `The client sends ${link(protocol, heartbeat.operation)} every ${heartbeat.intervalMs / 1000} s; the server closes a connection silent for ${heartbeat.timeoutMs / 1000} s.`;
    case "server":
      return `The server sends ${link(protocol, heartbeat.operation)} after ${heartbeat.idleMs / 1000} s without traffic; the client answers it.`;
    case "transport":
      return `The transport's own keep-alive (Socket.IO ping/pong) every ${heartbeat.intervalMs / 1000} s, timing out after ${heartbeat.timeoutMs / 1000} s.`;
  }
}

function lifecycle(protocol: Protocol, channel: Channel): string[] {
  const steps: string[] = [];
  if (protocol.discovery !== undefined) {
    const discovery = protocol.discovery;
    steps.push(
      `Discovery: the client first calls ${code(`${discovery.method} ${discovery.path}`)}${discovery.alternatePaths.length > 0 ? ` (or ${discovery.alternatePaths.map(code).join(", ")})` : ""} and connects to the URL at ${code(discovery.endpoint.join("."))} in the response.`,
    );
  }
  steps.push("The client opens the connection.");
  if (channel.greeting !== undefined)
    steps.push(`The server greets it, unprompted, with ${link(protocol, channel.greeting)}.`);
  if (channel.session !== undefined)
    steps.push(`The client sends the session handshake ${link(protocol, channel.session.handshake)} (see below).`);
  if (channel.presence !== undefined)
    steps.push(
      `Once ${link(protocol, channel.presence.operation)} succeeds, the connection is known by ${code(channel.presence.key.join("."))} (presence): messages forwarded to a peer find it by that value.`,
    );
  if (channel.rooms !== undefined)
    steps.push(
      `${link(protocol, channel.rooms.join)} puts the connection into the room named at ${code(channel.rooms.room.join("."))}; ${link(protocol, channel.rooms.leave)} or closing the connection takes it out.`,
    );
  steps.push("Either side closes the connection.");
  const lines = steps.map((step, index) => `${index + 1}. ${step}`);
  if (channel.signature !== undefined) {
    const signature = channel.signature;
    lines.push(
      "",
      `Every ${signature.appliesTo} message with a ${code(signature.field)} member is signed: ${code(signature.field)} is the ${signature.algorithm} of the frame without it, keys sorted, encoded like PHP's ${code("json_encode")} (${code(signature.canonical)}).`,
    );
  }
  return lines;
}

function session(protocol: Protocol, channel: Channel): string[] {
  const current = channel.session;
  if (current === undefined)
    return ["No session handshake: every message is accepted as soon as the connection is open."];
  const lines = [`- Handshake: the client sends ${link(protocol, current.handshake)}.`];
  if (current.success.length > 0)
    lines.push(`- Success: ${messageLinks(protocol, current.success)}; the session is open.`);
  if (current.failure.length > 0) lines.push(`- Failure: ${messageLinks(protocol, current.failure)}.`);
  lines.push(
    current.allowBefore.length > 0
      ? `- Accepted before the session is open: the handshake and ${messageLinks(protocol, current.allowBefore)}.`
      : "- Accepted before the session is open: the handshake only.",
  );
  return lines;
}

function errors(protocol: Protocol, channel: Channel): string[] {
  const failures = protocol.messages.filter((message) => message.isError || message.rpc === "error");
  const lines =
    failures.length === 0
      ? ["The spec defines no error message."]
      : [
          "Failure messages:",
          "",
          ...failures.map(
            (message) =>
              `- ${messageLink(protocol, message)}: ${cell(message.summary ?? message.title ?? firstParagraph(message.description))}`,
          ),
        ];
  if (channel.invalidFrame !== undefined)
    lines.push("", `A refused frame is answered with ${link(protocol, channel.invalidFrame)}.`);
  return lines;
}

function messageIndex(protocol: Protocol): string[] {
  const rows = protocol.messages.map((message: Message) => [
    messageLink(protocol, message),
    directionText(message.senders),
    cell(message.title ?? message.summary ?? ""),
  ]);
  return table(["message", "direction", "what it is"], rows);
}

/** `protocols/<id>/index.md`: transport, servers, lifecycle, heartbeat, session, errors, message index. */
export function emitOverviewPage(protocol: Protocol): GeneratedFile {
  const servers =
    protocol.servers.length === 0
      ? ["The spec names no public server: connect to your own deployment."]
      : table(
          ["server", "URL", "protocol", "description"],
          protocol.servers.map((server) => [
            code(server.id),
            code(server.url),
            server.protocol,
            cell(server.description ?? ""),
          ]),
        );
  const lines = [
    frontMatter(protocol),
    `# ${prose(protocol.title)}`,
    "",
    `Package ${code(protocol.packageName)} ${packageVersionText} · spec ${code(protocol.specPath)} (API version ${protocol.version}, ${specDownload(protocol)}) · [messages](./messages) · [flows](./flows) · [client and server](./usage)${webSocketChannels(protocol.channels).length > 0 ? " · [use it in your app](./app)" : ""}`,
    "",
    ...(protocol.description === undefined ? [] : [prose(protocol.description.trim()), ""]),
    "## Transport and framing",
    "",
    ...protocol.channels.flatMap((channel) => transport(protocol, channel)),
    "## Servers",
    "",
    ...servers,
    "",
  ];
  for (const channel of protocol.channels) {
    const suffix = protocol.channels.length > 1 ? ` (${code(channel.id)})` : "";
    lines.push(
      `## Connection lifecycle${suffix}`,
      "",
      ...lifecycle(protocol, channel),
      "",
      `See the [sequence diagrams](./flows).`,
      "",
    );
    lines.push(
      `## Heartbeat${suffix}`,
      "",
      channel.heartbeat === undefined ? "The spec documents no heartbeat." : heartbeatText(protocol, channel.heartbeat),
      "",
    );
    lines.push(`## Session and auth${suffix}`, "", ...session(protocol, channel), "");
    lines.push(`## Errors${suffix}`, "", ...errors(protocol, channel), "");
  }
  lines.push("## Messages", "", ...messageIndex(protocol), "");
  return { path: `protocols/${protocol.id}/index.md`, content: `${lines.join("\n").trimEnd()}\n` };
}
