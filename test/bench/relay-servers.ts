/**
 * The relays the relay bench compares, each listening on a port of its own: raw `ws` relays (bytes
 * forwarded as they are, also with writes batched per tick as the generated server batches them; parsed
 * then bytes forwarded; parsed and re-serialised) and the generated voxy server relaying `say` to its peer.
 */
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createVoxyServer } from "@wiretype/voxy/server";
import { type WebSocket, WebSocketServer } from "ws";
// The generated server's own per-tick batching, so the batched baseline batches exactly as it does.
import { tickBatching } from "../../runtime/src/server/write-batch.js";

export type RelayKind = "bytes" | "batched" | "parse" | "json" | "generated";

export interface RunningRelay {
  readonly port: number;
  /** Whether a client must `bind` first (the generated server forwards only to a present peer). */
  readonly binds: boolean;
  close(): Promise<void>;
}

async function rawRelay(kind: Exclude<RelayKind, "generated">): Promise<RunningRelay> {
  const http = createHttpServer();
  const wss = new WebSocketServer({ server: http });
  const peers: { socket: WebSocket; batch: () => void }[] = [];
  wss.on("connection", (socket, request) => {
    peers.push({ socket, batch: tickBatching(request.socket).hold });
    socket.on("message", (data, isBinary) => {
      const other = peers.find((candidate) => candidate.socket !== socket);
      if (kind === "json") other?.socket.send(JSON.stringify(JSON.parse(data.toString())));
      // The parsed value is looked at so the parse cannot be skipped (JSON.parse never returns undefined).
      else if (kind === "parse" && JSON.parse(data.toString()) === undefined) return;
      else {
        if (kind === "batched") other?.batch();
        other?.socket.send(data, { binary: isBinary });
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const close = async () => {
    wss.close();
    http.close();
  };
  return { port: (http.address() as AddressInfo).port, binds: false, close };
}

export async function startRelay(kind: RelayKind): Promise<RunningRelay> {
  if (kind !== "generated") return rawRelay(kind);
  const server = createVoxyServer({ port: 0, authenticate: () => true });
  const { port } = await server.listen();
  return { port, binds: true, close: () => server.close() };
}
