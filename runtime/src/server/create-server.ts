import type { MessageMap } from "../dispatch.js";
import type { ProtocolDescriptor } from "../protocol.js";
import { type ClusterNode, joinCluster } from "./cluster/index.js";
import { Engine } from "./engine.js";
import type { ServerConnection } from "./internal.js";
import { greet } from "./lifecycle.js";
import { watchLiveness } from "./liveness.js";
import type { Transport } from "./transport.js";
import { startSocketIo } from "./transport-socket-io.js";
import { startWebSocket } from "./transport-ws.js";
import type { Connection, ProtocolServer, ServerEvents, ServerOptions } from "./types.js";
import type { AnyDescriptor } from "./view.js";

/**
 * The generic server of a protocol, from its descriptor alone: framing, session gate, presence, rooms,
 * the spec's forwarding, heartbeats and error answers. Call `listen()` to start.
 */
export function createServer<C extends MessageMap, S extends MessageMap, CR extends MessageMap, SR extends MessageMap>(
  descriptor: ProtocolDescriptor<C, S>,
  options: ServerOptions<S, never> = {},
): ProtocolServer<C, S, CR, SR> {
  const engine = new Engine(descriptor as unknown as AnyDescriptor, options as unknown as ServerOptions<object>);
  let transport: Promise<Transport> | undefined;
  let cluster: ClusterNode | undefined;
  let stopHeartbeats = () => {};

  const onOpen = (connection: ServerConnection) => greet(engine, connection);
  const start = async () => {
    if (options.insecureDevelopmentMode === true) warnInsecure(descriptor.id);
    // The cluster first: a node that cannot reach Redis does not accept connections.
    cluster = await joinCluster(engine);
    stopHeartbeats = watchLiveness(engine);
    return descriptor.framing.kind === "socket.io" ? startSocketIo(engine, onOpen) : startWebSocket(engine, onOpen);
  };

  return {
    async listen() {
      transport ??= start();
      return { port: (await transport).port };
    },
    async close() {
      stopHeartbeats();
      // A server whose listen() failed (Redis unreachable) has nothing to close.
      if (transport !== undefined) await (await transport.catch(() => undefined))?.close();
      await cluster?.close();
    },
    on(key, handler) {
      engine.handlers.set(key, handler as (message: unknown, context: unknown) => unknown);
    },
    onEvent(event, handler) {
      return engine.on(event, handler as unknown as ServerEvents<object>[typeof event]);
    },
    get connections() {
      return engine.registry.connections as unknown as ReadonlyMap<string, Connection<S>>;
    },
    async request(connectionId, key, message, requestOptions) {
      const connection = engine.registry.connections.get(connectionId);
      if (connection === undefined) throw new Error(`no connection ${connectionId}`);
      return (await engine.request(connection, key, message, requestOptions?.timeoutMs)) as SR[typeof key];
    },
    broadcast(key, message) {
      return engine.deliver(engine.everyone(), key, message);
    },
    toRoom(room, key, message) {
      return engine.deliver(engine.roomAudience(room), key, message);
    },
    sendToPresence(presenceKey, key, message) {
      return engine.deliver(engine.registry.present(presenceKey), key, message);
    },
  };
}

const warned = new Set<string>();

/** The insecure development mode says so when a server starts (once per protocol and process). */
function warnInsecure(protocol: string): void {
  if (warned.has(protocol)) return;
  warned.add(protocol);
  console.warn(
    `wiretype: the ${protocol} server runs in insecure development mode: sessions open without any check. Never use it in production.`,
  );
}
