import { defineConfig } from "vitest/config";

/**
 * Unit and integration tests. They run once on the embedded database and, when
 * TRUSTLEDGER_TEST_DATABASE_URL is set, once more on a PostgreSQL server
 * (scripts/test.ts does both). Browser tests have their own config.
 */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
