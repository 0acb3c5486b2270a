import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDaysToInstant, dateInZone } from "../../core/dates.ts";
import {
  effectivePolicy,
  escalationDeadlines,
  isWithinPolicy,
  toHours,
  workingHoursToDisclosure,
} from "../../core/incidents/disclosure.ts";
import { disclosureDraft } from "../../core/incidents/draft.ts";
import { median } from "../../core/median.ts";
import { canConfigureOrganization, type Role } from "../../core/roles.ts";
import { workingMillisecondsBetween } from "../../core/working-time.ts";
import type { DB } from "../../db/schema.ts";
import { badRequest, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import {
  INCIDENT_DISCLOSED,
  INCIDENT_NON_DISCLOSURE_PROPOSED,
  INCIDENT_NOT_TO_BE_DISCLOSED,
  INCIDENT_RECORDED,
  type IncidentDisclosedPayload,
  type IncidentRecordedPayload,
} from "./incidents.events.ts";
import * as repo from "./incidents.repository.ts";
import type {
  DisclosureInput,
  Incident,
  IncidentList,
  IncidentListQuery,
  NonDisclosure,
  NonDisclosureInput,
  Policy,
  PolicyInput,
  RecordIncidentInput,
  UpdateIncidentInput,
} from "./incidents.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/** A little slack for clocks that differ between the caller's device and the server. */
const FUTURE_SLACK_MS = 60_000;
const LIST_LIMIT = 200;

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
const personOf = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);
/** Only a team lead or an administrator approves not telling a client. */
const canApprove = (role: Role) => role === "admin" || role === "lead";

/** The organization's policy: its stored choices over one working day of its own hours. */
export async function loadPolicy(db: Kysely<DB>, orgId: string) {
  const time = await workingTime.loadOrganizationTime({ db }, orgId);
  const stored = await repo.findPolicy(db, orgId);
  const choices = {
    discloseWithinHours: stored?.disclose_within_hours == null ? null : Number(stored.disclose_within_hours),
    adminsAfterHours: stored?.admins_after_hours == null ? null : Number(stored.admins_after_hours),
  };
  return { time, choices, policy: effectivePolicy(time.settings, choices) };
}

type Loaded = Awaited<ReturnType<typeof loadPolicy>>;

/** The errors with their clients, disclosures and proposals, in a constant number of queries. */
async function assemble(db: Kysely<DB>, orgId: string, rows: repo.IncidentRow[], loaded: Loaded, now: Date): Promise<Incident[]> {
  const ids = rows.map((row) => row.id);
  const [pairs, disclosures, proposals] = await Promise.all([
    repo.listIncidentClients(db, orgId, ids),
    repo.listDisclosures(db, orgId, ids),
    repo.listNonDisclosures(db, orgId, ids),
  ]);
  const settings = loaded.time.settings;
  return rows.map((row) => {
    const discoveredAt = new Date(row.discovered_at);
    const clientsOf = pairs
      .filter((pair) => pair.incident_id === row.id)
      .map((pair) => {
        const told = disclosures.find((d) => d.incident_id === row.id && d.client_id === pair.client_id);
        const mine = proposals.filter((n) => n.incident_id === row.id && n.client_id === pair.client_id);
        const waived = mine.some((n) => n.approved_at !== null);
        const status = told ? "disclosed" : waived ? "not_to_be_disclosed" : "undisclosed";
        const settled = pair.settled_at !== null;
        const soFar = told
          ? toHours(Number(told.working_ms))
          : workingHoursToDisclosure(settings, discoveredAt, settled ? new Date(pair.settled_at as Date) : now);
        return {
          clientId: pair.client_id,
          clientName: pair.client_name,
          status,
          discloseBy: iso(pair.disclose_by),
          overdue: !settled && new Date(pair.disclose_by).getTime() < now.getTime(),
          workingHoursSoFar: soFar,
          escalatedToLeadAt: isoOrNull(pair.lead_escalated_at),
          escalatedToAdminsAt: isoOrNull(pair.admins_escalated_at),
          disclosure: told
            ? {
                id: told.id,
                disclosedAt: iso(told.disclosed_at),
                channel: told.channel,
                message: told.message,
                disclosedBy: personOf(told.disclosed_by, told.disclosed_by_name),
                workingHoursToDisclosure: toHours(Number(told.working_ms)),
                withinPolicy: told.within_policy,
              }
            : null,
          nonDisclosures: mine.map(toNonDisclosure),
        } satisfies Incident["clients"][number];
      });
    const toldHours = clientsOf.flatMap((c) => (c.disclosure ? [c.disclosure.workingHoursToDisclosure] : []));
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      discoveredAt: iso(row.discovered_at),
      foundBy: row.found_by,
      severity: row.severity,
      rootCause: row.root_cause,
      remedy: row.remedy,
      lesson: row.lesson,
      recordedBy: personOf(row.recorded_by, row.recorded_by_name),
      recordedAt: iso(row.recorded_at),
      updatedAt: iso(row.updated_at),
      clients: clientsOf,
      undisclosedCount: clientsOf.filter((c) => c.status === "undisclosed").length,
      workingHoursToDisclosure: toldHours.length === 0 ? null : Math.max(...toldHours),
    };
  });
}

