import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDays, dateInZone, weekdayOf } from "../../core/dates.ts";
import { zonedTime } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import * as repo from "./commitments.repository.ts";
import type { MyDay } from "./commitments.schemas.ts";
import { toCommitment } from "./commitments.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

const MY_DAY_LIMIT = 500;

/**
 * "My day": what I promised that is overdue, due today, due the rest of this
 * week (to Sunday, in the organization's time zone), the callbacks I owe,
 * and the organization's callbacks without a person (anyone may take one on).
 * Two indexed queries; the buckets are made here.
 */
export async function myDay(deps: Deps, actor: Actor): Promise<MyDay> {
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const zone = time.settings.timeZone;
  const now = deps.clock.now();
  const today = dateInZone(zone, now);
  const startOfTomorrow = zonedTime(zone, addDays(today, 1), "00:00");
  const endOfWeek = zonedTime(zone, addDays(today, 8 - weekdayOf(today)), "00:00");
  const rows = await repo.listMyDay(deps.db, actor.orgId, actor.userId, endOfWeek, MY_DAY_LIMIT);
  // Callbacks nobody has taken on are everyone's concern: listed once, in their own section.
  const withoutPerson = await repo.listCallbacksWithoutPerson(deps.db, actor.orgId, MY_DAY_LIMIT);
  const unowned = new Set(withoutPerson.map((row) => row.id));
  const result: MyDay = {
    timeZone: zone,
    today,
    overdue: [],
    dueToday: [],
    dueThisWeek: [],
    waitingCallbacks: [],
    callbacksWithoutPerson: withoutPerson.map((row) => toCommitment(row, now)),
  };
  for (const row of rows) {
    const item = toCommitment(row, now);
    const due = new Date(row.due_at).getTime();
    if (unowned.has(row.id)) continue;
    if (row.kind === "callback") result.waitingCallbacks.push(item);
    else if (due < now.getTime()) result.overdue.push(item);
    else if (due < startOfTomorrow.getTime()) result.dueToday.push(item);
    else if (due < endOfWeek.getTime()) result.dueThisWeek.push(item);
  }
  return result;
}
