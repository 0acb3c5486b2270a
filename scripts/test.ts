import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { CI_MOMENTS, faketimeAvailable, faketimeEnvironment } from "./test-dates-moments.ts";

/**
 * `npm test`: static checks, then the whole suite on the embedded database,
 * again on PostgreSQL when TRUSTLEDGER_TEST_DATABASE_URL is set, then the
 * browser tests when a Chromium is found. It says what it skipped; under
 * CI=true a skip is a failure.
 */
const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const isCi = process.env.CI === "true" || process.env.CI === "1";
const reports = path.join(root, ".tmp", "test-reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

type Stage = { name: string; status: "passed" | "failed" | "skipped"; note?: string; passed?: number; failed?: number; skipped?: number };
const stages: Stage[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n▶ ${[path.basename(command), ...args].join(" ")}`);
  // node_modules/.bin first, so every tool runs on the project's Node 24, not the machine's.
  const PATH = `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`;
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, PATH, ...env } });
  return result.status === 0;
}

function check(name: string, command: string, args: string[]) {
  stages.push({ name, status: run(command, args) ? "passed" : "failed" });
}

function vitest(name: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const report = path.join(reports, `${name.replace(/\W+/g, "-")}.json`);
  const ok = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...args], env);
  const stage: Stage = { name, status: ok ? "passed" : "failed" };
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    stage.passed = json.numPassedTests;
    stage.failed = json.numFailedTests;
    stage.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    if (json.numTotalTests === 0) {
      stage.status = "failed";
      stage.note = "no tests ran";
    }
    if (isCi && stage.skipped) {
      stage.status = "failed";
      stage.note = `${stage.skipped} skipped test(s) under CI=true`;
    }
  }
  stages.push(stage);
}

function skip(name: string, note: string) {
  stages.push({ name, status: isCi ? "failed" : "skipped", note: isCi ? `${note} — not allowed under CI=true` : note });
}

check("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
check("lint", bin("biome"), ["check", "."]);
check("dependency rule", bin("node"), ["scripts/check-dependencies.ts"]);
// Built once up front: the serve and browser tests then start the app without building it themselves.
check("web build", bin("vite"), ["build", "--config", "web/vite.config.ts", "--logLevel", "warn"]);

vitest("unit + integration on the embedded database", [], { TRUSTLEDGER_TEST_DATABASE_URL: "" });

const postgresUrl = process.env.TRUSTLEDGER_TEST_DATABASE_URL;
if (postgresUrl) vitest("unit + integration on PostgreSQL", [], { TRUSTLEDGER_TEST_DATABASE_URL: postgresUrl });
else skip("unit + integration on PostgreSQL", "set TRUSTLEDGER_TEST_DATABASE_URL=postgres://user@host:5432/db to run it");

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (existsSync(chromium)) vitest("browser", ["--config", "test/browser/vitest.config.ts"], { CHROMIUM_PATH: chromium });
else skip("browser", `no Chromium at ${chromium} (install Debian's chromium or set CHROMIUM_PATH)`);

// The demo and every test must not depend on the day they run on: the browser tests (on the
// demo organization) run again with the whole process tree — app, tests and Chromium — on
// another date, through libfaketime. See scripts/test-dates.ts for the whole matrix.
if (!existsSync(chromium)) skip("browser on other dates", "no Chromium");
else if (!faketimeAvailable()) skip("browser on other dates", "install Debian's faketime package");
else {
  for (const moment of CI_MOMENTS) {
    vitest(`browser on ${moment.label}`, ["--config", "test/browser/vitest.config.ts"], {
      CHROMIUM_PATH: chromium,
      ...faketimeEnvironment(moment.at),
    });
  }
}

console.log("\nSummary");
for (const stage of stages) {
  const counts = stage.passed === undefined ? "" : ` (${stage.passed} passed, ${stage.failed} failed, ${stage.skipped} skipped)`;
  const mark = { passed: "✓", failed: "✗", skipped: "–" }[stage.status];
  console.log(`  ${mark} ${stage.name}: ${stage.status}${counts}${stage.note ? ` — ${stage.note}` : ""}`);
}
const total = (key: "passed" | "failed" | "skipped") => stages.reduce((sum, s) => sum + (s[key] ?? 0), 0);
const failedStages = stages.filter((s) => s.status === "failed").length;
// A failed stage without test counts (type check, lint, a forbidden skip) counts as one failure.
const failedWithoutCounts = stages.filter((s) => s.status === "failed" && !s.failed).length;
console.log(`\nTests: ${total("passed")} passed, ${total("failed") + failedWithoutCounts} failed, ${total("skipped")} skipped`);
process.exitCode = failedStages === 0 ? 0 : 1;