function toNonDisclosure(row: Awaited<ReturnType<typeof repo.listNonDisclosures>>[number]): NonDisclosure {
  return {
    id: row.id,
    clientId: row.client_id,
    reason: row.reason,
    proposedBy: personOf(row.proposed_by, row.proposed_by_name),
    proposedAt: iso(row.proposed_at),
    approvedBy: personOf(row.approved_by, row.approved_by_name),
    approvedAt: isoOrNull(row.approved_at),
  };
}

export async function getIncident(deps: Deps, actor: Actor, id: string): Promise<Incident> {
  const row = await repo.findIncident(deps.db, actor.orgId, id);
  if (!row) throw notFound("incidents.not_found");
  const loaded = await loadPolicy(deps.db, actor.orgId);
  const [incident] = await assemble(deps.db, actor.orgId, [row], loaded, deps.clock.now());
  return incident as Incident;
}

export async function listIncidents(deps: Deps, actor: Actor, query: IncidentListQuery): Promise<IncidentList> {
  if (query.clientId) await clients.getClient(deps, actor, query.clientId);
  const rows = await repo.listIncidents(deps.db, actor.orgId, { ...query, limit: LIST_LIMIT });
  const loaded = await loadPolicy(deps.db, actor.orgId);
  const items = await assemble(deps.db, actor.orgId, rows, loaded, deps.clock.now());
  return { items, policy: loaded.policy };
}

/**
 * Records an error and the clients it touches. Each client gets its policy
 * deadlines (worked out now, on the organization's working time) and its own
 * "recorded" fact on its timeline and in its trust ledger — all in one
 * transaction: a client that does not exist leaves nothing behind.
 */
export async function recordIncident(deps: Deps, actor: Actor, input: RecordIncidentInput): Promise<Incident> {
  const now = deps.clock.now();
  const discoveredAt = input.discoveredAt === undefined ? now : new Date(input.discoveredAt);
  if (discoveredAt.getTime() > now.getTime() + FUTURE_SLACK_MS) throw badRequest("incidents.in_future");
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    const tx = { ...deps, db: trx };
    const clientIds = input.clientIds.map((clientId) => clientId.toLowerCase());
    for (const clientId of clientIds) await clients.getClient(tx, actor, clientId);
    const { time, policy } = await loadPolicy(trx, actor.orgId);
    const { discloseBy, adminsBy } = escalationDeadlines(time.settings, policy, discoveredAt);
    await repo.insertIncident(trx, {
      org_id: actor.orgId,
      id,
      title: input.title,
      description: input.description ?? null,
      discovered_at: discoveredAt,
      found_by: input.foundBy,
      severity: input.severity,
      root_cause: input.rootCause ?? null,
      remedy: input.remedy ?? null,
      lesson: input.lesson ?? null,
      recorded_by: actor.userId,
      recorded_at: now,
      updated_at: now,
    });
    await repo.insertIncidentClients(
      trx,
      clientIds.map((clientId) => ({
        org_id: actor.orgId,
        incident_id: id,
        client_id: clientId,
        disclose_by: discloseBy,
        admins_by: adminsBy,
      })),
    );
    for (const clientId of clientIds) {
      const payload: IncidentRecordedPayload = { incidentId: id, title: input.title, foundBy: input.foundBy, severity: input.severity };
      await domainEvents.publish(trx, {
        orgId: actor.orgId,
        id: newId(),
        type: INCIDENT_RECORDED,
        subjectType: "incident",
        subjectId: id,
        clientId,
        actorId: actor.userId,
        payload,
        occurredAt: discoveredAt,
      });
    }
  });
  return getIncident(deps, actor, id);
}

