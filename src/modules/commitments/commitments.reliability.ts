import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { keptOnTimeRate } from "../../core/commitment-lifecycle.ts";
import { addDays, daysBetween } from "../../core/dates.ts";
import { median, parseIntegers } from "../../core/median.ts";
import { canSeeTeamFigures } from "../../core/roles.ts";
import { zonedTime } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import * as queries from "./commitments.reliability-queries.ts";
import type { Reliability, ReliabilityQuery } from "./commitments.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };
type Group = Reliability["groups"][number];

const MAX_PERIOD_DAYS = 731;

const NONE: queries.Counts = { kept: 0, kept_late: 0, broken: 0, cancelled: 0, renegotiated: 0, renegotiated_with_notice: 0 };

function add(a: queries.Counts, b: queries.Counts): queries.Counts {
  return {
    kept: a.kept + b.kept,
    kept_late: a.kept_late + b.kept_late,
    broken: a.broken + b.broken,
    cancelled: a.cancelled + b.cancelled,
    renegotiated: a.renegotiated + b.renegotiated,
    renegotiated_with_notice: a.renegotiated_with_notice + b.renegotiated_with_notice,
  };
}

function figures(counts: queries.Counts, median: number | string | null | undefined) {
  const kept = Number(counts.kept);
  const keptLate = Number(counts.kept_late);
  const broken = Number(counts.broken);
  return {
    kept,
    keptLate,
    broken,
    cancelled: Number(counts.cancelled),
    renegotiated: Number(counts.renegotiated),
    renegotiatedWithNotice: Number(counts.renegotiated_with_notice),
    keptOnTimeRate: keptOnTimeRate({ kept, keptLate, broken }),
    medianCallbackMinutes: median === null || median === undefined ? null : Math.round(Number(median)),
  };
}

/**
 * Kept-on-time rate and friends over the promises closed in a period, per
 * owner, client or team, plus what is overdue right now and a weekly trend.
 * Leads and admins see everyone; others see only their own promises. The
 * statements are independent and run at the same time; a team's counts are
 * the sums of its members' (a person of two teams counts in both teams, once
 * in the total), its median is taken over its members' callbacks. Medians
 * are taken here, from every callback time of the period.
 */
export async function reliability(deps: Deps, actor: Actor, query: ReliabilityQuery): Promise<Reliability> {
  if (query.to < query.from) throw new AppError("reliability.invalid_period", 400);
  const days = daysBetween(query.from, query.to);
  if (days > MAX_PERIOD_DAYS) throw new AppError("reliability.period_too_long", 400, { days: MAX_PERIOD_DAYS });
  const zone = (await workingTime.loadOrganizationTime(deps, actor.orgId)).settings.timeZone;
  const scope: queries.Scope = {
    orgId: actor.orgId,
    fromDay: query.from,
    toDay: query.to,
    from: zonedTime(zone, query.from, "00:00"),
    to: zonedTime(zone, addDays(query.to, 1), "00:00"),
    onlyOwner: canSeeTeamFigures(actor.role) ? null : actor.userId,
  };
  const { db } = deps;
  const now = deps.clock.now();
  const { groupBy } = query;
  const [perOwner, perWeek, callbackSeconds, overdue, perClient] = await Promise.all([
    groupBy === "client" ? [] : queries.countsPerOwner(db, scope),
    queries.countsPerWeek(db, scope),
    queries.callbackSecondsPerOwner(db, scope),
    queries.overdueNow(db, scope, groupBy === "client" ? "client" : "owner", now),
    groupBy === "client" ? queries.perClient(db, scope) : [],
  ]);
  const secondsOf = new Map(callbackSeconds.map((row) => [row.owner_id, parseIntegers(row.seconds)]));
  const medianMinutes = (owners: readonly string[]) => {
    const seconds = median(owners.map((owner) => secondsOf.get(owner) ?? []));
    return seconds === null ? null : seconds / 60;
  };
  const overdueOf = new Map(overdue.map((row) => [row.id, Number(row.overdue)]));
  const ownerCounts = new Map(perOwner.map((row) => [row.owner_id, row]));
  const whole = perWeek.find((row) => row.week_start === null) ?? NONE;
  const weeks = perWeek.filter((row) => row.week_start !== null).sort((a, b) => String(a.week_start).localeCompare(String(b.week_start)));

  const groups: Group[] = [];
  if (groupBy === "owner") {
    const ids = [...new Set([...ownerCounts.keys(), ...[...overdueOf.keys()].filter((id) => id !== null)])] as string[];
    const names = new Map((await queries.ownerNames(db, ids)).map((row) => [row.id, row.name]));
    for (const id of ids) {
      const group = { id, name: names.get(id) ?? "", overdueNow: overdueOf.get(id) ?? 0 };
      groups.push({ ...group, ...figures(ownerCounts.get(id) ?? NONE, medianMinutes([id])) });
    }
  } else if (groupBy === "team") {
    const members = Map.groupBy(await queries.teams(db, actor.orgId), (row) => row.id);
    for (const [id, rows] of members) {
      const memberIds = rows.flatMap((row) => (row.user_id ? [row.user_id] : []));
      const summed = memberIds.reduce((sum, member) => add(sum, ownerCounts.get(member) ?? NONE), NONE);
      const overdueNow = memberIds.reduce((sum, member) => sum + (overdueOf.get(member) ?? 0), 0);
      const closed = summed.kept + summed.kept_late + summed.broken + summed.cancelled;
      if (closed === 0 && overdueNow === 0) continue;
      groups.push({ id, name: rows[0]?.name ?? "", overdueNow, ...figures(summed, medianMinutes(memberIds)) });
    }
  } else {
    const byClient = new Map(perClient.map((row) => [row.id, row]));
    const ids = [...new Set([...byClient.keys(), ...[...overdueOf.keys()].filter((id) => id !== null)])] as string[];
    const names = new Map((await queries.clientNames(db, actor.orgId, ids)).map((row) => [row.id, row.name]));
    for (const id of ids) {
      const row = byClient.get(id);
      groups.push({ id, name: names.get(id) ?? "", overdueNow: overdueOf.get(id) ?? 0, ...figures(row ?? NONE, row?.median) });
    }
  }
  return {
    from: query.from,
    to: query.to,
    groupBy,
    total: { ...figures(whole, medianMinutes([...secondsOf.keys()])), overdueNow: overdueOf.get(null) ?? 0 },
    groups: groups.sort((a, b) => a.name.localeCompare(b.name)),
    trend: weeks.map((row) => ({
      weekStart: String(row.week_start),
      closed: Number(row.closed),
      keptOnTimeRate: keptOnTimeRate({ kept: Number(row.kept), keptLate: Number(row.kept_late), broken: Number(row.broken) }),
    })),
  };
}
