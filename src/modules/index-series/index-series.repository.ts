import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { IndexSeriesKind } from "../../db/schema-index-series.ts";

export async function findSeriesByCode(db: Kysely<DB>, orgId: string, code: string) {
  return db.selectFrom("index_series").selectAll().where("org_id", "=", orgId).where("code", "=", code).executeTakeFirst();
}

/** A custom series is known by its name (it has no code). */
export async function findCustomSeriesByName(db: Kysely<DB>, orgId: string, name: string) {
  return db
    .selectFrom("index_series")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("code", "is", null)
    .where(sql`lower(name)`, "=", name.toLowerCase())
    .executeTakeFirst();
}

export async function findSeries(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom("index_series").selectAll().where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/** Inserts a series; when its code (or, without a code, its name) exists already it does nothing and returns undefined. */
export async function insertSeries(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    code: string | null;
    name: string;
    source: string;
    kind: IndexSeriesKind;
    base: string | null;
    created_at: Date;
  },
) {
  return db
    .insertInto("index_series")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
}

/** Every series with its span and counts, the shipped one first. */
export async function listSeries(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("index_series as s")
    .leftJoin("index_points as p", (join) => join.onRef("p.org_id", "=", "s.org_id").onRef("p.series_id", "=", "s.id"))
    .select([
      "s.id",
      "s.code",
      "s.name",
      "s.kind",
      "s.base",
      "s.source",
      sql<string | null>`min(p.period)`.as("first_period"),
      sql<string | null>`max(p.period)`.as("last_period"),
      sql<number>`count(p.period)::int`.as("point_count"),
      sql<number>`count(p.period) filter (where p.provisional)::int`.as("provisional_count"),
    ])
    .where("s.org_id", "=", orgId)
    .groupBy(["s.id", "s.code", "s.name", "s.kind", "s.base", "s.source", "s.created_at"])
    .orderBy(sql`s.code = 'cbs-cpi'`, "desc")
    .orderBy("s.created_at")
    .orderBy("s.id")
    .execute();
}

export async function listPoints(db: Kysely<DB>, orgId: string, seriesId: string) {
  return db
    .selectFrom("index_points")
    .select(["period", "value", "change_pct", "provisional", "source", "revised_from", "revised_at"])
    .where("org_id", "=", orgId)
    .where("series_id", "=", seriesId)
    .orderBy("period")
    .execute();
}

export type PointRow = {
  org_id: string;
  series_id: string;
  period: string;
  value: number | null;
  change_pct: number | null;
  provisional: boolean;
  source: string;
  imported_at: Date;
  revised_from: number | string | null;
  revised_at: Date | null;
};

/** Writes points in batches: new periods are inserted, known ones replaced (the caller worked out the revision). */
export async function upsertPoints(db: Kysely<DB>, rows: PointRow[]) {
  const BATCH = 1000;
  for (let start = 0; start < rows.length; start += BATCH) {
    await db
      .insertInto("index_points")
      .values(rows.slice(start, start + BATCH))
      .onConflict((oc) =>
        oc.columns(["org_id", "series_id", "period"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          change_pct: eb.ref("excluded.change_pct"),
          provisional: eb.ref("excluded.provisional"),
          source: eb.ref("excluded.source"),
          imported_at: eb.ref("excluded.imported_at"),
          revised_from: eb.ref("excluded.revised_from"),
          revised_at: eb.ref("excluded.revised_at"),
        })),
      )
      .execute();
  }
}

/** Inserts the shipped points once; points already there are left as they are. */
export async function insertPointsOnce(db: Kysely<DB>, rows: PointRow[]) {
  await db
    .insertInto("index_points")
    .values(rows)
    .onConflict((oc) => oc.columns(["org_id", "series_id", "period"]).doNothing())
    .execute();
}

/** The points of several series at once (an organization's contract audit). */
export async function listPointsOfSeries(db: Kysely<DB>, orgId: string, seriesIds: readonly string[]) {
  if (seriesIds.length === 0) return [];
  return db
    .selectFrom("index_points")
    .select(["series_id", "period", "value", "change_pct", "provisional", "source", "revised_from", "revised_at"])
    .where("org_id", "=", orgId)
    .where("series_id", "in", seriesIds)
    .orderBy("series_id")
    .orderBy("period")
    .execute();
}
