import { randomUUID } from "node:crypto";
import type { MessageMap } from "@wiretype/runtime";
import type { ProtocolServer } from "@wiretype/runtime/server";
import { beforeEach, inject } from "vitest";
import { waitFor } from "../../support/lifecycle.js";
import { startBalancer } from "./balancer.js";
import { clusterFacade } from "./cluster-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's one redis-server (vitest.e2e-cluster setup), in cluster mode only. */
    e2eRedisUrl: string;
  }
}

/**
 * The e2e suite's cluster mode (`WIRETYPE_E2E_CLUSTER=1`, the `e2e-cluster` vitest project): every
 * `start…Server` helper starts three nodes of its protocol on one Redis behind a round-robin balancer,
 * so two clients of a test land on different nodes.
 */
export const clusterMode = process.env.WIRETYPE_E2E_CLUSTER === "1";
export const clusterNodes = 3;

/**
 * Starts `create(options)` and listens; in cluster mode starts three nodes with the same options (node
 * ids `node-0`…`node-2`) and returns the facade over them with the balancer's port (and the nodes).
 * `meet`: wait until every node has met every other (the Socket.IO cluster finds its peers by hello
 * round trips after it listens, and does not deliver to a node it has not met).
 */
export async function startNodes<
  C extends MessageMap,
  S extends MessageMap,
  CR extends MessageMap,
  SR extends MessageMap,
  O extends object,
>(create: (options?: O) => ProtocolServer<C, S, CR, SR>, options: NoInfer<O>, meet = false) {
  if (!clusterMode) {
    const server = create(options);
    const { port } = await server.listen();
    return { server, port, nodes: [server] };
  }
  // A prefix per test: the files running at the same time share the Redis but not their clusters.
  const keyPrefix = `e2e:${randomUUID()}:`;
  const redis = inject("e2eRedisUrl");
  const nodes = Array.from({ length: clusterNodes }, (_, index) =>
    create({ ...options, cluster: { redis, keyPrefix, nodeId: `node-${index}` } }),
  );
  const met = meet ? meeting(nodes) : Promise.resolve();
  const ports = await Promise.all(nodes.map(async (node) => (await node.listen()).port));
  await met;
  const server = clusterFacade(nodes, await startBalancer(ports));
  return { server, port: (await server.listen()).port, nodes };
}

/** Resolves once each node reported every other as joined, plus one round trip for their answers. */
async function meeting<C extends MessageMap, S extends MessageMap, CR extends MessageMap, SR extends MessageMap>(
  nodes: readonly ProtocolServer<C, S, CR, SR>[],
) {
  const met = nodes.map(() => new Set<string>());
  const stops = nodes.map((node, index) =>
    node.onEvent("cluster", (event) => {
      if (event.kind === "node-joined" && event.node !== undefined) met[index]?.add(event.node);
    }),
  );
  await waitFor(
    () => (met.every((seen) => seen.size >= nodes.length - 1) ? true : undefined),
    5_000,
    "the nodes to meet",
  );
  for (const stop of stops) stop();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Skips the tests of the enclosing describe, visibly and with the reason, when they run in cluster mode. */
export function skipInClusterMode(when: boolean, reason: string): void {
  beforeEach((context) => {
    if (clusterMode && when) context.skip(`cluster mode: ${reason}`);
  });
}

/**
 * Lets a change a node made reach the other nodes' copies (one Redis pub/sub hop), where no message to
 * the test shows it has: a short wait in cluster mode, nothing on one server.
 */
export function crossNodeSettle(ms = 200): Promise<void> {
  return clusterMode ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
