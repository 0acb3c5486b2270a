import { elapsedDays } from "../dates.ts";
import type { TrustCore } from "./cores.ts";
import { CHARACTER_CORES, TRUST_CORES } from "./cores.ts";

/**
 * Beta reputation with forgetting (Jøsang & Ismail 2002). Evidence is a signed
 * weight at a moment: above zero adds to r (positive), below zero to s
 * (negative). Each weight decays by half every `halfLifeDays`, so at time T
 *   r(T) = Σ pᵢ · 2^(−(T − tᵢ)/h),  s(T) = Σ nᵢ · 2^(−(T − tᵢ)/h)
 * and the score is (r+1)/(r+s+2), the uncertainty 2/(r+s+2). Because decay is
 * one factor for all, stored sums as of A become sums as of T by multiplying
 * with 2^(−(T − A)/h): the ledger keeps r, s and A per client and core and
 * never re-reads all evidence to show a score.
 */
export type Sums = { r: number; s: number };
export type SumsAsOf = Sums & { asOf: Date };

/** The factor a weight keeps from `from` to `to` (above 1 when `to` is earlier). */
export function decayFactor(halfLifeDays: number, from: Date, to: Date): number {
  return 2 ** (-elapsedDays(from, to) / halfLifeDays);
}

/** Stored sums carried to another time. */
export function decayTo(sums: SumsAsOf, halfLifeDays: number, at: Date): SumsAsOf {
  const factor = decayFactor(halfLifeDays, sums.asOf, at);
  return { r: sums.r * factor, s: sums.s * factor, asOf: at };
}

/**
 * Adds one weight at `occurredAt` to sums as of `asOf`. The result is as of
 * the later of the two, so sums never move backwards in time and a weight
 * dated in the past (history recorded afterwards) arrives already decayed.
 */
export function addEvidence(sums: SumsAsOf, halfLifeDays: number, weight: number, occurredAt: Date): SumsAsOf {
  const asOf = occurredAt.getTime() > sums.asOf.getTime() ? occurredAt : sums.asOf;
  const carried = decayTo(sums, halfLifeDays, asOf);
  const decayed = weight * decayFactor(halfLifeDays, occurredAt, asOf);
  return decayed >= 0 ? { ...carried, r: carried.r + decayed } : { ...carried, s: carried.s - decayed };
}

/** Takes one weight back out (its source was undone); never below zero by rounding. */
export function removeEvidence(sums: SumsAsOf, halfLifeDays: number, weight: number, occurredAt: Date): SumsAsOf {
  const asOf = occurredAt.getTime() > sums.asOf.getTime() ? occurredAt : sums.asOf;
  const carried = decayTo(sums, halfLifeDays, asOf);
  const decayed = weight * decayFactor(halfLifeDays, occurredAt, asOf);
  return decayed >= 0 ? { ...carried, r: Math.max(0, carried.r - decayed) } : { ...carried, s: Math.max(0, carried.s + decayed) };
}

export const score = ({ r, s }: Sums): number => (r + 1) / (r + s + 2);
export const uncertainty = ({ r, s }: Sums): number => 2 / (r + s + 2);

export type Reading = Sums & { score: number; uncertainty: number };
export const reading = (sums: Sums): Reading => ({ r: sums.r, s: sums.s, score: score(sums), uncertainty: uncertainty(sums) });

export type WeightedItem = { weight: number; occurredAt: Date };

/** The sums of a list of items as of `at`, summed directly (the explanation's way). */
export function sumsOf(items: readonly WeightedItem[], halfLifeDays: number, at: Date): Sums {
  let r = 0;
  let s = 0;
  for (const item of items) {
    const decayed = item.weight * decayFactor(halfLifeDays, item.occurredAt, at);
    if (decayed >= 0) r += decayed;
    else s -= decayed;
  }
  return { r, s };
}

/**
 * Each item's share of the score: with p, n its decayed positive and negative
 * weight, (p − n) / (2(r+s+2)). They add up to score − ½ exactly (up to
 * floating point): ½ + Σ = (r+s+2 + r − s) / (2(r+s+2)) = (r+1)/(r+s+2).
 */
export function contributions(items: readonly WeightedItem[], halfLifeDays: number, at: Date): { sums: Sums; shares: number[] } {
  const sums = sumsOf(items, halfLifeDays, at);
  const denominator = 2 * (sums.r + sums.s + 2);
  const shares = items.map((item) => (item.weight * decayFactor(halfLifeDays, item.occurredAt, at)) / denominator);
  return { sums, shares };
}

export type CoreReadings = Record<TrustCore, Reading>;

/**
 * Readiness (seed 000): a client shares real problems only when they trust our
 * character — Integrity AND Intent — and does business only when all four
 * hold. "And" is the weakest link: the lowest score of the cores involved,
 * with the largest uncertainty of them (a reading is only as sure as its least
 * known part).
 */
export type Readiness = { score: number; uncertainty: number; limitedBy: TrustCore };

function weakest(readings: CoreReadings, cores: readonly TrustCore[]): Readiness {
  let limitedBy = cores[0] as TrustCore;
  for (const core of cores) if (readings[core].score < readings[limitedBy].score) limitedBy = core;
  const band = Math.max(...cores.map((core) => readings[core].uncertainty));
  return { score: readings[limitedBy].score, uncertainty: band, limitedBy };
}

export function readiness(readings: CoreReadings): { shareProblems: Readiness; doBusiness: Readiness } {
  return { shareProblems: weakest(readings, CHARACTER_CORES), doBusiness: weakest(readings, TRUST_CORES) };
}

export type EvidenceChange = { weight: number; occurredAt: Date; remove?: boolean };

/**
 * A core's sums and evidence count after changes, in their order: the one
 * place both the live write and the rebuild move a score, so the two agree
 * to the last bit.
 */
export function applyChanges(
  start: { sums: SumsAsOf | undefined; count: number },
  halfLifeDays: number,
  changes: readonly EvidenceChange[],
): { sums: SumsAsOf; count: number } {
  let sums: SumsAsOf = start.sums ?? { r: 0, s: 0, asOf: changes[0]?.occurredAt ?? new Date(0) };
  let count = start.count;
  for (const change of changes) {
    sums = change.remove
      ? removeEvidence(sums, halfLifeDays, change.weight, change.occurredAt)
      : addEvidence(sums, halfLifeDays, change.weight, change.occurredAt);
    count += change.remove ? -1 : 1;
  }
  return { sums, count };
}
