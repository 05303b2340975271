import type { MessageMap } from "@wiretype/runtime";
import type { Connection, ProtocolServer, ServerEvents } from "@wiretype/runtime/server";
import type { Balancer } from "./balancer.js";

/**
 * Several cluster nodes of one protocol seen as the one server a test talks to: handlers and event
 * listeners go to every node (the same application runs on each), `connections` lists every node's own
 * connections, `request` goes to the node that holds the connection (server requests are local), and
 * `broadcast`/`toRoom`/`sendToPresence` run on the first node, which reaches the others through Redis.
 */
export function clusterFacade<C extends MessageMap, S extends MessageMap, CR extends MessageMap, SR extends MessageMap>(
  nodes: readonly ProtocolServer<C, S, CR, SR>[],
  balancer: Balancer,
): ProtocolServer<C, S, CR, SR> {
  const [first] = nodes;
  if (first === undefined) throw new Error("a cluster needs at least one node");
  const holderOf = (connectionId: string) => nodes.find((node) => node.connections.has(connectionId)) ?? first;
  return {
    listen: async () => ({ port: balancer.port }),
    async close() {
      await Promise.all(nodes.map((node) => node.close()));
      await balancer.close();
    },
    on(key, handler) {
      for (const node of nodes) node.on(key, handler);
    },
    onEvent<E extends keyof ServerEvents<S>>(event: E, handler: ServerEvents<S>[E]) {
      const stops = nodes.map((node) => node.onEvent(event, handler));
      return () => {
        for (const stop of stops) stop();
      };
    },
    get connections(): ReadonlyMap<string, Connection<S>> {
      return new Map(nodes.flatMap((node) => [...node.connections]));
    },
    request: (connectionId, key, message, options) =>
      holderOf(connectionId).request(connectionId, key, message, options),
    broadcast: (key, message) => first.broadcast(key, message),
    toRoom: (room, key, message) => first.toRoom(room, key, message),
    sendToPresence: (presenceKey, key, message) => first.sendToPresence(presenceKey, key, message),
  };
}
