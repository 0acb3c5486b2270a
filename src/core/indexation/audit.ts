import {
  add,
  compare,
  div,
  fromNumber,
  HUNDRED,
  mul,
  ONE,
  type Rational,
  rational,
  roundHalfAwayFromZero,
  roundTo,
  sub,
  toNumber,
} from "./rational.ts";

/**
 * The red-face audit of an indexation clause: per contract year, the increase
 * the clause allowed on the real index figures, the increase actually
 * applied, both prices, and what the client paid too much (or too little).
 *
 * - Every year's allowed price builds on the previous ALLOWED price, the
 *   charged price on the previous CHARGED price: an overcharge compounds, as
 *   it does on the client's invoices.
 * - Prices are whole cents, rounded each year half away from zero; the
 *   arithmetic is exact (rational.ts), so the total is right to the cent.
 * - A percentage is rounded to `roundPctDecimals` places when the clause says
 *   so, otherwise not at all.
 * - A figure the series does not have makes that year say which one is
 *   missing, with no numbers, and every later allowed price waits for it:
 *   never a number built on a guess.
 *
 * Pure: the caller passes the series' points and the day to audit up to.
 */

export type IndexationMethod = "yoy" | "fixed_base" | "annual_average";

/** A point of an index series, as the index-series API gives it. */
export type IndexPoint = {
  /** "2024-01" for a month, "2024" for a year. */
  period: string;
  value?: number | null;
  /** The published change against a year earlier, in percent (the CBS yearly CPI gives only this). */
  changePct?: number | null;
  provisional: boolean;
  /** The value before a later import revised it. */
  revisedFrom?: number | null;
  source?: string | null;
};

export type IndexationClause = {
  method: IndexationMethod;
  /** Months between the reference month and the month the increase takes effect (the index of four months before: 4). */
  lagMonths: number;
  /** Fixed base: the period the first increase is measured from ("2019-09"); by default the start month, lagged. */
  basePeriod?: string | undefined;
  capPct?: number | undefined;
  floorPct?: number | undefined;
  roundPctDecimals?: number | undefined;
};

export type AppliedIncrease = { effectiveOn: string; appliedPct?: number | undefined; newPriceCents?: number | undefined };

export type AuditInput = {
  /** "YYYY-MM-DD" */
  startsOn: string;
  annualPriceCents: number;
  /** The month (1–12) the yearly increase takes effect; the start month when not given. */
  effectiveMonth?: number | undefined;
  clause: IndexationClause;
  increases: readonly AppliedIncrease[];
  /** The series' points, or the same indexed once for many audits (`indexSeries`). */
  points: readonly IndexPoint[] | IndexedSeries;
  /** "YYYY-MM-DD": years whose increase takes effect after this day are not audited yet. */
  until: string;
};

export type FigureUsed = {
  period: string;
  value: number | null;
  changePct: number | null;
  provisional: boolean;
  revisedFrom: number | null;
  source: string | null;
};

export type AuditYear = {
  effectiveOn: string;
  allowedPct: number | null;
  appliedPct: number | null;
  allowedPriceCents: number | null;
  chargedPriceCents: number;
  overchargeCents: number | null;
  /** Whether an increase was recorded for this year (none recorded: the price stayed). */
  appliedRecorded: boolean;
  /** The index figures this year's allowed increase was worked out from. */
  figures: FigureUsed[];
  /** Figures the series lacks for this year ("2025-09"); an earlier year's missing figure blocks this one too. */
  missing: string[];
  blockedBy: string | null;
  capped: boolean;
  floored: boolean;
  provisional: boolean;
  revised: boolean;
};

export type AuditResult = {
  years: AuditYear[];
  /** Over the years with an allowed price; under-charges count against over-charges. */
  totalOverchargeCents: number;
  /** Every year could be worked out. */
  complete: boolean;
};

export type IndexationErrorCode =
  | "cap_below_floor"
  | "negative_price"
  | "invalid_lag"
  | "invalid_rounding"
  | "invalid_date"
  | "invalid_month"
  | "invalid_period";

/** Input the audit cannot work with; the code is translated by the module that asked. */
export class IndexationError extends Error {
  readonly code: IndexationErrorCode;
  constructor(code: IndexationErrorCode) {
    super(code);
    this.code = code;
  }
}

