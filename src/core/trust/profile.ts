import { CHARACTER_CORES, TRUST_CORES, type TrustCore } from "./cores.ts";

/**
 * The personal trust profile's comparisons (PRODUCT.md C6): one's own evidence
 * against one's own view, and whether character (Integrity, Intent) lags
 * competence (Capabilities, Results) in either.
 */

/** A self-assessment answer 1–5 on the scores' 0–1 scale: 1 → 0, 3 → ½, 5 → 1. */
export const selfToUnit = (answer: number): number => (answer - 1) / 4;

/** How far competence must be ahead of character before we say character lags (on the 0–1 scale). */
export const LAG_MARGIN = 0.1;

const COMPETENCE_CORES: readonly TrustCore[] = TRUST_CORES.filter((core) => !CHARACTER_CORES.includes(core));

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

export type Lag = { character: number; competence: number; gap: number; characterLags: boolean };

/** Character and competence as the mean of their two cores, and whether character lags by at least LAG_MARGIN. */
export function lagOf(scores: Record<TrustCore, number>): Lag {
  const character = mean(CHARACTER_CORES.map((core) => scores[core]));
  const competence = mean(COMPETENCE_CORES.map((core) => scores[core]));
  const gap = competence - character;
  // A hair of floating point must not decide: 0.1 computed as 0.6 − 0.5 is 0.0999….
  return { character, competence, gap, characterLags: gap >= LAG_MARGIN - 1e-9 };
}

/** The smallest group whose evidence may be shown together: fewer, and a person could be read off it. */
export const TEAM_PROFILE_MINIMUM = 3;
