import { readFileSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { chainBases } from "../../core/index-series/chain.ts";
import { IndexImportError } from "../../core/index-series/errors.ts";
import { CBS_CPI_TABLES, type ParsedSeries, parseIndexCsv } from "../../core/index-series/parse.ts";
import { canConfigureOrganization } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import type { IndexSeriesKind } from "../../db/schema-index-series.ts";
import { AppError, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as repo from "./index-series.repository.ts";
import {
  type ImportQuery,
  type ImportResult,
  type IndexPointOut,
  type SeriesDetail,
  type SeriesList,
  SHIPPED_CPI_CODE,
} from "./index-series.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

const SHIPPED_CPI = {
  name: "CBS CPI",
  source:
    "CBS (Statistics Netherlands): news releases 'Inflatie 3,8 procent in 2023' (January 2024) and 'Inflatie 3,3 procent in 2024' (January 2025)",
  file: path.join(import.meta.dirname, "data", "cbs-cpi-yearly.csv"),
};

let shippedPoints: ParsedSeries["points"] | undefined;
/** The shipped yearly CPI changes, read through the same parser as any import. */
function shippedCpiPoints(): ParsedSeries["points"] {
  shippedPoints ??= parseIndexCsv(readFileSync(SHIPPED_CPI.file)).points;
  return shippedPoints;
}

/**
 * Every organization has the shipped CBS CPI (code 'cbs-cpi'). Called when an
 * organization is created and, for organizations older than the series, before
 * series are read; idempotent and safe when two requests race (the unique code
 * lets one insert win, the other find it).
 */
export async function ensureShippedSeries(deps: Deps, orgId: string): Promise<string> {
  const found = await repo.findSeriesByCode(deps.db, orgId, SHIPPED_CPI_CODE);
  if (found) return found.id;
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const inserted = await repo.insertSeries(trx, {
      org_id: orgId,
      id: newId(),
      code: SHIPPED_CPI_CODE,
      name: SHIPPED_CPI.name,
      source: SHIPPED_CPI.source,
      kind: "yearly_change",
      base: null,
      created_at: now,
    });
    if (!inserted) return (await repo.findSeriesByCode(trx, orgId, SHIPPED_CPI_CODE))?.id as string;
    await repo.insertPointsOnce(
      trx,
      shippedCpiPoints().map((point) => ({
        org_id: orgId,
        series_id: inserted.id,
        period: point.period,
        value: null,
        change_pct: point.changePct,
        provisional: false,
        source: SHIPPED_CPI.source,
        imported_at: now,
        revised_from: null,
        revised_at: null,
      })),
    );
    return inserted.id;
  });
}

/** The status each refusal of the parser answers with: a file too large is 413, the rest 400. */
function translateImportError(error: IndexImportError): AppError {
  const params = { ...error.params, line: error.line ?? 1 };
  return new AppError(`index_series.${error.code}`, error.code === "too_large" ? 413 : 400, params);
}

/**
 * Imports a CSV: a CBS StatLine download (the series is known by its table) or a
 * simple period;value file (known by its name). Importing the same series again
 * revises it: a changed figure keeps what it was and when it changed, a provisional
 * one becomes definitive. All in one transaction: a refused file changes nothing.
 */
