import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDaysToInstant, dateInZone, elapsedDays } from "../../core/dates.ts";
import { exposureOf } from "../../core/indexation/exposure.ts";
import { canSeeTrust } from "../../core/roles.ts";
import {
  BROKEN_WINDOW_DAYS,
  contactRhythm,
  type EvidenceRef,
  nextStep,
  type RiskReason,
  riskRank,
  riskReasons,
} from "../../core/trust/at-risk.ts";
import { decayTo, reading } from "../../core/trust/beta.ts";
import type { DB } from "../../db/schema.ts";
import type { Language } from "../../i18n/translate.ts";
import { forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import type { Logger } from "../../shared/logger.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import { auditPortfolio } from "../contracts/contracts.portfolio.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as incidents from "../incidents/incidents.usecases.ts";
import * as pulse from "../pulse/pulse.usecases.ts";
import { explainNextStep, explainRisk } from "./trust.explain.ts";
import * as repo from "./trust.repository.ts";
import * as risks from "./trust.risks.repository.ts";
import type { AtRiskList } from "./trust.schemas.ts";

/**
 * The at-risk list: each client's reasons are worked out by the pure rules in
 * core/trust/at-risk.ts from facts gathered here, kept in client_risks, and
 * refreshed when the client's evidence changes and once a day.
 */
export type Deps = { db: Kysely<DB>; clock: Clock };

const CONTACT_TYPES = ["interaction.logged"] as const;
/** Rows not worked out for this long are worked out again (silence and decay move with time). */
const REFRESH_AFTER_DAYS = 1;
/** A pulse answer speaks for the client for half a year. */
const PULSE_RELEVANT_DAYS = 180;

const refOf = (row: {
  id: string;
  kind: string;
  occurred_at: Date;
  label: string | null;
  source_type: string;
  source_id: string;
}): EvidenceRef => ({
  id: row.id,
  kind: row.kind,
  occurredAt: new Date(row.occurred_at).toISOString(),
  label: row.label,
  source: { type: row.source_type, id: row.source_id },
});

/**
 * When the client was last in touch and how often they expect to be: the
 * rhythm is the client's own setting, else learned from their last contacts,
 * else the organization's default.
 */
export async function contactStatus(db: Kysely<DB>, orgId: string, clientId: string, now: Date) {
  const contacts = await domainEvents.listForClient(db, orgId, clientId, { types: CONTACT_TYPES, limit: 11 });
  const times = contacts.map((event) => event.occurredAt.getTime());
  const gaps = times.slice(1).map((time, index) => elapsedDays(new Date(time), new Date(times[index] as number)));
  const settings = await risks.rhythmSettings(db, orgId, clientId);
  const rhythm = contactRhythm({ clientDays: settings.clientDays, orgDefaultDays: settings.orgDays, contactGapsDays: gaps });
  const daysSinceContact = times[0] === undefined ? null : Math.floor(elapsedDays(new Date(times[0]), now));
  return {
    lastContactAt: times[0] === undefined ? null : new Date(times[0]).toISOString(),
    daysSinceContact,
    rhythmDays: rhythm.days,
    rhythmFrom: rhythm.from,
    clientRhythmDays: settings.clientDays,
    daysBeyondRhythm: daysSinceContact !== null && daysSinceContact > rhythm.days ? daysSinceContact - rhythm.days : 0,
  };
}

/** Works out one client's reasons as of `now` and keeps them. */
export async function refreshClientRisk(db: Kysely<DB>, orgId: string, clientId: string, now: Date) {
  const halfLife = (await repo.findSettings(db, orgId))?.half_life_days ?? 180;
  const scores = await repo.listScores(db, orgId, clientId);
  const evidenceScores = { integrity: 0.5, intent: 0.5, capabilities: 0.5, results: 0.5 };
  const evidenceUncertainty = { integrity: 1, intent: 1, capabilities: 1, results: 1 };
  for (const row of scores) {
    const current = reading(decayTo({ r: row.r, s: row.s, asOf: new Date(row.as_of) }, halfLife, now));
    evidenceScores[row.core] = current.score;
    evidenceUncertainty[row.core] = current.uncertainty;
  }
  const monthAgo = addDaysToInstant(now, -30);
  const then = (await repo.scoresOnDay(db, orgId, clientId, dateInZone("UTC", monthAgo))).find((row) => row.core === "integrity");
  const integrity30DaysAgo = then ? reading(decayTo({ r: then.r, s: then.s, asOf: new Date(then.as_of) }, halfLife, monthAgo)).score : 0.5;
  const breaks = await risks.evidenceOfKinds(
    db,
    orgId,
    clientId,
    ["commitment_broken_undisclosed"],
    addDaysToInstant(now, -BROKEN_WINDOW_DAYS),
  );
  const missed = await risks.evidenceOfKinds(db, orgId, clientId, ["callback_never_returned", "callback_returned_late"], monthAgo);
  const losses = await risks.integrityLossesSince(db, orgId, clientId, monthAgo);
  const contact = await contactStatus(db, orgId, clientId, now);
  const latest = await pulse.latestPulse(db, orgId, clientId);
  const freshPulse = latest && elapsedDays(latest.answeredAt, now) <= PULSE_RELEVANT_DAYS ? latest : null;
  const pulseEvidence = freshPulse ? (await risks.evidenceOfEvent(db, orgId, freshPulse.id)).map(refOf) : [];
  const period = pulse.quarterOf(dateInZone("UTC", now));
  const teamNow = await pulse.teamPulseOf(db, orgId, clientId, period);
  const teamBefore = await pulse.teamPulseOf(db, orgId, clientId, pulse.previousQuarter(period));
  const untold = await incidents.untoldForClient(db, orgId, clientId, now);
  const exposure = exposureOf(
    (await auditPortfolio(db, orgId, now, clientId)).flatMap((contract) =>
      contract.audit ? [{ ...contract, audit: contract.audit }] : [],
    ),
  );
  const exposedContracts = exposure.topContracts.filter((contract) => contract.outstandingCents > 0);
  const reasons = riskReasons({
    undisclosedBreaks: breaks.map(refOf),
    integrityNow: evidenceScores.integrity,
    integrity30DaysAgo,
    integrityLosses: losses.map(refOf),
    missedCallbacks: missed.map(refOf),
    daysSinceContact: contact.daysSinceContact,
    rhythmDays: contact.rhythmDays,
    pulse: freshPulse?.answers ?? null,
    pulseEvidence,
    evidenceScores,
    evidenceUncertainty,
    teamPulseNow: teamNow.average,
    teamPulseBefore: teamBefore.average,
    untoldIncidents: untold.map((incident) => ({
      id: incident.incidentId,
      kind: "undisclosed_incident",
      occurredAt: incident.discoveredAt.toISOString(),
      label: incident.title,
      source: { type: "incident", id: incident.incidentId },
      overdue: incident.overdue,
    })),
    redFaceExposure: {
      outstandingCents: exposure.outstandingCents,
      contracts: exposedContracts.map((contract) => ({
        id: contract.contractId,
        kind: "red_face_exposure",
        occurredAt: now.toISOString(),
        label: contract.title,
        source: { type: "contract", id: contract.contractId },
      })),
    },
  });
  await risks.saveRisk(db, {
    org_id: orgId,
    client_id: clientId,
    rank: riskRank(reasons),
    reasons,
    codes: reasons.map((reason) => reason.code),
    next_step: nextStep(reasons),
    computed_at: now,
  });
}

/**
 * Refreshes rows that are stale or old, a batch at a time (the sweep, and a
 * list request for its own organization first). Rows are claimed with SKIP
 * LOCKED so two instances share the work.
 */
export async function refreshDueRisks(
  deps: Deps & { logger?: Logger },
  options: { orgId?: string; limit?: number; waitForOthers?: boolean } = {},
) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const before = addDaysToInstant(now, -REFRESH_AFTER_DAYS);
    const due = await risks.dueForRefresh(trx, options.orgId, before, options.limit ?? 500, options.waitForOthers ?? false);
    for (const row of due) await refreshClientRisk(trx, row.org_id, row.client_id, now);
    return due.length;
  });
}

