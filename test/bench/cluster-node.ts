/**
 * The server side of the cluster bench: a generated voxy server in its own process (forked by
 * cluster.ts with `cluster-node` as first argument), alone or as a cluster node, reporting its port and,
 * when asked, its heap after a GC.
 */
import { createVoxyServer } from "@wiretype/voxy/server";

export type NodeReport =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "memory"; readonly heapUsed: number };

export async function runNode(redis: string | undefined, nodeId: string, expiryMs: number): Promise<void> {
  const cluster = redis === undefined ? {} : { cluster: { redis, nodeId, expiryMs, keyPrefix: "bench:" } };
  const server = createVoxyServer({ port: 0, authenticate: () => true, ...cluster });
  const { port } = await server.listen();
  process.on("message", () => {
    globalThis.gc?.();
    process.send?.({ type: "memory", heapUsed: process.memoryUsage().heapUsed } satisfies NodeReport);
  });
  process.send?.({ type: "listening", port } satisfies NodeReport);
}
