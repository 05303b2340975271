import type { IncomingMessage } from "node:http";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { createKeyedDispatch } from "../dispatch.js";
import { frameError } from "../frame-error.js";
import { createRpcDispatch } from "../json-rpc.js";
import type { Engine } from "./engine.js";
import type { ServerConnection } from "./internal.js";
import {
  closeHttp,
  defaultMaxFrameBytes,
  httpServerFor,
  portOf,
  settleWithin,
  type Transport,
  transportLimit,
} from "./transport.js";

const goingAway = 1001;
const closeGraceMs = 2000;

/** JSON and JSON-RPC framings over `ws`, on `descriptor.address`. */
export async function startWebSocket(
  engine: Engine,
  onOpen: (connection: ServerConnection) => void,
): Promise<Transport> {
  const { descriptor, options } = engine;
  const maxFrameBytes = options.maxFrameBytes ?? defaultMaxFrameBytes;
  const http = await httpServerFor(options);
  const wss = new WebSocketServer({
    server: http.server,
    path: descriptor.address,
    maxPayload: transportLimit(maxFrameBytes),
  });
  const receive = receiverFor(engine);
  const closing = new Set<Promise<void>>();

  wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    const connection = engine.open({
      query: Object.fromEntries(new URL(request.url ?? "/", "http://localhost").searchParams),
      deliver: (packet) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(packet.data));
      },
      close: (code, reason) => socket.close(code, reason),
    });
    closing.add(new Promise((resolve) => socket.once("close", () => resolve())));
    socket.on("close", (code, reason) => engine.drop(connection, `${code} ${reason.toString()}`.trim()));
    socket.on("error", () => socket.terminate());
    socket.on("message", (data, isBinary) => {
      connection.lastHeard = Date.now();
      const frame = asBuffer(data);
      if (frame.byteLength > maxFrameBytes) {
        const summary = `frame of ${frame.byteLength} bytes exceeds the limit of ${maxFrameBytes}`;
        const error = { ...frameError("invalid-envelope", summary, undefined), kind: "too-large" as const };
        return engine.refuse(connection, { error });
      }
      receive(connection, isBinary ? frame : frame.toString("utf8"));
    });
    onOpen(connection);
  });

  return {
    port: portOf(http.server),
    async close() {
      wss.close();
      const stopped = http.owned ? closeHttp(http.server) : Promise.resolve();
      for (const client of wss.clients) client.close(goingAway, "server shutting down");
      await settleWithin([...closing], closeGraceMs);
      for (const client of wss.clients) client.terminate();
      await stopped;
    },
  };
}

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

/** Decodes one frame and hands it to the engine: a message, an answer (JSON-RPC), or a refusal. */
function receiverFor(engine: Engine): (connection: ServerConnection, frame: string | Buffer) => void {
  const { descriptor } = engine;
  const framing = descriptor.framing;
  if (framing.kind === "json-rpc") {
    const dispatch = createRpcDispatch(descriptor.client);
    return (connection, frame) => {
      const decoded = dispatch.decode(frame);
      if (!decoded.ok)
        return engine.refuse(connection, { error: decoded.error, rpcCode: decoded.code, rpcId: decoded.id });
      if (decoded.kind === "result") return engine.response(connection, decoded.id, { result: decoded.result });
      if (decoded.kind === "error") return engine.response(connection, decoded.id, { error: decoded.error });
      engine.receive(connection, { key: decoded.name, message: decoded.message, rpcId: decoded.id });
    };
  }
  const discriminator = framing.kind === "json" ? framing.discriminator : "type";
  const dispatch = createKeyedDispatch({ ...descriptor.client, discriminator });
  return (connection, frame) => {
    const decoded = dispatch.decode(frame);
    if (!decoded.ok) return engine.refuse(connection, { error: decoded.error });
    engine.receive(connection, { key: decoded.name, message: decoded.message });
  };
}
