import { type Kysely, sql } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { keptOnTimeRate } from "../../core/commitment-lifecycle.ts";
import { canSeeTeamFigures } from "../../core/roles.ts";
import { zonedTime } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import * as repo from "./commitments.repository.ts";
import type { MyDay, Reliability, ReliabilityQuery } from "./commitments.schemas.ts";
import { toCommitment } from "./commitments.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/** YYYY-MM-DD plus `days`, on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

const MY_DAY_LIMIT = 500;

/**
 * "My day": what I promised that is overdue, due today, due the rest of this
 * week (to Sunday, in the organization's time zone), and the callbacks I owe.
 * One indexed query; the buckets are made here.
 */
export async function myDay(deps: Deps, actor: Actor): Promise<MyDay> {
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const zone = time.settings.timeZone;
  const now = deps.clock.now();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const startOfTomorrow = zonedTime(zone, addDays(today, 1), "00:00");
  const endOfWeek = zonedTime(zone, addDays(today, 8 - weekday(today)), "00:00");
  const rows = await repo.listMyDay(deps.db, actor.orgId, actor.userId, endOfWeek, MY_DAY_LIMIT);
  const result: MyDay = { timeZone: zone, today, overdue: [], dueToday: [], dueThisWeek: [], waitingCallbacks: [] };
  for (const row of rows) {
    const item = toCommitment(row, now);
    const due = new Date(row.due_at).getTime();
    if (row.kind === "callback") result.waitingCallbacks.push(item);
    else if (due < now.getTime()) result.overdue.push(item);
    else if (due < startOfTomorrow.getTime()) result.dueToday.push(item);
    else if (due < endOfWeek.getTime()) result.dueThisWeek.push(item);
  }
  return result;
}

type FigureRow = {
  id: string | null;
  name: string | null;
  kept: number;
  kept_late: number;
  broken: number;
  cancelled: number;
  renegotiated: number;
  renegotiated_with_notice: number;
  median_callback_minutes: number | string | null;
};

function figures(row: FigureRow) {
  const kept = Number(row.kept);
  const keptLate = Number(row.kept_late);
  const broken = Number(row.broken);
  return {
    kept,
    keptLate,
    broken,
    cancelled: Number(row.cancelled),
    renegotiated: Number(row.renegotiated),
    renegotiatedWithNotice: Number(row.renegotiated_with_notice),
    keptOnTimeRate: keptOnTimeRate({ kept, keptLate, broken }),
    medianCallbackMinutes: row.median_callback_minutes === null ? null : Math.round(Number(row.median_callback_minutes)),
  };
}

const MAX_PERIOD_DAYS = 731;

/**
 * Kept-on-time rate and friends over the promises closed in a period, per
 * owner, client or team, plus what is overdue right now and a weekly trend.
 * Leads and admins see everyone; others see only their own promises.
 */
