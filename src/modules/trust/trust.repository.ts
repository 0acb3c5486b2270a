import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { TrustCore } from "../../db/schema-trust.ts";

export async function findSettings(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("trust_settings").select(["half_life_days", "weights", "version"]).where("org_id", "=", orgId).executeTakeFirst();
}

/** Saves settings when `expectedVersion` still holds (or none exist yet); false on a lost update. */
export async function saveSettings(
  db: Kysely<DB>,
  orgId: string,
  settings: { halfLifeDays: number; weights: Record<string, unknown> },
  expectedVersion: number | undefined,
  now: Date,
): Promise<boolean> {
  const weights = JSON.stringify(settings.weights);
  const result = await db
    .insertInto("trust_settings")
    .values({ org_id: orgId, half_life_days: settings.halfLifeDays, weights, updated_at: now })
    .onConflict((conflict) =>
      conflict
        .column("org_id")
        .doUpdateSet((eb) => ({
          half_life_days: settings.halfLifeDays,
          weights,
          updated_at: now,
          version: eb(eb.ref("trust_settings.version"), "+", 1),
        }))
        .where((eb) => (expectedVersion === undefined ? eb.val(true) : eb("trust_settings.version", "=", expectedVersion))),
    )
    .returning("version")
    .executeTakeFirst();
  return result !== undefined;
}

export type EvidenceInsert = {
  org_id: string;
  id: string;
  event_id: string;
  client_id: string;
  core: TrustCore;
  kind: string;
  weight: number;
  occurred_at: Date;
  source_type: string;
  source_id: string;
  subject_user_id: string | null;
  recorded_by: string | null;
  note: string | null;
  label: string | null;
};

/** Inserts evidence rows; returns those that were new (a replayed event inserts nothing). */
export async function insertEvidence(db: Kysely<DB>, rows: readonly EvidenceInsert[]) {
  if (rows.length === 0) return [];
  return db
    .insertInto("trust_evidence")
    .values(rows.map((row) => ({ ...row })))
    .onConflict((conflict) => conflict.columns(["org_id", "event_id", "kind", "core"]).doNothing())
    .returning(["client_id", "core", "weight", "occurred_at"])
    .execute();
}

/** Marks the evidence of an undone event; returns what it had counted. */
export async function revokeEvidenceOf(db: Kysely<DB>, orgId: string, eventId: string, byEventId: string, now: Date) {
  return db
    .updateTable("trust_evidence")
    .set({ revoked_at: now, revoked_by_event_id: byEventId })
    .where("org_id", "=", orgId)
    .where("event_id", "=", eventId)
    .where("revoked_at", "is", null)
    .returning(["client_id", "core", "weight", "occurred_at"])
    .execute();
}

