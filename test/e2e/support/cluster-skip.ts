import { beforeEach, inject } from "vitest";

// setupFiles of the e2e-cluster project: no Redis, no cluster (scripts/install-redis.sh installs it).
beforeEach((context) => {
  if (inject("e2eRedisUrl") === "") context.skip("cluster mode needs redis-server (scripts/install-redis.sh)");
});
