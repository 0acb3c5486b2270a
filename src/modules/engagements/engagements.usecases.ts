import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { dateInZone } from "../../core/dates.ts";
import { pullRatios, quarterOf } from "../../core/engagements/pull-ratio.ts";
import { canDecline, gateRefusal, isOpen, nextStage, type Stage, stageRefusal } from "../../core/engagements/stages.ts";
import { canSeeTrust } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as organizations from "../organizations/organizations.usecases.ts";
import * as teams from "../teams/teams.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import {
  ENGAGEMENT_ADVICE_RECORDED,
  ENGAGEMENT_CREATED,
  ENGAGEMENT_DECLINED,
  ENGAGEMENT_DISAGREEMENT_RECORDED,
  ENGAGEMENT_STAGE_CHANGED,
  type EngagementAdviceRecordedPayload,
  type EngagementCreatedPayload,
  type EngagementDeclinedPayload,
  type EngagementDisagreementRecordedPayload,
  type EngagementStageChangedPayload,
} from "./engagements.events.ts";
import * as repo from "./engagements.repository.ts";
import type {
  AdviceInput,
  AnalysisInput,
  CreateEngagementInput,
  DeclineInput,
  DisagreementInput,
  Engagement,
  EngagementListQuery,
} from "./engagements.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/**
 * Who may do what: everyone reads engagements and may take a request in (the
 * front desk hears many of them first), but the front desk sees no values and
 * does not analyse, move, decline, advise or record disagreements — that is
 * the advisers' judgement of the relationship, like the trust ledger.
 */
function requireAdviser(actor: Actor) {
  if (!canSeeTrust(actor.role)) throw forbidden();
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findEngagement>>>;
const iso = (value: Date | string) => new Date(value).toISOString();

function toEngagement(
  actor: Actor,
  row: Row,
  advice: Awaited<ReturnType<typeof repo.listAdvice>>,
  disagreements: Awaited<ReturnType<typeof repo.listDisagreements>>,
): Engagement {
  const values = canSeeTrust(actor.role);
  const analysisRecorded = row.analysis_recorded_at !== null;
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    title: row.title,
    request: row.request,
    initiatedBy: row.initiated_by,
    ownerId: row.owner_id,
    ownerName: row.owner_name ?? null,
    teamId: row.team_id,
    teamName: row.team_name ?? null,
    valueCents: values && row.value_cents !== null ? Number(row.value_cents) : null,
    stage: row.stage,
    stageChangedAt: iso(row.stage_changed_at),
    nextStage: nextStage(row.stage),
    analysis:
      analysisRecorded && row.analysis_recorded_at
        ? {
            realNeed: row.real_need ?? "",
            rootCauses: row.root_causes ?? "",
            risks: row.risks ?? "",
            advice: row.advice ?? "",
            stakeholders: row.stakeholders,
            successLooksLike: row.success_looks_like,
            secondLook: row.second_look,
            recordedAt: iso(row.analysis_recorded_at),
          }
        : null,
    canContract: gateRefusal({ analysisRecorded, secondLook: row.second_look }) === null,
    decline:
      row.declined_reason !== null && row.declined_at
        ? { reason: row.declined_reason, referral: row.referral, declinedAt: iso(row.declined_at) }
        : null,
    adviceGiven: advice
      .filter((item) => item.engagement_id === row.id)
      .map((item) => ({
        id: item.id,
        advice: item.advice,
        againstOwnRevenue: item.against_own_revenue,
        revenueForgoneCents: values && item.revenue_forgone_cents !== null ? Number(item.revenue_forgone_cents) : null,
        recordedAt: iso(item.recorded_at),
      })),
    disagreements: disagreements
      .filter((item) => item.engagement_id === row.id)
      .map((item) => ({ id: item.id, summary: item.summary, resolvedBy: item.resolved_by, recordedAt: iso(item.recorded_at) })),
    createdAt: iso(row.created_at),
  };
}

export async function getEngagement(deps: Pick<Deps, "db">, actor: Actor, id: string): Promise<Engagement> {
  const row = await repo.findEngagement(deps.db, actor.orgId, id);
  if (!row) throw notFound("engagements.not_found");
  return toEngagement(
    actor,
    row,
    await repo.listAdvice(deps.db, actor.orgId, [id]),
    await repo.listDisagreements(deps.db, actor.orgId, [id]),
  );
}