/** The texts (and the severity) may be completed later; when and by whom it was found stay as recorded. */
export async function updateIncident(deps: Deps, actor: Actor, id: string, input: UpdateIncidentInput): Promise<Incident> {
  const changes: Parameters<typeof repo.updateIncident>[3] = { updated_at: deps.clock.now() };
  if (input.title !== undefined) changes.title = input.title;
  if (input.severity !== undefined) changes.severity = input.severity;
  if (input.description !== undefined) changes.description = input.description;
  if (input.rootCause !== undefined) changes.root_cause = input.rootCause;
  if (input.remedy !== undefined) changes.remedy = input.remedy;
  if (input.lesson !== undefined) changes.lesson = input.lesson;
  const result = await repo.updateIncident(deps.db, actor.orgId, id, changes);
  if (Number(result.numUpdatedRows) === 0) throw notFound("incidents.not_found");
  return getIncident(deps, actor, id);
}

/** The error (locked) and the client's pair (locked), or the right refusal. */
async function lockPair(trx: Kysely<DB>, actor: Actor, incidentId: string, clientId: string) {
  const incident = await repo.lockIncident(trx, actor.orgId, incidentId);
  if (!incident) throw notFound("incidents.not_found");
  const pair = await repo.lockIncidentClient(trx, actor.orgId, incidentId, clientId.toLowerCase());
  if (!pair) throw badRequest("incidents.client_not_affected");
  return { incident, pair };
}

/**
 * Tells one client: when, how and what. The working hours from discovery are
 * worked out on the organization's working time, compared with the policy's
 * deadline, and published as the fact the trust ledger turns into evidence.
 */
export async function disclose(deps: Deps, actor: Actor, incidentId: string, input: DisclosureInput): Promise<Incident> {
  const now = deps.clock.now();
  const disclosedAt = input.disclosedAt === undefined ? now : new Date(input.disclosedAt);
  await inTransaction(deps.db, async (trx) => {
    const { incident, pair } = await lockPair(trx, actor, incidentId, input.clientId);
    const discoveredAt = new Date(incident.discovered_at);
    if (disclosedAt.getTime() < discoveredAt.getTime()) throw badRequest("incidents.disclosed_before_discovery");
    if (disclosedAt.getTime() > now.getTime() + FUTURE_SLACK_MS) throw badRequest("incidents.disclosed_in_future");
    const already = (await repo.listDisclosures(trx, actor.orgId, [incidentId])).some((d) => d.client_id === pair.client_id);
    if (already) throw conflict("incidents.already_disclosed");
    if (pair.settled_at) throw conflict("incidents.already_settled");
    const { time } = await loadPolicy(trx, actor.orgId);
    const workingMs = workingMillisecondsBetween(time.settings, discoveredAt, disclosedAt);
    const withinPolicy = isWithinPolicy(disclosedAt, new Date(pair.disclose_by));
    const id = newId();
    await repo.insertDisclosure(trx, {
      org_id: actor.orgId,
      id,
      incident_id: incidentId,
      client_id: pair.client_id,
      disclosed_at: disclosedAt,
      channel: input.channel,
      message: input.message,
      working_ms: workingMs,
      within_policy: withinPolicy,
      disclosed_by: actor.userId,
      recorded_at: now,
    });
    await repo.settle(trx, actor.orgId, incidentId, pair.client_id, now);
    const full = await repo.findIncident(trx, actor.orgId, incidentId);
    const payload: IncidentDisclosedPayload = {
      incidentId,
      title: full?.title ?? "",
      clientId: pair.client_id,
      foundBy: full?.found_by ?? "us",
      channel: input.channel,
      workingHoursToDisclosure: toHours(workingMs),
      withinPolicy,
    };
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id,
      type: INCIDENT_DISCLOSED,
      subjectType: "incident",
      subjectId: incidentId,
      clientId: pair.client_id,
      actorId: actor.userId,
      payload,
      occurredAt: disclosedAt,
    });
  });
  return getIncident(deps, actor, incidentId);
}

