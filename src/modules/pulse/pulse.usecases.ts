import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDaysToInstant, dateInZone } from "../../core/dates.ts";
import { canSeeTrust } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId, newSecret, sha256 } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as notifications from "../notifications/notifications.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import { pulseEmail } from "./pulse.messages.ts";
import * as repo from "./pulse.repository.ts";
import type { CreatePulseRequestInput, PulseAnswerInput, PulseSummary, TeamPulse } from "./pulse.schemas.ts";

/**
 * Client pulse (one question per core, 1–5, and a comment) on a link for one
 * contact alone, and team pulse (how working with the client feels), whose
 * answers are only ever shown as an aggregate of at least three.
 */
export type Deps = { db: Kysely<DB>; clock: Clock; baseUrl: string; kickJobs?: () => void };

export const PULSE_VALID_DAYS = 14;
export const TEAM_PULSE_THRESHOLD = 3;
const TOKEN = /^tlq_[A-Za-z0-9_-]{32}$/;

export const pulseUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/$/, "")}/pulse/${token}`;

async function requireTrustReader(deps: Pick<Deps, "db">, actor: Actor, clientId: string) {
  if (!canSeeTrust(actor.role)) throw forbidden();
  return clients.getClient(deps, actor, clientId);
}

/** A new pulse link for one contact, refused within the frequency cap; optionally e-mailed. */
export async function createRequest(deps: Deps, actor: Actor, clientId: string, input: CreatePulseRequestInput) {
  await requireTrustReader(deps, actor, clientId);
  const now = deps.clock.now();
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const language = input.language ?? time.language;
  const token = newSecret("tlq");
  const id = newId();
  const expiresAt = addDaysToInstant(now, PULSE_VALID_DAYS);
  const emailed = await inTransaction(deps.db, async (trx) => {
    const contact = await repo.findContact(trx, actor.orgId, clientId, input.contactId);
    if (!contact) throw new AppError("pulse.contact_not_of_client", 400);
    // One request per contact at a time: the cap is checked and the request written under the contact's lock.
    await repo.lockContact(trx, actor.orgId, contact.id);
    const cap = await repo.capDays(trx, actor.orgId);
    const last = await repo.lastRequestSince(trx, actor.orgId, contact.id, addDaysToInstant(now, -cap));
    if (last) {
      throw new AppError("pulse.too_soon", 409, {
        name: contact.name,
        days: cap,
        last: dateInZone(time.settings.timeZone, new Date(last.created_at)),
      });
    }
    if (input.send && !contact.email) throw new AppError("pulse.no_email", 400);
    await repo.insertRequest(trx, {
      org_id: actor.orgId,
      id,
      client_id: clientId,
      contact_id: contact.id,
      token_hash: sha256(token),
      language,
      created_by: actor.userId,
      created_at: now,
      expires_at: expiresAt,
    });
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id,
      type: "pulse.requested",
      subjectType: "pulse_request",
      subjectId: id,
      clientId,
      actorId: actor.userId,
      payload: { contactId: contact.id, summary: contact.name, expiresAt: expiresAt.toISOString() },
      occurredAt: now,
    });
    if (!input.send || !contact.email) return false;
    const organization = await repo.organizationName(trx, actor.orgId);
    const mail = pulseEmail(language, {
      organizationName: organization,
      contactName: contact.name,
      url: pulseUrl(deps.baseUrl, token),
      days: PULSE_VALID_DAYS,
    });
    return notifications.queueEmail(trx, deps.clock, {
      orgId: actor.orgId,
      to: contact.email,
      language,
      subject: mail.subject,
      text: mail.text,
      kind: "pulse.request",
      dedupeKey: `pulse:${id}`,
      requestedBy: actor.userId,
    });
  });
  if (emailed) deps.kickJobs?.();
  return { id, url: pulseUrl(deps.baseUrl, token), token, expiresAt: expiresAt.toISOString(), emailed };
}

/** The open request behind a token; every kind of unusable link is the same 404. */
async function openRequest(deps: Pick<Deps, "db" | "clock">, token: string) {
  if (!TOKEN.test(token)) throw notFound("pulse.not_found");
  const request = await repo.findOpenRequest(deps.db, sha256(token), deps.clock.now());
  if (!request) throw notFound("pulse.not_found");
  return request;
}

export async function viewPulse(deps: Pick<Deps, "db" | "clock">, token: string) {
  const request = await openRequest(deps, token);
  return {
    organizationName: request.organization_name,
    clientName: request.client_name,
    contactName: request.contact_name,
    language: request.language,
    expiresAt: new Date(request.expires_at).toISOString(),
  };
}

/** The contact's answer: once, before the link expires; it becomes evidence in the same transaction. */
export async function answerPulse(deps: Pick<Deps, "db" | "clock">, token: string, input: PulseAnswerInput) {
  const request = await openRequest(deps, token);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    if (!(await repo.markAnswered(trx, request.org_id, request.id, now))) throw notFound("pulse.not_found");
    const answerId = newId();
    await repo.insertAnswer(trx, {
      org_id: request.org_id,
      id: answerId,
      request_id: request.id,
      client_id: request.client_id,
      contact_id: request.contact_id,
      integrity: input.integrity,
      intent: input.intent,
      capabilities: input.capabilities,
      results: input.results,
      comment: input.comment || null,
      answered_at: now,
    });
    await domainEvents.publish(trx, {
      orgId: request.org_id,
      id: answerId,
      type: "pulse.answered",
      subjectType: "pulse_answer",
      subjectId: answerId,
      clientId: request.client_id,
      actorId: null,
      payload: {
        requestId: request.id,
        contactId: request.contact_id,
        integrity: input.integrity,
        intent: input.intent,
        capabilities: input.capabilities,
        results: input.results,
        summary: request.contact_name,
        ...(input.comment && { comment: input.comment }),
      },
      occurredAt: now,
    });
  });
  return { answeredAt: now.toISOString() };
}

/** The client's perceived scores (1–5 averages per core over the last year), or null without answers. */
export async function perceivedScores(db: Kysely<DB>, orgId: string, clientId: string, now: Date) {
  const averages = await repo.averagesSince(db, orgId, clientId, addDaysToInstant(now, -365));
  if (averages.answers === 0) return { answers: 0, perceived: null };
  const { integrity, intent, capabilities, results } = averages;
  return { answers: averages.answers, perceived: { integrity, intent, capabilities, results } };
}

/** The latest answer as the at-risk rules read it. */
export async function latestPulse(db: Kysely<DB>, orgId: string, clientId: string) {
  const row = await repo.latestAnswer(db, orgId, clientId);
  if (!row) return null;
  return {
    id: row.id,
    answeredAt: new Date(row.answered_at),
    answers: { integrity: row.integrity, intent: row.intent, capabilities: row.capabilities, results: row.results },
  };
}

export async function pulseSummary(deps: Pick<Deps, "db" | "clock">, actor: Actor, clientId: string): Promise<PulseSummary> {
  await requireTrustReader(deps, actor, clientId);
  const now = deps.clock.now();
  const yearAgo = addDaysToInstant(now, -365);
  const { answers, perceived } = await perceivedScores(deps.db, actor.orgId, clientId, now);
  const counts = await repo.requestCounts(deps.db, actor.orgId, clientId, yearAgo);
  const rows = await repo.listRequests(deps.db, actor.orgId, clientId, 50);
  return {
    perceived,
    answersLastYear: answers,
    sent: counts.sent,
    answered: counts.answered,
    responseRate: counts.sent === 0 ? null : counts.answered / counts.sent,
    requests: rows.map((row) => ({
      id: row.id,
      contact: { id: row.contact_id, name: row.contact_name },
      createdAt: new Date(row.created_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
      answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
      answer:
        row.integrity === null || row.intent === null || row.capabilities === null || row.results === null
          ? null
          : { integrity: row.integrity, intent: row.intent, capabilities: row.capabilities, results: row.results, comment: row.comment },
    })),
  };
}

// Team pulse --------------------------------------------------------------

/** "2026-Q4": the quarter a moment falls in, on the organization's calendar. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

export function previousQuarter(period: string): string {
  const year = Number(period.slice(0, 4));
  const quarter = Number(period.slice(6));
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

async function currentPeriod(deps: Pick<Deps, "db" | "clock">, orgId: string) {
  const time = await workingTime.loadOrganizationTime(deps, orgId);
  return quarterOf(dateInZone(time.settings.timeZone, deps.clock.now()));
}

/** The team's feeling in a period: an average only from `TEAM_PULSE_THRESHOLD` answers on. */
export async function teamPulseOf(db: Kysely<DB>, orgId: string, clientId: string, period: string) {
  const aggregate = await repo.teamAggregate(db, orgId, clientId, period);
  const shown = aggregate.answers >= TEAM_PULSE_THRESHOLD;
  return { respondents: aggregate.answers, average: shown ? aggregate.average : null, words: shown ? aggregate.words : [] };
}

export async function getTeamPulse(deps: Pick<Deps, "db" | "clock">, actor: Actor, clientId: string): Promise<TeamPulse> {
  await requireTrustReader(deps, actor, clientId);
  const period = await currentPeriod(deps, actor.orgId);
  const now = await teamPulseOf(deps.db, actor.orgId, clientId, period);
  const before = await teamPulseOf(deps.db, actor.orgId, clientId, previousQuarter(period));
  return {
    period,
    answeredByMe: await repo.hasParticipated(deps.db, actor.orgId, clientId, period, actor.userId),
    respondents: now.respondents,
    threshold: TEAM_PULSE_THRESHOLD,
    average: now.average,
    words: now.words,
    previous: { period: previousQuarter(period), average: before.average },
  };
}

/**
 * A colleague's private answer. Who took part and what was said are written
 * apart; when the period reaches the threshold, its average becomes evidence
 * once (a fact with one id per client and period).
 */
export async function answerTeamPulse(
  deps: Pick<Deps, "db" | "clock">,
  actor: Actor,
  clientId: string,
  input: { feeling: number; words?: string | undefined },
) {
  await requireTrustReader(deps, actor, clientId);
  const period = await currentPeriod(deps, actor.orgId);
  await inTransaction(deps.db, async (trx) => {
    if (!(await repo.recordParticipation(trx, actor.orgId, clientId, period, actor.userId)))
      throw new AppError("pulse.team_already_answered", 409);
    await repo.insertTeamAnswer(trx, {
      org_id: actor.orgId,
      id: newId(),
      client_id: clientId,
      period,
      feeling: input.feeling,
      words: input.words || null,
    });
    const aggregate = await teamPulseOf(trx, actor.orgId, clientId, period);
    if (aggregate.respondents === TEAM_PULSE_THRESHOLD && aggregate.average !== null) {
      await domainEvents.publish(trx, {
        orgId: actor.orgId,
        id: await summaryId(trx, actor.orgId, clientId, period),
        type: "team_pulse.summarized",
        subjectType: "team_pulse",
        subjectId: clientId,
        clientId,
        // No actor: the summary is the team's, not the third colleague's.
        actorId: null,
        payload: { period, average: aggregate.average, respondents: aggregate.respondents },
        occurredAt: deps.clock.now(),
      });
    }
  });
  return getTeamPulse(deps, actor, clientId);
}

/** One id per organization, client and period, so the summary is published once. */
async function summaryId(_db: Kysely<DB>, orgId: string, clientId: string, period: string): Promise<string> {
  const hex = sha256(`team-pulse:${orgId}:${clientId}:${period}`);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