export async function listEngagements(deps: Pick<Deps, "db">, actor: Actor, query: EngagementListQuery) {
  if (query.clientId) await clients.getClient(deps, actor, query.clientId);
  const rows = await repo.listEngagements(deps.db, actor.orgId, query);
  const ids = rows.map((row) => row.id);
  const advice = await repo.listAdvice(deps.db, actor.orgId, ids);
  const disagreements = await repo.listDisagreements(deps.db, actor.orgId, ids);
  return { items: rows.map((row) => toEngagement(actor, row, advice, disagreements)) };
}

/** Loads the engagement for a change inside the transaction; another organization's is not found. */
async function lockOpen(trx: Kysely<DB>, actor: Actor, id: string) {
  const row = await repo.lockEngagement(trx, actor.orgId, id);
  if (!row) throw notFound("engagements.not_found");
  return row;
}

async function publish(
  trx: Kysely<DB>,
  actor: Actor,
  now: Date,
  engagement: { id: string; client_id: string },
  type: string,
  payload: Record<string, unknown>,
  eventId = newId(),
) {
  await domainEvents.publish(trx, {
    orgId: actor.orgId,
    id: eventId,
    type,
    subjectType: "engagement",
    subjectId: engagement.id,
    clientId: engagement.client_id,
    actorId: actor.userId,
    payload,
    occurredAt: now,
  });
}

export async function createEngagement(deps: Deps, actor: Actor, input: CreateEngagementInput): Promise<Engagement> {
  const id = newId();
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const tx = { ...deps, db: trx };
    await clients.getClient(tx, actor, input.clientId);
    if (!(await organizations.isMember(tx, actor.orgId, input.ownerId))) throw new AppError("engagements.owner_not_member", 400);
    if (input.teamId && !(await teams.teamExists(tx, actor.orgId, input.teamId))) throw new AppError("teams.not_found", 400);
    await repo.insertEngagement(trx, {
      org_id: actor.orgId,
      id,
      client_id: input.clientId,
      title: input.title,
      request: input.request,
      initiated_by: input.initiatedBy,
      owner_id: input.ownerId,
      team_id: input.teamId ?? null,
      // The front desk takes the request in; what it is worth is the advisers' to say.
      value_cents: canSeeTrust(actor.role) ? (input.valueCents ?? null) : null,
      stage: "request",
      stage_changed_at: now,
      created_by: actor.userId,
      created_at: now,
    });
    const payload: EngagementCreatedPayload = {
      engagementId: id,
      title: input.title,
      initiatedBy: input.initiatedBy,
      ownerId: input.ownerId,
    };
    await publish(trx, actor, now, { id, client_id: input.clientId }, ENGAGEMENT_CREATED, payload);
  });
  return getEngagement(deps, actor, id);
}

export async function recordAnalysis(deps: Deps, actor: Actor, id: string, input: AnalysisInput): Promise<Engagement> {
  requireAdviser(actor);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOpen(trx, actor, id);
    if (!isOpen(row.stage)) throw conflict("engagements.closed");
    await repo.updateEngagement(trx, actor.orgId, id, {
      real_need: input.realNeed,
      root_causes: input.rootCauses,
      risks: input.risks,
      advice: input.advice,
      stakeholders: input.stakeholders || null,
      success_looks_like: input.successLooksLike || null,
      second_look: input.secondLook ?? false,
      analysis_recorded_at: now,
      analysis_recorded_by: actor.userId,
    });
  });
  return getEngagement(deps, actor, id);
}

export async function moveStage(deps: Deps, actor: Actor, id: string, stage: Stage): Promise<Engagement> {
  requireAdviser(actor);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOpen(trx, actor, id);
    const refusal = stageRefusal(row.stage, stage, { analysisRecorded: row.analysis_recorded_at !== null, secondLook: row.second_look });
    if (refusal) {
      const details =
        refusal.code === "engagements.stage_skipped" ? { reason: refusal.reason, next: refusal.next } : { reason: refusal.reason };
      throw new AppError(refusal.code, 409, {}, details);
    }
    await repo.updateEngagement(trx, actor.orgId, id, { stage, stage_changed_at: now });
    const payload: EngagementStageChangedPayload = { engagementId: id, title: row.title, from: row.stage, to: stage };
    await publish(trx, actor, now, row, ENGAGEMENT_STAGE_CHANGED, payload);
  });
  return getEngagement(deps, actor, id);
}

