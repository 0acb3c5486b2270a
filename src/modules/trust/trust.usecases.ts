import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { addDays, addDaysToInstant, dateInZone } from "../../core/dates.ts";
import { canConfigureOrganization, canSeeTrust } from "../../core/roles.ts";
import { applyChanges, contributions, decayTo, readiness, reading, type SumsAsOf } from "../../core/trust/beta.ts";
import { TRUST_CORES, type TrustCore } from "../../core/trust/cores.ts";
import { evidenceFor, undoneEventId } from "../../core/trust/evidence-rules.ts";
import { DEFAULT_WEIGHTS, effectiveWeights, refuseWeightChanges, type WeightChanges, type WeightTable } from "../../core/trust/weights.ts";
import type { DB } from "../../db/schema.ts";
import type { Language } from "../../i18n/translate.ts";
import { AppError, conflict, forbidden } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as pulse from "../pulse/pulse.usecases.ts";
import { explainEvidence } from "./trust.explain.ts";
import { evidenceRow, LEDGER_ZONE, rebuildLedger } from "./trust.rebuild.ts";
import * as repo from "./trust.repository.ts";
import { contactStatus, markRiskStale } from "./trust.risks.ts";
import type { ClientTrust, EvidenceList, ObservationInput, SettingsPreview, TrustSettings, TrustSettingsInput } from "./trust.schemas.ts";

export type Deps = { db: Kysely<DB>; clock: Clock };

const DEFAULT_HALF_LIFE_DAYS = 180;
const TREND_DAYS = 30;

type LedgerSettings = { halfLifeDays: number; changes: WeightChanges; weights: WeightTable; version: number };

async function ledgerSettings(db: Kysely<DB>, orgId: string): Promise<LedgerSettings> {
  const row = await repo.findSettings(db, orgId);
  const changes = (row?.weights ?? {}) as WeightChanges;
  return {
    halfLifeDays: row?.half_life_days ?? DEFAULT_HALF_LIFE_DAYS,
    changes,
    weights: effectiveWeights(changes),
    version: row?.version ?? 0,
  };
}

/** The client exists in the actor's organization (else 404) and the actor may see its ledger. */
async function requireLedgerOf(deps: Pick<Deps, "db">, actor: Actor, clientId: string) {
  if (!canSeeTrust(actor.role)) throw forbidden();
  await clients.getClient(deps, actor, clientId);
}

const emptySums = (at: Date): SumsAsOf => ({ r: 0, s: 0, asOf: at });

/**
 * Moves one client's scores by the given weights per core, and keeps each
 * day's state for trends: one locked read, one upsert of the scores and one
 * of the day states, however many cores move (this runs inside every close).
 */
async function moveScores(
  trx: Kysely<DB>,
  orgId: string,
  clientId: string,
  halfLifeDays: number,
  changesByCore: ReadonlyMap<TrustCore, ReadonlyArray<{ weight: number; occurredAt: Date; remove?: boolean }>>,
) {
  if (changesByCore.size === 0) return;
  const rows = await repo.lockScores(trx, orgId, clientId, [...changesByCore.keys()]);
  const scores: repo.ScoreRow[] = [];
  for (const [core, changes] of changesByCore) {
    const row = rows.find((candidate) => candidate.core === core);
    const { sums, count } = applyChanges(
      { sums: row ? { r: row.r, s: row.s, asOf: new Date(row.as_of) } : undefined, count: row?.evidence_count ?? 0 },
      halfLifeDays,
      changes,
    );
    scores.push({ org_id: orgId, client_id: clientId, core, r: sums.r, s: sums.s, as_of: sums.asOf, evidence_count: count });
  }
  await repo.upsertScoresBulk(trx, scores);
  await repo.upsertScoreDaysBulk(
    trx,
    scores.map(({ evidence_count: _count, ...score }) => ({ ...score, day: dateInZone(LEDGER_ZONE, score.as_of) })),
  );
}

/** Changes grouped by core, in the order the rows came. */
function byCore<T extends { core: TrustCore }>(
  rows: readonly T[],
  change: (row: T) => { weight: number; occurredAt: Date; remove?: boolean },
) {
  const grouped = new Map<TrustCore, Array<{ weight: number; occurredAt: Date; remove?: boolean }>>();
  for (const row of rows) grouped.set(row.core, [...(grouped.get(row.core) ?? []), change(row)]);
  return grouped;
}

