import type { Kysely } from "kysely";
import { dateInZone } from "../../core/dates.ts";
import { type AuditResult, auditIndexation, IndexationError, type IndexedSeries, indexSeries } from "../../core/indexation/audit.ts";
import type { DB } from "../../db/schema.ts";
import * as indexSeriesModule from "../index-series/index-series.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import * as repo from "./contracts.repository.ts";

/**
 * The audit of every indexed contract of an organization (or of one client)
 * at once: the integrity dashboard's red-face exposure and the at-risk list's
 * reason. Four statements whatever the number of contracts, then the pure
 * audit in memory — the same rules and arithmetic as one contract's audit.
 * No actor: the caller has checked who may see prices.
 */
export type PortfolioContract = {
  contractId: string;
  clientId: string;
  clientName: string;
  title: string;
  lastAuditedAt: Date | null;
  /** Refunded or credited so far. */
  correctedCents: number;
  corrections: number;
  correctionsRaisedByClient: number;
  /** Null when the clause cannot be audited as recorded (e.g. a base period the series lacks). */
  audit: AuditResult | null;
};

const numberOrUndefined = (value: string | number | null) => (value === null ? undefined : Number(value));

export async function auditPortfolio(
  db: Kysely<DB>,
  orgId: string,
  now: Date,
  clientId?: string | undefined,
): Promise<PortfolioContract[]> {
  const [contracts, increases, corrections, time] = [
    await repo.listIndexedContracts(db, orgId, clientId),
    await repo.listIncreasesOfIndexed(db, orgId, clientId),
    await repo.correctionTotals(db, orgId, clientId),
    await workingTime.loadOrganizationTime({ db }, orgId),
  ];
  if (contracts.length === 0) return [];
  const until = dateInZone(time.settings.timeZone, now);
  const seriesIds = [...new Set(contracts.map((row) => row.series_id as string))];
  // Each series indexed once for all its contracts; a series with a bad period makes its contracts unauditable.
  const indexed = new Map<string, IndexedSeries | null>();
  for (const [seriesId, points] of await indexSeriesModule.pointsBySeries(db, orgId, seriesIds)) {
    try {
      indexed.set(seriesId, indexSeries(points));
    } catch (error) {
      if (!(error instanceof IndexationError)) throw error;
      indexed.set(seriesId, null);
    }
  }
  const increasesOf = new Map<string, Array<{ effectiveOn: string; appliedPct?: number; newPriceCents?: number }>>();
  for (const row of increases) {
    const list = increasesOf.get(row.contract_id) ?? [];
    list.push({
      effectiveOn: row.effective_on,
      ...(row.applied_pct !== null ? { appliedPct: Number(row.applied_pct) } : {}),
      ...(row.new_price_cents !== null ? { newPriceCents: Number(row.new_price_cents) } : {}),
    });
    increasesOf.set(row.contract_id, list);
  }
  const correctionsOf = new Map(corrections.map((row) => [row.contract_id, row]));
  return contracts.map((row) => {
    const corrected = correctionsOf.get(row.id);
    return {
      contractId: row.id,
      clientId: row.client_id,
      clientName: row.client_name,
      title: row.title,
      lastAuditedAt: row.last_audited_at === null ? null : new Date(row.last_audited_at),
      correctedCents: corrected ? Number(corrected.refund_cents) : 0,
      corrections: corrected?.count ?? 0,
      correctionsRaisedByClient: corrected?.raised_by_client ?? 0,
      audit: auditOrNull(row, increasesOf.get(row.id) ?? [], indexed.get(row.series_id as string) ?? null, until),
    };
  });
}

function auditOrNull(
  row: Awaited<ReturnType<typeof repo.listIndexedContracts>>[number],
  increases: Array<{ effectiveOn: string; appliedPct?: number; newPriceCents?: number }>,
  points: IndexedSeries | null,
  until: string,
): AuditResult | null {
  if (!points) return null;
  try {
    return auditIndexation({
      startsOn: row.starts_on,
      annualPriceCents: Number(row.annual_price_cents),
      effectiveMonth: row.effective_month ?? undefined,
      clause: {
        method: row.method ?? "yoy",
        lagMonths: row.lag_months ?? 0,
        basePeriod: row.base_period ?? undefined,
        capPct: numberOrUndefined(row.cap_pct),
        floorPct: numberOrUndefined(row.floor_pct),
        roundPctDecimals: row.round_pct_decimals ?? undefined,
      },
      increases,
      points,
      until,
    });
  } catch (error) {
    if (error instanceof IndexationError) return null;
    throw error;
  }
}
