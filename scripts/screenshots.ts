import { spawnSync } from "node:child_process";
import path from "node:path";
import { faketimeAvailable, faketimeEnvironment, MOMENTS } from "./test-dates-moments.ts";

/**
 * `npm run screenshots`: refreshes docs/screenshots — the only way they change.
 * The browser tests take them on the way; here they are pointed at the docs
 * folder, on a fixed Tuesday morning when libfaketime is installed, so the
 * pictures show a working day whenever they are retaken. Test files given as
 * arguments retake only their pictures (`npm run screenshots -- test/browser/trust.browser.test.ts`).
 */
const root = path.resolve(import.meta.dirname, "..");
const PATH = `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`;
const moment = MOMENTS[0];
if (!faketimeAvailable()) console.warn("libfaketime is missing (apt-get install faketime): the screenshots show today.");
const run = spawnSync(
  path.join(root, "node_modules", ".bin", "vitest"),
  ["run", "--config", "test/browser/vitest.config.ts", ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PATH,
      TRUSTLEDGER_SCREENSHOTS_DIR: path.join(root, "docs", "screenshots"),
      CHROMIUM_PATH: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      ...(faketimeAvailable() ? faketimeEnvironment(moment.at) : {}),
    },
  },
);
process.exitCode = run.status ?? 1;
