import type { ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { serializerCompiler } from "fastify-type-provider-zod";
import { Kysely, type KyselyPlugin, PostgresDialect, sql } from "kysely";
import pg from "pg";
// The composition root registers the trust ledger's consumer of domain events: in-process calls below
// (captures, the backfill) then run with it, as the server does.
import "../src/app.ts";
import type { Actor } from "../src/core/actor.ts";
import type { DB } from "../src/db/schema.ts";
import { typeParsers } from "../src/db/type-parsers.ts";
import { languageFromHeader } from "../src/i18n/translate.ts";
import * as commitments from "../src/modules/commitments/commitments.usecases.ts";
import { EVENTS_PER_READ } from "../src/modules/trust/trust.rebuild.ts";
import * as risks from "../src/modules/trust/trust.risks.ts";
import { atRiskListSchema, clientTrustSchema, evidenceListSchema } from "../src/modules/trust/trust.schemas.ts";
import * as trust from "../src/modules/trust/trust.usecases.ts";
import { systemClock } from "../src/shared/clock.ts";
import { generateTrust, type TrustData } from "./generate-trust.ts";
import { type OpenLoopResult, percentile, runOpenLoop } from "./open-loop.ts";

/**
 * The trust ledger's benchmark (issue 10, "Benchmark"; method of issue 14,
 * "Speed"), run by bench/run.ts on its database after the clients and
 * promises are generated:
 *
 * - data: bench/generate-trust.ts (evidence, scores, day states, at-risk rows,
 *   a lead's team of 10k clients);
 * - the client trust page (GET /clients/:id/trust: scores and trend; GET
 *   /clients/:id/trust/evidence?sort=impact: contributions) of the client with
 *   the longest history, and the at-risk list of the lead's team, each beside
 *   a bare baseline (bench/baseline-server.ts) replaying the SQL the use-case
 *   ran (captured from the use-case itself through Kysely's query log), measured
 *   two ways: closed loop (autocannon, 50 connections: throughput, app as a
 *   share of the baseline) and open loop (bench/open-loop.ts: evenly spaced
 *   arrivals at a fixed rate, latency from the scheduled send time);
 * - where the time goes, one request at a time: the SQL alone through `pg`,
 *   the use-case in-process, its response serialization, the baseline and the
 *   app over HTTP; CPU per request of the app, the baseline and PostgreSQL
 *   during the open-loop runs;
 * - the evidence write on a commitment close: POST /commitments/:id/complete
 *   on the app and on the same app with the consumer switched off
 *   (bench/app-without-trust.ts), alternating, one at a time;
 * - `backfillEvidence` over all of it, stopped at a time limit (then projected
 *   from its progress), with its statements timed by kind;
 * - search (GET /api/v1/search): measured once the route exists.
 *
 * Knobs: BENCH_EVIDENCE (5,000,000), BENCH_HEAVY_EVIDENCE (500 extra rows for
 * the measured client), BENCH_LEAD_CLIENTS (min(10,000, clients/10)),
 * BENCH_INTERACTIONS (2,000,000; a hook until the interactions table exists),
 * BENCH_OPEN_RATE (200), BENCH_OPEN_SECONDS (20), BENCH_OPEN_WARMUP_SECONDS (3),
 * BENCH_BREAKDOWN_RUNS (30), BENCH_CLOSE_RUNS (100 per variant),
 * BENCH_BACKFILL_LIMIT_SECONDS (300), BENCH_BACKFILL_SAMPLE_SECONDS (60),
 * BENCH_SEARCH_RATE (50); BENCH_SECONDS as for the rest of the run.
 */

type Captured = { sql: string; parameters: unknown[] };
type Measured = { p50: number; p99: number; rps: number; errors: number; non2xx: number };

export type TrustBenchContext = {
  root: string;
  node: string;
  databaseUrl: string;
  appUrl: string;
  /** The measured server's process id (started detached: its process group). */
  appPid: number | undefined;
  cookie: string;
  leadCookie: string;
  orgId: string;
  adminUserId: string;
  leadUserId: string;
  userIds: readonly string[];
  clients: number;
  seed: string;
  /** Closed-loop measurement of the run (autocannon, 50 connections). */
  measure: (url: string, options: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string }) => Promise<Measured>;
  start: (args: string[], env: NodeJS.ProcessEnv) => ChildProcess;
  stop: (child: ChildProcess) => void;
  freePort: () => Promise<number>;
  waitFor: (url: string) => Promise<number>;
  /** Seconds per closed-loop measurement (BENCH_SECONDS). */
  seconds: number;
  connections: number;
};

const EVIDENCE = Number(process.env.BENCH_EVIDENCE ?? 5_000_000);
const HEAVY_EVIDENCE = Number(process.env.BENCH_HEAVY_EVIDENCE ?? 500);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 2_000_000);
const OPEN_RATE = Number(process.env.BENCH_OPEN_RATE ?? 200);
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 20);
const OPEN_WARMUP = Number(process.env.BENCH_OPEN_WARMUP_SECONDS ?? 3);
const BREAKDOWN_RUNS = Number(process.env.BENCH_BREAKDOWN_RUNS ?? 30);
const CLOSE_RUNS = Number(process.env.BENCH_CLOSE_RUNS ?? 100);
const BACKFILL_LIMIT_SECONDS = Number(process.env.BENCH_BACKFILL_LIMIT_SECONDS ?? 300);
const BACKFILL_SAMPLE_SECONDS = Number(process.env.BENCH_BACKFILL_SAMPLE_SECONDS ?? 60);
const SEARCH_RATE = Number(process.env.BENCH_SEARCH_RATE ?? 50);
const SEARCH_TERMS = ["offerte", "bakkerij", "jansen", "factuur", "terugbellen", "contract", "btw", "planning", "storing", "jaarrekening"];
const TARGET_SHARE = 0.8;
const TARGET_P99_MS = 25;
const TARGET_CLOSE_MS = 2;
const TARGET_BACKFILL_SECONDS = 300;
const TARGET_SEARCH_P95_MS = 100;
const TARGET_RATE = 200;
const TARGET_EVIDENCE = 5_000_000;

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2));
const verdict = (ok: boolean) => (ok ? "✓" : "✗");
const loadText = (load: number[]) => load.map((l) => l.toFixed(2)).join(", ");

