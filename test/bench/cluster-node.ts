/**
 * The server side of the cluster bench: a generated server in its own process (forked by cluster-fork.ts
 * with `cluster-node` as first argument), alone or as a cluster node, reporting its port and, when asked,
 * its heap after a GC. voxy authenticates everyone; workspace opens every session into the channel `c1`
 * and forwards `conversation-broadcast` there with the sender's user id (the test app of test/e2e).
 */
import { createVoxyServer } from "@wiretype/voxy/server";
import { createWorkspaceServer } from "@wiretype/workspace/server";
import { Server } from "socket.io";

export type NodeProtocol = "voxy" | "workspace";

export type NodeReport =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "memory"; readonly heapUsed: number };

export const benchChannel = "c1";

type ClusterOption = { readonly cluster: { redis: string; nodeId: string; expiryMs: number; keyPrefix: string } };

function workspaceServer(cluster: ClusterOption | object) {
  const server = createWorkspaceServer({ socketIo: Server, port: 0, insecureDevelopmentMode: true, ...cluster });
  server.on("auth", (message, context) => {
    context.connection.data.set("userId", message.token);
    context.join(benchChannel);
    return { userId: message.token, reconnected: false };
  });
  server.on("conversation-broadcast", (message, context) => {
    message.userId = String(context.connection.data.get("userId"));
    context.runDefaults();
  });
  return server;
}

export async function runNode(
  redis: string | undefined,
  nodeId: string,
  expiryMs: number,
  protocol: NodeProtocol,
): Promise<void> {
  const keyPrefix = `bench-${protocol}:`;
  const cluster = redis === undefined ? {} : { cluster: { redis, nodeId, expiryMs, keyPrefix } };
  const server =
    protocol === "workspace"
      ? workspaceServer(cluster)
      : createVoxyServer({ port: 0, authenticate: () => true, ...cluster });
  const { port } = await server.listen();
  process.on("message", () => {
    globalThis.gc?.();
    process.send?.({ type: "memory", heapUsed: process.memoryUsage().heapUsed } satisfies NodeReport);
  });
  process.send?.({ type: "listening", port } satisfies NodeReport);
}
