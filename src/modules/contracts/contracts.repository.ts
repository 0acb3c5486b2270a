import type { Insertable, Kysely } from "kysely";
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

/** The organization's clients that are not archived, by name: a CSV import matches its client column against them. */
export async function listClientNames(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("clients").select(["id", "name"]).where("org_id", "=", orgId).where("archived_at", "is", null).execute();
}