function typedPool(databaseUrl: string, max: number) {
  return new pg.Pool({
    connectionString: databaseUrl,
    max,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
}

// ---- CPU time of processes (Linux /proc): what one request costs each side, whatever else the machine runs.
const CLOCK_TICKS = 100;
function cpuTicksOf(pid: number): { pgrp: number; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}
/** CPU ms used so far by every process of a process group (the server and any child it started). */
function groupCpuMs(pgrp: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = cpuTicksOf(Number(entry));
    if (stat?.pgrp === pgrp) ticks += stat.ticks;
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
/** CPU ms so far of each PostgreSQL backend connected to the bench database. */
async function backendCpu(pool: pg.Pool): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>(
    "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()",
  );
  return new Map(rows.map((row) => [row.pid, ((cpuTicksOf(row.pid)?.ticks ?? 0) * 1000) / CLOCK_TICKS]));
}
const backendDelta = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, cpu]) => sum + cpu - (before.get(pid) ?? 0), 0);

/** A sequence of one-at-a-time calls after a warm-up: their durations in ms. */
async function timeEach(runs: number, work: (index: number) => Promise<unknown>, warmUp = 5): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmUp + runs; i++) {
    const started = performance.now();
    await work(i);
    if (i >= warmUp) times.push(performance.now() - started);
  }
  return times;
}