/** Marks the client for a refresh: the evidence consumer calls this in the publishing transaction. */
export const markRiskStale = (trx: Kysely<DB>, orgId: string, clientId: string) => risks.markStale(trx, orgId, clientId);
export const markRisksStale = (trx: Kysely<DB>, orgId: string, clientIds: readonly string[]) => risks.markStaleMany(trx, orgId, clientIds);

export async function listAtRisk(
  deps: Deps,
  actor: Actor,
  query: { ownerId?: string | undefined; teamId?: string | undefined; includeAcknowledged: boolean; limit: number },
  language: Language,
): Promise<AtRiskList> {
  if (!canSeeTrust(actor.role)) throw forbidden();
  // Waits for a sweep refreshing the same rows, so the list shows what it wrote, not the rows before it.
  await refreshDueRisks(deps, { orgId: actor.orgId, limit: 200, waitForOthers: true });
  const now = deps.clock.now();
  // "me": the clients the caller is account owner of (as the promise list's ownerId=me).
  const ownerId = query.ownerId === "me" ? actor.userId : query.ownerId;
  const rows = await risks.listRisks(deps.db, actor.orgId, { ...query, ownerId, now });
  return {
    items: rows.map((row) => {
      const reasons = row.reasons as RiskReason[];
      return {
        clientId: row.client_id,
        clientName: row.client_name,
        owner: row.account_owner_id ? { id: row.account_owner_id, name: row.owner_name ?? "" } : null,
        teamId: row.team_id,
        rank: row.rank,
        reasons: reasons.map((reason) => ({ ...reason, message: explainRisk(language, reason) })),
        nextStep: row.next_step,
        nextStepText: row.next_step ? explainNextStep(language, row.next_step) : null,
        acknowledged:
          row.acknowledged_at && row.snoozed_until && new Date(row.snoozed_until).getTime() > now.getTime()
            ? {
                at: new Date(row.acknowledged_at).toISOString(),
                by: row.acknowledged_by,
                reason: row.acknowledged_reason ?? "",
                until: new Date(row.snoozed_until).toISOString(),
              }
            : null,
        computedAt: row.computed_at ? new Date(row.computed_at).toISOString() : null,
      };
    }),
  };
}