/** Proposes not to tell a client, with a reason; it counts only once a second person approves. */
export async function proposeNonDisclosure(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: NonDisclosureInput,
): Promise<NonDisclosure> {
  const now = deps.clock.now();
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    const { pair } = await lockPair(trx, actor, incidentId, input.clientId);
    if (pair.settled_at) throw conflict("incidents.already_settled");
    await repo.insertNonDisclosure(trx, {
      org_id: actor.orgId,
      id,
      incident_id: incidentId,
      client_id: pair.client_id,
      reason: input.reason,
      proposed_by: actor.userId,
      proposed_at: now,
    });
    const title = (await repo.findIncident(trx, actor.orgId, incidentId))?.title ?? "";
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id,
      type: INCIDENT_NON_DISCLOSURE_PROPOSED,
      subjectType: "incident",
      subjectId: incidentId,
      clientId: pair.client_id,
      actorId: actor.userId,
      payload: { incidentId, title, reason: input.reason, summary: input.reason },
      occurredAt: now,
    });
  });
  return findNonDisclosure(deps.db, actor.orgId, incidentId, id);
}

async function findNonDisclosure(db: Kysely<DB>, orgId: string, incidentId: string, id: string) {
  const row = (await repo.listNonDisclosures(db, orgId, [incidentId])).find((n) => n.id === id);
  if (!row) throw notFound("incidents.non_disclosure_not_found");
  return toNonDisclosure(row);
}

/**
 * A second person — a team lead or an administrator, never the one who
 * proposed it — approves not telling the client. The client's pair is then
 * settled: the escalation stops.
 */
export async function approveNonDisclosure(deps: Deps, actor: Actor, incidentId: string, nonDisclosureId: string): Promise<NonDisclosure> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const incident = await repo.lockIncident(trx, actor.orgId, incidentId);
    if (!incident) throw notFound("incidents.not_found");
    const proposal = await repo.lockNonDisclosure(trx, actor.orgId, incidentId, nonDisclosureId);
    if (!proposal) throw notFound("incidents.non_disclosure_not_found");
    if (!canApprove(actor.role)) throw forbidden("incidents.approve_needs_lead");
    if (proposal.proposed_by === actor.userId) throw forbidden("incidents.approve_own_proposal");
    if (proposal.approved_at) throw conflict("incidents.non_disclosure_already_approved");
    const pair = await repo.lockIncidentClient(trx, actor.orgId, incidentId, proposal.client_id);
    if (!pair || pair.settled_at) throw conflict("incidents.already_settled");
    await repo.approveNonDisclosure(trx, actor.orgId, nonDisclosureId, actor.userId, now);
    await repo.settle(trx, actor.orgId, incidentId, proposal.client_id, now);
    const title = (await repo.findIncident(trx, actor.orgId, incidentId))?.title ?? "";
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id: newId(),
      type: INCIDENT_NOT_TO_BE_DISCLOSED,
      subjectType: "incident",
      subjectId: incidentId,
      clientId: proposal.client_id,
      actorId: actor.userId,
      payload: { incidentId, title, reason: proposal.reason, proposedBy: proposal.proposed_by, summary: proposal.reason },
      occurredAt: now,
    });
  });
  return findNonDisclosure(deps.db, actor.orgId, incidentId, nonDisclosureId);
}

/** A message to the client to edit, in Dutch or English, from the error's own fields. */
export async function draftDisclosure(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  query: { clientId?: string | undefined; language?: "nl" | "en" | undefined },
) {
  const incident = await repo.findIncident(deps.db, actor.orgId, incidentId);
  if (!incident) throw notFound("incidents.not_found");
  const pairs = await repo.listIncidentClients(deps.db, actor.orgId, [incidentId]);
  const wanted = query.clientId?.toLowerCase();
  const pair = wanted === undefined ? pairs[0] : pairs.find((p) => p.client_id === wanted);
  if (!pair) throw badRequest("incidents.client_not_affected");
  const { time } = await loadPolicy(deps.db, actor.orgId);
  const language = query.language ?? time.language;
  const sender = await repo.senderOf(deps.db, actor.orgId, actor.userId);
  const discoveredOn = new Intl.DateTimeFormat(language === "nl" ? "nl-NL" : "en-GB", {
    dateStyle: "long",
    timeZone: time.settings.timeZone,
  }).format(new Date(incident.discovered_at));
  const draft = disclosureDraft(language, {
    clientName: pair.client_name,
    title: incident.title,
    description: incident.description,
    remedy: incident.remedy,
    discoveredOn,
    senderName: sender.name,
    senderOrganization: sender.organization,
  });
  return { clientId: pair.client_id, language, ...draft };
}

