import type { Insertable, Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** All SQL of the rate card and fairness reasons: always scoped to one organization. */

export async function listRates(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("rate_card_rates")
    .select(["id", "role", "role_key", "hourly_rate_cents", "valid_from"])
    .where("org_id", "=", orgId)
    .orderBy("role_key")
    .orderBy("valid_from", "desc")
    .limit(5000)
    .execute();
}

/** False when the role already has a rate from that day. */
export async function insertRate(db: Kysely<DB>, row: Insertable<DB["rate_card_rates"]>): Promise<boolean> {
  const inserted = await db
    .insertInto("rate_card_rates")
    .values(row)
    .onConflict((conflict) => conflict.columns(["org_id", "role_key", "valid_from"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** False when the organization has no such rate. */
export async function deleteRate(db: Kysely<DB>, orgId: string, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom("rate_card_rates")
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  return deleted !== undefined;
}

export async function findBand(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("rate_card_settings").select(["above_pct", "below_pct"]).where("org_id", "=", orgId).executeTakeFirst();
}

export async function upsertBand(db: Kysely<DB>, row: Insertable<DB["rate_card_settings"]>) {
  await db
    .insertInto("rate_card_settings")
    .values(row)
    .onConflict((conflict) =>
      conflict.column("org_id").doUpdateSet({
        above_pct: row.above_pct,
        below_pct: row.below_pct,
        updated_by: row.updated_by ?? null,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function listReasons(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("fairness_reasons as r")
    .leftJoin("user as u", "u.id", "r.recorded_by")
    .select(["r.line_id", "r.reason", "r.recorded_at", "u.name as recorded_by_name"])
    .where("r.org_id", "=", orgId)
    .execute();
}

export async function upsertReason(db: Kysely<DB>, row: Insertable<DB["fairness_reasons"]>) {
  await db
    .insertInto("fairness_reasons")
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(["org_id", "line_id"]).doUpdateSet({
        reason: row.reason,
        recorded_by: row.recorded_by ?? null,
        recorded_at: row.recorded_at,
      }),
    )
    .execute();
}
