import { type ChildProcess, execSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { ensureWebBuilt } from "../src/cli/web-build.ts";
import type { Actor } from "../src/core/actor.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import type { DB } from "../src/db/schema.ts";
import * as clients from "../src/modules/clients/clients.usecases.ts";
import { systemClock } from "../src/shared/clock.ts";
import { createCursorCodec } from "../src/shared/cursor.ts";
import { generateClients } from "./generate.ts";

/**
 * `npm run bench`: the app against a bare baseline running the same SQL, on a
 * PostgreSQL database of 100k clients and 300k contacts; plus cold start and
 * idle memory of `npm start` on an existing embedded data directory.
 * Results go to bench/RESULTS.md. Only 127.0.0.1 is ever contacted.
 */
const root = path.resolve(import.meta.dirname, "..");
const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const benchDbName = "trustledger_bench";
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const SEARCH = process.env.BENCH_QUERY ?? "bak";
const node = path.join(root, "node_modules", ".bin", "node");

const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const child of children)
    if (child.pid)
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(args: string[], env: NodeJS.ProcessEnv, command = node): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stderr?.on("data", (d) => process.env.BENCH_VERBOSE && process.stderr.write(d));
  children.push(child);
  return child;
}

async function waitFor(url: string, timeoutMs = 60_000): Promise<number> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < timeoutMs) {
    try {
      if ((await fetch(url)).status === 200) return performance.now() - startedAt;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stop(child: ChildProcess) {
  if (child.pid)
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
}

type Measured = { p50: number; p99: number; rps: number; errors: number; non2xx: number };

async function measure(
  url: string,
  options: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string },
): Promise<Measured> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
  });
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.errors, non2xx: result.non2xx };
}

// 1. A fresh benchmark database with the schema.
const adminUrl = new URL(serverUrl);
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const pgVersion = (await admin.query("show server_version")).rows[0].server_version as string;
await admin.query(`drop database if exists ${benchDbName} with (force)`);
await admin.query(`create database ${benchDbName}`);
await admin.end();
adminUrl.pathname = `/${benchDbName}`;
const databaseUrl = adminUrl.toString();
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
const captured: { sql: string; parameters: unknown[] }[] = [];
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === "query") captured.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
  },
});
await migrateToLatest(db);

// 2. The app, as a user would start it, and one signed-up user.
const appPort = await freePort();
const app = start(["src/cli/main.ts", "serve"], {
  DATABASE_URL: databaseUrl,
  PORT: String(appPort),
  TRUSTLEDGER_DEMO: "0",
  LOG_LEVEL: "warn",
});
const appUrl = `http://127.0.0.1:${appPort}`;
await waitFor(`${appUrl}/readyz`);
const signup = await fetch(`${appUrl}/api/v1/signup`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: "bench@example.test", password: "benchmark-password", name: "Bench Mark", organizationName: "Bench BV" }),
});
const me = (await signup.json()) as { id: string; organizationId: string };
const cookie = signup.headers
  .getSetCookie()
  .map((c) => c.split(";")[0])
  .join("; ");

// 3. 100k clients and 300k contacts.
const t = performance.now();
await generateClients(db, me.organizationId, me.id, CLIENTS);
const generateSeconds = (performance.now() - t) / 1000;
console.log(`generated ${CLIENTS} clients and ${CLIENTS * 3} contacts in ${generateSeconds.toFixed(1)} s`);

// 4. Capture the SQL the app's use-cases run for each request, for the baseline.
const actor: Actor = { userId: me.id, orgId: me.organizationId, role: "admin", via: "session" };
const deps = { db, clock: systemClock, cursor: createCursorCodec("capture-only-secret-capture-only-secret") };
const capture = async (work: () => Promise<unknown>) => {
  captured.length = 0;
  await work();
  return [...captured];
};
const listQueries = await capture(() => clients.listClients(deps, actor, { q: SEARCH, limit: 50, archived: false }));
const sample = (await clients.listClients(deps, actor, { limit: 1, archived: false })).items[0];
if (!sample) throw new Error("no clients generated");
const getQueries = await capture(() => clients.getClient(deps, actor, sample.id));
const createBody = {
  kind: "company" as const,
  name: "Benchmark Nieuw B.V.",
  email: "nieuw@bench.example",
  phone: "020 555 0101",
  accountOwnerId: me.id,
};
let createdId = "";
const createQueries = await capture(async () => {
  createdId = (await clients.createClient(deps, actor, createBody)).id;
});
const queriesFile = path.join(root, ".tmp", "bench-queries.json");
mkdirSync(path.dirname(queriesFile), { recursive: true });
writeFileSync(
  queriesFile,
  JSON.stringify({
    list: { queries: listQueries, transactional: false },
    get: { queries: getQueries, transactional: false },
    create: { queries: createQueries, transactional: true, freshId: createdId },
  }),
);
const baselinePort = await freePort();
const baseline = start(["bench/baseline-server.ts"], { DATABASE_URL: databaseUrl, PORT: String(baselinePort), BENCH_QUERIES: queriesFile });
const baselineUrl = `http://127.0.0.1:${baselinePort}`;
await waitFor(`${baselineUrl}/get`);

