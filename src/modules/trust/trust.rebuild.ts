import type { Kysely } from "kysely";
import { dateInZone } from "../../core/dates.ts";
import { applyChanges, type SumsAsOf } from "../../core/trust/beta.ts";
import type { TrustCore } from "../../core/trust/cores.ts";
import { evidenceFor, labelOf, undoneEventId } from "../../core/trust/evidence-rules.ts";
import type { WeightTable } from "../../core/trust/weights.ts";
import type { DB } from "../../db/schema.ts";
import { newId } from "../../shared/ids.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as repo from "./trust.repository.ts";
import { markRisksStale } from "./trust.risks.ts";

/** Days of the ledger are UTC days: one calendar for every organization's trend lines. */
export const LEDGER_ZONE = "UTC";

export const EVENTS_PER_READ = 5000;
/** Evidence rows held before they are written: bounds memory on a history of millions. */
const EVIDENCE_PER_FLUSH = 20_000;

type Score = { sums: SumsAsOf; count: number };
type Change = { weight: number; occurredAt: Date; remove?: boolean };

/**
 * Forgets an organization's evidence and scores and derives them again from
 * every domain event, in recorded order — the same rules and the same
 * arithmetic, in the same order, as `recordEvidenceFor` applies one event at
 * a time, so the result is identical (trust.test.ts compares the two). The
 * difference is where the running sums live: here in memory, written in bulk
 * (evidence and day states as the read goes, scores once at the end), instead
 * of a locked read and two upserts per event and core. That is what makes a
 * history of millions of evidence rows a matter of minutes.
 */
export async function rebuildLedger(trx: Kysely<DB>, orgId: string, settings: { halfLifeDays: number; weights: WeightTable }) {
  await repo.clearLedger(trx, orgId);
  const scores = new Map<string, Score & { clientId: string; core: TrustCore }>();
  const days = new Map<string, repo.ScoreDayRow>();
  const touched = new Set<string>();
  let evidence: repo.EvidenceInsert[] = [];

  const move = (clientId: string, core: TrustCore, changes: readonly Change[]) => {
    const key = `${clientId}|${core}`;
    const known = scores.get(key);
    const { sums, count } = applyChanges({ sums: known?.sums, count: known?.count ?? 0 }, settings.halfLifeDays, changes);
    scores.set(key, { clientId, core, sums, count });
    const day = dateInZone(LEDGER_ZONE, sums.asOf);
    days.set(`${key}|${day}`, { org_id: orgId, client_id: clientId, core, day, r: sums.r, s: sums.s, as_of: sums.asOf });
  };

  const flush = async () => {
    await repo.insertEvidenceBulk(trx, evidence);
    evidence = [];
    await repo.upsertScoreDaysBulk(trx, [...days.values()]);
    days.clear();
  };

  let afterSeq = 0;
  let eventsRead = 0;
  for (;;) {
    const events = await domainEvents.listAfter(trx, orgId, afterSeq, EVENTS_PER_READ);
    if (events.length === 0) break;
    for (const event of events) {
      const undone = undoneEventId(event);
      if (undone) {
        // The undone event's evidence may still be waiting in memory: write it first.
        await flush();
        const revoked = await repo.revokeEvidenceOf(trx, orgId, undone, event.id, event.occurredAt);
        for (const core of new Set(revoked.map((row) => row.core))) {
          const mine = revoked.filter((row) => row.core === core);
          move(
            mine[0]?.client_id as string,
            core,
            mine.map((row) => ({ weight: row.weight, occurredAt: new Date(row.occurred_at), remove: true })),
          );
        }
      }
      if (!event.clientId) continue;
      touched.add(event.clientId);
      const items = evidenceFor({ type: event.type, payload: event.payload }, settings.weights);
      const seen = new Set<string>();
      const byCore = new Map<TrustCore, Change[]>();
      for (const item of items) {
        // What the table's unique key would refuse counts once, as one insert of the live path would.
        const key = `${item.kind}|${item.core}`;
        if (seen.has(key)) continue;
        seen.add(key);
        evidence.push(evidenceRow(orgId, event, item));
        byCore.set(item.core, [...(byCore.get(item.core) ?? []), { weight: item.weight, occurredAt: event.occurredAt }]);
      }
      for (const [core, changes] of byCore) move(event.clientId, core, changes);
    }
    eventsRead += events.length;
    afterSeq = events[events.length - 1]?.seq ?? afterSeq;
    if (evidence.length >= EVIDENCE_PER_FLUSH) await flush();
  }
  await flush();
  await repo.upsertScoresBulk(
    trx,
    [...scores.values()].map((score) => ({
      org_id: orgId,
      client_id: score.clientId,
      core: score.core,
      r: score.sums.r,
      s: score.sums.s,
      as_of: score.sums.asOf,
      evidence_count: score.count,
    })),
  );
  await markRisksStale(trx, orgId, [...touched]);
  return { eventsRead, evidenceRows: await repo.countEvidence(trx, orgId) };
}

/** One evidence row of an event: the same fields `recordEvidenceFor` writes. */
export function evidenceRow(
  orgId: string,
  event: domainEvents.DomainEvent,
  item: { kind: string; core: TrustCore; weight: number },
): repo.EvidenceInsert {
  const payload = event.payload;
  return {
    org_id: orgId,
    id: newId(),
    event_id: event.id,
    client_id: event.clientId as string,
    core: item.core,
    kind: item.kind,
    weight: item.weight,
    occurred_at: event.occurredAt,
    source_type: event.subjectType,
    source_id: event.subjectId,
    subject_user_id: typeof payload.ownerId === "string" ? payload.ownerId : event.actorId,
    recorded_by: event.actorId,
    note: typeof payload.note === "string" ? payload.note : null,
    label: labelOf(payload),
  };
}
