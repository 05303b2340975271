import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "default",
          include: ["test/**/*.test.ts", "generator/test/**/*.test.ts", "runtime/test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, "test/e2e-cluster/**"],
        },
      },
      {
        // The e2e suite again with each server as three cluster nodes on one Redis behind a balancer.
        extends: true,
        test: {
          name: "e2e-cluster",
          include: ["test/e2e/**/*.test.ts", "test/e2e-cluster/**/*.test.ts"],
          env: { WIRETYPE_E2E_CLUSTER: "1" },
          globalSetup: ["./test/e2e/support/cluster-redis.ts"],
          setupFiles: ["./test/e2e/support/cluster-skip.ts"],
        },
      },
    ],
  },
});
