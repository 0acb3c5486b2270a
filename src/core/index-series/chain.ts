/**
 * Chaining CBS's two CPI bases. CBS publishes the CPI on 2015 = 100 (table 83131NED)
 * and, from 2026, on 2025 = 100 (86141NED). Figures on different bases must never be
 * divided by each other directly. The older figures are re-expressed on the newer base
 * by the ratio of one period both tables publish: the newer base year's average when
 * both have it (on the new base it is 100 by definition), otherwise the latest period
 * both have. Nothing is rounded: the caller rounds where its rule says so.
 */
export interface IndexFigure {
  period: string;
  value: number | null;
}

export interface ChainedFigure {
  period: string;
  value: number;
  /** True when the figure is an older-base figure re-expressed on the newer base. */
  chained: boolean;
}

export type ChainResult =
  | { ok: true; overlapPeriod: string; factor: number; figures: ChainedFigure[] }
  | { ok: false; reason: "no_overlap" };

export function chainBases(older: IndexFigure[], newer: IndexFigure[], newerBaseYear: string): ChainResult {
  const olderValues = valuesByPeriod(older);
  const newerValues = valuesByPeriod(newer);
  const common = [...newerValues.keys()].filter((period) => olderValues.has(period)).sort();
  const overlapPeriod = common.includes(newerBaseYear) ? newerBaseYear : common.at(-1);
  if (overlapPeriod === undefined) return { ok: false, reason: "no_overlap" };
  const factor = (newerValues.get(overlapPeriod) as number) / (olderValues.get(overlapPeriod) as number);
  const figures: ChainedFigure[] = [...newerValues].map(([period, value]) => ({ period, value, chained: false }));
  for (const [period, value] of olderValues) {
    if (!newerValues.has(period)) figures.push({ period, value: value * factor, chained: true });
  }
  figures.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return { ok: true, overlapPeriod, factor, figures };
}

function valuesByPeriod(figures: IndexFigure[]): Map<string, number> {
  return new Map(
    figures
      .filter((figure): figure is { period: string; value: number } => figure.value !== null && figure.value !== 0)
      .map((f) => [f.period, f.value]),
  );
}

/**
 * The percentage change from one period to another, on one base. Within one table this is
 * exact; across tables chain first. Null when a figure is missing: never guessed.
 */
export function percentChange(figures: IndexFigure[], from: string, to: string): number | null {
  const values = valuesByPeriod(figures);
  const a = values.get(from);
  const b = values.get(to);
  return a === undefined || b === undefined ? null : (b / a - 1) * 100;
}
