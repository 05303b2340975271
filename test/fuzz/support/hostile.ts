import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { Inbox } from "../../runtime-client/support.js";
import { onCleanup } from "../../support/lifecycle.js";
import type { FuzzFrame } from "./frame.js";

/** The Engine.IO open packet a fake Socket.IO server greets with (websocket only, no upgrades). */
const engineIoOpen = `0${JSON.stringify({ sid: "fuzz", upgrades: [], pingInterval: 25_000, pingTimeout: 20_000, maxPayload: 100_000_000 })}`;

/**
 * A hostile server on 127.0.0.1: plain `ws`, or (`socketIo`) raw Engine.IO v4 over `ws` that accepts the
 * main namespace and then writes whatever packets the test wants. Each connection lands in `peers`.
 */
export async function startHostileServer(socketIo: boolean) {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0, maxPayload: 256 * 1024 * 1024 });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const peers = new Inbox<WebSocket>();
  server.on("connection", (socket) => {
    socket.on("error", () => {});
    if (!socketIo) return peers.push(socket);
    socket.on("message", (data) => {
      if (data.toString() === "40") {
        socket.send(`40${JSON.stringify({ sid: "fuzz-ns" })}`);
        peers.push(socket);
      }
    });
    socket.send(engineIoOpen);
  });
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { peers, port };
}

/** Writes frames in order, waiting whenever the socket has more than a few MiB queued. */
export async function sendAll(socket: WebSocket, frames: readonly FuzzFrame[]): Promise<void> {
  for (const frame of frames) {
    socket.send(frame.data, { binary: frame.binary });
    while (socket.bufferedAmount > 8 * 1024 * 1024) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
