import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { CommitmentFiguresDailyTable } from "../../db/schema-commitments.ts";

/**
 * The SQL of the reliability figures. Closed promises are counted from the
 * daily tally the database keeps per owner (migration 0008): a year is at most
 * 365 rows per person, whatever the number of promises; its days are the
 * organization's calendar days. Per client, which is not tallied (a client has
 * a handful of promises a year), they are counted from the covering index on
 * closing time.
 */

export type Scope = {
  orgId: string;
  /** Calendar days in the organization's time zone, both included. */
  fromDay: string;
  toDay: string;
  /** The same period as instants, for what is not tallied by day. */
  from: Date;
  to: Date;
  /** Only this owner's promises (someone who may not see the team's). */
  onlyOwner: string | null;
};

export type Counts = Pick<
  CommitmentFiguresDailyTable,
  "kept" | "kept_late" | "broken" | "cancelled" | "renegotiated" | "renegotiated_with_notice"
>;
type Median = number | string | null;

const ownerIs = (column: RawBuilder<unknown>, scope: Scope) => (scope.onlyOwner ? sql`and ${column} = ${scope.onlyOwner}` : sql``);

function tallied(scope: Scope) {
  return sql`commitment_figures_daily f
    where f.org_id = ${scope.orgId} and f.day >= ${scope.fromDay}::date and f.day <= ${scope.toDay}::date ${ownerIs(sql`f.owner_id`, scope)}`;
}

const talliedSums = sql`
  sum(f.kept)::int as kept, sum(f.kept_late)::int as kept_late, sum(f.broken)::int as broken,
  sum(f.cancelled)::int as cancelled, sum(f.renegotiated)::int as renegotiated,
  sum(f.renegotiated_with_notice)::int as renegotiated_with_notice`;

/*
 * The figures are split into statements of similar size that run at the same
 * time: one large statement would keep one core busy while the other idles.
 */

/** Counts by outcome per owner, from the tally in key order. */
export async function countsPerOwner(db: Kysely<DB>, scope: Scope) {
  return figuresStatement(db, sql<Counts & { owner_id: string }>`select f.owner_id, ${talliedSums} from ${tallied(scope)} group by 1`);
}

/** Counts by outcome per week (Monday, `week_start`) and for the whole period (`week_start` null). */
export async function countsPerWeek(db: Kysely<DB>, scope: Scope) {
  return figuresStatement(
    db,
    sql<Counts & { week_start: string | null; closed: number }>`
      select to_char(date_trunc('week', f.day), 'YYYY-MM-DD') as week_start,
             sum(f.kept + f.kept_late + f.broken + f.cancelled)::int as closed, ${talliedSums}
        from ${tallied(scope)}
       group by grouping sets ((1), ())`,
  );
}

/**
 * Every callback time of the period (seconds from asked to kept), per owner,
 * as "1800,5400,…": medians are taken from these in the app. Sorting ~130,000
 * values a year (a firm of 200) per median costs PostgreSQL 60–140 ms on a
 * small server; concatenating them and sorting typed arrays in Node, a third of that.
 */
export async function callbackSecondsPerOwner(db: Kysely<DB>, scope: Scope) {
  return figuresStatement(
    db,
    sql<{ owner_id: string; seconds: string }>`
      select f.owner_id, array_to_string(commitment_callback_seconds_agg(f.callback_seconds), ',') as seconds
        from ${tallied(scope)} and cardinality(f.callback_seconds) > 0
       group by 1`,
  );
}

/** Per client, from the covering index on closing time: counts and the median callback time together. */
export async function perClient(db: Kysely<DB>, scope: Scope) {
  return figuresStatement(
    db,
    sql<Counts & { id: string; median: Median }>`
      select c.client_id::text as id,
             count(*) filter (where c.status = 'kept')::int as kept,
             count(*) filter (where c.status = 'kept_late')::int as kept_late,
             count(*) filter (where c.status = 'broken')::int as broken,
             count(*) filter (where c.status = 'cancelled')::int as cancelled,
             count(*) filter (where c.renegotiation_count > 0)::int as renegotiated,
             count(*) filter (where c.renegotiated_with_notice)::int as renegotiated_with_notice,
             percentile_cont(0.5) within group (order by extract(epoch from (c.closed_at - c.created_at))::int / 60.0)
               filter (where c.kind = 'callback' and c.status in ('kept', 'kept_late')) as median
        from commitments c
       where c.org_id = ${scope.orgId} and c.closed_at >= ${scope.from} and c.closed_at < ${scope.to} ${ownerIs(sql`c.owner_id`, scope)}
       group by 1`,
  );
}

/** Open promises past their due time right now: per owner or per client, and in all (`id` null). */
export async function overdueNow(db: Kysely<DB>, scope: Scope, per: "owner" | "client", now: Date) {
  return figuresStatement(
    db,
    sql<{ id: string | null; overdue: number }>`
      select ${per === "client" ? sql`c.client_id::text` : sql`c.owner_id`} as id, count(*)::int as overdue
        from commitments c
       where c.org_id = ${scope.orgId} and c.status in ('open', 'renegotiated') and c.due_at < ${now} ${ownerIs(sql`c.owner_id`, scope)}
       group by grouping sets ((1), ())`,
  );
}

export async function ownerNames(db: Kysely<DB>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("user").select(["id", "name"]).where("id", "in", ids).execute();
}

export async function clientNames(db: Kysely<DB>, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("clients").select(["id", "name"]).where("org_id", "=", orgId).where("id", "in", ids).execute();
}

/** The organization's teams with their members. */
export async function teams(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("teams as t")
    .leftJoin("team_members as tm", (join) => join.onRef("tm.org_id", "=", "t.org_id").onRef("tm.team_id", "=", "t.id"))
    .select(["t.id", "t.name", "tm.user_id"])
    .where("t.org_id", "=", orgId)
    .execute();
}

/**
 * Each statement of the figures runs in a short transaction of its own with
 * settings for a big aggregate among many small requests: the per-client
 * median sorts a year of callbacks, which spills to disk in the default 4 MB;
 * parallel workers and JIT compilation cost more to start than they save
 * here, and take cores from other requests.
 */
async function figuresStatement<T>(db: Kysely<DB>, statement: RawBuilder<T>): Promise<T[]> {
  return db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '32MB'; set local jit = off; set local max_parallel_workers_per_gather = 0`.execute(trx);
    return (await statement.execute(trx)).rows;
  });
}
