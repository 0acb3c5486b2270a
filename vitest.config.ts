import { defineConfig } from "vitest/config";

/**
 * Unit and integration tests. They run once on the embedded database and, when
 * TRUSTLEDGER_TEST_DATABASE_URL is set, once more on a PostgreSQL server
 * (scripts/test.ts does both). Browser tests have their own config.
 * `*.postgres.test.ts` need a PostgreSQL server (e.g. two app instances on one
 * database): they belong to the PostgreSQL run only, so the embedded run leaves
 * them out instead of counting them as skipped.
 */
const onPostgres = Boolean(process.env.TRUSTLEDGER_TEST_DATABASE_URL);
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**", ...(onPostgres ? [] : ["**/*.postgres.test.ts"])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