export async function decline(deps: Deps, actor: Actor, id: string, input: DeclineInput): Promise<Engagement> {
  requireAdviser(actor);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOpen(trx, actor, id);
    if (!canDecline(row.stage)) throw new AppError("engagements.cannot_decline", 409, {}, { stage: row.stage });
    const referral = input.referral || null;
    await repo.updateEngagement(trx, actor.orgId, id, {
      stage: "declined",
      stage_changed_at: now,
      declined_reason: input.reason,
      referral,
      declined_at: now,
    });
    const payload: EngagementDeclinedPayload = {
      engagementId: id,
      title: row.title,
      reason: input.reason,
      referral,
      revenueForgoneCents: input.revenueForgoneCents ?? (row.value_cents === null ? null : Number(row.value_cents)),
    };
    await publish(trx, actor, now, row, ENGAGEMENT_DECLINED, payload);
  });
  return getEngagement(deps, actor, id);
}

export async function recordAdvice(deps: Deps, actor: Actor, id: string, input: AdviceInput): Promise<Engagement> {
  requireAdviser(actor);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOpen(trx, actor, id);
    const adviceId = newId();
    const revenueForgoneCents = input.revenueForgoneCents ?? null;
    await repo.insertAdvice(trx, {
      org_id: actor.orgId,
      id: adviceId,
      engagement_id: id,
      advice: input.advice,
      against_own_revenue: input.againstOwnRevenue,
      revenue_forgone_cents: revenueForgoneCents,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    const payload: EngagementAdviceRecordedPayload = {
      engagementId: id,
      title: row.title,
      againstOwnRevenue: input.againstOwnRevenue,
      revenueForgoneCents,
    };
    await publish(trx, actor, now, row, ENGAGEMENT_ADVICE_RECORDED, payload, adviceId);
  });
  return getEngagement(deps, actor, id);
}

export async function recordDisagreement(deps: Deps, actor: Actor, id: string, input: DisagreementInput): Promise<Engagement> {
  requireAdviser(actor);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (trx) => {
    const row = await lockOpen(trx, actor, id);
    const disagreementId = newId();
    await repo.insertDisagreement(trx, {
      org_id: actor.orgId,
      id: disagreementId,
      engagement_id: id,
      summary: input.summary,
      resolved_by: input.resolvedBy,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    const payload: EngagementDisagreementRecordedPayload = {
      engagementId: id,
      title: row.title,
      summary: input.summary,
      resolvedBy: input.resolvedBy,
    };
    await publish(trx, actor, now, row, ENGAGEMENT_DISAGREEMENT_RECORDED, payload, disagreementId);
  });
  return getEngagement(deps, actor, id);
}

/** The pull ratio per client, owner or team, overall and per quarter (in the organization's time zone). */
export async function pullRatio(deps: Pick<Deps, "db">, actor: Actor, groupBy: "client" | "owner" | "team") {
  requireAdviser(actor);
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const rows = await repo.listPullFacts(deps.db, actor.orgId);
  const names = new Map<string, string | null>();
  const facts = rows.map((row) => {
    const [id, name] =
      groupBy === "client"
        ? [row.client_id, row.client_name]
        : groupBy === "owner"
          ? [row.owner_id, row.owner_name]
          : [row.team_id, row.team_name];
    const key = id ?? "";
    names.set(key, name ?? null);
    return { group: key, initiatedBy: row.initiated_by, quarter: quarterOf(dateInZone(time.settings.timeZone, new Date(row.created_at))) };
  });
  return {
    groupBy,
    groups: pullRatios(facts).map(({ group, ...figures }) => ({
      id: group === "" ? null : group,
      name: names.get(group) ?? null,
      ...figures,
    })),
  };
}
