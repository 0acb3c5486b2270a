/**
 * Trust figures in the UI language: scores as percentages, contributions and
 * trends as signed percentage points, and the uncertainty band around a score.
 */

/** 0.4234 → "42%" (en) or "42%" (nl); with `digits` 1 → "42.3%" / "42,3%". */
export function formatScore(locale: string, score: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(score);
}

/** A share of a score (0.0345) as percentage points with its sign: "+3.5" / "+3,5"; never "-0.0". */
export function formatPoints(locale: string, share: number, digits = 1): string {
  const points = share * 100;
  const rounded = Number(points.toFixed(digits));
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: "exceptZero",
  }).format(rounded === 0 ? 0 : rounded);
}

/** The same without a sign: for "50 % − 20.7 pp" where the sign is a word of its own. */
export function formatPointsAbsolute(locale: string, share: number, digits = 1): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.abs(share * 100));
}

/**
 * Where the score may lie: from belief r/(r+s+2) to belief plus the
 * uncertainty, i.e. score ∓ uncertainty/2, kept within 0–1. No evidence is the
 * whole range; thirty kept promises a narrow band, three a wide one.
 */
export function band(score: number, uncertainty: number): { low: number; high: number } {
  return { low: Math.max(0, score - uncertainty / 2), high: Math.min(1, score + uncertainty / 2) };
}

/** Changes smaller than half a percentage point read as steady. */
export const TREND_STEADY = 0.005;

export function trendDirection(trend: number): "up" | "down" | "steady" {
  return trend >= TREND_STEADY ? "up" : trend <= -TREND_STEADY ? "down" : "steady";
}

/** A pulse average 1–5 on the 0–1 scale of the radar (1 → 0, 3 → 0.5, 5 → 1). */
export const perceivedShare = (average: number): number => Math.min(1, Math.max(0, (average - 1) / 4));

/** Every `step`-th day counted back from the last, oldest first, with the last always included. */
export function sampleDays<T>(days: readonly T[], step: number): T[] {
  const picked: T[] = [];
  for (let index = days.length - 1; index >= 0; index -= step) picked.push(days[index] as T);
  return picked.reverse();
}
