import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { redacted } from "./cluster/redis.js";
import { type ClusterStatusListener, SocketIoMirror } from "./cluster-socket-io-mirror.js";
import type { Engine } from "./engine.js";
import type { ClusterOptions } from "./types.js";

/** The namespace calls the cluster uses (socket.io 4 with a cluster adapter). */
export interface ClusterNamespace {
  to(rooms: string | string[]): { emit(event: string, ...args: unknown[]): unknown };
  serverSideEmit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** One node's link to the others: the adapter socket.io runs on, and the member mirror once attached. */
export interface SocketIoCluster {
  /** The `adapter` option of the socket.io 4 `Server`. */
  readonly adapter: unknown;
  attach(namespace: ClusterNamespace): void;
  close(): Promise<void>;
}

export const defaultExpiryMs = 15_000;
const connectTimeoutMs = 5_000;
const quitWithinMs = 1_000;

/**
 * Joins the cluster before anything listens: both Redis connections must open (else `listen()` rejects,
 * naming the URL). Only socket.io 4 has the adapter API (`serverSideEmit`, adapters per namespace).
 */
export async function joinSocketIoCluster(
  engine: Engine,
  serverClass: { readonly prototype: object },
  options: ClusterOptions,
): Promise<SocketIoCluster> {
  if (!("serverSideEmit" in serverClass.prototype)) {
    throw new Error(
      `${engine.descriptor.id} cluster: the socketIo option is a socket.io 2.x Server, which has no cluster adapter; ` +
        "pass socket.io 4's Server (it serves 2.x clients too: allowEIO3 is on)",
    );
  }
  const [{ Redis }, { createAdapter }] = await Promise.all([
    import("ioredis"),
    import("@socket.io/redis-adapter"),
  ]).catch((cause: unknown) => {
    throw new Error(
      `${engine.descriptor.id} cluster: install the optional peers ioredis and @socket.io/redis-adapter`,
      {
        cause,
      },
    );
  });
  const status = statusReporter(engine, options.redis);
  // Nothing is published while `pub` is not ready (the mirror checks `status`), so nothing waits in
  // ioredis' offline queue; it stays on because the adapter does not catch a rejected publish.
  const pub = new Redis(options.redis, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: connectTimeoutMs,
  });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on("error", status.error);
  await connectBoth(pub, sub, options.redis, engine.descriptor.id);
  const prefix = options.keyPrefix ?? `wiretype:${engine.descriptor.id}:`;
  const adapter = createAdapter(pub, sub, { key: `${prefix}socket.io` });
  let mirror: SocketIoMirror | undefined;
  return {
    adapter,
    attach(namespace) {
      const nodeId = options.nodeId ?? randomUUID();
      const linkUp = () => pub.status === "ready";
      mirror = new SocketIoMirror(engine, namespace, nodeId, options.expiryMs ?? defaultExpiryMs, linkUp);
      mirror.start();
      status.watch(pub, mirror.onStatus);
    },
    async close() {
      mirror?.stop();
      await Promise.all([quit(pub), quit(sub)]);
    },
  };
}

async function connectBoth(pub: Redis, sub: Redis, url: string, protocol: string): Promise<void> {
  // ioredis rejects with "Connection is closed."; the error event before it says why (ECONNREFUSED, …).
  let why: Error | undefined;
  const note = (error: Error) => {
    why ??= error;
  };
  for (const client of [pub, sub]) client.on("error", note);
  try {
    await Promise.all([pub.connect(), sub.connect()]);
  } catch (cause) {
    pub.disconnect();
    sub.disconnect();
    const reason = (why ?? (cause instanceof Error ? cause : new Error(String(cause)))).message;
    throw new Error(`${protocol} cluster: cannot reach Redis at ${redacted(url)}: ${reason}`, { cause });
  } finally {
    for (const client of [pub, sub]) client.off("error", note);
  }
}

/** QUIT, or a hard disconnect when Redis does not answer in time (it may be gone). */
async function quit(client: Redis): Promise<void> {
  const timer = setTimeout(() => client.disconnect(), quitWithinMs);
  await client.quit().catch(() => client.disconnect());
  clearTimeout(timer);
}

/**
 * Redis going away and coming back, as `cluster` events; errors while it is away are reported once per
 * outage (ioredis retries every ≤ 2 s and reports each failed attempt).
 */
function statusReporter(engine: Engine, url: string) {
  let down = false;
  let listener: ClusterStatusListener | undefined;
  const lost = (error: Error) => {
    if (down) return;
    down = true;
    listener?.("lost");
    engine.emit("cluster", {
      kind: "redis-lost",
      error: new Error(`Redis at ${redacted(url)} lost: ${error.message}`),
    });
  };
  return {
    error(error: Error) {
      lost(error);
    },
    watch(pub: Redis, onStatus: ClusterStatusListener) {
      listener = onStatus;
      pub.on("close", () => lost(new Error("connection closed")));
      pub.on("ready", () => {
        if (!down) return;
        down = false;
        onStatus("back");
        engine.emit("cluster", { kind: "redis-back" });
      });
    },
  };
}