// 5. Measure each endpoint against its baseline.
const json = { "content-type": "application/json", cookie };
const rows: { name: string; app: Measured; base: Measured }[] = [];
const scenarios = [
  {
    name: `GET /api/v1/clients?q=${SEARCH}&limit=50`,
    app: () => measure(`${appUrl}/api/v1/clients?q=${SEARCH}&limit=50`, { headers: { cookie } }),
    base: () => measure(`${baselineUrl}/list`, {}),
  },
  {
    name: "GET /api/v1/clients/:id",
    app: () => measure(`${appUrl}/api/v1/clients/${sample.id}`, { headers: { cookie } }),
    base: () => measure(`${baselineUrl}/get`, {}),
  },
  {
    name: "POST /api/v1/clients",
    app: () => measure(`${appUrl}/api/v1/clients`, { method: "POST", headers: json, body: JSON.stringify(createBody) }),
    base: () => measure(`${baselineUrl}/create`, { method: "POST" }),
  },
];
for (const scenario of scenarios) {
  const base = await scenario.base();
  const measuredApp = await scenario.app();
  rows.push({ name: scenario.name, app: measuredApp, base });
  console.log(
    `${scenario.name}: app p99 ${measuredApp.p99} ms, ${Math.round(measuredApp.rps)} req/s (non-2xx ${measuredApp.non2xx}); baseline p99 ${base.p99} ms, ${Math.round(base.rps)} req/s`,
  );
}
stop(app);
stop(baseline);
await db.destroy();

// 6. Cold start of `npm start` on an existing embedded data directory, and idle memory.
const coldDir = path.join(root, "bench", ".data", "cold-start");
rmSync(coldDir, { recursive: true, force: true });
execSync(`${node} src/cli/main.ts demo`, {
  cwd: root,
  env: { ...process.env, TRUSTLEDGER_DATA_DIR: coldDir, DATABASE_URL: "" },
  stdio: "ignore",
});
// The web app is built beforehand: cold start measures starting, not a first build.
await ensureWebBuilt(root, () => {});
const coldRuns: number[] = [];
let idleRssMb = 0;
for (let run = 0; run < 3; run++) {
  const port = await freePort();
  const started = performance.now();
  const npm = start(["start"], { TRUSTLEDGER_DATA_DIR: coldDir, DATABASE_URL: "", PORT: String(port), LOG_LEVEL: "warn" }, "npm");
  await waitFor(`http://127.0.0.1:${port}/readyz`);
  coldRuns.push(performance.now() - started);
  if (run === 2) {
    await new Promise((r) => setTimeout(r, 3000));
    const pid = execSync(`pgrep -f "src/cli/main.ts serve" -P $(pgrep -d, -P ${npm.pid})`).toString().trim().split("\n")[0];
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    idleRssMb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }
  stop(npm);
  await new Promise((r) => setTimeout(r, 1000));
}
const coldMedian = [...coldRuns].sort((a, b) => a - b)[1] ?? 0;
console.log(
  `cold start (npm start → /readyz 200): ${coldRuns.map((r) => Math.round(r)).join(", ")} ms; idle RSS ${idleRssMb.toFixed(0)} MB`,
);

// 7. Record.
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, PostgreSQL ${pgVersion}`;
const verdict = (ok: boolean) => (ok ? "✓" : "✗");
const lines = [
  "# Benchmark results",
  "",
  "Written by `npm run bench` (bench/run.ts); the newest run replaces this file. Targets from the issues:",
  "p99 under 50 ms at 50 connections and at least 50 % of the bare baseline's throughput; cold start under 3 s.",
  "",
  `- Date: ${new Date().toISOString()}`,
  `- Machine: ${machine}`,
  `- Data: one organization, ${CLIENTS.toLocaleString("en")} clients, ${(CLIENTS * 3).toLocaleString("en")} contacts (generated in ${generateSeconds.toFixed(1)} s)`,
  `- Load: autocannon, ${CONNECTIONS} connections, ${SECONDS} s per measurement, 127.0.0.1; app and baseline each with a pool of 10 connections`,
  "- Baseline: a minimal Fastify route running the same SQL through `pg`, without authentication or validation",
  "",
  "| Request | App p50 / p99 (ms) | App req/s | Baseline p99 (ms) | Baseline req/s | App / baseline | p99 < 50 ms | ≥ 50 % |",
  "|---|---|---|---|---|---|---|---|",
  ...rows.map(({ name, app: a, base: b }) => {
    const ratio = a.rps / b.rps;
    return `| \`${name}\` | ${a.p50} / ${a.p99} | ${Math.round(a.rps)} | ${b.p99} | ${Math.round(b.rps)} | ${(ratio * 100).toFixed(0)} % | ${verdict(a.p99 < 50)} | ${verdict(ratio >= 0.5)} |`;
  }),
  "",
  `Cold start of \`npm start\` on an existing embedded data directory (demo organization), to the first 200 on /readyz: ${coldRuns.map((r) => `${Math.round(r)} ms`).join(", ")} (median ${Math.round(coldMedian)} ms; target under 3 s ${verdict(coldMedian < 3000)}).`,
  `Idle memory (RSS) of the server process 3 s after start: ${idleRssMb.toFixed(0)} MB.`,
  "",
];
const errors = rows.filter((r) => r.app.errors + r.app.non2xx > 0);
if (errors.length > 0) lines.push(`Note: errors or non-2xx answers during: ${errors.map((r) => r.name).join(", ")}.`, "");
writeFileSync(path.join(root, "bench", "RESULTS.md"), lines.join("\n"));
console.log("written to bench/RESULTS.md");
// Suggestions from text: its own section of RESULTS.md (bench/suggestions.ts).
execSync(`"${node}" bench/suggestions.ts`, { cwd: root, stdio: "inherit" });
process.exit(0);