export async function reliability(deps: Deps, actor: Actor, query: ReliabilityQuery): Promise<Reliability> {
  if (query.to < query.from) throw new AppError("reliability.invalid_period", 400);
  const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
  if (days > MAX_PERIOD_DAYS) throw new AppError("reliability.period_too_long", 400, { days: MAX_PERIOD_DAYS });
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const zone = time.settings.timeZone;
  const from = zonedTime(zone, query.from, "00:00");
  const to = zonedTime(zone, addDays(query.to, 1), "00:00");
  const now = deps.clock.now();
  const onlyOwner = canSeeTeamFigures(actor.role) ? null : actor.userId;
  const ownerFilter = onlyOwner ? sql`and c.owner_id = ${onlyOwner}` : sql``;

  const groupKey =
    query.groupBy === "owner"
      ? { join: sql`join "user" g on g.id = c.owner_id`, id: sql`g.id`, name: sql`g.name` }
      : query.groupBy === "client"
        ? { join: sql`join clients g on g.org_id = c.org_id and g.id = c.client_id`, id: sql`g.id::text`, name: sql`g.name` }
        : {
            join: sql`join team_members tm on tm.org_id = c.org_id and tm.user_id = c.owner_id
                      join teams g on g.org_id = tm.org_id and g.id = tm.team_id`,
            id: sql`g.id::text`,
            name: sql`g.name`,
          };

  const closedFigures = sql`
    count(*) filter (where c.status = 'kept')::int as kept,
    count(*) filter (where c.status = 'kept_late')::int as kept_late,
    count(*) filter (where c.status = 'broken')::int as broken,
    count(*) filter (where c.status = 'cancelled')::int as cancelled,
    count(*) filter (where c.renegotiation_count > 0)::int as renegotiated,
    count(*) filter (where c.renegotiation_count > 0 and exists (
      select 1 from commitment_events e
      where e.org_id = c.org_id and e.commitment_id = c.id and e.kind = 'renegotiated'
        and (e.data ->> 'informedBeforeDue')::boolean
    ))::int as renegotiated_with_notice,
    percentile_cont(0.5) within group (order by extract(epoch from (c.closed_at - c.created_at)) / 60)
      filter (where c.kind = 'callback' and c.status in ('kept', 'kept_late')) as median_callback_minutes`;

  const closedInPeriod = sql`c.org_id = ${actor.orgId} and c.closed_at >= ${from} and c.closed_at < ${to} ${ownerFilter}`;
  const overdueNow = sql`c.org_id = ${actor.orgId} and c.status in ('open', 'renegotiated') and c.due_at < ${now} ${ownerFilter}`;

  const [groups, overdue, total, totalOverdue, trend] = await Promise.all([
    sql<FigureRow>`
      select ${groupKey.id} as id, ${groupKey.name} as name, ${closedFigures}
      from commitments c ${groupKey.join}
      where ${closedInPeriod}
      group by 1, 2`.execute(deps.db),
    sql<{ id: string; name: string; overdue: number }>`
      select ${groupKey.id} as id, ${groupKey.name} as name, count(*)::int as overdue
      from commitments c ${groupKey.join}
      where ${overdueNow}
      group by 1, 2`.execute(deps.db),
    sql<FigureRow>`select null as id, null as name, ${closedFigures} from commitments c where ${closedInPeriod}`.execute(deps.db),
    sql<{ overdue: number }>`select count(*)::int as overdue from commitments c where ${overdueNow}`.execute(deps.db),
    sql<{ week_start: string; closed: number; kept: number; kept_late: number; broken: number }>`
      select to_char(date_trunc('week', c.closed_at at time zone ${zone}), 'YYYY-MM-DD') as week_start,
             count(*)::int as closed,
             count(*) filter (where c.status = 'kept')::int as kept,
             count(*) filter (where c.status = 'kept_late')::int as kept_late,
             count(*) filter (where c.status = 'broken')::int as broken
      from commitments c
      where ${closedInPeriod}
      group by 1 order by 1`.execute(deps.db),
  ]);

  const byId = new Map<string, Reliability["groups"][number]>();
  for (const row of groups.rows) {
    byId.set(row.id ?? "", { id: row.id ?? "", name: row.name ?? "", overdueNow: 0, ...figures(row) });
  }
  for (const row of overdue.rows) {
    const existing = byId.get(row.id);
    if (existing) existing.overdueNow = Number(row.overdue);
    else {
      const empty = {
        kept: 0,
        kept_late: 0,
        broken: 0,
        cancelled: 0,
        renegotiated: 0,
        renegotiated_with_notice: 0,
        median_callback_minutes: null,
      };
      byId.set(row.id, {
        id: row.id,
        name: row.name,
        ...figures({ id: row.id, name: row.name, ...empty }),
        overdueNow: Number(row.overdue),
      });
    }
  }
  const totalRow = total.rows[0];
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    total: {
      ...(totalRow
        ? figures(totalRow)
        : figures({
            id: null,
            name: null,
            kept: 0,
            kept_late: 0,
            broken: 0,
            cancelled: 0,
            renegotiated: 0,
            renegotiated_with_notice: 0,
            median_callback_minutes: null,
          })),
      overdueNow: Number(totalOverdue.rows[0]?.overdue ?? 0),
    },
    groups: [...byId.values()].sort((a, b) => a.name.localeCompare(b.name)),
    trend: trend.rows.map((row) => ({
      weekStart: row.week_start,
      closed: Number(row.closed),
      keptOnTimeRate: keptOnTimeRate({ kept: Number(row.kept), keptLate: Number(row.kept_late), broken: Number(row.broken) }),
    })),
  };
}