/** A client's scores on the given cores, locked until the transaction ends (the ledger's writers queue here). */
export async function lockScores(db: Kysely<DB>, orgId: string, clientId: string, cores: readonly TrustCore[]) {
  return db
    .selectFrom("trust_scores")
    .select(["core", "r", "s", "as_of", "evidence_count"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("core", "in", cores)
    .orderBy("core")
    .forUpdate()
    .execute();
}

export async function listScores(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("trust_scores")
    .select(["core", "r", "s", "as_of", "evidence_count"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .execute();
}

/** Per core, the last day's state at or before `day`. */
export async function scoresOnDay(db: Kysely<DB>, orgId: string, clientId: string, day: string) {
  return db
    .selectFrom("trust_score_days")
    .distinctOn("core")
    .select(["core", "r", "s", "as_of"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("day", "<=", day)
    .orderBy("core")
    .orderBy("day", "desc")
    .execute();
}

/** Day states from `fromDay` on, plus the last one before it per core (the line's start). */
export async function scoreDaysSince(db: Kysely<DB>, orgId: string, clientId: string, fromDay: string) {
  return db
    .selectFrom("trust_score_days")
    .select(["core", "day", "r", "s", "as_of"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("day", ">=", fromDay)
    .orderBy("day")
    .execute();
}

export async function listEvidence(db: Kysely<DB>, orgId: string, clientId: string, core: TrustCore | undefined) {
  let query = db
    .selectFrom("trust_evidence")
    .select([
      "id",
      "event_id",
      "core",
      "kind",
      "weight",
      "occurred_at",
      "source_type",
      "source_id",
      "subject_user_id",
      "recorded_by",
      "note",
      "label",
    ])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("revoked_at", "is", null);
  if (core) query = query.where("core", "=", core);
  return query.orderBy("occurred_at", "desc").orderBy("id").execute();
}

/** Forgets an organization's evidence and scores (a rebuild follows in the same transaction). */
export async function clearLedger(db: Kysely<DB>, orgId: string) {
  await db.deleteFrom("trust_score_days").where("org_id", "=", orgId).execute();
  await db.deleteFrom("trust_scores").where("org_id", "=", orgId).execute();
  await db.deleteFrom("trust_evidence").where("org_id", "=", orgId).execute();
}

/** The whole ledger of an organization, for comparing a rebuild with what was written as things happened. */
export async function dumpLedger(db: Kysely<DB>, orgId: string) {
  const evidence = await db
    .selectFrom("trust_evidence")
    .select(["event_id", "client_id", "core", "kind", "weight", "occurred_at", "subject_user_id", "revoked_at"])
    .where("org_id", "=", orgId)
    .orderBy("event_id")
    .orderBy("kind")
    .orderBy("core")
    .execute();
  const scores = await db
    .selectFrom("trust_scores")
    .select(["client_id", "core", "r", "s", "as_of", "evidence_count"])
    .where("org_id", "=", orgId)
    .orderBy("client_id")
    .orderBy("core")
    .execute();
  return { evidence, scores };
}

export async function countEvidence(db: Kysely<DB>, orgId: string) {
  const row = await db
    .selectFrom("trust_evidence")
    .select(sql<number>`count(*)::int`.as("count"))
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Every counted piece of evidence of an organization with its client's name (the settings preview). */
export async function allLiveEvidence(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("trust_evidence as e")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "e.org_id").onRef("c.id", "=", "e.client_id"))
    .select(["e.client_id", "c.name as client_name", "e.core", "e.kind", "e.weight", "e.occurred_at"])
    .where("e.org_id", "=", orgId)
    .where("e.revoked_at", "is", null)
    .execute();
}

/**
 * Bulk writes of a rebuild: many rows per statement, chunked to stay far below
 * PostgreSQL's 65,535 bind parameters (evidence has 14 columns).
 */
const BULK_ROWS = 2000;

function* chunks<T>(rows: readonly T[]): Generator<readonly T[]> {
  for (let start = 0; start < rows.length; start += BULK_ROWS) yield rows.slice(start, start + BULK_ROWS);
}

/**
 * Evidence of a rebuild (after `clearLedger`, so nothing conflicts; a replayed
 * event id still inserts nothing). One array per column through unnest: a
 * statement's size no longer grows with its rows, so PostgreSQL parses and
 * plans it once per 10,000 rows instead of reading 140,000 parameters.
 */
export async function insertEvidenceBulk(db: Kysely<DB>, rows: readonly EvidenceInsert[]) {
  for (let start = 0; start < rows.length; start += 10_000) {
    const chunk = rows.slice(start, start + 10_000);
    const column = <T>(pick: (row: EvidenceInsert) => T) => chunk.map(pick);
    const orgId = chunk[0]?.org_id;
    if (!orgId || chunk.some((row) => row.org_id !== orgId)) throw new Error("a bulk insert holds one organization's evidence");
    await sql`
      insert into trust_evidence
        (org_id, id, event_id, client_id, core, kind, weight, occurred_at, source_type, source_id, subject_user_id, recorded_by, note, label)
      select ${orgId}, e.* from unnest(
        ${column((row) => row.id)}::uuid[], ${column((row) => row.event_id)}::uuid[], ${column((row) => row.client_id)}::uuid[],
        ${column((row) => row.core)}::text[], ${column((row) => row.kind)}::text[], ${column((row) => row.weight)}::float8[],
        ${column((row) => row.occurred_at.toISOString())}::timestamptz[], ${column((row) => row.source_type)}::text[],
        ${column((row) => row.source_id)}::uuid[], ${column((row) => row.subject_user_id)}::text[],
        ${column((row) => row.recorded_by)}::text[], ${column((row) => row.note)}::text[], ${column((row) => row.label)}::text[]
      ) as e
      on conflict (org_id, event_id, kind, core) do nothing
    `.execute(db);
  }
}

export type ScoreRow = { org_id: string; client_id: string; core: TrustCore; r: number; s: number; as_of: Date; evidence_count: number };
export type ScoreDayRow = { org_id: string; client_id: string; core: TrustCore; day: string; r: number; s: number; as_of: Date };

export async function upsertScoresBulk(db: Kysely<DB>, rows: readonly ScoreRow[]) {
  for (const chunk of chunks(rows)) {
    await db
      .insertInto("trust_scores")
      .values([...chunk])
      .onConflict((conflict) =>
        conflict.columns(["org_id", "client_id", "core"]).doUpdateSet((eb) => ({
          r: eb.ref("excluded.r"),
          s: eb.ref("excluded.s"),
          as_of: eb.ref("excluded.as_of"),
          evidence_count: eb.ref("excluded.evidence_count"),
        })),
      )
      .execute();
  }
}

/** Day states of a rebuild or a write, through unnest like `insertEvidenceBulk`; a day seen again takes the later state. */
export async function upsertScoreDaysBulk(db: Kysely<DB>, rows: readonly ScoreDayRow[]) {
  for (let start = 0; start < rows.length; start += 10_000) {
    const chunk = rows.slice(start, start + 10_000);
    const orgId = chunk[0]?.org_id;
    if (!orgId || chunk.some((row) => row.org_id !== orgId)) throw new Error("a bulk upsert holds one organization's day states");
    await sql`
      insert into trust_score_days (org_id, client_id, core, day, r, s, as_of)
      select ${orgId}, d.* from unnest(
        ${chunk.map((row) => row.client_id)}::uuid[], ${chunk.map((row) => row.core)}::text[], ${chunk.map((row) => row.day)}::date[],
        ${chunk.map((row) => row.r)}::float8[], ${chunk.map((row) => row.s)}::float8[],
        ${chunk.map((row) => row.as_of.toISOString())}::timestamptz[]
      ) as d
      on conflict (org_id, client_id, core, day) do update set r = excluded.r, s = excluded.s, as_of = excluded.as_of
    `.execute(db);
  }
}