export async function importSeries(deps: Deps, actor: Actor, bytes: Uint8Array, query: ImportQuery): Promise<ImportResult> {
  if (!canConfigureOrganization(actor.role)) throw forbidden();
  let parsed: ParsedSeries;
  try {
    parsed = parseIndexCsv(bytes);
  } catch (error) {
    if (error instanceof IndexImportError) throw translateImportError(error);
    throw error;
  }
  const identity =
    parsed.format === "cbs"
      ? {
          code: `cbs-${parsed.tableCode}`,
          name: `CBS CPI ${parsed.base} (${parsed.tableCode})`,
          source: `CBS StatLine ${parsed.tableCode} (${parsed.base})`,
          base: parsed.base,
        }
      : { code: null, name: query.name, source: `Import: ${query.name}`, base: null };
  if (identity.name === undefined) throw new AppError("index_series.name_required", 400);
  const name = identity.name;
  const kind: IndexSeriesKind = parsed.kind;
  const now = deps.clock.now();

  return inTransaction(deps.db, async (trx) => {
    const existing =
      identity.code !== null
        ? await repo.findSeriesByCode(trx, actor.orgId, identity.code)
        : await repo.findCustomSeriesByName(trx, actor.orgId, name);
    let seriesId = existing?.id;
    if (seriesId === undefined) {
      const inserted = await repo.insertSeries(trx, {
        org_id: actor.orgId,
        id: newId(),
        code: identity.code,
        name,
        source: identity.source,
        kind,
        base: identity.base,
        created_at: now,
      });
      // Another import of the same series won the race: use that one.
      seriesId =
        inserted?.id ??
        ((identity.code !== null
          ? await repo.findSeriesByCode(trx, actor.orgId, identity.code)
          : await repo.findCustomSeriesByName(trx, actor.orgId, name)
        )?.id as string);
    }
    const known = new Map((await repo.listPoints(trx, actor.orgId, seriesId)).map((row) => [row.period, row]));
    let revised = 0;
    const rows = parsed.points.map((point) => {
      const before = known.get(point.period);
      const previous = before ? revisionOf(before, point) : null;
      if (previous !== null) revised++;
      return {
        org_id: actor.orgId,
        series_id: seriesId,
        period: point.period,
        value: point.value,
        change_pct: point.changePct,
        provisional: point.provisional,
        source: identity.source,
        imported_at: now,
        revised_from: previous ?? before?.revised_from ?? null,
        revised_at: previous !== null ? now : (before?.revised_at ?? null),
      };
    });
    await repo.upsertPoints(trx, rows);
    const chained = parsed.format === "cbs" ? await rebuildChainedCpi(trx, actor.orgId, now) : null;
    return { id: seriesId, points: rows.length, revised, chained };
  });
}

/** The CBS CPI on one base: the newer table as published, the older one's other periods linked to it. */
export const CHAINED_CPI_CODE = "cbs-cpi-chained";
const [OLDER_TABLE, NEWER_TABLE] = Object.entries(CBS_CPI_TABLES)
  .sort(([, a], [, b]) => a.localeCompare(b))
  .map(([table]) => table) as [string, string];

/**
 * With both CBS CPI tables imported, (re)builds the chained series: figures on
 * different bases are never divided by each other, so an increase measured
 * across the change of base (a lagged month in 2025 against one in 2024) needs
 * the older figures re-expressed on the newer base, by the ratio at a period
 * both tables publish (core/index-series/chain.ts). Each linked figure names
 * the table it came from and the factor; provisional marks carry over; a
 * figure that changes keeps what it was, as in any import.
 */
async function rebuildChainedCpi(trx: Kysely<DB>, orgId: string, now: Date) {
  const older = await repo.findSeriesByCode(trx, orgId, `cbs-${OLDER_TABLE}`);
  const newer = await repo.findSeriesByCode(trx, orgId, `cbs-${NEWER_TABLE}`);
  if (!older || !newer) return null;
  const olderPoints = await repo.listPoints(trx, orgId, older.id);
  const newerPoints = await repo.listPoints(trx, orgId, newer.id);
  const figures = (points: typeof olderPoints) =>
    points.map((point) => ({ period: point.period, value: point.value === null ? null : Number(point.value) }));
  const result = chainBases(figures(olderPoints), figures(newerPoints), CBS_CPI_TABLES[NEWER_TABLE] as string);
  if (!result.ok) return null;
  const newerBase = `${CBS_CPI_TABLES[NEWER_TABLE]}=100`;
  const provisional = new Map([...olderPoints, ...newerPoints].map((point) => [point.period, point.provisional]));
  // The newer table's own marks win for the periods it publishes.
  for (const point of newerPoints) provisional.set(point.period, point.provisional);
  let chainedId = (await repo.findSeriesByCode(trx, orgId, CHAINED_CPI_CODE))?.id;
  if (!chainedId) {
    chainedId = newId();
    await repo.insertSeries(trx, {
      org_id: orgId,
      id: chainedId,
      code: CHAINED_CPI_CODE,
      name: `CBS CPI ${newerBase} (${NEWER_TABLE}, chained with ${OLDER_TABLE})`,
      source: `CBS StatLine ${NEWER_TABLE}; earlier periods from ${OLDER_TABLE}, linked at the overlap`,
      kind: "index",
      base: newerBase,
      created_at: now,
    });
  }
  const known = new Map((await repo.listPoints(trx, orgId, chainedId)).map((row) => [row.period, row]));
  const factorText = new Intl.NumberFormat("en", { maximumSignificantDigits: 8 }).format(result.factor);
  const rows = result.figures.map((figure) => {
    // A linked figure to six decimals (CBS publishes two): 127 × 0.8 is kept as 101.6, not 101.60000000000001.
    const value = figure.chained ? Math.round(figure.value * 1e6) / 1e6 : figure.value;
    const before = known.get(figure.period);
    const previous = before ? revisionOf(before, { value, changePct: null }) : null;
    return {
      org_id: orgId,
      series_id: chainedId,
      period: figure.period,
      value,
      change_pct: null,
      provisional: provisional.get(figure.period) ?? false,
      source: figure.chained
        ? `CBS StatLine ${OLDER_TABLE} × ${factorText} (linked at ${result.overlapPeriod})`
        : `CBS StatLine ${NEWER_TABLE}`,
      imported_at: now,
      revised_from: previous ?? before?.revised_from ?? null,
      revised_at: previous !== null ? now : (before?.revised_at ?? null),
    };
  });
  await repo.upsertPoints(trx, rows);
  return { id: chainedId, overlapPeriod: result.overlapPeriod, factor: result.factor };
}

