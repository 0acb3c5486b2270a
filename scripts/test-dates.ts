import { spawnSync } from "node:child_process";
import path from "node:path";
import { faketimeAvailable, faketimeEnvironment, MOMENTS } from "./test-dates-moments.ts";

/**
 * `npm run test:dates`: the whole suite on the embedded database and the
 * browser tests, once per moment of MOMENTS, with the process tree's clock
 * set there by libfaketime (Debian package faketime). Proves that neither the
 * demo nor any test depends on the date it runs on. `npm test` runs the
 * browser tests on two of these moments every time.
 */
const root = path.resolve(import.meta.dirname, "..");
if (!faketimeAvailable()) {
  console.error("libfaketime is missing: apt-get install faketime");
  process.exit(2);
}
const PATH = `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`;
const results: string[] = [];
for (const moment of MOMENTS) {
  for (const [name, args] of [
    ["embedded", []],
    ["browser", ["--config", "test/browser/vitest.config.ts"]],
  ] as const) {
    console.log(`\n▶ ${name} on ${moment.label} (${moment.at} UTC)`);
    const run = spawnSync(path.join(root, "node_modules", ".bin", "vitest"), ["run", ...args], {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        PATH,
        TRUSTLEDGER_TEST_DATABASE_URL: "",
        CHROMIUM_PATH: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
        ...faketimeEnvironment(moment.at),
      },
    });
    results.push(`${run.status === 0 ? "✓" : "✗"} ${name} on ${moment.label} (${moment.at} UTC)`);
  }
}
console.log(`\n${results.join("\n")}`);
process.exitCode = results.every((line) => line.startsWith("✓")) ? 0 : 1;
