import { randomUUID } from "node:crypto";
import os from "node:os";
import { sql } from "kysely";
import pg from "pg";
import type { Actor } from "../src/core/actor.ts";
import { type DatabaseHandle, openDatabase } from "../src/db/connection.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { search } from "../src/modules/search/search.usecases.ts";
import { writeResultsSection } from "./results-section.ts";
import { generateBackground } from "./search/background.ts";
import { FROZEN } from "./search/frozen.ts";
import { HOLDOUT } from "./search/holdout.ts";
import { LABELS, type Label } from "./search/labels.ts";
import { CLIENTS, COMMITMENTS, CONTACTS, INTERACTIONS } from "./search/targets.ts";

/**
 * `npm run bench:search` (also run at the end of `npm run bench`): how well the
 * search finds what people look for. Loads the hand-written target records of
 * bench/search/targets.ts among generated look-alikes (background.ts) into a
 * fresh database, runs every labelled query (labels.ts, and apart from it the
 * never-tuned holdout.ts) through the search use-case and counts how often the
 * expected record is among the first ten results (recall@10). Writes its own
 * "## Search" section into bench/RESULTS.md (the rest of the file is left alone)
 * and prints the misses.
 *
 * Knobs: BENCH_SEARCH_DATABASE_URL (a PostgreSQL server; default the embedded
 * database in memory), BENCH_SEARCH_SCALE (multiplies the background, default 1:
 * 400 clients, 800 contacts, 4,000 interactions, 1,500 commitments).
 */
const SCALE = Number(process.env.BENCH_SEARCH_SCALE ?? 1);
const SERVER = process.env.BENCH_SEARCH_DATABASE_URL;
const TARGET = 0.95;
const HEADING = "## Search";
const loadAtStart = os.loadavg();

async function open(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (!SERVER) return { handle: await openDatabase({ kind: "embedded" }), drop: async () => {} };
  const name = "trustledger_bench_search";
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return { handle: await openDatabase({ kind: "postgres", url: url.toString() }), drop: async () => {} };
}

const { handle } = await open();
const db = handle.db;
await migrateToLatest(db);
const orgId = "org-bench-search";
const userId = "user-bench-search";
await sql`insert into "organization" (id, name, slug, "createdAt") values (${orgId}, 'Zoekkantoor', 'zoekkantoor', now())`.execute(db);
await sql`insert into "user" (id, name, email, "emailVerified") values (${userId}, 'Bench', 'bench@example.test', true)`.execute(db);
const actor: Actor = { userId, orgId, role: "advisor", via: "session" };

const background = generateBackground({
  clients: 400 * SCALE,
  contacts: 800 * SCALE,
  interactions: 4000 * SCALE,
  commitments: 1500 * SCALE,
});
/** Record key → id, and id → key for reading results. */
const ids = new Map<string, string>();
const keys = new Map<string, string>();
const idOf = (key: string) => {
  let id = ids.get(key);
  if (!id) {
    id = randomUUID();
    ids.set(key, id);
    keys.set(id, key);
  }
  return id;
};
const now = new Date("2026-12-01T10:00:00Z");
const chunks = <T>(rows: T[], size = 500) =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