type Month = { year: number; month: number };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})(?:-(\d{2}))?$/;
const pad = (n: number) => String(n).padStart(2, "0");
export const monthKey = ({ year, month }: Month) => `${year}-${pad(month)}`;

function parseDate(text: string): Month & { day: number } {
  const match = DATE.exec(text);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) throw new IndexationError("invalid_date");
  return { year, month, day };
}

/** Months later (or earlier, when negative), across year ends. */
export function shiftMonths({ year, month }: Month, months: number): Month {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function validate(input: AuditInput) {
  const { clause } = input;
  if (!Number.isSafeInteger(input.annualPriceCents) || input.annualPriceCents < 0) throw new IndexationError("negative_price");
  if (!Number.isInteger(clause.lagMonths) || clause.lagMonths < 0 || clause.lagMonths > 36) throw new IndexationError("invalid_lag");
  if (clause.capPct !== undefined && clause.floorPct !== undefined && clause.capPct < clause.floorPct)
    throw new IndexationError("cap_below_floor");
  const decimals = clause.roundPctDecimals;
  if (decimals !== undefined && (!Number.isInteger(decimals) || decimals < 0 || decimals > 6))
    throw new IndexationError("invalid_rounding");
  const month = input.effectiveMonth;
  if (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12)) throw new IndexationError("invalid_month");
  if (clause.basePeriod !== undefined && !/^\d{4}-\d{2}$/.test(clause.basePeriod)) throw new IndexationError("invalid_period");
  for (const increase of input.increases) {
    parseDate(increase.effectiveOn);
    if (increase.newPriceCents !== undefined && (!Number.isSafeInteger(increase.newPriceCents) || increase.newPriceCents < 0))
      throw new IndexationError("negative_price");
  }
}

const used = (point: IndexPoint): FigureUsed => ({
  period: point.period,
  value: point.value ?? null,
  changePct: point.changePct ?? null,
  provisional: point.provisional,
  revisedFrom: point.revisedFrom ?? null,
  source: point.source ?? null,
});

/** What one year's allowed increase needs: the ratio (1 + change) and the figures it came from, or the missing ones. */
type Step = { ratio: Rational; figures: FigureUsed[] } | { missing: string[] };

function stepFor(
  clause: IndexationClause,
  effective: Month,
  previousReference: Month,
  values: ReadonlyMap<string, IndexPoint>,
): Step & { reference: Month } {
  const reference = shiftMonths(effective, -clause.lagMonths);
  const valueAt = (period: string) => {
    const point = values.get(period);
    return point && typeof point.value === "number" && point.value > 0 ? point : undefined;
  };
  if (clause.method === "annual_average") {
    // The last calendar year complete before the reference month.
    const year = reference.month === 12 ? reference.year : reference.year - 1;
    const point = values.get(String(year));
    if (point && typeof point.changePct === "number") {
      return { reference, ratio: add(ONE, div(fromNumber(point.changePct), HUNDRED)), figures: [used(point)] };
    }
    const now = valueAt(String(year));
    const before = valueAt(String(year - 1));
    if (now && before)
      return {
        reference,
        ratio: div(fromNumber(now.value as number), fromNumber(before.value as number)),
        figures: [used(before), used(now)],
      };
    return { reference, missing: point || now ? [String(year - 1)] : [String(year)] };
  }
  // Year on year compares the reference month with the same month a year earlier; a fixed base
  // compares it with the previous increase's reference month (the base period for the first).
  const from = clause.method === "yoy" ? shiftMonths(reference, -12) : previousReference;
  const now = valueAt(monthKey(reference));
  const before = valueAt(monthKey(from));
  if (!now || !before) {
    return { reference, missing: [...(before ? [] : [monthKey(from)]), ...(now ? [] : [monthKey(reference)])] };
  }
  return { reference, ratio: div(fromNumber(now.value as number), fromNumber(before.value as number)), figures: [used(before), used(now)] };
}

/**
 * A series' points by period, checked once. An organization-wide audit runs
 * thousands of contracts over the same few series: it indexes each series
 * once (`indexSeries`) and passes the index instead of the array.
 */
export type IndexedSeries = { readonly byPeriod: ReadonlyMap<string, IndexPoint> };

export function indexSeries(points: readonly IndexPoint[]): IndexedSeries {
  for (const point of points) if (!PERIOD.test(point.period)) throw new IndexationError("invalid_period");
  return { byPeriod: new Map(points.map((point) => [point.period, point])) };
}

