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

type OrganizationTime = Awaited<ReturnType<typeof workingTime.loadOrganizationTime>>;

/** Each organization's language and time zone, once per batch. */
async function timesFor(trx: Kysely<DB>, rows: readonly DueRow[]): Promise<Map<string, OrganizationTime>> {
  const times = new Map<string, OrganizationTime>();
  for (const orgId of new Set(rows.map((row) => row.org_id))) {
    times.set(orgId, await workingTime.loadOrganizationTime({ db: trx }, orgId));
  }
  return times;
}

/*
 * A batch is written set-based: the notifications, e-mails and events of all
 * its rows in a handful of statements, not a few per row (10,000 reminders
 * would otherwise be 50,000 round trips).
 */

async function warnBatch(deps: Deps, batch: number): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const rows = await claim(trx, "warned_at", now, batch);
    if (rows.length === 0) return 0;
    const times = await timesFor(trx, rows);
    const notices: notifications.NotifyInput[] = [];
    const events: EventRow[] = [];
    for (const row of rows) {
      const time = times.get(row.org_id) as OrganizationTime;
      const dueAt = new Date(row.due_at).toISOString();
      notices.push({
        orgId: row.org_id,
        userId: row.owner_id,
        kind: "commitment.due_soon",
        params: { title: row.title, clientName: row.client_name, dueAt, link: commitmentLink(deps.baseUrl, row.id) },
        language: time.language,
        timeZone: time.settings.timeZone,
        dedupeKey: `due_soon:${row.id}:${dueAt}`,
        email: true,
      });
      events.push(eventRow(row, "reminder_sent", now, { to: row.owner_id, dueAt }));
    }
    await notifications.notifyMany(trx, deps.clock, notices);
    await insertEvents(trx, events);
    return rows.length;
  });
}

/**
 * Who hears about a breach, for every row of a batch: the leads of the owner's
 * teams; else the leads of the client's team; else the admins — never the owner.
 * Three queries per organization, whatever the size of the batch.
 */
async function leadsFor(trx: Kysely<DB>, rows: readonly DueRow[]): Promise<Map<string, string[]>> {
  const leads = new Map<string, string[]>();
  const byOrg = Map.groupBy(rows, (row) => row.org_id);
  for (const [orgId, orgRows] of byOrg) {
    const owners = [...new Set(orgRows.map((row) => row.owner_id))];
    const ownersLeads = await sql<{ owner_id: string; lead_id: string }>`
      select distinct owner_tm.user_id as owner_id, m."userId" as lead_id from team_members owner_tm
      join team_members lead_tm on lead_tm.org_id = owner_tm.org_id and lead_tm.team_id = owner_tm.team_id
      join member m on m."organizationId" = lead_tm.org_id and m."userId" = lead_tm.user_id
      where owner_tm.org_id = ${orgId} and owner_tm.user_id in (${sql.join(owners)})
        and m.role = 'lead' and m."userId" <> owner_tm.user_id`.execute(trx);
    const ofOwner = groupIds(ownersLeads.rows.map((r) => [r.owner_id, r.lead_id]));
    const withoutOwnTeamLead = orgRows.filter((row) => !ofOwner.has(row.owner_id));
    let ofClient = new Map<string, string[]>();
    let admins: string[] = [];
    if (withoutOwnTeamLead.length > 0) {
      const clientIds = [...new Set(withoutOwnTeamLead.map((row) => row.client_id))];
      const clientsLeads = await sql<{ client_id: string; lead_id: string }>`
        select distinct cl.id::text as client_id, m."userId" as lead_id from clients cl
        join team_members tm on tm.org_id = cl.org_id and tm.team_id = cl.team_id
        join member m on m."organizationId" = tm.org_id and m."userId" = tm.user_id
        where cl.org_id = ${orgId} and cl.id in (${sql.join(clientIds)}) and m.role = 'lead'`.execute(trx);
      ofClient = groupIds(clientsLeads.rows.map((r) => [r.client_id, r.lead_id]));
      admins = (
        await sql<{ id: string }>`select m."userId" as id from member m where m."organizationId" = ${orgId} and m.role = 'admin'`.execute(
          trx,
        )
      ).rows
        .map((r) => r.id)
        .sort();
    }
    for (const row of orgRows) {
      const notOwner = (ids: readonly string[]) => ids.filter((id) => id !== row.owner_id);
      const chosen = [ofOwner.get(row.owner_id) ?? [], notOwner(ofClient.get(row.client_id) ?? []), notOwner(admins)].find(
        (ids) => ids.length > 0,
      );
      leads.set(row.id, chosen ?? []);
    }
  }
  return leads;
}

function groupIds(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [key, id] of pairs) grouped.set(key, [...(grouped.get(key) ?? []), id]);
  for (const ids of grouped.values()) ids.sort();
  return grouped;
}

async function escalateBatch(deps: Deps, batch: number): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const rows = await claim(trx, "escalated_at", now, batch);
    if (rows.length === 0) return 0;
    const times = await timesFor(trx, rows);
    const leads = await leadsFor(trx, rows);
    const notices: notifications.NotifyInput[] = [];
    const events: EventRow[] = [];
    for (const row of rows) {
      const time = times.get(row.org_id) as OrganizationTime;
      const dueAt = new Date(row.due_at).toISOString();
      const params = {
        title: row.title,
        clientName: row.client_name,
        dueAt,
        ownerName: row.owner_name,
        link: commitmentLink(deps.baseUrl, row.id),
      };
      const common = { orgId: row.org_id, language: time.language, timeZone: time.settings.timeZone, email: true, params };
      notices.push({ ...common, userId: row.owner_id, kind: "commitment.overdue", dedupeKey: `overdue:${row.id}:${dueAt}` });
      const told = leads.get(row.id) ?? [];
      for (const lead of told) {
        notices.push({ ...common, userId: lead, kind: "commitment.escalated", dedupeKey: `escalated:${row.id}:${dueAt}:${lead}` });
      }
      events.push(eventRow(row, "escalated", now, { dueAt, leads: told }));
    }
    await notifications.notifyMany(trx, deps.clock, notices);
    await insertEvents(trx, events);
    return rows.length;
  });
}

type EventRow = { org_id: string; id: string; commitment_id: string; kind: string; at: Date; actor_id: null; data: string };

function eventRow(row: DueRow, kind: string, at: Date, data: Record<string, unknown>): EventRow {
  return { org_id: row.org_id, id: newId(), commitment_id: row.id, kind, at, actor_id: null, data: JSON.stringify(data) };
}

async function insertEvents(trx: Kysely<DB>, events: readonly EventRow[]) {
  if (events.length > 0) await trx.insertInto("commitment_events").values(events).execute();
}
