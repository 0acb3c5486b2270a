import { addDaysToInstant } from "../dates.ts";
import { addEvidence, type CoreReadings, decayTo, readiness, reading, type SumsAsOf } from "./beta.ts";
import { TRUST_CORES, type TrustCore } from "./cores.ts";
import { evidenceFor, type TrustFact } from "./evidence-rules.ts";
import { DEFAULT_WEIGHTS, type WeightTable } from "./weights.ts";

/**
 * A whole client's ledger computed in memory from a story of facts — the
 * scenario tables' way to ask "what would the scores say?" with the same
 * rules and arithmetic the database-backed ledger uses.
 */
export type StoryStep = TrustFact & { daysAgo: number };

export const NOW = new Date("2026-06-15T12:00:00Z");

export function ledgerOf(story: readonly StoryStep[], options: { weights?: WeightTable; halfLifeDays?: number; at?: Date } = {}) {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const halfLife = options.halfLifeDays ?? 180;
  const at = options.at ?? NOW;
  const start = new Date(0);
  const sums = Object.fromEntries(TRUST_CORES.map((core) => [core, { r: 0, s: 0, asOf: start }])) as Record<TrustCore, SumsAsOf>;
  for (const step of story) {
    const occurredAt = addDaysToInstant(at, -step.daysAgo);
    for (const item of evidenceFor(step, weights)) sums[item.core] = addEvidence(sums[item.core], halfLife, item.weight, occurredAt);
  }
  const readings = Object.fromEntries(
    TRUST_CORES.map((core) => [core, reading(sums[core].asOf.getTime() === 0 ? sums[core] : decayTo(sums[core], halfLife, at))]),
  ) as CoreReadings;
  return { ...readings, readiness: readiness(readings) };
}

/** Shorthands for the stories. */
export const kept = (daysAgo = 1): StoryStep => ({ type: "commitment.kept", payload: { commitmentKind: "deliverable" }, daysAgo });
export const keptLate = (daysAgo = 1): StoryStep => ({ type: "commitment.kept_late", payload: { commitmentKind: "deliverable" }, daysAgo });
export const broken = (clientInformed: boolean, daysAgo = 1): StoryStep => ({
  type: "commitment.broken",
  payload: { commitmentKind: "deliverable", clientInformed },
  daysAgo,
});
export const renegotiated = (informedBeforeDue: boolean, daysAgo = 1): StoryStep => ({
  type: "commitment.renegotiated",
  payload: { commitmentKind: "deliverable", informedBeforeDue },
  daysAgo,
});
export const cancelledAgreed = (daysAgo = 1): StoryStep => ({ type: "commitment.cancelled", payload: { clientAgreed: true }, daysAgo });
export const callback = (outcome: "kept" | "kept_late" | "broken", daysAgo = 1): StoryStep => ({
  type: `commitment.${outcome}`,
  payload: { commitmentKind: "callback" },
  daysAgo,
});
export const interaction = (flags: { clientRaisedProblem?: boolean; clientInvitation?: boolean }, daysAgo = 1): StoryStep => ({
  type: "interaction.logged",
  payload: flags,
  daysAgo,
});
export const pulse = (answers: Partial<Record<TrustCore, number>>, daysAgo = 1): StoryStep => ({
  type: "pulse.answered",
  payload: answers,
  daysAgo,
});
export const observation = (core: TrustCore, direction: "positive" | "negative", daysAgo = 1, strength = 1): StoryStep => ({
  type: "trust.observation_recorded",
  payload: { core, direction, strength },
  daysAgo,
});
export const teamPulse = (average: number, daysAgo = 1): StoryStep => ({ type: "team_pulse.summarized", payload: { average }, daysAgo });
export const times = (count: number, step: (daysAgo: number) => StoryStep, everyDays = 7): StoryStep[] =>
  Array.from({ length: count }, (_, index) => step(1 + index * everyDays));
/** An error of ours: found by whom, and (when told) whether the client was told within the policy. */
export const incidentRecorded = (foundBy: "us" | "client" | "third_party", daysAgo = 1): StoryStep => ({
  type: "incident.recorded",
  payload: { foundBy },
  daysAgo,
});
export const incidentDisclosed = (withinPolicy: boolean, daysAgo = 1): StoryStep => ({
  type: "incident.disclosed",
  payload: { withinPolicy },
  daysAgo,
});