const clientRows = [...CLIENTS.map((c) => ({ ...c, notes: c.notes ?? null })), ...background.clients].map((c) => ({
  org_id: orgId,
  id: idOf(c.key),
  kind: c.kind,
  name: c.name,
  sort_name: c.name.toLowerCase(),
  email: null,
  phone: null,
  website: null,
  notes: c.notes,
  account_owner_id: null,
  team_id: null,
  archived_at: null,
}));
for (const rows of chunks(clientRows)) await db.insertInto("clients").values(rows).execute();
const contactRows = [...CONTACTS.map((c) => ({ ...c, role: c.role ?? null, email: c.email ?? null })), ...background.contacts].map((c) => ({
  org_id: orgId,
  id: idOf(c.key),
  client_id: idOf(c.client),
  name: c.name,
  role: c.role,
  email: c.email,
  phone: null,
}));
for (const rows of chunks(contactRows)) await db.insertInto("contacts").values(rows).execute();
const interactionRows = [
  ...INTERACTIONS.map((i) => ({ ...i, contact: i.contact ?? null, body: i.body ?? null })),
  ...background.interactions,
].map((i, n) => ({
  org_id: orgId,
  id: idOf(i.key),
  client_id: idOf(i.client),
  contact_id: i.contact ? idOf(i.contact) : null,
  kind: i.kind,
  direction: i.direction,
  initiated_by: "us" as const,
  occurred_at: new Date(now.getTime() - n * 3_600_000),
  summary: i.summary,
  body: i.body,
  client_raised_problem: false,
  client_invitation: false,
  logged_by: userId,
}));
for (const rows of chunks(interactionRows)) await db.insertInto("interactions").values(rows).execute();
const commitmentRows = [...COMMITMENTS, ...background.commitments].map((m) => ({
  org_id: orgId,
  id: idOf(m.key),
  client_id: idOf(m.client),
  contact_id: null,
  title: m.title,
  done_when: m.doneWhen,
  owner_id: userId,
  source: "call" as const,
  sla_policy_id: null,
  due_at: now,
  original_due_at: now,
}));
for (const rows of chunks(commitmentRows)) await db.insertInto("commitments").values(rows).execute();
await sql`analyze`.execute(db);

type Outcome = Label & { rank: number | null; top: string[]; ms: number };
async function run(labels: Label[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const label of labels) {
    if (!ids.has(label.expected)) throw new Error(`label names an unknown record: ${label.expected}`);
    const started = performance.now();
    const { results } = await search({ db }, actor, { q: label.query, limit: 10 });
    const ms = performance.now() - started;
    const found = results.map((r) => keys.get(r.id) ?? r.id);
    const at = found.indexOf(label.expected);
    outcomes.push({ ...label, rank: at < 0 ? null : at + 1, top: found.slice(0, 3), ms });
  }
  return outcomes;
}

// Warm up (first queries load dictionaries), then measure.
await run(LABELS.slice(0, 20));
const development = await run(LABELS);
const holdout = await run(HOLDOUT);
const frozen = await run(FROZEN);
await handle.close();

type Summary = { queries: number; recall10: number; recall1: number; mrr: number };
function summarize(outcomes: Outcome[]): Summary {
  const hits = outcomes.filter((o) => o.rank !== null);
  return {
    queries: outcomes.length,
    recall10: hits.length / outcomes.length,
    recall1: outcomes.filter((o) => o.rank === 1).length / outcomes.length,
    mrr: outcomes.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / outcomes.length,
  };
}
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

const fixed = (n: number) => n.toFixed(3);
const verdict = (ok: boolean) => (ok ? "✓" : "✗");
const dev = summarize(development);
const held = summarize(holdout);
const cold = summarize(frozen);
const kinds = [...new Set(LABELS.map((l) => l.kind))];
const byKind = kinds.map((kind) => {
  const s = summarize(development.filter((o) => o.kind === kind));
  return `${kind} ${fixed(s.recall10)} (${s.queries})`;
});
const times = [...development, ...holdout, ...frozen].map((o) => o.ms);
const counts = {
  clients: clientRows.length,
  contacts: contactRows.length,
  interactions: interactionRows.length,
  commitments: commitmentRows.length,
};
const loadText = loadAtStart.map((n) => n.toFixed(1)).join(", ");
const busy = loadAtStart[0] !== undefined && loadAtStart[0] > os.cpus().length * 0.5;
const row = (name: string, s: Summary, note: string) =>
  `| ${name} | ${s.queries} | ${fixed(s.recall10)} ${verdict(s.recall10 >= TARGET)} | ${fixed(s.recall1)} | ${fixed(s.mrr)} | ${note} |`;

// First-run figures (recall@10 / recall@1 / MRR), kept so later runs can be read against them.
const DEV_NOTE =
  "written before the first run (59e1b52); first run 0.981 / 0.897 / 0.935 (5 misses); the ranking was then changed for its misses";
const HOLDOUT_NOTE =
  "written with the development set; first run 0.917 / 0.883 / 0.894; never used to change the search, though its misses were printed by the first run";
