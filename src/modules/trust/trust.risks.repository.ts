import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** SQL of the at-risk list: the kept reasons per client and what refreshing them reads. */

/** Marks a client's reasons to be worked out again (in the transaction that changed its evidence). */
export async function markStale(db: Kysely<DB>, orgId: string, clientId: string) {
  await db
    .insertInto("client_risks")
    .values({ org_id: orgId, client_id: clientId, stale: true })
    .onConflict((conflict) => conflict.columns(["org_id", "client_id"]).doUpdateSet({ stale: true }))
    .execute();
}

/**
 * Rows due for a refresh: stale ones first, then those not worked out since
 * `before` — two claims, each along its own index (migration 0019).
 */
export async function dueForRefresh(db: Kysely<DB>, orgId: string | undefined, before: Date, limit: number, wait = false) {
  let stale = db.selectFrom("client_risks").select(["org_id", "client_id"]).where("stale", "=", true);
  if (orgId) stale = stale.where("org_id", "=", orgId);
  // The sweep skips rows another refresher holds; a reader waits for them, so it lists what they wrote.
  const lock = <Q extends { forUpdate(): Q & { skipLocked(): Q } }>(query: Q) =>
    wait ? query.forUpdate() : query.forUpdate().skipLocked();
  const first = await lock(stale.limit(limit)).execute();
  if (first.length >= limit) return first;
  let old = db.selectFrom("client_risks").select(["org_id", "client_id"]).where("stale", "=", false).where("computed_at", "<", before);
  if (orgId) old = old.where("org_id", "=", orgId);
  const second = await lock(old.orderBy("computed_at").limit(limit - first.length)).execute();
  return [...first, ...second];
}

export async function saveRisk(
  db: Kysely<DB>,
  row: {
    org_id: string;
    client_id: string;
    rank: number;
    reasons: unknown[];
    codes: string[];
    next_step: string | null;
    computed_at: Date;
  },
) {
  await db
    .updateTable("client_risks")
    .set({
      rank: row.rank,
      reasons: JSON.stringify(row.reasons),
      codes: row.codes,
      next_step: row.next_step,
      computed_at: row.computed_at,
      stale: false,
    })
    .where("org_id", "=", row.org_id)
    .where("client_id", "=", row.client_id)
    .execute();
}

export async function rhythmSettings(db: Kysely<DB>, orgId: string, clientId: string) {
  const org = await db.selectFrom("trust_settings").select("contact_rhythm_days").where("org_id", "=", orgId).executeTakeFirst();
  const client = await db
    .selectFrom("trust_client_settings")
    .select("contact_rhythm_days")
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return { orgDays: org?.contact_rhythm_days ?? 30, clientDays: client?.contact_rhythm_days ?? null };
}

export async function setClientRhythm(db: Kysely<DB>, orgId: string, clientId: string, days: number | null) {
  await db
    .insertInto("trust_client_settings")
    .values({ org_id: orgId, client_id: clientId, contact_rhythm_days: days })
    .onConflict((conflict) => conflict.columns(["org_id", "client_id"]).doUpdateSet({ contact_rhythm_days: days }))
    .execute();
}

/** A client's counted evidence of some kinds since a time, newest first: one row per source (its Integrity row). */
export async function evidenceOfKinds(db: Kysely<DB>, orgId: string, clientId: string, kinds: readonly string[], since: Date) {
  return db
    .selectFrom("trust_evidence")
    .select(["id", "kind", "core", "weight", "occurred_at", "label", "source_type", "source_id"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("core", "=", "integrity")
    .where("kind", "in", kinds)
    .where("occurred_at", ">=", since)
    .where("revoked_at", "is", null)
    .orderBy("occurred_at", "desc")
    .limit(50)
    .execute();
}

/** A client's negative Integrity evidence since a time (what made it drop). */
export async function integrityLossesSince(db: Kysely<DB>, orgId: string, clientId: string, since: Date) {
  return db
    .selectFrom("trust_evidence")
    .select(["id", "kind", "core", "weight", "occurred_at", "label", "source_type", "source_id"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("core", "=", "integrity")
    .where("weight", "<", 0)
    .where("occurred_at", ">=", since)
    .where("revoked_at", "is", null)
    .orderBy("weight")
    .limit(10)
    .execute();
}

export type RiskListFilter = {
  ownerId?: string | undefined;
  teamId?: string | undefined;
  includeAcknowledged: boolean;
  now: Date;
  limit: number;
};

/** The ranked list with each client's name and account owner. */
export async function listRisks(db: Kysely<DB>, orgId: string, filter: RiskListFilter) {
  let query = db
    .selectFrom("client_risks as r")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "r.org_id").onRef("c.id", "=", "r.client_id"))
    .leftJoin("user as u", "u.id", "c.account_owner_id")
    .select([
      "r.client_id",
      "c.name as client_name",
      "c.account_owner_id",
      "u.name as owner_name",
      "c.team_id",
      "r.rank",
      "r.reasons",
      "r.codes",
      "r.next_step",
      "r.computed_at",
      "r.acknowledged_at",
      "r.acknowledged_by",
      "r.acknowledged_reason",
      "r.acknowledged_codes",
      "r.snoozed_until",
    ])
    .where("r.org_id", "=", orgId)
    .where("r.rank", ">", 0)
    .where("c.archived_at", "is", null);
  if (filter.ownerId) query = query.where("c.account_owner_id", "=", filter.ownerId);
  if (filter.teamId) query = query.where("c.team_id", "=", filter.teamId);
  if (!filter.includeAcknowledged) {
    // Hidden while snoozed, unless a reason came up that the acknowledgement did not see.
    query = query.where((eb) =>
      eb.or([
        eb("r.snoozed_until", "is", null),
        eb("r.snoozed_until", "<=", filter.now),
        sql<boolean>`not (r.codes <@ coalesce(r.acknowledged_codes, '{}'))`,
      ]),
    );
  }
  return query.orderBy("r.rank", "desc").orderBy("r.client_id").limit(filter.limit).execute();
}

export async function findRisk(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("client_risks")
    .select(["codes", "rank"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .forUpdate()
    .executeTakeFirst();
}

export async function acknowledge(
  db: Kysely<DB>,
  orgId: string,
  clientId: string,
  ack: { by: string; reason: string; codes: string[]; at: Date; until: Date },
) {
  await db
    .updateTable("client_risks")
    .set({
      acknowledged_at: ack.at,
      acknowledged_by: ack.by,
      acknowledged_reason: ack.reason,
      acknowledged_codes: ack.codes,
      snoozed_until: ack.until,
    })
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .execute();
}

/** The evidence an event became (one row per source: its first core). */
export async function evidenceOfEvent(db: Kysely<DB>, orgId: string, eventId: string) {
  return db
    .selectFrom("trust_evidence")
    .select(["id", "kind", "core", "weight", "occurred_at", "label", "source_type", "source_id"])
    .where("org_id", "=", orgId)
    .where("event_id", "=", eventId)
    .where("revoked_at", "is", null)
    .orderBy("core")
    .limit(4)
    .execute();
}

/** `markStale` for many clients at once (a rebuild of the ledger). */
export async function markStaleMany(db: Kysely<DB>, orgId: string, clientIds: readonly string[]) {
  for (let start = 0; start < clientIds.length; start += 5000) {
    const chunk = clientIds.slice(start, start + 5000);
    await db
      .insertInto("client_risks")
      .values(chunk.map((clientId) => ({ org_id: orgId, client_id: clientId, stale: true })))
      .onConflict((conflict) => conflict.columns(["org_id", "client_id"]).doUpdateSet({ stale: true }))
      .execute();
  }
}
