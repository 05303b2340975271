/**
 * One node of a test cluster, in its own process: a generated server of the protocol named by argv[2]
 * with the `cluster` option (Redis at argv[3], expiry argv[4] ms, node index argv[5]). It reports
 * `listening` and every cluster event to the parent, and runs the parent's commands (IPC).
 */
import { randomUUID } from "node:crypto";
import type { ClusterEvent, ServerOptions } from "@wiretype/runtime/server";
import type { ChildCommand, ChildReport } from "./protocol.js";
import { nodeServer } from "./servers.js";

const [protocol = "", redis = "", expiry = "15000", index = "0"] = process.argv.slice(2);
const cluster: NonNullable<ServerOptions["cluster"]> = {
  redis,
  nodeId: `node-${index}-${randomUUID().slice(0, 8)}`,
  keyPrefix: process.env.WIRETYPE_CLUSTER_PREFIX ?? `test:${protocol}:`,
  expiryMs: Number(expiry),
};

const report = (message: ChildReport) => process.send?.(message);
const server = nodeServer(protocol, Number(index), cluster);
server.onEvent("cluster", (event: ClusterEvent) => {
  report({ type: "cluster", kind: event.kind, node: event.node, expired: event.expired, at: Date.now() });
});

process.on("message", (command: ChildCommand) => {
  void run(command).then(
    (value) => report({ type: "done", id: command.id, value }),
    (cause: unknown) => report({ type: "done", id: command.id, value: undefined, error: String(cause) }),
  );
});

async function run(command: ChildCommand): Promise<unknown> {
  switch (command.type) {
    case "broadcast":
      return server.broadcast(command.key, command.message);
    case "toRoom":
      return server.toRoom(command.room, command.key, command.message);
    case "sendToPresence":
      return server.sendToPresence(command.room, command.key, command.message);
    case "memory":
      globalThis.gc?.();
      return { heapUsed: process.memoryUsage().heapUsed, connections: server.connections.size };
    case "close":
      await server.close();
      setImmediate(() => process.exit(0));
      return true;
  }
}

server.listen().then(
  ({ port }) => report({ type: "listening", port, node: cluster.nodeId ?? "" }),
  (cause: unknown) => {
    report({ type: "failed", error: String(cause) });
    process.exit(1);
  },
);
