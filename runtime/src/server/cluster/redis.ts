import type { Redis } from "ioredis";

export type RedisClient = Redis;

type RedisClass = typeof Redis;

/** Loaded only when a server runs in a cluster: single-process servers and browsers never load it. */
async function loadIoredis(): Promise<RedisClass> {
  try {
    const loaded: { readonly Redis?: RedisClass; readonly default?: { readonly Redis?: RedisClass } } = await import(
      "ioredis"
    );
    // Node's CommonJS interop names the class `Redis`; a bundler may only give `default`.
    const found = loaded.Redis ?? loaded.default?.Redis;
    if (found === undefined) throw new Error("ioredis exports no Redis class");
    return found;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`wiretype cluster: the ioredis package is needed (npm install ioredis): ${reason}`);
  }
}

/**
 * A connected client, or a clear error naming the URL (password hidden) when Redis does not answer
 * within `waitMs`. Commands fail at once while the connection is down (no offline queue: a delivery
 * must fail visibly, not wait); the client reconnects by itself.
 */
export async function connectRedis(url: string, waitMs: number, name: string): Promise<RedisClient> {
  const Redis = await loadIoredis();
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    connectionName: name,
    retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
  });
  // Connection errors are reported through the server's `cluster` events, not as unhandled errors.
  client.on("error", () => {});
  try {
    await withinMs(client.connect(), waitMs);
  } catch (cause) {
    client.disconnect();
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`wiretype cluster: cannot reach Redis at ${redacted(url)} within ${waitMs} ms (${reason})`);
  }
  return client;
}

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timed out")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (cause: unknown) => {
        clearTimeout(timer);
        reject(cause);
      },
    );
  });
}

/** The URL without its password, for error messages and logs. */
export function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