const FROZEN_NOTE =
  "written after the first run, committed (729dbb3) before any change was run; first run 0.950 / 0.817 / 0.883 (3 misses); never tuned against";

const section = [
  HEADING,
  "",
  "Written by `npm run bench:search` (bench/search.ts; also run at the end of `npm run bench`). Target from the issue: recall@10 ≥ 0.95",
  "on at least 200 labelled Dutch and English query → record pairs.",
  "",
  `- Date: ${new Date().toISOString()}; Node ${process.version}; ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores; ` +
    `${SERVER ? "PostgreSQL server" : "embedded database (PGlite), in memory"}`,
  `- Machine load: load average ${loadText} (1, 5, 15 min) at the start${busy ? " — the machine was busy with other work" : ""}`,
  `- Records: ${Object.entries(counts)
    .map(([k, v]) => `${v.toLocaleString("en")} ${k}`)
    .join(", ")} — ${CLIENTS.length + CONTACTS.length + INTERACTIONS.length + COMMITMENTS.length} hand-written targets ` +
    "(bench/search/targets.ts) among generated look-alikes sharing their common words (background.ts)",
  "- A query counts as found when its expected record is among the first ten results of GET /search (the use-case, limit 10).",
  "  recall@1 and MRR (mean reciprocal rank) say how high it came.",
  "",
  "| Set | Queries | Recall@10 | Recall@1 | MRR | About the set |",
  "|---|---|---|---|---|---|",
  row("development (`labels.ts`)", dev, DEV_NOTE),
  row("holdout (`holdout.ts`), not tuned", held, HOLDOUT_NOTE),
  row("**frozen (`frozen.ts`), never tuned**", cold, FROZEN_NOTE),
  "",
  `Development set by kind (recall@10, queries): ${byKind.join("; ")}.`,
  "",
  "What changed after the first run, for the development set's misses (src/modules/search/search.repository.ts): records holding every",
  "word no longer rank only by ts_rank but first by how rare their words are among everything found (so one rare word beats one common",
  'one), and a word also covers a record when its title holds it inside a compound ("jaarrekening" in "Conceptjaarrekening") or its',
  'client\'s name holds it ("kapsalon schijnzelfstandigheid"), at half weight. Then, for time on large data: candidates only through the',
  "GIN indexes, at most 500 per word and table plus up to 1,000 holding every word; prefixes from three letters on.",
  "Known misses, left as they are: a Dutch compound typed as one word that the record writes apart or differently",
  '("verbouwingsofferte", "offertevergelijking"), f/v and noun/verb pairs the stemmer does not join ("definitief"/"definitieve",',
  '"klacht"/"klaagt"), German transliteration ("mueller" for "Müller"), and a common word among thousands of look-alikes ("hovenier"',
  "among 360 Hoveniersbedrijven at 25× the records). At 25× the records (BENCH_SEARCH_SCALE=25, PostgreSQL, 100,030 interactions) on",
  "2026-12-04: development 0.989, holdout 0.950, frozen 0.950; median 36.5 ms, p95 79.2 ms per query.",
  "",
  `Time per query on this corpus (${SERVER ? "PostgreSQL" : "PGlite"}, one at a time): median ${percentile(times, 50).toFixed(1)} ms, ` +
    `p95 ${percentile(times, 95).toFixed(1)} ms. The latency target (p95 < 100 ms with 2M interactions, PostgreSQL) belongs to \`npm run bench\`, which measures it over generated interactions (bench/generate-trust.ts) in the trust ledger section.`,
  "",
].join("\n");

if (process.env.BENCH_SEARCH_WRITE !== "0") writeResultsSection(HEADING, section);
console.log(section);
const misses = (name: string, outcomes: Outcome[]) => {
  const missed = outcomes.filter((o) => o.rank === null);
  console.log(`\nMisses of the ${name} set (${missed.length}):`);
  for (const o of missed) console.log(`- [${o.kind}] "${o.query}" → expected ${o.expected}; top: ${o.top.join(", ") || "(nothing)"}`);
};
misses("development", development);
misses("holdout", holdout);
misses("frozen", frozen);
