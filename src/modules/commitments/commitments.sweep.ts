import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import type { Logger } from "../../shared/logger.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import { commitmentLink } from "./commitments.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; logger: Logger; baseUrl: string };

type DueRow = {
  org_id: string;
  id: string;
  title: string;
  owner_id: string;
  owner_name: string;
  client_id: string;
  client_name: string;
  due_at: Date;
};

const BATCH = 200;

/**
 * The reminder sweep, across all organizations. Each batch claims its rows
 * with one conditional UPDATE (warned_at / escalated_at still empty, rows
 * locked with SKIP LOCKED) and writes the notifications, e-mails and events
 * in the same transaction: two instances sweeping at once never claim one
 * row twice, and a crash mid-batch rolls the claim back with the rest.
 */
export async function sweepCommitments(deps: Deps, options: { batch?: number } = {}) {
  const batch = options.batch ?? BATCH;
  let warned = 0;
  let escalated = 0;
  for (;;) {
    const count = await warnBatch(deps, batch);
    warned += count;
    if (count < batch) break;
  }
  for (;;) {
    const count = await escalateBatch(deps, batch);
    escalated += count;
    if (count < batch) break;
  }
  if (warned + escalated > 0) deps.logger.info({ warned, escalated }, "commitment sweep");
  return { warned, escalated };
}

async function claim(trx: Kysely<DB>, column: "warned_at" | "escalated_at", now: Date, batch: number) {
  const condition =
    column === "warned_at"
      ? sql`c.warned_at is null and c.warn_at is not null and c.warn_at <= ${now} and c.due_at > ${now}`
      : sql`c.escalated_at is null and c.due_at <= ${now}`;
  const claimed = await sql<DueRow>`
    with due as (
      select c.org_id, c.id from commitments c
      where c.status in ('open', 'renegotiated') and ${condition}
      order by ${column === "warned_at" ? sql`c.warn_at` : sql`c.due_at`}
      limit ${batch}
      for update skip locked
    )
    update commitments c set ${sql.ref(column)} = ${now}
    from due, clients cl, "user" u
    where c.org_id = due.org_id and c.id = due.id
      and cl.org_id = c.org_id and cl.id = c.client_id and u.id = c.owner_id
    returning c.org_id, c.id, c.title, c.owner_id, u.name as owner_name, c.client_id, cl.name as client_name, c.due_at`.execute(trx);
  return claimed.rows;
}

async function warnBatch(deps: Deps, batch: number): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const rows = await claim(trx, "warned_at", now, batch);
    const times = new Map<string, Awaited<ReturnType<typeof workingTime.loadOrganizationTime>>>();
    for (const row of rows) {
      const time = times.get(row.org_id) ?? (await workingTime.loadOrganizationTime({ db: trx }, row.org_id));
      times.set(row.org_id, time);
      const dueAt = new Date(row.due_at).toISOString();
      await notifications.notify(trx, deps.clock, {
        orgId: row.org_id,
        userId: row.owner_id,
        kind: "commitment.due_soon",
        params: { title: row.title, clientName: row.client_name, dueAt, link: commitmentLink(deps.baseUrl, row.id) },
        language: time.language,
        timeZone: time.settings.timeZone,
        dedupeKey: `due_soon:${row.id}:${dueAt}`,
        email: true,
      });
      await insertEvent(trx, row, "reminder_sent", now, { to: row.owner_id, dueAt });
    }
    return rows.length;
  });
}

/** Who hears about a breach: the leads of the owner's teams; else the leads of the client's team; else the admins. */
async function leadsFor(trx: Kysely<DB>, orgId: string, ownerId: string, clientId: string): Promise<string[]> {
  const ofOwnersTeams = await sql<{ id: string }>`
    select distinct m."userId" as id from member m
    join team_members lead_tm on lead_tm.org_id = m."organizationId" and lead_tm.user_id = m."userId"
    join team_members owner_tm on owner_tm.org_id = lead_tm.org_id and owner_tm.team_id = lead_tm.team_id and owner_tm.user_id = ${ownerId}
    where m."organizationId" = ${orgId} and m.role = 'lead' and m."userId" <> ${ownerId}`.execute(trx);
  if (ofOwnersTeams.rows.length > 0) return ofOwnersTeams.rows.map((row) => row.id);
  const ofClientsTeam = await sql<{ id: string }>`
    select distinct m."userId" as id from member m
    join team_members tm on tm.org_id = m."organizationId" and tm.user_id = m."userId"
    join clients cl on cl.org_id = tm.org_id and cl.team_id = tm.team_id and cl.id = ${clientId}
    where m."organizationId" = ${orgId} and m.role = 'lead' and m."userId" <> ${ownerId}`.execute(trx);
  if (ofClientsTeam.rows.length > 0) return ofClientsTeam.rows.map((row) => row.id);
  const admins = await sql<{ id: string }>`
    select m."userId" as id from member m
    where m."organizationId" = ${orgId} and m.role = 'admin' and m."userId" <> ${ownerId}`.execute(trx);
  return admins.rows.map((row) => row.id);
}

async function escalateBatch(deps: Deps, batch: number): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const rows = await claim(trx, "escalated_at", now, batch);
    const times = new Map<string, Awaited<ReturnType<typeof workingTime.loadOrganizationTime>>>();
    for (const row of rows) {
      const time = times.get(row.org_id) ?? (await workingTime.loadOrganizationTime({ db: trx }, row.org_id));
      times.set(row.org_id, time);
      const dueAt = new Date(row.due_at).toISOString();
      const params = {
        title: row.title,
        clientName: row.client_name,
        dueAt,
        ownerName: row.owner_name,
        link: commitmentLink(deps.baseUrl, row.id),
      };
      const common = { orgId: row.org_id, language: time.language, timeZone: time.settings.timeZone, email: true, params };
      await notifications.notify(trx, deps.clock, {
        ...common,
        userId: row.owner_id,
        kind: "commitment.overdue",
        dedupeKey: `overdue:${row.id}:${dueAt}`,
      });
      const leads = await leadsFor(trx, row.org_id, row.owner_id, row.client_id);
      for (const lead of leads) {
        await notifications.notify(trx, deps.clock, {
          ...common,
          userId: lead,
          kind: "commitment.escalated",
          dedupeKey: `escalated:${row.id}:${dueAt}:${lead}`,
        });
      }
      await insertEvent(trx, row, "escalated", now, { dueAt, leads });
    }
    return rows.length;
  });
}

async function insertEvent(trx: Kysely<DB>, row: DueRow, kind: string, at: Date, data: Record<string, unknown>) {
  await trx
    .insertInto("commitment_events")
    .values({ org_id: row.org_id, id: newId(), commitment_id: row.id, kind, at, actor_id: null, data: JSON.stringify(data) })
    .execute();
}
