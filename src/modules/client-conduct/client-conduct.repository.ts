import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { ConductAspect, ConductDirection } from "../../db/schema-profile.ts";

export async function insertConduct(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    client_id: string;
    aspect: ConductAspect;
    direction: ConductDirection;
    note: string;
    occurred_at: Date;
    recorded_by: string;
    recorded_at: Date;
  },
) {
  await db.insertInto("client_conduct").values(row).execute();
}

/** A client's observations, newest first. */
export async function listConduct(db: Kysely<DB>, orgId: string, clientId: string, limit: number) {
  return db
    .selectFrom("client_conduct as c")
    .leftJoin("user as u", "u.id", "c.recorded_by")
    .select([
      "c.id",
      "c.client_id",
      "c.aspect",
      "c.direction",
      "c.note",
      "c.occurred_at",
      "c.recorded_at",
      "c.recorded_by",
      "u.name as recorded_by_name",
    ])
    .where("c.org_id", "=", orgId)
    .where("c.client_id", "=", clientId)
    .orderBy("c.occurred_at", "desc")
    .orderBy("c.recorded_at", "desc")
    .orderBy("c.id", "desc")
    .limit(limit)
    .execute();
}

/** Per aspect and direction: how many, and the latest moment. */
export async function summarizeConduct(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("client_conduct")
    .select(["aspect", "direction", sql<number>`count(*)::int`.as("n"), sql<Date>`max(occurred_at)`.as("last_at")])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .groupBy(["aspect", "direction"])
    .execute();
}