/**
 * The in-transaction consumer of domain events (registered in app.ts): the
 * event's evidence is written with it, and the client's scores move in the
 * same transaction. Replays insert nothing and move nothing.
 */
export async function recordEvidenceFor(trx: Kysely<DB>, event: domainEvents.DomainEvent, settings?: LedgerSettings): Promise<number> {
  const undone = undoneEventId(event);
  const applied = settings ?? (undone || event.clientId ? await ledgerSettings(trx, event.orgId) : undefined);
  if (!applied) return 0;
  if (undone) {
    const revoked = await repo.revokeEvidenceOf(trx, event.orgId, undone, event.id, event.occurredAt);
    const clientId = revoked[0]?.client_id;
    if (clientId) {
      const removals = byCore(revoked, (row) => ({ weight: row.weight, occurredAt: new Date(row.occurred_at), remove: true }));
      await moveScores(trx, event.orgId, clientId, applied.halfLifeDays, removals);
    }
  }
  if (!event.clientId) return 0;
  // Anything that happened with a client may change why it is at risk (a contact ends a silence).
  await markRiskStale(trx, event.orgId, event.clientId);
  const items = evidenceFor({ type: event.type, payload: event.payload }, applied.weights);
  if (items.length === 0) return 0;
  const inserted = await repo.insertEvidence(
    trx,
    items.map((item) => evidenceRow(event.orgId, event, item)),
  );

  const additions = byCore(inserted, (row) => ({ weight: row.weight, occurredAt: new Date(row.occurred_at) }));
  await moveScores(trx, event.orgId, event.clientId, applied.halfLifeDays, additions);
  return inserted.length;
}

/** Score of a core `daysBack` days ago, from the day states (0.5 when there was nothing yet). */
async function scoresDaysAgo(deps: Deps, orgId: string, clientId: string, now: Date, halfLifeDays: number, daysBack: number) {
  const then = addDaysToInstant(now, -daysBack);
  const rows = await repo.scoresOnDay(deps.db, orgId, clientId, dateInZone(LEDGER_ZONE, then));
  const scores = Object.fromEntries(TRUST_CORES.map((core) => [core, 0.5])) as Record<TrustCore, number>;
  for (const row of rows) {
    const sums = decayTo({ r: row.r, s: row.s, asOf: new Date(row.as_of) }, halfLifeDays, then);
    scores[row.core] = reading(sums).score;
  }
  return scores;
}

export async function getClientTrust(deps: Deps, actor: Actor, clientId: string): Promise<ClientTrust> {
  await requireLedgerOf(deps, actor, clientId);
  const now = deps.clock.now();
  const settings = await ledgerSettings(deps.db, actor.orgId);
  const rows = await repo.listScores(deps.db, actor.orgId, clientId);
  const before = await scoresDaysAgo(deps, actor.orgId, clientId, now, settings.halfLifeDays, TREND_DAYS);
  const cores = Object.fromEntries(
    TRUST_CORES.map((core) => {
      const row = rows.find((one) => one.core === core);
      const sums = row ? decayTo({ r: row.r, s: row.s, asOf: new Date(row.as_of) }, settings.halfLifeDays, now) : emptySums(now);
      const current = reading(sums);
      return [core, { ...current, trend: current.score - before[core], evidenceCount: row?.evidence_count ?? 0 }];
    }),
  ) as ClientTrust["cores"];
  return {
    clientId,
    asOf: now.toISOString(),
    halfLifeDays: settings.halfLifeDays,
    cores,
    readiness: readiness(cores),
    perceived: (await pulse.perceivedScores(deps.db, actor.orgId, clientId, now)).perceived,
    contact: await contactStatus(deps.db, actor.orgId, clientId, now),
  };
}

/** Each core's score per day over the last `days` days (trend lines). */
export async function getTrustHistory(deps: Deps, actor: Actor, clientId: string, days: number) {
  await requireLedgerOf(deps, actor, clientId);
  const now = deps.clock.now();
  const settings = await ledgerSettings(deps.db, actor.orgId);
  const today = dateInZone(LEDGER_ZONE, now);
  const from = addDays(today, -days);
  const start = await repo.scoresOnDay(deps.db, actor.orgId, clientId, addDays(from, -1));
  const rows = await repo.scoreDaysSince(deps.db, actor.orgId, clientId, from);
  const latest = new Map<TrustCore, SumsAsOf>(start.map((row) => [row.core, { r: row.r, s: row.s, asOf: new Date(row.as_of) }]));
  const result: Array<{ day: string } & Record<TrustCore, number>> = [];
  let index = 0;
  for (let day = from; day <= today; day = addDays(day, 1)) {
    while (index < rows.length && (rows[index]?.day ?? "") <= day) {
      const row = rows[index++];
      if (row) latest.set(row.core, { r: row.r, s: row.s, asOf: new Date(row.as_of) });
    }
    const endOfDay = day === today ? now : new Date(`${addDays(day, 1)}T00:00:00Z`);
    const point = { day } as { day: string } & Record<TrustCore, number>;
    for (const core of TRUST_CORES) {
      const sums = latest.get(core);
      point[core] = sums ? reading(decayTo(sums, settings.halfLifeDays, endOfDay)).score : 0.5;
    }
    result.push(point);
  }
  return { days: result };
}

