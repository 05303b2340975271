import type { Protocol } from "../../ir/types.js";
import type { GeneratedFile } from "../generated-file.js";
import { code, fence, frontMatter, prose } from "./markdown.js";

/** `protocols/<id>/usage.md`: install, then the client and server snippets (imported from the type-checked files). */
export function emitUsagePage(protocol: Protocol): GeneratedFile {
  const id = protocol.identifier;
  const socketIo = protocol.channels.some((channel) => channel.framing.kind === "socket.io");
  const lines = [
    frontMatter(protocol),
    `# ${prose(protocol.title)}: client and server`,
    "",
    "## Install",
    "",
    ...fence(
      "sh",
      `npm install ${protocol.packageName} @wiretype/runtime zod${socketIo ? " socket.io-client   # or socket.io for a server" : ""}`,
    ),
    "",
    `The package exports the message types (${code(`${protocol.packageName}/types`)}), zod validators and dispatch tables (${code(`${protocol.packageName}/schemas`)}), compiled type guards and the protocol descriptor. ${code(`create${id}Client`)} and ${code(`create${id}Server`)} wrap the generic client and server of ${code("@wiretype/runtime")} with this protocol's types.`,
    "",
    "## Client",
    "",
    "Runs in browsers and Node. The client connects, runs the session handshake on every (re)connection, sends the heartbeat, queues messages while disconnected and matches answers to requests.",
    "",
    `<<< @/snippets/${protocol.id}/client.gen.ts#client`,
    "",
    `Create it with ${code(`create${id}Client(${id.charAt(0).toLowerCase()}${id.slice(1)}ClientOptions)`)}.`,
    "",
    "## Server",
    "",
    "Node only. The server validates every frame, enforces the session, answers refused frames, and applies the spec's presence, rooms and forward rules unless `defaults: false`.",
    "",
    `<<< @/snippets/${protocol.id}/server.gen.ts#server`,
    "",
    `Create it with ${code(`create${id}Server(${id.charAt(0).toLowerCase()}${id.slice(1)}ServerOptions)`)}.`,
    "",
  ];
  return { path: `protocols/${protocol.id}/usage.md`, content: `${lines.join("\n").trimEnd()}\n` };
}
