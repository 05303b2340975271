import type { Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { dispatchConstName } from "../names.js";
import { cell, code, fence, firstParagraph, frontMatter, prose, table } from "./markdown.js";

function framingName(protocol: Protocol): string {
  const kinds = new Set(protocol.channels.map((channel) => channel.framing.kind));
  return [...kinds]
    .map((kind) =>
      kind === "json" || kind === "json-shape"
        ? "JSON over WebSocket"
        : kind === "socket.io"
          ? "Socket.IO"
          : "JSON-RPC 2.0 over WebSocket",
    )
    .join(", ");
}

/** The dispatch table that decodes what the server sends (a client's receive path). */
function serverDispatch(protocol: Protocol | undefined): string {
  const channel = protocol?.channels[0];
  return protocol === undefined || channel === undefined ? "dispatch" : dispatchConstName(protocol, channel, "server");
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

/** `index.md`: the home page (what wiretype is, the protocols, install and use). */
export function emitHomePage(protocols: readonly Protocol[]): GeneratedFile {
  const first = protocols[0];
  const features = protocols.flatMap((protocol) => [
    `  - title: ${yamlString(protocol.title)}`,
    `    details: ${yamlString(`${framingName(protocol)} · ${protocol.messages.length} messages · ${protocol.packageName}`)}`,
    `    link: /protocols/${protocol.id}/`,
  ]);
  const lines = [
    frontMatter(undefined, [
      "layout: home",
      "hero:",
      "  name: wiretype",
      "  text: Typed, validated real-time protocols",
      "  tagline: AsyncAPI 3 specs in, TypeScript packages out (types, zod validators, clients, servers, these docs).",
      "  actions:",
      "    - theme: brand",
      "      text: Protocols",
      `      link: /protocols/${first?.id ?? ""}/`,
      "    - theme: alt",
      "      text: CLI reference",
      "      link: /toolkit/cli",
      "features:",
      ...features,
    ]),
    "## What wiretype is",
    "",
    "wiretype turns descriptions of real-time protocols (WebSocket, Socket.IO and JSON-RPC signalling that exist only as informal documents) into typed, validated TypeScript libraries. Each protocol is written down once as an AsyncAPI 3 document with a few `x-wiretype-…` extensions; wiretype generates explicit message types, zod validators typed against them, dispatch tables that turn a raw frame into a typed message or a precise error, a typed client and server, and this site.",
    "",
    "## The protocols",
    "",
    ...table(
      ["protocol", "transport", "package", "what it is"],
      protocols.map((protocol) => [
        `[${prose(protocol.title)}](/protocols/${protocol.id}/)`,
        framingName(protocol),
        code(protocol.packageName),
        cell(firstSentence(protocol.description)),
      ]),
    ),
    "",
    "## Install and use a package",
    "",
    ...fence("sh", `npm install ${first?.packageName ?? "@wiretype/<protocol>"} @wiretype/runtime zod`),
    "",
    "Every package exports its message types, zod validators and per-side dispatch tables. Decode what arrives on a socket:",
    "",
    ...fence(
      "ts",
      [
        `import { ${serverDispatch(first)} as dispatch } from "${first?.packageName ?? "@wiretype/<protocol>"}";`,
        "",
        "const result = dispatch.decode(frame); // a raw WebSocket frame",
        "if (result.ok) console.log(result.name, result.message); // typed by wire name",
        "else console.warn(result.error.summary, result.error.issues);",
      ].join("\n"),
    ),
    "",
    "Each protocol's **client and server** page shows the typed client and server. Unknown members of a frame are accepted and kept: real servers add fields.",
    "",
  ];
  return { path: "index.md", content: `${lines.join("\n").trimEnd()}\n` };
}

function firstSentence(text: string | undefined): string {
  const paragraph = firstParagraph(text);
  const end = paragraph.search(/\.\s/);
  return end === -1 ? paragraph : paragraph.slice(0, end + 1);
}