/** Acknowledge or snooze with a reason: audited as a domain event, and hidden until a new reason comes up. */
export async function acknowledgeRisk(deps: Deps, actor: Actor, clientId: string, input: { reason: string; snoozeDays: number }) {
  if (!canSeeTrust(actor.role)) throw forbidden();
  await clients.getClient(deps, actor, clientId);
  const now = deps.clock.now();
  const until = addDaysToInstant(now, input.snoozeDays);
  await inTransaction(deps.db, async (trx) => {
    const row = await risks.findRisk(trx, actor.orgId, clientId);
    if (!row || row.rank === 0) throw notFound("trust.not_at_risk");
    await risks.acknowledge(trx, actor.orgId, clientId, { by: actor.userId, reason: input.reason, codes: row.codes, at: now, until });
    const id = newId();
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id,
      type: "trust.risk_acknowledged",
      subjectType: "client",
      subjectId: clientId,
      clientId,
      actorId: actor.userId,
      payload: { reason: input.reason, codes: row.codes, until: until.toISOString(), summary: input.reason },
      occurredAt: now,
    });
  });
  return { clientId, acknowledgedAt: now.toISOString(), until: until.toISOString() };
}

export async function setContactRhythm(deps: Deps, actor: Actor, clientId: string, days: number | null) {
  if (!canSeeTrust(actor.role)) throw forbidden();
  await clients.getClient(deps, actor, clientId);
  await inTransaction(deps.db, async (trx) => {
    await risks.setClientRhythm(trx, actor.orgId, clientId, days);
    await risks.markStale(trx, actor.orgId, clientId);
  });
  return { clientId, contactRhythmDays: days };
}
