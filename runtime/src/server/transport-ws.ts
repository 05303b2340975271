import type { IncomingMessage } from "node:http";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { addressMatcher, addressParameters } from "../address.js";
import { frameError } from "../frame-error.js";
import { frameText } from "../frame-text.js";
import { frameDispatchOf, rpcDispatchOf } from "../side-dispatch.js";
import type { Engine } from "./engine.js";
import type { ServerConnection } from "./internal.js";
import { watchKeepAlive } from "./liveness-keepalive.js";
import {
  closeHttp,
  defaultMaxFrameBytes,
  httpServerFor,
  portOf,
  settleWithin,
  type Transport,
  transportLimit,
} from "./transport.js";
import { tickBatching } from "./write-batch.js";

const goingAway = 1001;
const textFrame = { binary: false } as const;
const closeGraceMs = 2000;

/** JSON and JSON-RPC framings over `ws`, on `descriptor.address`. */
export async function startWebSocket(
  engine: Engine,
  onOpen: (connection: ServerConnection) => void,
): Promise<Transport> {
  const { descriptor, options } = engine;
  const maxFrameBytes = options.maxFrameBytes ?? defaultMaxFrameBytes;
  const http = await httpServerFor(options);
  const parameterised = addressParameters(descriptor.address).length > 0;
  const matchPath = addressMatcher(descriptor.address);
  const wss = new WebSocketServer({
    server: http.server,
    ...(parameterised ? {} : { path: descriptor.address }),
    maxPayload: transportLimit(maxFrameBytes),
  });
  // `ws` matches one literal path; an address with parameters accepts every path it matches.
  if (parameterised) wss.shouldHandle = (request) => matchPath(request.url ?? "/") !== undefined;
  const receive = receiverFor(engine);
  const closing = new Set<Promise<void>>();
  const keepAlive = watchKeepAlive(engine);

  wss.on("connection", (socket: WebSocket, request: IncomingMessage) => {
    // `request.socket` is the connection's TCP (or TLS) socket, which `ws` writes its frames to.
    const batch = tickBatching(request.socket);
    const connection = engine.open({
      query: Object.fromEntries(new URL(request.url ?? "/", "http://localhost").searchParams),
      parameters: matchPath(request.url ?? "/") ?? {},
      deliver: (packet) => {
        if (socket.readyState !== socket.OPEN) return;
        batch.hold();
        // A forward's bytes go out as they are (a text frame), with no string to encode.
        if (packet.bytes !== undefined) socket.send(packet.bytes, textFrame);
        else socket.send(packet.text ?? JSON.stringify(packet.data));
      },
      close: (code, reason) => socket.close(code, reason),
    });
    closing.add(new Promise((resolve) => socket.once("close", () => resolve())));
    keepAlive.track(socket, connection);
    socket.on("close", (code, reason) => engine.drop(connection, `${code} ${reason.toString()}`.trim()));
    socket.on("error", () => {
      // What was answered before the faulty frame (and `ws`'s close frame) still goes out.
      batch.flush();
      socket.terminate();
    });
    socket.on("message", (data, isBinary) => {
      try {
        const frame = asBuffer(data);
        if (frame.byteLength > maxFrameBytes) {
          const summary = `frame of ${frame.byteLength} bytes exceeds the limit of ${maxFrameBytes}`;
          return engine.refuse(connection, { error: frameError("too-large", summary, undefined) });
        }
        if (isBinary) receive(connection, frame, undefined);
        // toString() with no argument is UTF-8 without looking the encoding up (per frame).
        else receive(connection, frame.toString(), frame);
      } catch (cause) {
        engine.unexpected(connection, cause);
      }
    });
    onOpen(connection);
  });

  return {
    port: portOf(http.server),
    async close() {
      keepAlive.stop();
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

type Receiver = (connection: ServerConnection, frame: string | Buffer, bytes: Buffer | undefined) => void;

/**
 * Decodes one frame and hands it to the engine: a message, an answer (JSON-RPC), or a refusal. `bytes`:
 * a text frame's bytes (`ws` checked them as UTF-8), which a forward may pass on as they are.
 */
function receiverFor(engine: Engine): Receiver {
  const { descriptor } = engine;
  const framing = descriptor.framing;
  const limits = engine.frameLimits;
  if (framing.kind === "json-rpc") {
    const dispatch = rpcDispatchOf(descriptor.client, limits);
    return (connection, frame) => {
      const decoded = dispatch.decode(frame);
      if (!decoded.ok)
        return engine.refuse(connection, { error: decoded.error, rpcCode: decoded.code, rpcId: decoded.id });
      if (decoded.kind === "result") return engine.response(connection, decoded.id, { result: decoded.result });
      if (decoded.kind === "error") return engine.response(connection, decoded.id, { error: decoded.error });
      engine.receive(connection, { key: decoded.name, message: decoded.message, rpcId: decoded.id });
    };
  }
  const dispatch = frameDispatchOf(descriptor.client, framing, limits);
  const signed = descriptor.signature !== undefined;
  return (connection, frame, bytes) => {
    const decoded = dispatch.decode(frame);
    if (!decoded.ok) return engine.refuse(connection, { error: decoded.error });
    // A signature is checked on the text as received (PHP hashes what it decoded, in its order); a
    // forward splices what it passes on from the text (and its bytes).
    const key = decoded.name;
    const message = decoded.message;
    if (typeof frame === "string") return engine.receive(connection, { key, message, text: frame, bytes });
    const text = signed ? frameText(frame) : undefined;
    engine.receive(connection, typeof text === "string" ? { key, message, text } : { key, message });
  };
}
