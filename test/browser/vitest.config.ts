import { defineConfig } from "vitest/config";

/** Browser tests: the real app on a real port, driven in Debian's Chromium. */
export default defineConfig({
  test: {
    root: `${import.meta.dirname}/../..`,
    include: ["test/browser/**/*.browser.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
