import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export async function findContact(db: Kysely<DB>, orgId: string, clientId: string, contactId: string) {
  return db
    .selectFrom("contacts")
    .select(["id", "name", "email"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", contactId)
    .executeTakeFirst();
}

export async function capDays(db: Kysely<DB>, orgId: string): Promise<number> {
  const row = await db.selectFrom("trust_settings").select("pulse_cap_days").where("org_id", "=", orgId).executeTakeFirst();
  return row?.pulse_cap_days ?? 90;
}

/** The contact's latest request since a time (the frequency cap), locked against a second one at the same moment. */
export async function lastRequestSince(db: Kysely<DB>, orgId: string, contactId: string, since: Date) {
  return db
    .selectFrom("pulse_requests")
    .select(["id", "created_at"])
    .where("org_id", "=", orgId)
    .where("contact_id", "=", contactId)
    .where("created_at", ">", since)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function lockContact(db: Kysely<DB>, orgId: string, contactId: string) {
  await db.selectFrom("contacts").select("id").where("org_id", "=", orgId).where("id", "=", contactId).forUpdate().execute();
}

export async function insertRequest(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    client_id: string;
    contact_id: string;
    token_hash: string;
    language: "nl" | "en";
    created_by: string;
    created_at: Date;
    expires_at: Date;
  },
) {
  await db.insertInto("pulse_requests").values(row).execute();
}

/** An open request by its token's hash: not expired, not answered. */
export async function findOpenRequest(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom("pulse_requests as p")
    .innerJoin("organization as o", "o.id", "p.org_id")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "p.org_id").onRef("c.id", "=", "p.client_id"))
    .innerJoin("contacts as k", (join) => join.onRef("k.org_id", "=", "p.org_id").onRef("k.id", "=", "p.contact_id"))
    .select([
      "p.org_id",
      "p.id",
      "p.client_id",
      "p.contact_id",
      "p.language",
      "p.expires_at",
      "o.name as organization_name",
      "c.name as client_name",
      "k.name as contact_name",
    ])
    .where("p.token_hash", "=", tokenHash)
    .where("p.answered_at", "is", null)
    .where("p.expires_at", ">", now)
    .executeTakeFirst();
}

/** Marks the request answered unless it already was; false when someone answered first. */
export async function markAnswered(db: Kysely<DB>, orgId: string, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable("pulse_requests")
    .set({ answered_at: now })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("answered_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAnswer(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    request_id: string;
    client_id: string;
    contact_id: string;
    integrity: number;
    intent: number;
    capabilities: number;
    results: number;
    comment: string | null;
    answered_at: Date;
  },
) {
  await db.insertInto("pulse_answers").values(row).execute();
}

/** Averages per core of a client's answers since a time, and how many. */
export async function averagesSince(db: Kysely<DB>, orgId: string, clientId: string, since: Date) {
  return db
    .selectFrom("pulse_answers")
    .select([
      sql<number>`count(*)::int`.as("answers"),
      sql<number | null>`avg(integrity)::float8`.as("integrity"),
      sql<number | null>`avg(intent)::float8`.as("intent"),
      sql<number | null>`avg(capabilities)::float8`.as("capabilities"),
      sql<number | null>`avg(results)::float8`.as("results"),
    ])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("answered_at", ">=", since)
    .executeTakeFirstOrThrow();
}

export async function latestAnswer(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("pulse_answers")
    .select(["id", "request_id", "integrity", "intent", "capabilities", "results", "comment", "answered_at", "contact_id"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .orderBy("answered_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function requestCounts(db: Kysely<DB>, orgId: string, clientId: string, since: Date) {
  return db
    .selectFrom("pulse_requests")
    .select([sql<number>`count(*)::int`.as("sent"), sql<number>`count(answered_at)::int`.as("answered")])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("created_at", ">=", since)
    .executeTakeFirstOrThrow();
}

export async function listRequests(db: Kysely<DB>, orgId: string, clientId: string, limit: number) {
  return db
    .selectFrom("pulse_requests as p")
    .innerJoin("contacts as k", (join) => join.onRef("k.org_id", "=", "p.org_id").onRef("k.id", "=", "p.contact_id"))
    .leftJoin("pulse_answers as a", (join) => join.onRef("a.org_id", "=", "p.org_id").onRef("a.request_id", "=", "p.id"))
    .select([
      "p.id",
      "p.contact_id",
      "k.name as contact_name",
      "p.created_at",
      "p.expires_at",
      "p.answered_at",
      "a.integrity",
      "a.intent",
      "a.capabilities",
      "a.results",
      "a.comment",
    ])
    .where("p.org_id", "=", orgId)
    .where("p.client_id", "=", clientId)
    .orderBy("p.created_at", "desc")
    .limit(limit)
    .execute();
}

// Team pulse --------------------------------------------------------------

/** Records that the user took part this period; false when they already did. */
export async function recordParticipation(db: Kysely<DB>, orgId: string, clientId: string, period: string, userId: string) {
  const row = await db
    .insertInto("team_pulse_participation")
    .values({ org_id: orgId, client_id: clientId, period, user_id: userId })
    .onConflict((conflict) => conflict.doNothing())
    .returning("user_id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTeamAnswer(
  db: Kysely<DB>,
  row: { org_id: string; id: string; client_id: string; period: string; feeling: number; words: string | null },
) {
  await db.insertInto("team_pulse_answers").values(row).execute();
}

export async function hasParticipated(db: Kysely<DB>, orgId: string, clientId: string, period: string, userId: string) {
  const row = await db
    .selectFrom("team_pulse_participation")
    .select("user_id")
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("period", "=", period)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Count, average and (shuffled) words of a period: never one answer on its own. */
export async function teamAggregate(db: Kysely<DB>, orgId: string, clientId: string, period: string) {
  const totals = await db
    .selectFrom("team_pulse_answers")
    .select([sql<number>`count(*)::int`.as("answers"), sql<number | null>`avg(feeling)::float8`.as("average")])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("period", "=", period)
    .executeTakeFirstOrThrow();
  const words = await db
    .selectFrom("team_pulse_answers")
    .select("words")
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("period", "=", period)
    .where("words", "is not", null)
    .orderBy(sql`random()`)
    .execute();
  return { answers: totals.answers, average: totals.average, words: words.map((row) => row.words as string) };
}

export async function organizationName(db: Kysely<DB>, orgId: string): Promise<string> {
  const row = await db.selectFrom("organization").select("name").where("id", "=", orgId).executeTakeFirst();
  return row?.name ?? "";
}