export async function listClientEvidence(
  deps: Deps,
  actor: Actor,
  clientId: string,
  query: { core?: TrustCore | undefined; sort: "recent" | "impact"; limit?: number | undefined; offset?: number | undefined },
  language: Language,
): Promise<EvidenceList> {
  await requireLedgerOf(deps, actor, clientId);
  const now = deps.clock.now();
  const settings = await ledgerSettings(deps.db, actor.orgId);
  const rows = await repo.listEvidence(deps.db, actor.orgId, clientId, query.core);
  // Contributions need every item of a core (they share one denominator);
  // only the page asked for is explained in words, which is the costly part.
  const counted: Array<{ row: (typeof rows)[number]; core: TrustCore; contribution: number; occurredAt: string }> = [];
  const cores: EvidenceList["cores"] = {};
  for (const core of query.core ? [query.core] : TRUST_CORES) {
    const mine = rows.filter((row) => row.core === core);
    const { sums, shares } = contributions(
      mine.map((row) => ({ weight: row.weight, occurredAt: new Date(row.occurred_at) })),
      settings.halfLifeDays,
      now,
    );
    cores[core] = { score: reading(sums).score, r: sums.r, s: sums.s };
    mine.forEach((row, index) => {
      counted.push({ row, core, contribution: shares[index] ?? 0, occurredAt: new Date(row.occurred_at).toISOString() });
    });
  }
  counted.sort((a, b) =>
    query.sort === "impact"
      ? Math.abs(b.contribution) - Math.abs(a.contribution) || b.occurredAt.localeCompare(a.occurredAt)
      : b.occurredAt.localeCompare(a.occurredAt) || a.row.id.localeCompare(b.row.id),
  );
  const offset = query.offset ?? 0;
  const page = counted.slice(offset, offset + (query.limit ?? 100));
  const pageContribution = page.reduce((sum, item) => sum + item.contribution, 0);
  const allContribution = counted.reduce((sum, item) => sum + item.contribution, 0);
  const items = page.map(({ row, core, contribution, occurredAt }) => ({
    id: row.id,
    core,
    kind: row.kind,
    occurredAt,
    weight: row.weight,
    source: { type: row.source_type, id: row.source_id },
    contribution,
    explanation: explainEvidence(
      language,
      { core, kind: row.kind, weight: row.weight, label: row.label, note: row.note, occurredAt: new Date(row.occurred_at) },
      now,
    ),
    label: row.label,
    note: row.note,
    recordedBy: row.recorded_by,
  }));
  return {
    items,
    total: counted.length,
    rest: { count: counted.length - page.length, contribution: allContribution - pageContribution },
    cores,
  };
}

/** A colleague's own observation: attributable (who, when, why) and append-only, through the one door. */
export async function recordObservation(deps: Deps, actor: Actor, clientId: string, input: ObservationInput, language: Language) {
  await requireLedgerOf(deps, actor, clientId);
  const now = deps.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 60_000) throw new AppError("trust.observation_in_future", 400);
  const id = newId();
  await inTransaction(deps.db, (trx) =>
    domainEvents.publish(trx, {
      orgId: actor.orgId,
      id,
      type: "trust.observation_recorded",
      subjectType: "observation",
      subjectId: id,
      clientId,
      actorId: actor.userId,
      payload: { core: input.core, direction: input.direction, strength: input.strength, note: input.reason, title: input.reason },
      occurredAt,
    }),
  );
  const list = await listClientEvidence(deps, actor, clientId, { core: input.core, sort: "recent" }, language);
  const item = list.items.find((one) => one.source.id === id);
  if (!item) throw new Error("the observation's evidence was not written");
  return item;
}