/** The figure a new import replaces, or null when the figure stays the same. */
function revisionOf(
  before: { value: string | null; change_pct: string | null },
  after: { value: number | null; changePct: number | null },
): string | null {
  if (before.value !== null && after.value !== null) return Number(before.value) === after.value ? null : before.value;
  if (before.change_pct !== null && after.changePct !== null)
    return Number(before.change_pct) === after.changePct ? null : before.change_pct;
  return null;
}

export async function listSeries(deps: Deps, actor: Actor): Promise<SeriesList> {
  await ensureShippedSeries(deps, actor.orgId);
  const rows = await repo.listSeries(deps.db, actor.orgId);
  return {
    items: rows.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      kind: row.kind,
      base: row.base,
      source: row.source,
      firstPeriod: row.first_period,
      lastPeriod: row.last_period,
      pointCount: row.point_count,
      provisionalCount: row.provisional_count,
    })),
  };
}

type PointRow = Awaited<ReturnType<typeof repo.listPoints>>[number];

function toPoint(row: PointRow): IndexPointOut {
  return {
    period: row.period,
    ...(row.value !== null ? { value: Number(row.value) } : {}),
    ...(row.change_pct !== null ? { changePct: Number(row.change_pct) } : {}),
    provisional: row.provisional,
    ...(row.revised_from !== null ? { revisedFrom: Number(row.revised_from) } : {}),
    ...(row.revised_at !== null ? { revisedAt: new Date(row.revised_at).toISOString() } : {}),
    source: row.source,
  };
}

export async function getSeries(deps: Deps, actor: Actor, seriesId: string): Promise<SeriesDetail> {
  await ensureShippedSeries(deps, actor.orgId);
  const series = await repo.findSeries(deps.db, actor.orgId, seriesId);
  if (!series) throw notFound("index_series.not_found");
  const points = await repo.listPoints(deps.db, actor.orgId, seriesId);
  return {
    id: series.id,
    code: series.code,
    name: series.name,
    kind: series.kind,
    base: series.base,
    source: series.source,
    points: points.map(toPoint),
  };
}

/** A series' points in period order, for modules that compute with them (contracts' indexation audit). */
export async function getSeriesPoints(deps: Deps, actor: Actor, seriesId: string): Promise<IndexPointOut[]> {
  return (await getSeries(deps, actor, seriesId)).points;
}

/**
 * The points of several series at once, by series, for an organization-wide
 * audit of its contracts. No actor: the caller has checked who may see it,
 * and the shipped series exists once any contract refers to it.
 */
export async function pointsBySeries(db: Kysely<DB>, orgId: string, seriesIds: readonly string[]): Promise<Map<string, IndexPointOut[]>> {
  const bySeries = new Map<string, IndexPointOut[]>(seriesIds.map((id) => [id, []]));
  for (const row of await repo.listPointsOfSeries(db, orgId, seriesIds)) bySeries.get(row.series_id)?.push(toPoint(row));
  return bySeries;
}
