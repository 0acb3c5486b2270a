import { type Insertable, type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** All SQL of contracts: always scoped to one organization. */

export async function insertContract(db: Kysely<DB>, row: Insertable<DB["contracts"]>) {
  await db.insertInto("contracts").values(row).execute();
}

const contractColumns = [
  "k.id",
  "k.client_id",
  "c.name as client_name",
  "k.title",
  "k.starts_on",
  "k.annual_price_cents",
  "k.series_id",
  "k.method",
  "k.lag_months",
  "k.base_period",
  "k.effective_month",
  "k.cap_pct",
  "k.floor_pct",
  "k.round_pct_decimals",
  "k.term_months",
  "k.renewal",
  "k.created_at",
] as const;

export async function findContract(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("contracts as k")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "k.org_id").onRef("c.id", "=", "k.client_id"))
    .select(contractColumns)
    .where("k.org_id", "=", orgId)
    .where("k.id", "=", id)
    .executeTakeFirst();
}

export async function listContracts(db: Kysely<DB>, orgId: string, clientId: string | undefined) {
  let query = db
    .selectFrom("contracts as k")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "k.org_id").onRef("c.id", "=", "k.client_id"))
    .select(contractColumns)
    .where("k.org_id", "=", orgId);
  if (clientId) query = query.where("k.client_id", "=", clientId);
  return query.orderBy("c.name").orderBy("k.title").orderBy("k.id").limit(1000).execute();
}

export async function listIncreases(db: Kysely<DB>, orgId: string, contractIds: readonly string[]) {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom("contract_increases")
    .select(["contract_id", "year", "effective_on", "applied_pct", "new_price_cents"])
    .where("org_id", "=", orgId)
    .where("contract_id", "in", contractIds)
    .orderBy("year")
    .execute();
}

/** False when the contract year already has an increase (one a year). */
export async function insertIncrease(db: Kysely<DB>, row: Insertable<DB["contract_increases"]>): Promise<boolean> {
  const inserted = await db
    .insertInto("contract_increases")
    .values(row)
    .onConflict((conflict) => conflict.columns(["org_id", "contract_id", "year"]).doNothing())
    .returning("year")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listCorrections(db: Kysely<DB>, orgId: string, contractIds: readonly string[]) {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom("contract_corrections")
    .select(["id", "contract_id", "raised_by", "refund_cents", "audited_overcharge_cents", "note", "recorded_at"])
    .where("org_id", "=", orgId)
    .where("contract_id", "in", contractIds)
    .orderBy("recorded_at")
    .execute();
}

export async function insertCorrection(db: Kysely<DB>, row: Insertable<DB["contract_corrections"]>) {
  await db.insertInto("contract_corrections").values(row).execute();
}

/** Notes that a person opened the contract's audit (the dashboard lists indexed contracts nobody audited). */
export async function markAudited(db: Kysely<DB>, orgId: string, id: string, userId: string, at: Date) {
  await db
    .updateTable("contracts")
    .set({ last_audited_at: at, last_audited_by: userId })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

/*
 * The portfolio audit reads a whole organization (or one client) in four
 * statements, whatever the number of contracts: the dashboard audits them all
 * in memory, which is cheaper than a statement per contract.
 */

export async function listIndexedContracts(db: Kysely<DB>, orgId: string, clientId: string | undefined) {
  let query = db
    .selectFrom("contracts as k")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "k.org_id").onRef("c.id", "=", "k.client_id"))
    .select([...contractColumns, "k.last_audited_at"])
    .where("k.org_id", "=", orgId)
    .where("k.series_id", "is not", null);
  if (clientId) query = query.where("k.client_id", "=", clientId);
  return query.orderBy("k.id").execute();
}

export async function listIncreasesOfIndexed(db: Kysely<DB>, orgId: string, clientId: string | undefined) {
  let query = db
    .selectFrom("contract_increases as i")
    .innerJoin("contracts as k", (join) => join.onRef("k.org_id", "=", "i.org_id").onRef("k.id", "=", "i.contract_id"))
    .select(["i.contract_id", "i.effective_on", "i.applied_pct", "i.new_price_cents"])
    .where("i.org_id", "=", orgId)
    .where("k.series_id", "is not", null);
  if (clientId) query = query.where("k.client_id", "=", clientId);
  return query.orderBy("i.contract_id").orderBy("i.year").execute();
}

/** Per contract: what was refunded or credited, and how many of the corrections the client had to raise. */
export async function correctionTotals(db: Kysely<DB>, orgId: string, clientId: string | undefined) {
  let query = db
    .selectFrom("contract_corrections as r")
    .innerJoin("contracts as k", (join) => join.onRef("k.org_id", "=", "r.org_id").onRef("k.id", "=", "r.contract_id"))
    .select([
      "r.contract_id",
      sql<string>`sum(r.refund_cents)`.as("refund_cents"),
      sql<number>`count(*)::int`.as("count"),
      sql<number>`count(*) filter (where r.raised_by = 'client')::int`.as("raised_by_client"),
    ])
    .where("r.org_id", "=", orgId)
    .groupBy("r.contract_id");
  if (clientId) query = query.where("k.client_id", "=", clientId);
  return query.execute();
}
export async function insertLines(db: Kysely<DB>, rows: Insertable<DB["contract_lines"]>[]) {
  if (rows.length === 0) return;
  await db.insertInto("contract_lines").values(rows).execute();
}

export async function listLines(db: Kysely<DB>, orgId: string, contractIds: readonly string[]) {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom("contract_lines")
    .select(["id", "contract_id", "position", "role", "hourly_rate_cents", "hours_per_year"])
    .where("org_id", "=", orgId)
    .where("contract_id", "in", contractIds)
    .orderBy("contract_id")
    .orderBy("position")
    .execute();
}

/** The organization's clients that are not archived, by name: a CSV import matches its client column against them. */
export async function listClientNames(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("clients").select(["id", "name"]).where("org_id", "=", orgId).where("archived_at", "is", null).execute();
}