export async function getSettings(deps: Deps, actor: Actor): Promise<TrustSettings> {
  if (!canSeeTrust(actor.role)) throw forbidden();
  const settings = await ledgerSettings(deps.db, actor.orgId);
  return {
    halfLifeDays: settings.halfLifeDays,
    changes: settings.changes as TrustSettings["changes"],
    weights: settings.weights as TrustSettings["weights"],
    defaults: DEFAULT_WEIGHTS as TrustSettings["defaults"],
    version: settings.version,
  };
}

function refuseSettings(actor: Actor, input: TrustSettingsInput) {
  if (!canConfigureOrganization(actor.role)) throw forbidden();
  const refusal = refuseWeightChanges(input.changes);
  if (refusal) throw new AppError("trust.invalid_weights", 400, { kind: refusal.kind, core: refusal.core, reason: refusal.reason });
}

/**
 * What a change of settings would do to today's scores, before saving it:
 * every client's evidence weighed again with the new table and half-life.
 */
export async function previewSettings(deps: Deps, actor: Actor, input: TrustSettingsInput): Promise<SettingsPreview> {
  refuseSettings(actor, input);
  const now = deps.clock.now();
  const current = await ledgerSettings(deps.db, actor.orgId);
  const next = effectiveWeights(input.changes);
  const rows = await repo.allLiveEvidence(deps.db, actor.orgId);
  const byClientCore = new Map<string, typeof rows>();
  for (const row of rows) {
    const key = `${row.client_id}|${row.core}`;
    const list = byClientCore.get(key) ?? [];
    list.push(row);
    byClientCore.set(key, list);
  }
  const changes: SettingsPreview["changes"] = [];
  const affected = new Set<string>();
  for (const [key, list] of byClientCore) {
    const [clientId = "", core = "integrity"] = key.split("|") as [string, TrustCore];
    const before = reading(
      contributions(
        list.map((row) => ({ weight: row.weight, occurredAt: new Date(row.occurred_at) })),
        current.halfLifeDays,
        now,
      ).sums,
    ).score;
    const after = reading(
      contributions(
        list.map((row) => ({ weight: reweigh(row, current.weights, next), occurredAt: new Date(row.occurred_at) })),
        input.halfLifeDays,
        now,
      ).sums,
    ).score;
    if (Math.abs(after - before) < 1e-9) continue;
    affected.add(clientId);
    changes.push({ clientId, clientName: list[0]?.client_name ?? "", core, before, after });
  }
  changes.sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));
  return { clientsAffected: affected.size, changes: changes.slice(0, 50) };
}

/** A row's weight under another table: its kind's new weight times what it had on top of the old one (an observation's strength). */
function reweigh(row: { kind: string; core: TrustCore; weight: number }, from: WeightTable, to: WeightTable): number {
  const kind = row.kind as keyof WeightTable;
  const old = from[kind]?.[row.core];
  const next = to[kind]?.[row.core] ?? 0;
  const factor = old !== undefined && old !== 0 ? row.weight / old : 1;
  return next * factor;
}

/** Saves settings and weighs all evidence again with them, in one transaction. */
export async function updateSettings(deps: Deps, actor: Actor, input: TrustSettingsInput): Promise<TrustSettings> {
  refuseSettings(actor, input);
  await inTransaction(deps.db, async (trx) => {
    const saved = await repo.saveSettings(
      trx,
      actor.orgId,
      { halfLifeDays: input.halfLifeDays, weights: input.changes },
      input.version,
      deps.clock.now(),
    );
    if (!saved) throw conflict("trust.weights_version_conflict");
    await rebuildLedger(trx, actor.orgId, await ledgerSettings(trx, actor.orgId));
  });
  return getSettings(deps, actor);
}

/**
 * Builds the ledger from history: every producer publishes its past facts
 * (nothing counts twice), then evidence and scores are derived again from all
 * events. Yields exactly what writing as things happened yields.
 */
export async function backfillEvidence(deps: Pick<Deps, "db">, orgId: string) {
  return inTransaction(deps.db, async (trx) => {
    const factsPublished = await commitments.republishFacts(trx, orgId);
    const rebuilt = await rebuildLedger(trx, orgId, await ledgerSettings(trx, orgId));
    return { factsPublished, ...rebuilt };
  });
}

/** The ledger as stored (evidence and scores), for comparing two ways of writing it. */
export async function dumpLedger(deps: Pick<Deps, "db">, orgId: string) {
  return repo.dumpLedger(deps.db, orgId);
}