/** The captured statements one after another on one connection, as the baseline runs them; each one's time in ms. */
async function replaySequential(pool: pg.Pool, queries: readonly Captured[]): Promise<number[]> {
  const client = await pool.connect();
  try {
    const times: number[] = [];
    for (const query of queries) {
      const started = performance.now();
      await client.query(query.sql, query.parameters);
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    client.release();
  }
}

/** A statement in a few words: what it does to which table. */
function statementLabel(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (/^(begin|commit)/i.test(flat)) return flat.toLowerCase();
  const verb = /^(select|insert|update|delete|with)/i.exec(flat)?.[1]?.toLowerCase() ?? "statement";
  const table = /(?:from|into|update) "?([a-z_]+)"?/i.exec(flat)?.[1] ?? "?";
  return `${verb} ${table}${/for update/i.test(flat) ? " … for update" : ""}${/ join /i.test(flat) ? " (join)" : ""}`;
}

async function fetchOk(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const body = await response.arrayBuffer();
  if (response.status < 200 || response.status > 299)
    throw new Error(`${init.method ?? "GET"} ${url}: ${response.status} ${Buffer.from(body).toString()}`);
  return body.byteLength;
}

/**
 * Waits until a server answers `url` quickly again (three answers in a row under 100 ms, at most two
 * minutes): requests a load generator gave up on are still being worked off after a measurement, and
 * would otherwise slow the next one. Returns how long it took.
 */
async function settle(url: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 3 && performance.now() - started < 120_000) {
    const asked = performance.now();
    try {
      await fetchOk(url, { headers });
    } catch {}
    quick = performance.now() - asked < 100 ? quick + 1 : 0;
    if (quick === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return performance.now() - started;
}

class BackfillStopped extends Error {}

/** Stops every statement after a moment: the surrounding transaction then rolls back. */
class Deadline implements KyselyPlugin {
  at: number;
  constructor(at: number) {
    this.at = at;
  }
  transformQuery(args: Parameters<KyselyPlugin["transformQuery"]>[0]) {
    if (performance.now() > this.at) throw new BackfillStopped("time limit");
    return args.node;
  }
  async transformResult(args: Parameters<KyselyPlugin["transformResult"]>[0]) {
    return args.result;
  }
}

/** What each statement of the backfill does, by its text. */
function backfillStatement(text: string): string {
  if (/^(begin|commit|rollback)/i.test(text)) return "transaction";
  if (/from "commitments"/.test(text)) return "republish: list promises";
  if (/from "commitment_events"/.test(text)) return "republish: read histories";
  if (/insert into "domain_events"/.test(text)) return "publish: insert event";
  if (/^delete from "trust_/.test(text)) return "rebuild: clear ledger";
  if (/from "domain_events"/.test(text)) return "rebuild: read events";
  if (/trust_settings/.test(text)) return "rebuild: read settings";
  if (/insert into "client_risks"/.test(text)) return "rebuild: mark risk stale";
  if (/insert into "?trust_evidence"?/.test(text)) return "rebuild: insert evidence";
  if (/update "trust_evidence"/.test(text)) return "rebuild: revoke evidence";
  if (/from "trust_scores".*for update/s.test(text)) return "rebuild: lock score";
  if (/insert into "trust_scores"/.test(text)) return "rebuild: upsert score";
  if (/insert into "?trust_score_days"?/.test(text)) return "rebuild: upsert day state";
  if (/count\(\*\)/.test(text)) return "rebuild: count";
  return "other";
}

/** Each search term three times, one request at a time: what a query costs when nothing waits in front of it. */
async function searchOneAtATime(appUrl: string, cookie: string) {
  const times: number[] = [];
  let slowestTerm = "";
  let slowestMs = 0;
  for (let round = 0; round < 3; round++) {
    for (const term of SEARCH_TERMS) {
      const started = performance.now();
      const response = await fetch(`${appUrl}/api/v1/search?q=${encodeURIComponent(term)}`, { headers: { cookie } });
      await response.arrayBuffer();
      const took = performance.now() - started;
      if (round > 0) times.push(took);
      if (round > 0 && took > slowestMs) [slowestMs, slowestTerm] = [took, term];
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  return { count: times.length, p50: at(0.5), p95: at(0.95), slowestTerm, slowestMs };
}

type BackfillRun = {
  finished: boolean;
  wallMs: number;
  /** When the first rebuild statement ran (ms after the start), if it did. */
  rebuildStartMs: number | null;
  /** When the rebuild had read its first events (ms after the start): the per-event work begins. */
  eventsStartMs: number | null;
  promisesListed: number;
  eventsRebuilt: number;
  statements: Map<string, { count: number; ms: number }>;
  result?: unknown;
};

/**
 * Runs a backfill (or a rebuild) with its statements timed by kind, stopped after `limitSeconds` — counted
 * from the start, or (`from: "events"`) from the first event rebuilt, so that a sample of the rebuild's
 * per-event rate is not spent clearing the old ledger.
 */
async function instrumentedBackfill(
  databaseUrl: string,
  limitSeconds: number,
  work: (db: Kysely<DB>) => Promise<unknown>,
  from: "start" | "events" = "start",
): Promise<BackfillRun> {
  const pool = typedPool(databaseUrl, 2);
  const statements = new Map<string, { count: number; ms: number }>();
  const started = performance.now();
  const run: BackfillRun = {
    finished: false,
    wallMs: 0,
    rebuildStartMs: null,
    eventsStartMs: null,
    promisesListed: 0,
    eventsRebuilt: 0,
    statements,
  };
  const deadline = new Deadline(from === "start" ? started + limitSeconds * 1000 : Number.POSITIVE_INFINITY);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [deadline],
    log: (event) => {
      const kind = backfillStatement(event.query.sql);
      if (kind === "rebuild: read events" && run.eventsRebuilt === 0 && from === "events") {
        deadline.at = performance.now() + limitSeconds * 1000;
      }
      // Logged once a statement has run: the clock here is the statement's end.
      if (kind.startsWith("rebuild") && run.rebuildStartMs === null)
        run.rebuildStartMs = performance.now() - started - event.queryDurationMillis;
      if (kind === "rebuild: read events" && run.eventsStartMs === null) run.eventsStartMs = performance.now() - started;
      if (kind === "republish: list promises") run.promisesListed += 500;
      // The rebuild reads events in pages and writes in bulk: progress is counted by pages read (an upper bound).
      if (kind === "rebuild: read events") run.eventsRebuilt += EVENTS_PER_READ;
      const entry = statements.get(kind) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += event.queryDurationMillis;
      statements.set(kind, entry);
    },
  });
  try {
    run.result = await work(db);
    run.finished = true;
    const read = (run.result as { eventsRead?: unknown } | undefined)?.eventsRead;
    if (typeof read === "number") run.eventsRebuilt = read;
  } catch (error) {
    if (!(error instanceof BackfillStopped)) throw error;
  } finally {
    run.wallMs = performance.now() - started;
    await db.destroy();
  }
  return run;
}

export async function benchTrust(ctx: TrustBenchContext): Promise<string[]> {
  const loadAtStart = os.loadavg();
  const leadClients = Number(process.env.BENCH_LEAD_CLIENTS ?? Math.min(10_000, Math.round(ctx.clients / 10)));

  // 1. Data.
  const setupPool = typedPool(ctx.databaseUrl, 4);
  const setupDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: setupPool }) });
  const generatedAt = performance.now();
  const data: TrustData = await generateTrust(setupDb, {
    orgId: ctx.orgId,
    clients: ctx.clients,
    evidence: EVIDENCE,
    heavyEvidence: HEAVY_EVIDENCE,
    leadClients,
    userIds: ctx.userIds,
    interactions: INTERACTIONS,
    seed: ctx.seed,
  });
  const generateSeconds = (performance.now() - generatedAt) / 1000;
  console.log(
    `trust: generated ${data.events.toLocaleString("en")} domain events, ${data.evidence.toLocaleString("en")} evidence rows ` +
      `(${data.evidenceFromCommitments.toLocaleString("en")} from promises), ${data.scores.toLocaleString("en")} scores, ` +
      `${data.scoreDays.toLocaleString("en")} day states, ${data.clientsAtRisk.toLocaleString("en")} clients at risk ` +
      `(${data.leadClientsAtRisk} of the lead's ${data.leadClients}) in ${generateSeconds.toFixed(1)} s; ` +
      `client ${data.heavyClientId} has ${data.heavyClientEvidence} evidence rows; interactions: ${data.interactions.note}`,
  );
  console.log(
    `  steps: ${Object.entries(data.seconds)
      .map(([step, s]) => `${step} ${s.toFixed(1)} s`)
      .join(", ")}`,
  );

  // 2. The SQL each use-case runs, captured from the use-case itself (Kysely's query log), for the baseline.
  const captured: Captured[] = [];
  const capturePool = typedPool(ctx.databaseUrl, 4);
  const captureDb = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: capturePool }),
    log: (event) => {
      if (event.level === "query") captured.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
    },
  });
  const admin: Actor = { userId: ctx.adminUserId, orgId: ctx.orgId, role: "admin", via: "session" };
  const leadActor: Actor = { userId: ctx.leadUserId, orgId: ctx.orgId, role: "lead", via: "session" };
  const language = languageFromHeader(undefined);
  const atRiskQuery = { teamId: data.leadTeamId, includeAcknowledged: false, limit: 100 };
  const paths = {
    trust: {
      name: "GET /api/v1/clients/:id/trust",
      url: `${ctx.appUrl}/api/v1/clients/${data.heavyClientId}/trust`,
      cookie: ctx.cookie,
      run: (db: Kysely<DB>) => trust.getClientTrust({ db, clock: systemClock }, admin, data.heavyClientId),
      schema: clientTrustSchema,
    },
    evidence: {
      name: "GET /api/v1/clients/:id/trust/evidence?sort=impact",
      url: `${ctx.appUrl}/api/v1/clients/${data.heavyClientId}/trust/evidence?sort=impact`,
      cookie: ctx.cookie,
      run: (db: Kysely<DB>) =>
        trust.listClientEvidence({ db, clock: systemClock }, admin, data.heavyClientId, { sort: "impact" }, language),
      schema: evidenceListSchema,
    },
    "at-risk": {
      name: "GET /api/v1/at-risk?teamId=… (lead)",
      url: `${ctx.appUrl}/api/v1/at-risk?teamId=${data.leadTeamId}`,
      cookie: ctx.leadCookie,
      run: (db: Kysely<DB>) => risks.listAtRisk({ db, clock: systemClock }, leadActor, atRiskQuery, language),
      schema: atRiskListSchema,
    },
  } as const;
  type PathName = keyof typeof paths;
  const names = Object.keys(paths) as PathName[];
  const queries = {} as Record<PathName, Captured[]>;
  for (const name of names) {
    captured.length = 0;
    await paths[name].run(captureDb);
    queries[name] = [...captured];
  }
  await captureDb.destroy();
  const queriesFile = path.join(ctx.root, ".tmp", "bench-trust-queries.json");
  mkdirSync(path.dirname(queriesFile), { recursive: true });
  writeFileSync(
    queriesFile,
    JSON.stringify(Object.fromEntries(names.map((name) => [name, { queries: queries[name], transactional: false }]))),
  );
  const baselinePort = await ctx.freePort();
  const baseline = ctx.start(["bench/baseline-server.ts"], {
    DATABASE_URL: ctx.databaseUrl,
    PORT: String(baselinePort),
    BENCH_QUERIES: queriesFile,
  });
  const baselineUrl = `http://127.0.0.1:${baselinePort}`;
  await ctx.waitFor(`${baselineUrl}/trust`);

  // What each page holds, checked before measuring it.
  const sizes = {} as Record<PathName, { app: number; base: number; items: number }>;
  for (const name of names) {
    const response = await fetch(paths[name].url, { headers: { cookie: paths[name].cookie } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${paths[name].name}: ${response.status} ${text.slice(0, 500)}`);
    const body = JSON.parse(text) as { items?: unknown[] };
    sizes[name] = { app: Buffer.byteLength(text), base: await fetchOk(`${baselineUrl}/${name}`), items: body.items?.length ?? 0 };
  }
  console.log(
    `trust: ${queries.trust.length} / ${queries.evidence.length} / ${queries["at-risk"].length} statements captured; ` +
      `evidence items ${sizes.evidence.items}, at-risk items ${sizes["at-risk"].items}`,
  );

  // 3. Each path: closed loop (throughput) and open loop (latency at a fixed rate), baseline first.
  const cpuPool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 1 });
  // Servers are started detached: each is the leader of its own process group.
  const appGroup = ctx.appPid;
  type OpenMeasured = OpenLoopResult & { serverCpuMs: number | null; postgresCpuMs: number };
  const openLoop = async (url: string, headers: Record<string, string>, group: number | undefined): Promise<OpenMeasured> => {
    const cpuBefore = group ? groupCpuMs(group) : 0;
    const pgBefore = await backendCpu(cpuPool);
    const result = await runOpenLoop({ request: { url, headers }, rate: OPEN_RATE, seconds: OPEN_SECONDS, warmUpSeconds: OPEN_WARMUP });
    const pgAfter = await backendCpu(cpuPool);
    const total = OPEN_RATE * (OPEN_SECONDS + OPEN_WARMUP);
    return {
      ...result,
      serverCpuMs: group ? (groupCpuMs(group) - cpuBefore) / total : null,
      postgresCpuMs: backendDelta(pgBefore, pgAfter) / total,
    };
  };
  const results = {} as Record<PathName, { closedApp: Measured; closedBase: Measured; openApp: OpenMeasured; openBase: OpenMeasured }>;
  let settledMs = 0;
  const settleBoth = async () => {
    settledMs += await settle(`${baselineUrl}/readyz`);
    settledMs += await settle(`${ctx.appUrl}/readyz`);
  };
  for (const name of names) {
    const { url, cookie } = paths[name];
    await settleBoth();
    const closedBase = await ctx.measure(`${baselineUrl}/${name}`, {});
    await settleBoth();
    const closedApp = await ctx.measure(url, { headers: { cookie } });
    await settleBoth();
    const openBase = await openLoop(`${baselineUrl}/${name}`, {}, baseline.pid);
    await settleBoth();
    const openApp = await openLoop(url, { cookie }, appGroup);
    results[name] = { closedApp, closedBase, openApp, openBase };
    console.log(
      `${paths[name].name}: closed loop app ${Math.round(closedApp.rps)} req/s (non-2xx ${closedApp.non2xx}), baseline ${Math.round(closedBase.rps)} ` +
        `(${((closedApp.rps / closedBase.rps) * 100).toFixed(0)} %); open loop ${OPEN_RATE}/s app p50 ${ms(openApp.p50)} p99 ${ms(openApp.p99)} ms ` +
        `(late ${openApp.late}, errors ${openApp.errors + openApp.non2xx}, achieved ${openApp.achievedRate.toFixed(0)}/s), ` +
        `baseline p50 ${ms(openBase.p50)} p99 ${ms(openBase.p99)} ms (late ${openBase.late})`,
    );
  }

  await settleBoth();
  console.log(
    `trust: ${(settledMs / 1000).toFixed(1)} s spent waiting for the servers to work off abandoned requests between measurements`,
  );

  // 4. Where the time goes, one request at a time.
  const sqlPool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 1 });
  const inProcessPool = typedPool(ctx.databaseUrl, 10);
  const inProcessDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: inProcessPool }) });
  const breakdown = {} as Record<
    PathName,
    {
      sqlAlone: number;
      useCase: number;
      serialize: number;
      baseline: number;
      app: number;
      statements: number;
      /** The slowest captured statement: what it is and its median ms. */
      slowest: { label: string; ms: number };
    }
  >;
  for (const name of names) {
    const p = paths[name];
    const serialize = serializerCompiler({ schema: p.schema, method: "GET", url: p.url } as Parameters<typeof serializerCompiler>[0]);
    const result = await p.run(inProcessDb);
    const perStatement: number[][] = queries[name].map(() => []);
    const sqlAlone = median(
      await timeEach(BREAKDOWN_RUNS, async () => {
        const times = await replaySequential(sqlPool, queries[name]);
        times.forEach((time, index) => {
          perStatement[index]?.push(time);
        });
      }),
    );
    const statementMedians = perStatement.map((times) => median(times));
    const slowestIndex = statementMedians.indexOf(Math.max(...statementMedians));
    breakdown[name] = {
      statements: queries[name].length,
      slowest: { label: statementLabel(queries[name][slowestIndex]?.sql ?? ""), ms: statementMedians[slowestIndex] ?? 0 },
      sqlAlone,
      useCase: median(await timeEach(BREAKDOWN_RUNS, () => p.run(inProcessDb))),
      serialize: median(await timeEach(BREAKDOWN_RUNS, async () => serialize(result))),
      baseline: median(await timeEach(BREAKDOWN_RUNS, () => fetchOk(`${baselineUrl}/${name}`))),
      app: median(await timeEach(BREAKDOWN_RUNS, () => fetchOk(p.url, { headers: { cookie: p.cookie } }))),
    };
    const b = breakdown[name];
    console.log(
      `${p.name} one at a time (median of ${BREAKDOWN_RUNS}): SQL alone ${ms(b.sqlAlone)} ms (${b.statements} statements, slowest ${b.slowest.label} ${ms(b.slowest.ms)} ms), use-case ${ms(b.useCase)} ms, ` +
        `serialization ${ms(b.serialize)} ms, baseline ${ms(b.baseline)} ms, app ${ms(b.app)} ms`,
    );
  }
  await inProcessDb.destroy();
  await sqlPool.end();

  // 5. Search: measured once GET /api/v1/search exists (built by another helper).
  const searchProbe = await fetch(`${ctx.appUrl}/api/v1/search?q=offerte`, { headers: { cookie: ctx.cookie } });
  await searchProbe.arrayBuffer();
  let search: OpenLoopResult | null = null;
  let searchAlone: Awaited<ReturnType<typeof searchOneAtATime>> | null = null;
  if (searchProbe.status === 200) {
    search = await runOpenLoop({
      request: (i) => ({
        url: `${ctx.appUrl}/api/v1/search?q=${encodeURIComponent(SEARCH_TERMS[i % SEARCH_TERMS.length] as string)}`,
        headers: { cookie: ctx.cookie },
      }),
      rate: SEARCH_RATE,
      seconds: OPEN_SECONDS,
      warmUpSeconds: OPEN_WARMUP,
    });
    console.log(`GET /api/v1/search at ${SEARCH_RATE}/s: p50 ${ms(search.p50)} p95 ${ms(search.p95)} p99 ${ms(search.p99)} ms`);
    searchAlone = await searchOneAtATime(ctx.appUrl, ctx.cookie);
    console.log(
      `GET /api/v1/search one at a time (${searchAlone.count} requests): p50 ${ms(searchAlone.p50)} p95 ${ms(searchAlone.p95)} ms, ` +
        `slowest term "${searchAlone.slowestTerm}" ${ms(searchAlone.slowestMs)} ms — service time without queueing`,
    );
  } else {
    console.log(`GET /api/v1/search: ${searchProbe.status}, not measured (the route is not on this branch)`);
  }

  // 6. Backfill of all evidence, then (if it finished) whether it equals the generated ledger.
  const totals = (
    await sql<{ events: number; commitments: number }>`
      select (select count(*) from domain_events where org_id = ${ctx.orgId})::int as events,
             (select count(*) from commitments where org_id = ${ctx.orgId})::int as commitments
    `.execute(setupDb)
  ).rows[0]!;
  await sql`drop table if exists bench_ledger_before`.execute(setupDb);
  await sql`
    create table bench_ledger_before as
    select client_id, core, r, s, as_of, evidence_count from trust_scores where org_id = ${ctx.orgId}
  `.execute(setupDb);
  const evidenceByKind = () =>
    sql<{ kind: string; core: string; n: number; total: number }>`
      select kind, core, count(*)::int as n, sum(weight) as total from trust_evidence
      where org_id = ${ctx.orgId} and revoked_at is null group by kind, core order by kind, core
    `.execute(setupDb);
  const evidenceBefore = (await evidenceByKind()).rows;
  console.log(
    `backfill of ${totals.events.toLocaleString("en")} events (${data.evidence.toLocaleString("en")} evidence rows, ` +
      `${totals.commitments.toLocaleString("en")} promises to republish), limit ${BACKFILL_LIMIT_SECONDS} s…`,
  );
  const backfill = await instrumentedBackfill(ctx.databaseUrl, BACKFILL_LIMIT_SECONDS, (db) => trust.backfillEvidence({ db }, ctx.orgId));
  let sample: BackfillRun | null = null;
  if (!backfill.finished && backfill.eventsRebuilt === 0) {
    // Stopped while republishing: the rebuild's own rate from a sample (the same rebuild a weight change runs).
    console.log(`backfill stopped while republishing; sampling the rebuild for ${BACKFILL_SAMPLE_SECONDS} s…`);
    sample = await instrumentedBackfill(
      ctx.databaseUrl,
      BACKFILL_SAMPLE_SECONDS,
      (db) => trust.updateSettings({ db, clock: systemClock }, admin, { halfLifeDays: 180, changes: {}, version: undefined }),
      "events",
    );
  }
  const rebuildRun = sample ?? backfill;
  const clearMs = rebuildRun.statements.get("rebuild: clear ledger")?.ms ?? 0;
  const eventsMs = rebuildRun.eventsStartMs === null ? 0 : rebuildRun.wallMs - rebuildRun.eventsStartMs;
  const msPerEvent = rebuildRun.eventsRebuilt > 0 ? eventsMs / rebuildRun.eventsRebuilt : Number.NaN;
  const republishMs = backfill.rebuildStartMs ?? backfill.wallMs;
  const republishShare = backfill.rebuildStartMs === null ? Math.min(1, backfill.promisesListed / Math.max(1, totals.commitments)) : 1;
  const projectedMs = backfill.finished
    ? backfill.wallMs
    : republishMs / Math.max(republishShare, 1e-9) + clearMs + msPerEvent * totals.events;
  /** The backfill's time (or projection) scaled to the target's 5M evidence rows when the data is smaller. */
  const backfillAtTarget = projectedMs * Math.max(1, TARGET_EVIDENCE / Math.max(1, data.evidence));
  let consistency = "";
  if (backfill.finished) {
    const after = (await evidenceByKind()).rows;
    const key = (row: { kind: string; core: string }) => `${row.kind}|${row.core}`;
    const before = new Map(evidenceBefore.map((row) => [key(row), row]));
    const differentKinds =
      after.filter((row) => {
        const was = before.get(key(row));
        return !was || was.n !== row.n || Math.abs(was.total - row.total) > 1e-6 * Math.max(1, Math.abs(row.total));
      }).length + evidenceBefore.filter((row) => !after.some((one) => key(one) === key(row))).length;
    const scores = (
      await sql<{ n: number; missing: number; counts: number; worst: number; as_of: number }>`
        select count(*)::int as n,
               count(*) filter (where t.client_id is null)::int as missing,
               count(*) filter (where t.evidence_count <> b.evidence_count)::int as counts,
               coalesce(max(greatest(abs(t.r - b.r) / (1 + b.r), abs(t.s - b.s) / (1 + b.s))), 0) as worst,
               coalesce(max(abs(extract(epoch from t.as_of - b.as_of))), 0) as as_of
        from bench_ledger_before b
        left join trust_scores t on t.org_id = ${ctx.orgId} and t.client_id = b.client_id and t.core = b.core
      `.execute(setupDb)
    ).rows[0]!;
    consistency =
      differentKinds === 0 && scores.missing === 0 && scores.counts === 0 && scores.worst < 1e-6
        ? `The rebuilt ledger equals the generated one: the same evidence count and weight sum for each of ${after.length} kind–core pairs, ` +
          `and all ${scores.n.toLocaleString("en")} scores within a relative ${Number(scores.worst).toExponential(1)} ` +
          `(as-of times within ${(Number(scores.as_of) * 1000).toFixed(1)} ms) — the generator's SQL restates the evidence rules as the app applies them.`
        : `The rebuilt ledger differs from the generated one: ${differentKinds} kind–core pairs with another count or weight sum, ` +
          `${scores.missing} scores missing, ${scores.counts} with another evidence count, largest relative difference ${Number(scores.worst).toExponential(1)}.`;
    console.log(consistency);
  }
  await sql`drop table if exists bench_ledger_before`.execute(setupDb);
  const backfillKinds = (run: BackfillRun) =>
    [...run.statements]
      .filter(([kind]) => kind !== "transaction")
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([kind, v]) => `${kind} ${(v.ms / 1000).toFixed(1)} s for ${v.count.toLocaleString("en")}`)
      .join(", ");
  const sqlMsOf = (run: BackfillRun, prefix: string) =>
    [...run.statements].filter(([kind]) => kind.startsWith(prefix)).reduce((sum, [, v]) => sum + v.ms, 0);
  const rebuildStatements = [...rebuildRun.statements].filter(([k]) => k.startsWith("rebuild")).reduce((sum, [, v]) => sum + v.count, 0);
  const rebuildSqlMs = sqlMsOf(rebuildRun, "rebuild") - clearMs;
  console.log(
    `backfill: ${backfill.finished ? "finished" : "stopped"} after ${(backfill.wallMs / 1000).toFixed(1)} s ` +
      `(${backfill.eventsRebuilt.toLocaleString("en")} events rebuilt, ~${Math.min(backfill.promisesListed, totals.commitments).toLocaleString("en")} promises republished); ` +
      `${backfill.finished ? "" : `projected ${(projectedMs / 1000).toFixed(0)} s; `}${backfillKinds(backfill)}` +
      (sample
        ? `; rebuild sample: ${sample.eventsRebuilt.toLocaleString("en")} events in ${(eventsMs / 1000).toFixed(1)} s after clearing the ledger in ${(clearMs / 1000).toFixed(1)} s: ${backfillKinds(sample)}`
        : ""),
  );

  // 7. The evidence write on a commitment close: the app against the same app without the consumer, alternating.
  const plainPort = await ctx.freePort();
  const plain = ctx.start(["bench/app-without-trust.ts", "serve"], {
    DATABASE_URL: ctx.databaseUrl,
    PORT: String(plainPort),
    TRUSTLEDGER_DEMO: "0",
    TRUSTLEDGER_JOBS: "0",
    LOG_LEVEL: "warn",
  });
  const plainUrl = `http://127.0.0.1:${plainPort}`;
  await ctx.waitFor(`${plainUrl}/readyz`);
  const warmUp = 5;
  const open = (
    await sql<{ id: string }>`
      select id from commitments where org_id = ${ctx.orgId} and status in ('open', 'renegotiated') and kind <> 'callback'
      order by md5(id::text) limit ${2 * (CLOSE_RUNS + warmUp)}
    `.execute(setupDb)
  ).rows.map((row) => row.id);
  const closeWith: number[] = [];
  const closeWithout: number[] = [];
  const closedWith: string[] = [];
  const closedWithout: string[] = [];
  const closesStarted = new Date();
  const post = { method: "POST", headers: { "content-type": "application/json", cookie: ctx.cookie }, body: "{}" };
  for (let i = 0; i + 1 < open.length; i += 2) {
    // Which one goes first alternates too, so neither always follows the other.
    const pair = (i / 2) % 2 === 0 ? (["with", "without"] as const) : (["without", "with"] as const);
    for (const variant of pair) {
      const id = variant === "with" ? (open[i] as string) : (open[i + 1] as string);
      const base = variant === "with" ? ctx.appUrl : plainUrl;
      const started = performance.now();
      await fetchOk(`${base}/api/v1/commitments/${id}/complete`, post);
      const took = performance.now() - started;
      if (i / 2 < warmUp) continue;
      (variant === "with" ? closeWith : closeWithout).push(took);
      (variant === "with" ? closedWith : closedWithout).push(id);
    }
  }
  ctx.stop(plain);
  const written = (
    await sql<{ with_rows: number; without_rows: number }>`
      select count(*) filter (where source_id = any(${closedWith}::uuid[]))::int as with_rows,
             count(*) filter (where source_id = any(${closedWithout}::uuid[]))::int as without_rows
      from trust_evidence where org_id = ${ctx.orgId} and source_id = any(${[...closedWith, ...closedWithout]}::uuid[])
        and occurred_at >= ${closesStarted}
    `.execute(setupDb)
  ).rows[0]!;
  // What the consumer adds to the close's transaction, captured in-process on one more open promise.
  const spare = (
    await sql<{ id: string }>`
      select id from commitments where org_id = ${ctx.orgId} and status in ('open', 'renegotiated') and kind <> 'callback'
      order by md5(id::text) desc limit 1
    `.execute(setupDb)
  ).rows[0]?.id;
  const closeStatements: string[] = [];
  if (spare) {
    const logged = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: typedPool(ctx.databaseUrl, 2) }),
      log: (event) => {
        if (event.level === "query") closeStatements.push(event.query.sql);
      },
    });
    await commitments.completeCommitment(
      { db: logged, clock: systemClock } as Parameters<typeof commitments.completeCommitment>[0],
      admin,
      spare,
      {},
    );
    await logged.destroy();
  }
  const consumerStatements = closeStatements.filter((text) => /trust_|client_risks/.test(text));
  const closeMedianWith = median(closeWith);
  const closeMedianWithout = median(closeWithout);
  const closeDifference = closeMedianWith - closeMedianWithout;
  console.log(
    `commitment close, one at a time: with the evidence consumer median ${ms(closeMedianWith)} ms, without ${ms(closeMedianWithout)} ms ` +
      `(difference ${closeDifference.toFixed(2)} ms over ${closeWith.length} + ${closeWithout.length} closes; evidence rows ${written.with_rows} / ${written.without_rows}); ` +
      `the consumer adds ${consumerStatements.length} of ${closeStatements.length} statements`,
  );
  ctx.stop(baseline);
  await cpuPool.end();
  await setupDb.destroy();

  // 8. The section of RESULTS.md.
  const n = (value: number) => value.toLocaleString("en");
  const lines: string[] = [
    "## Trust ledger",
    "",
    "Targets from the issue (trust ledger, “Benchmark”; method of the proof issue, “Speed”): the client trust page (scores and trend; top",
    `contributions) and the at-risk list of a lead with 10k clients, each against a bare baseline running the same SQL in the same run, with`,
    `throughput at ${ctx.connections} connections at least ${TARGET_SHARE * 100} % of the baseline's and p99 under ${TARGET_P99_MS} ms at a fixed offered rate of ${TARGET_RATE} requests/s`,
    `(open loop, evenly spaced arrivals); search p95 under ${TARGET_SEARCH_P95_MS} ms; the evidence write adds under ${TARGET_CLOSE_MS} ms to a commitment close; backfill of 5M`,
    "evidence rows under 5 minutes.",
    "",
    `- Machine load: load average ${loadText(loadAtStart)} (1, 5, 15 min) when this section started${(loadAtStart[0] ?? 0) > os.cpus().length * 0.5 ? " (busy: other work was running on this machine)" : ""}`,
    `- Data (bench/generate-trust.ts, generated in ${generateSeconds.toFixed(1)} s): ${n(data.events)} domain events ` +
      `(${Object.entries(data.eventsByType)
        .map(([type, count]) => `${type} ${n(count)}`)
        .join(", ")}), ${n(data.evidence)} evidence rows (${n(data.evidenceFromCommitments)} from the promises above; ` +
      `${n(data.pulses)} client pulse answers, ${n(data.teamPulses)} team pulse summaries and ${n(data.observations)} observations for the rest) over ~2 years, ` +
      `${n(data.scores)} scores and ${n(data.scoreDays)} day states derived from them, ${n(data.clientsAtRisk)} clients at risk`,
    `- Interactions: ${data.interactions.note}`,
    `- Measured client: ${n(data.heavyClientEvidence)} evidence rows (the mean is ${data.meanEvidencePerClient.toFixed(0)}); its evidence answer holds all of them ` +
      `(${n(sizes.evidence.items)} items, ${(sizes.evidence.app / 1024).toFixed(0)} kB; the API has no limit). ` +
      `The lead's team: ${n(data.leadClients)} clients, ${n(data.leadClientsAtRisk)} at risk, the first ${atRiskQuery.limit} listed (${(sizes["at-risk"].app / 1024).toFixed(0)} kB)`,
    `- Closed loop: autocannon, ${ctx.connections} connections, ${ctx.seconds} s. Open loop (bench/open-loop.ts): ${OPEN_RATE} requests/s evenly spaced for ${OPEN_SECONDS} s after ` +
      `${OPEN_WARMUP} s of warm-up, each on its own keep-alive socket, latency from the *scheduled* send time (a late start counts against the figure). ` +
      "Baseline: bench/baseline-server.ts replaying the statements the use-case ran (captured through Kysely's query log) through `pg`, one after another as the use-case runs them. " +
      `Before each measurement the run waits until both servers answer /readyz quickly again (requests a generator gave up on are still worked off; ${(settledMs / 1000).toFixed(0)} s in all)`,
    "",
    ...(OPEN_RATE === TARGET_RATE && EVIDENCE >= TARGET_EVIDENCE
      ? []
      : [
          `**Not the target's conditions** (${n(data.evidence)} evidence rows, open loop at ${OPEN_RATE} requests/s): the ✓/✗ below compare with the targets all the same.`,
          "",
        ]),
    `| Request | App req/s | Baseline req/s | App / baseline | ≥ ${TARGET_SHARE * 100} % | App p50 / p99 at ${OPEN_RATE}/s (ms) | Baseline p50 / p99 (ms) | App p99 < ${TARGET_P99_MS} ms | Late starts app / baseline | Errors app / baseline |`,
    "|---|---|---|---|---|---|---|---|---|---|",
    ...names.map((name) => {
      const r = results[name];
      const share = r.closedApp.rps / r.closedBase.rps;
      return (
        `| \`${paths[name].name}\` | ${Math.round(r.closedApp.rps)} | ${Math.round(r.closedBase.rps)} | ${(share * 100).toFixed(0)} % | ${verdict(share >= TARGET_SHARE)} | ` +
        `${ms(r.openApp.p50)} / ${ms(r.openApp.p99)} | ${ms(r.openBase.p50)} / ${ms(r.openBase.p99)} | ${verdict(r.openApp.p99 < TARGET_P99_MS && r.openApp.errors + r.openApp.non2xx === 0)} | ` +
        `${r.openApp.late} / ${r.openBase.late} | ${r.openApp.errors + r.openApp.non2xx + r.closedApp.errors + r.closedApp.non2xx} / ${r.openBase.errors + r.openBase.non2xx + r.closedBase.errors + r.closedBase.non2xx} |`
      );
    }),
    "",
    `Late starts: requests the generator sent more than 1 ms after their scheduled time (of ${n(OPEN_RATE * OPEN_SECONDS)} each; it waits with timers, ` +
      "so up to ~1 ms is its normal granularity, and that delay counts in the latency). In the app's runs, per request: median start delay " +
      `${names.map((name) => ms(results[name].openApp.medianLagMs)).join(" / ")} ms, largest ${names.map((name) => ms(results[name].openApp.maxLagMs)).join(" / ")} ms; ` +
      `the generator's CPU ${names.map((name) => results[name].openApp.generatorCpuMsPerRequest.toFixed(2)).join(" / ")} ms. Achieved rate (answers per second within the window), app: ` +
      `${names.map((name) => results[name].openApp.achievedRate.toFixed(0)).join(" / ")}.`,
    "",
    `Where the time goes — one request at a time (median of ${BREAKDOWN_RUNS} after 5 warm-up requests): the captured SQL alone through \`pg\` on one connection; ` +
      "the use-case called in-process (SQL and its JavaScript); serializing its result with the route's response schema (zod, then JSON); " +
      `the baseline and the app over HTTP. CPU per request: measured from /proc over the open-loop runs (warm-up included) for the app's process, the baseline's and the PostgreSQL backends.`,
    "",
    "| Request | Statements | SQL alone (ms) | Slowest statement (ms) | Use-case in-process (ms) | Serialization (ms) | Baseline HTTP (ms) | App HTTP (ms) | App − use-case − serialization (ms) | CPU per request: app / baseline / PostgreSQL (ms) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...names.map((name) => {
      const b = breakdown[name];
      const r = results[name];
      const cpu = (value: number | null) => (value === null ? "–" : value.toFixed(2));
      return (
        `| \`${paths[name].name}\` | ${b.statements} | ${ms(b.sqlAlone)} | ${b.slowest.label}: ${ms(b.slowest.ms)} | ${ms(b.useCase)} | ${ms(b.serialize)} | ${ms(b.baseline)} | ${ms(b.app)} | ` +
        `${ms(Math.max(0, b.app - b.useCase - b.serialize))} | ${cpu(r.openApp.serverCpuMs)} / ${cpu(r.openBase.serverCpuMs)} / ${cpu(r.openApp.postgresCpuMs)} (app run), ${cpu(r.openBase.postgresCpuMs)} (baseline run) |`
      );
    }),
    "",
    ...names.flatMap((name) => {
      const r = results[name];
      const b = breakdown[name];
      const share = r.closedApp.rps / r.closedBase.rps;
      const missed = share < TARGET_SHARE || r.openApp.p99 >= TARGET_P99_MS;
      if (!missed) return [];
      const cores = r.openApp.serverCpuMs === null ? null : ((r.openApp.serverCpuMs + r.openApp.postgresCpuMs) * OPEN_RATE) / 1000;
      const parts = [
        `SQL ${ms(b.sqlAlone)} ms`,
        `use-case JavaScript ${ms(Math.max(0, b.useCase - b.sqlAlone))} ms`,
        `serialization ${ms(b.serialize)} ms`,
        `HTTP, authentication and validation ${ms(Math.max(0, b.app - b.useCase - b.serialize))} ms`,
      ];
      return [
        `\`${paths[name].name}\` misses (${(share * 100).toFixed(0)} % of the baseline's throughput, p99 ${ms(r.openApp.p99)} ms at ${OPEN_RATE}/s): ` +
          `one request alone takes ${ms(b.app)} ms — ${parts.join(", ")}; the baseline answers the same SQL in ${ms(b.baseline)} ms. ` +
          `At ${OPEN_RATE}/s the median was ${ms(r.openApp.p50)} ms and the p99 ${ms(r.openApp.p99)} ms: what lies above ${ms(b.app)} ms is waiting ` +
          "(for a CPU, a pooled connection, or behind other requests)" +
          (cores === null
            ? "."
            : `; the app and PostgreSQL used ${((r.openApp.serverCpuMs ?? 0) + r.openApp.postgresCpuMs).toFixed(1)} ms of CPU per request, ${cores.toFixed(2)} of this machine's ${os.cpus().length} cores at ${OPEN_RATE}/s` +
              ` (the baseline ${((r.openBase.serverCpuMs ?? 0) + r.openBase.postgresCpuMs).toFixed(1)} ms).`),
        "",
      ];
    }),
    `Evidence write on a commitment close: \`POST /api/v1/commitments/:id/complete\` one at a time, alternating between the app and the same app with the trust consumer ` +
      `switched off (bench/app-without-trust.ts), ${closeWith.length} closes each after ${warmUp} warm-up pairs (evidence rows written: ${written.with_rows} with the consumer, ${written.without_rows} without). ` +
      `In the close's transaction the consumer adds ${consumerStatements.length} of its ${closeStatements.length} statements.`,
    "",
    `| Close | Median (ms) | p90 (ms) |`,
    "|---|---|---|",
    `| with the evidence consumer | ${ms(closeMedianWith)} | ${ms(
      percentile(
        [...closeWith].sort((a, b) => a - b),
        90,
      ),
    )} |`,
    `| without it | ${ms(closeMedianWithout)} | ${ms(
      percentile(
        [...closeWithout].sort((a, b) => a - b),
        90,
      ),
    )} |`,
    `| **difference of the medians** | **${closeDifference.toFixed(2)}** | target < ${TARGET_CLOSE_MS} ms ${verdict(closeDifference < TARGET_CLOSE_MS)} |`,
    "",
    backfill.finished
      ? `Backfill (\`backfillEvidence\`, trust.usecases.ts) of ${n(totals.events)} events into ${n(data.evidence)} evidence rows: ${(backfill.wallMs / 1000).toFixed(1)} s ` +
        `(it answered ${JSON.stringify(backfill.result)}: facts published anew by the republishing step, events read and evidence rows written by the rebuild)` +
        (data.evidence >= TARGET_EVIDENCE
          ? `; target < 5 minutes ${verdict(backfill.wallMs / 1000 < TARGET_BACKFILL_SECONDS)}.`
          : `; at this rate ${n(TARGET_EVIDENCE)} evidence rows would take ~${(backfillAtTarget / 60_000).toFixed(0)} minutes ` +
            `(target < 5 minutes ${verdict(backfillAtTarget / 1000 < TARGET_BACKFILL_SECONDS)}).`)
      : `Backfill (\`backfillEvidence\`, trust.usecases.ts) of ${n(totals.events)} events into ${n(data.evidence)} evidence rows: stopped at its ${BACKFILL_LIMIT_SECONDS} s limit ` +
        `(BENCH_BACKFILL_LIMIT_SECONDS; rolled back) ${backfill.rebuildStartMs === null ? `while republishing the promises' facts (~${n(Math.min(backfill.promisesListed, totals.commitments))} of ${n(totals.commitments)} promises)` : `after rebuilding ${n(backfill.eventsRebuilt)} events`}; ` +
        `at the rates measured the whole backfill would take ~${(projectedMs / 60_000).toFixed(0)} minutes` +
        (data.evidence >= TARGET_EVIDENCE
          ? ""
          : `, ~${(backfillAtTarget / 60_000).toFixed(0)} minutes for ${n(TARGET_EVIDENCE)} evidence rows`) +
        " (target < 5 minutes ✗).",
    "",
    `Where its time goes (statement times summed): ${backfillKinds(backfill)}; JavaScript and driver the rest of ${(backfill.wallMs / 1000).toFixed(1)} s. ` +
      "Republishing offers every fact of every promise again, one insert each (which does nothing when the fact exists)." +
      (sample
        ? ` The rebuild alone, sampled for ${BACKFILL_SAMPLE_SECONDS} s through a weight change (the same rebuildLedger): ${backfillKinds(sample)}.`
        : "") +
      (rebuildRun.eventsRebuilt > 0
        ? ` Rebuilding takes ${msPerEvent.toFixed(2)} ms per event: ${(rebuildStatements / rebuildRun.eventsRebuilt).toFixed(1)} statements per event, ` +
          `${(rebuildSqlMs / rebuildRun.eventsRebuilt).toFixed(2)} ms of it in SQL and ${Math.max(0, msPerEvent - rebuildSqlMs / rebuildRun.eventsRebuilt).toFixed(2)} ms in JavaScript, ` +
          "one round trip after another on one connection (mark the client stale, insert the evidence, then per core lock, update the score and the day state)."
        : ""),
    ...(consistency ? ["", consistency] : []),
    "",
    ...(backfillAtTarget / 1000 < TARGET_BACKFILL_SECONDS
      ? []
      : [
          "A set-based rebuild would do the same in a few statements per organization, as bench/generate-trust.ts does: the evidence rules as one " +
            "`insert … select` from domain_events joined to the weight table (a SQL function kept equal to core/trust/evidence-rules.ts by a test that " +
            "compares both on every event type), scores as one grouped sum of w·2^((t − t₀)/h) scaled to each core's newest evidence, day states as a " +
            "running sum (window) per client and core, and the promises' facts republished with one `insert … select … on conflict do nothing` from " +
            `commitment_events. Here the generator wrote ${n(data.evidence)} evidence rows in ${(data.seconds.evidence ?? 0).toFixed(0)} s, the scores in ` +
            `${(data.seconds.scores ?? 0).toFixed(0)} s and the day states in ${(data.seconds["score days"] ?? 0).toFixed(0)} s (secondary indexes dropped while loading).`,
          "",
        ]),
    search
      ? `Search (\`GET /api/v1/search\`), ${SEARCH_RATE} requests/s open loop over ${SEARCH_TERMS.length} terms for ${OPEN_SECONDS} s: p50 ${ms(search.p50)} ms, ` +
        `p95 ${ms(search.p95)} ms (target < ${TARGET_SEARCH_P95_MS} ms ${verdict(search.p95 < TARGET_SEARCH_P95_MS && search.errors + search.non2xx === 0)}), p99 ${ms(search.p99)} ms, errors ${search.errors + search.non2xx}.` +
        (searchAlone
          ? ` One request at a time (${searchAlone.count} requests over the same terms): p50 ${ms(searchAlone.p50)} ms, p95 ${ms(searchAlone.p95)} ms, ` +
            `slowest "${searchAlone.slowestTerm}" ${ms(searchAlone.slowestMs)} ms — the query's own cost; the open-loop figures add the queue in front of it.`
          : "")
      : `Search (\`GET /api/v1/search\`, target p95 < ${TARGET_SEARCH_P95_MS} ms): not measured — the route answered ${searchProbe.status} .`,
    "",
  ];
  return lines;
}
