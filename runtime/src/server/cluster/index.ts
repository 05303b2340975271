import { randomUUID } from "node:crypto";
import type { Engine } from "../engine.js";
import { ClusterNode } from "./node.js";

export type { ClusterNode };

import { connectRedis } from "./redis.js";
import { timingFor } from "./timing.js";
import { ClusterKeys } from "./wire.js";

/** How long `listen()` waits for Redis before it rejects. */
const connectWaitMs = 5_000;

/**
 * Joins the cluster named by the `cluster` option (WebSocket framings; Socket.IO protocols use
 * Socket.IO's Redis adapter in their transport instead). Undefined when the server runs alone.
 */
export async function joinCluster(engine: Engine): Promise<ClusterNode | undefined> {
  const options = engine.options.cluster;
  if (options === undefined || engine.descriptor.framing.kind === "socket.io") return undefined;
  const nodeId = options.nodeId ?? randomUUID();
  const keys = new ClusterKeys(options.keyPrefix ?? `wiretype:${engine.descriptor.id}:`);
  const name = `wiretype-${engine.descriptor.id}-${nodeId}`;
  const redis = await connectRedis(options.redis, connectWaitMs, name);
  const subscriber = await connectRedis(options.redis, connectWaitMs, `${name}-sub`).catch((cause: unknown) => {
    redis.disconnect();
    throw cause;
  });
  const node = new ClusterNode(engine, nodeId, keys, timingFor(options.expiryMs), redis, subscriber);
  try {
    await node.start();
  } catch (cause) {
    await node.close().catch(() => undefined);
    throw cause;
  }
  return node;
}
