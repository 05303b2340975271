import type { TestProject } from "vitest/node";
import { redisAvailable, startRedis } from "../../support/redis-server.js";

/**
 * vitest globalSetup of the e2e-cluster project: one throwaway redis-server for the whole run. Without
 * redis-server on the PATH it provides no URL and every test of the project skips, saying why
 * (cluster-skip.ts), as test/cluster does.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!redisAvailable()) {
    project.provide("e2eRedisUrl", "");
    return async () => {};
  }
  const redis = await startRedis();
  project.provide("e2eRedisUrl", redis.url);
  return () => redis.stop();
}