function toPolicy(loaded: Loaded): Policy {
  return {
    ...loaded.policy,
    isDefault: {
      discloseWithinHours: loaded.choices.discloseWithinHours === null,
      adminsAfterHours: loaded.choices.adminsAfterHours === null,
    },
  };
}

export async function getPolicy(deps: Deps, actor: Actor): Promise<Policy> {
  return toPolicy(await loadPolicy(deps.db, actor.orgId));
}

/** The policy applies to errors recorded from now on; the deadlines of recorded ones stay as they were. */
export async function setPolicy(deps: Deps, actor: Actor, input: PolicyInput): Promise<Policy> {
  if (!canConfigureOrganization(actor.role)) throw forbidden();
  await repo.savePolicy(deps.db, {
    org_id: actor.orgId,
    disclose_within_hours: input.discloseWithinHours,
    admins_after_hours: input.adminsAfterHours,
    updated_by: actor.userId,
    updated_at: deps.clock.now(),
  });
  return getPolicy(deps, actor);
}

/** A client's errors it has not been told about (nor approved not to be), for the at-risk list. */
export async function untoldForClient(db: Kysely<DB>, orgId: string, clientId: string, now: Date) {
  const rows = await repo.unsettledForClient(db, orgId, clientId);
  return rows.map((row) => ({
    incidentId: row.id,
    title: row.title,
    discoveredAt: new Date(row.discovered_at),
    overdue: new Date(row.disclose_by).getTime() < now.getTime(),
  }));
}

const HOUR_MS = 3_600_000;
/** The dashboard looks back a year, month by month. */
const TREND_MONTHS = 12;

/** "2026-12" and the eleven months before it, oldest first. */
function lastMonths(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: count }, (_, index) => {
    const back = count - 1 - index;
    const total = year * 12 + (month - 1) - back;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
  });
}

/**
 * The errors half of the integrity dashboard, for the organization or one
 * client: what is still untold (and past the policy), time to disclosure over
 * the last year (median and per month, in working hours) and how often the
 * client found our error first. No actor: the caller checked the rights.
 */
export async function disclosureFigures(db: Kysely<DB>, orgId: string, now: Date, timeZone: string, clientId?: string | undefined) {
  const yearAgo = addDaysToInstant(now, -365);
  const [untold, disclosures, recorded] = [
    await repo.listUnsettled(db, orgId, clientId),
    await repo.disclosuresSince(db, orgId, yearAgo, clientId),
    await repo.recordedSince(db, orgId, yearAgo, clientId),
  ];
  const hours = (row: { working_ms: number }) => Number(row.working_ms) / HOUR_MS;
  const months = lastMonths(dateInZone(timeZone, now), TREND_MONTHS);
  const byMonth = new Map<string, number[]>(months.map((month) => [month, []]));
  for (const row of disclosures) byMonth.get(dateInZone(timeZone, new Date(row.disclosed_at)).slice(0, 7))?.push(hours(row));
  return {
    openIncidents: new Set(untold.map((row) => row.id)).size,
    untoldClients: untold.length,
    overdue: untold.filter((row) => new Date(row.disclose_by).getTime() < now.getTime()).length,
    untold: untold.slice(0, 50).map((row) => ({
      incidentId: row.id,
      title: row.title,
      severity: row.severity,
      clientId: row.client_id,
      clientName: row.client_name,
      discoveredAt: new Date(row.discovered_at).toISOString(),
      discloseBy: new Date(row.disclose_by).toISOString(),
      overdue: new Date(row.disclose_by).getTime() < now.getTime(),
    })),
    recordedLastYear: recorded.recorded,
    foundByClientLastYear: recorded.found_by_client,
    disclosedLastYear: disclosures.length,
    withinPolicyLastYear: disclosures.filter((row) => row.within_policy).length,
    medianWorkingHoursToDisclosure: median([disclosures.map(hours)]),
    trend: months.map((month) => {
      const list = byMonth.get(month) ?? [];
      return { month, disclosures: list.length, medianWorkingHours: median([list]) };
    }),
  };
}
export type DisclosureFigures = Awaited<ReturnType<typeof disclosureFigures>>;
