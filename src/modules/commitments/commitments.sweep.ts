import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import type { Logger } from "../../shared/logger.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as teams from "../teams/teams.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import type { DueRow, SweepEventRow } from "./commitments.repository.ts";
import * as repo from "./commitments.repository.ts";
import { commitmentLink } from "./commitments.usecases.ts";

type Deps = { db: Kysely<DB>; clock: Clock; logger: Logger; baseUrl: string };

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
    const rows = await repo.claimDue(trx, "warned_at", now, batch);
    if (rows.length === 0) return 0;
    const times = await timesFor(trx, rows);
    const notices: notifications.NotifyInput[] = [];
    const events: SweepEventRow[] = [];
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
    await repo.insertEvents(trx, events);
    return rows.length;
  });
}

/**
 * Who hears about a breach, for every row of a batch: the leads of the owner's
 * teams; else the leads of the client's team; else the admins — never the owner.
 * A few queries per organization (through the teams and organizations modules),
 * whatever the size of the batch.
 */
async function leadsFor(trx: Kysely<DB>, rows: readonly DueRow[]): Promise<Map<string, string[]>> {
  const leads = new Map<string, string[]>();
  const byOrg = Map.groupBy(rows, (row) => row.org_id);
  for (const [orgId, orgRows] of byOrg) {
    const leadIds = new Set(await organizations.memberIdsWithRole({ db: trx }, orgId, "lead"));
    const onlyLeads = (ids: readonly string[]) => ids.filter((id) => leadIds.has(id));
    const teammates = await teams.teammatesOf({ db: trx }, orgId, [...new Set(orgRows.map((row) => row.owner_id))]);
    const ofOwner = (ownerId: string) => onlyLeads(teammates.get(ownerId) ?? []);
    const withoutOwnTeamLead = orgRows.filter((row) => ofOwner(row.owner_id).length === 0);
    let ofClientTeam = new Map<string, string[]>();
    let admins: string[] = [];
    if (withoutOwnTeamLead.length > 0) {
      const teamIds = [...new Set(withoutOwnTeamLead.flatMap((row) => (row.client_team_id ? [row.client_team_id] : [])))];
      ofClientTeam = await teams.membersOfTeams({ db: trx }, orgId, teamIds);
      admins = await organizations.memberIdsWithRole({ db: trx }, orgId, "admin");
    }
    for (const row of orgRows) {
      const notOwner = (ids: readonly string[]) => ids.filter((id) => id !== row.owner_id);
      const clientTeamLeads = row.client_team_id ? onlyLeads(ofClientTeam.get(row.client_team_id) ?? []) : [];
      const chosen = [ofOwner(row.owner_id), notOwner(clientTeamLeads), notOwner(admins)].find((ids) => ids.length > 0);
      leads.set(row.id, chosen ?? []);
    }
  }
  return leads;
}

async function escalateBatch(deps: Deps, batch: number): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    const rows = await repo.claimDue(trx, "escalated_at", now, batch);
    if (rows.length === 0) return 0;
    const times = await timesFor(trx, rows);
    const leads = await leadsFor(trx, rows);
    const notices: notifications.NotifyInput[] = [];
    const events: SweepEventRow[] = [];
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
    await repo.insertEvents(trx, events);
    return rows.length;
  });
}

function eventRow(row: DueRow, kind: string, at: Date, data: Record<string, unknown>): SweepEventRow {
  return { org_id: row.org_id, id: newId(), commitment_id: row.id, kind, at, actor_id: null, data: JSON.stringify(data) };
}