const indexedPoints = (points: AuditInput["points"]): ReadonlyMap<string, IndexPoint> =>
  "byPeriod" in points ? points.byPeriod : indexSeries(points).byPeriod;

export function auditIndexation(input: AuditInput): AuditResult {
  validate(input);
  const { clause } = input;
  const start = parseDate(input.startsOn);
  const until = parseDate(input.until);
  const untilKey = `${until.year}-${pad(until.month)}-${pad(until.day)}`;
  const values = indexedPoints(input.points);
  const effectiveMonth = input.effectiveMonth ?? start.month;
  const increasesByYear = new Map(input.increases.map((increase) => [parseDate(increase.effectiveOn).year, increase]));
  const cap = clause.capPct === undefined ? undefined : fromNumber(clause.capPct);
  const floor = clause.floorPct === undefined ? undefined : fromNumber(clause.floorPct);

  let allowed: Rational | null = rational(BigInt(input.annualPriceCents));
  let charged = BigInt(input.annualPriceCents);
  let blockedBy: string | null = null;
  let previousReference: Month = clause.basePeriod
    ? (() => {
        const [year, month] = clause.basePeriod.split("-").map(Number) as [number, number];
        return { year, month };
      })()
    : shiftMonths(start, -clause.lagMonths);
  const years: AuditYear[] = [];
  let total = 0n;

  // The first increase takes effect in the effective month after a full year; then yearly.
  const firstYear = start.year + (effectiveMonth > start.month ? 0 : 1);
  for (let year = firstYear; ; year++) {
    const effective: Month = { year, month: effectiveMonth };
    const effectiveOn = `${monthKey(effective)}-01`;
    if (effectiveOn > untilKey) break;

    // What was charged: the recorded increase, or the same price when none was recorded.
    const increase = increasesByYear.get(year);
    const previousCharged = charged;
    if (increase?.newPriceCents !== undefined) charged = BigInt(increase.newPriceCents);
    else if (increase?.appliedPct !== undefined)
      charged = roundHalfAwayFromZero(mul(rational(previousCharged), add(ONE, div(fromNumber(increase.appliedPct), HUNDRED))));
    // The percentage charged, worked out from the prices only when it was not recorded as one.
    const appliedPct =
      increase?.appliedPct ??
      (previousCharged === 0n ? null : toNumber(mul(sub(div(rational(charged), rational(previousCharged)), ONE), HUNDRED)));

    const step = stepFor(clause, effective, previousReference, values);
    previousReference = step.reference;
    const base = {
      effectiveOn,
      appliedPct,
      chargedPriceCents: Number(charged),
      appliedRecorded: increase !== undefined,
      capped: false,
      floored: false,
    };
    if ("missing" in step || allowed === null) {
      const missing = "missing" in step ? step.missing : [];
      blockedBy ??= missing[0] ?? null;
      allowed = null;
      years.push({
        ...base,
        allowedPct: null,
        allowedPriceCents: null,
        overchargeCents: null,
        figures: "figures" in step ? step.figures : [],
        missing,
        blockedBy: missing.length > 0 ? null : blockedBy,
        provisional: false,
        revised: false,
      });
      continue;
    }

    let pct = mul(sub(step.ratio, ONE), HUNDRED);
    if (clause.roundPctDecimals !== undefined) pct = roundTo(pct, clause.roundPctDecimals);
    let capped = false;
    let floored = false;
    if (cap && compare(pct, cap) > 0) [pct, capped] = [cap, true];
    if (floor && compare(pct, floor) < 0) [pct, floored] = [floor, true];
    const allowedCents = roundHalfAwayFromZero(mul(allowed, add(ONE, div(pct, HUNDRED))));
    allowed = rational(allowedCents);
    const over = charged - allowedCents;
    total += over;
    years.push({
      ...base,
      capped,
      floored,
      allowedPct: toNumber(pct),
      allowedPriceCents: Number(allowedCents),
      overchargeCents: Number(over),
      figures: step.figures,
      missing: [],
      blockedBy: null,
      provisional: step.figures.some((figure) => figure.provisional),
      revised: step.figures.some((figure) => figure.revisedFrom !== null),
    });
  }
  return { years, totalOverchargeCents: Number(total), complete: years.every((year) => year.allowedPriceCents !== null) };
}
