import type { Server as HttpServer } from "node:http";
import type { EventDispatch } from "../dispatch.js";
import { eventDispatchOf } from "../side-dispatch.js";
import { type ClusterNamespace, joinSocketIoCluster } from "./cluster-socket-io.js";
import { type OutboxNamespace, SocketIoOutbox } from "./encode-socket-io.js";
import type { Engine } from "./engine.js";
import type { ServerConnection } from "./internal.js";
import { admitSocket, releaseSocket } from "./liveness-socket-io.js";
import {
  closeHttp,
  defaultMaxFrameBytes,
  httpServerFor,
  portOf,
  settleWithin,
  type Transport,
  transportLimit,
} from "./transport.js";
import type { LooseMessages } from "./view.js";

/** The parts of a socket.io 2.x or 4.x `Server` this runtime uses (the user injects the class). */
interface IoSocket {
  emit(event: string, ...args: unknown[]): unknown;
  disconnect(close?: boolean): unknown;
  use(middleware: (packet: unknown[], next: (error?: Error) => void) => void): unknown;
  on(event: "disconnect", listener: (reason: string) => void): unknown;
  readonly handshake?: { readonly query?: Readonly<Record<string, unknown>> };
  readonly id?: unknown;
}
interface IoServer {
  of(namespace: string): { on(event: "connection", listener: (socket: IoSocket) => void): unknown };
  close(done?: () => void): unknown;
  readonly engine?: { close(): unknown };
}
type IoServerClass = new (http: HttpServer, options: Record<string, unknown>) => IoServer;

const closeGraceMs = 2000;

/** Socket.IO framing: events by name on `descriptor.address` (the namespace). */
export async function startSocketIo(
  engine: Engine,
  onOpen: (connection: ServerConnection) => void,
): Promise<Transport> {
  const { descriptor, options } = engine;
  if (typeof options.socketIo !== "function" || descriptor.framing.kind !== "socket.io") {
    throw new TypeError(`${descriptor.id} speaks Socket.IO: pass its Server class as the socketIo option`);
  }
  const ServerClass = options.socketIo as IoServerClass;
  const maxFrameBytes = options.maxFrameBytes ?? defaultMaxFrameBytes;
  // Redis first: a cluster node that cannot reach it never listens.
  const cluster = options.cluster && (await joinSocketIoCluster(engine, ServerClass, options.cluster));
  const http = await httpServerFor(options).catch(async (cause: unknown) => {
    await cluster?.close();
    throw cause;
  });
  const heartbeat = descriptor.heartbeat?.sender === "transport" ? descriptor.heartbeat : undefined;
  const io = new ServerClass(http.server, {
    path: descriptor.framing.path,
    serveClient: false,
    allowEIO3: true,
    maxHttpBufferSize: transportLimit(maxFrameBytes),
    ...(cluster ? { adapter: cluster.adapter } : {}),
    ...(heartbeat
      ? { pingInterval: heartbeat.intervalMs, pingTimeout: options.heartbeatTimeoutMs ?? heartbeat.timeoutMs }
      : {}),
  });
  const dispatch = eventDispatchOf(descriptor.client, engine.frameLimits);
  const sockets = new Map<IoSocket, Promise<void>>();
  const namespace = io.of(descriptor.address);
  cluster?.attach(namespace as ClusterNamespace);
  const outbox = new SocketIoOutbox(namespace as OutboxNamespace);

  namespace.on("connection", (socket) => {
    // A repeated connect packet closes the underlying connection instead of adding a socket per repeat.
    if (!admitSocket(socket)) return;
    socket.on("disconnect", () => releaseSocket(socket));
    const connection = engine.open({
      // The socket id the protocol's messages name (workspace `socketId`) is the connection's id.
      ...(typeof socket.id === "string" && !engine.registry.connections.has(socket.id) ? { id: socket.id } : {}),
      query: stringEntries(socket.handshake?.query),
      deliver: (packet) => outbox.deliver(socket, packet),
      close: () => {
        outbox.flush();
        socket.disconnect(true);
      },
    });
    sockets.set(socket, new Promise((resolve) => socket.on("disconnect", () => resolve())));
    socket.on("disconnect", (reason) => {
      sockets.delete(socket);
      engine.drop(connection, reason);
    });
    socket.use((packet, next) => {
      try {
        receiveEvent(engine, dispatch, connection, packet, outbox);
      } catch (cause) {
        engine.unexpected(connection, cause);
      }
      next();
    });
    onOpen(connection);
  });

  return {
    port: portOf(http.server),
    async close() {
      outbox.flush();
      const closed = [...sockets.values()];
      for (const socket of sockets.keys()) socket.disconnect(true);
      await settleWithin(closed, closeGraceMs);
      if (http.owned) {
        io.close();
        await closeHttp(http.server);
      } else io.engine?.close();
      await cluster?.close();
    },
  };
}

/** One event: decoded within the frame limits (size and depth of its data), then to the engine or refused. */
function receiveEvent(
  engine: Engine,
  dispatch: EventDispatch<LooseMessages>,
  connection: ServerConnection,
  packet: unknown[],
  outbox: SocketIoOutbox,
): void {
  const [event, ...args] = packet;
  const callback = typeof args[args.length - 1] === "function" ? (args.pop() as (answer: unknown) => void) : undefined;
  // The answer's event goes out before the acknowledgement, as it did before the outbox.
  const ack =
    callback &&
    ((answer: unknown) => {
      outbox.flush();
      callback(answer);
    });
  const data = args[0];
  const name = typeof event === "string" ? event : String(event);
  const decoded = dispatch.decode(name, data);
  if (decoded.ok) engine.receive(connection, { key: decoded.name, message: decoded.message, event: name, ack });
  else engine.refuse(connection, { error: decoded.error, event: name, data });
}

/** The string members of the handshake query (Socket.IO adds its own `EIO`, `transport`, `t`). */
function stringEntries(query: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const entries = Object.entries(query ?? {});
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
