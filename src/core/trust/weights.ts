import type { TrustCore } from "./cores.ts";
import { TRUST_CORES } from "./cores.ts";

/**
 * The one documented weight table (docs/trust.md): what each kind of evidence
 * does to each core. Positive weights add to r, negative to s; a kind that
 * leaves a core alone has no entry for it. Negative weights are larger than
 * positive ones: trust is lost faster than it is won (PRODUCT.md §4).
 *
 * An organization may change how much a kind weighs, never which way it
 * points: edits are magnitudes (≥ 0) and keep the default's sign.
 */
export const EVIDENCE_KINDS = [
  "commitment_kept",
  "commitment_kept_late",
  "commitment_renegotiated_with_notice",
  "commitment_renegotiated_without_notice",
  "commitment_broken_disclosed",
  "commitment_broken_undisclosed",
  "commitment_cancelled_agreed",
  "callback_returned_in_time",
  "callback_returned_late",
  "callback_never_returned",
  "client_raised_problem",
  "client_invitation",
  "pulse_answer_1",
  "pulse_answer_2",
  "pulse_answer_3",
  "pulse_answer_4",
  "pulse_answer_5",
  "team_pulse_low",
  "team_pulse_high",
  "observation_positive",
  "observation_negative",
  "incident_disclosed_quickly",
  "incident_disclosed_late",
  "incident_found_by_client",
  "overcharge_corrected_by_us",
  "overcharge_raised_by_client",
  "engagement_requested_by_client",
  "engagement_declined_with_referral",
  "advice_against_own_revenue",
  "disagreement_settled_by_contract",
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export type WeightTable = Record<EvidenceKind, Partial<Record<TrustCore, number>>>;

const all = (weight: number): Record<TrustCore, number> => ({ integrity: weight, intent: weight, capabilities: weight, results: weight });

export const DEFAULT_WEIGHTS: WeightTable = {
  // A promise kept on time: we do what we say (Integrity) and deliver (Results).
  commitment_kept: { integrity: 1, results: 1 },
  // Delivered, but past the time we gave without telling: the word slipped.
  commitment_kept_late: { integrity: -1, results: 0.5 },
  // Telling the client before the due time and agreeing a new one: honest, a small plus.
  commitment_renegotiated_with_notice: { integrity: 0.25 },
  // Moving the date after it passed, or without telling: the client finds out.
  commitment_renegotiated_without_notice: { integrity: -1.5 },
  // Not done, but said so: costs results and some integrity.
  commitment_broken_disclosed: { integrity: -2, results: -2 },
  // Not done and never said: the strongest blow to integrity.
  commitment_broken_undisclosed: { integrity: -4, results: -2 },
  // Called off with the client's agreement: costs nothing (recorded, weighs zero).
  commitment_cancelled_agreed: { integrity: 0 },
  // A callback is a small promise that shows whether we care (Intent).
  callback_returned_in_time: { integrity: 0.5, intent: 0.5 },
  callback_returned_late: { integrity: -0.5 },
  callback_never_returned: { integrity: -2, intent: -1.5 },
  // Seed 000: a client brings real problems only to someone whose character they trust.
  client_raised_problem: { integrity: 1, intent: 1 },
  // Being invited into the client's own world: they believe we mean well.
  client_invitation: { intent: 1, integrity: 0.5 },
  // The client's own answer on a core, 1–5: 3 is neutral; low answers weigh more than high ones.
  pulse_answer_1: all(-2),
  pulse_answer_2: all(-1),
  pulse_answer_3: all(0),
  pulse_answer_4: all(0.5),
  pulse_answer_5: all(1),
  // Seed 002: colleagues who dread or mock a client are the first sign that our intent erodes.
  team_pulse_low: { intent: -1 },
  team_pulse_high: { intent: 0.25 },
  // A colleague's own observation, on the core they choose (times its strength 1–3).
  observation_positive: all(1),
  observation_negative: all(-1.5),
  // An error of ours told to the client within the policy: honest (Integrity), though the error itself shows a gap in skill.
  incident_disclosed_quickly: { integrity: 1.5, capabilities: -0.5 },
  // Told, but after the policy's deadline: the client waited while we knew.
  incident_disclosed_late: { integrity: -1.5 },
  // The client found our error before we told them: the strongest sign we hide things.
  incident_found_by_client: { integrity: -3, capabilities: -0.5 },
  // We found that a contract charged too much and paid it back unasked: keeping our word on price.
  overcharge_corrected_by_us: { integrity: 2 },
  // The client had to point out that we charged too much (the red-face moment): honesty and intent both in doubt.
  overcharge_raised_by_client: { integrity: -3, intent: -1.5 },
  // The client came to us with a request of their own ("never sell", C4): a small sign they believe we mean well.
  engagement_requested_by_client: { intent: 0.5 },
  // We said no to work we could not do well and sent the client to someone better placed: their interest before our revenue.
  engagement_declined_with_referral: { intent: 1.5, integrity: 1 },
  // "Don't buy this from us, it won't help you": advice that costs us revenue.
  advice_against_own_revenue: { intent: 1.5, integrity: 1 },
  // A disagreement ended by pointing at the contract rather than by talking: the letter over the relationship.
  disagreement_settled_by_contract: { intent: -1.5 },
};

/** Edits of the table: magnitudes per kind and core. */
export type WeightChanges = Partial<Record<EvidenceKind, Partial<Record<TrustCore, number>>>>;

export const MAX_WEIGHT = 10;

export type WeightRefusal = {
  kind: string;
  core: string;
  reason: "unknown_kind" | "unknown_core" | "not_a_number" | "negative" | "too_large";
};

/** Why a set of edits cannot be taken, or null. */
export function refuseWeightChanges(changes: Record<string, unknown>): WeightRefusal | null {
  for (const [kind, cores] of Object.entries(changes)) {
    if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) return { kind, core: "", reason: "unknown_kind" };
    if (typeof cores !== "object" || cores === null) return { kind, core: "", reason: "not_a_number" };
    for (const [core, value] of Object.entries(cores)) {
      if (!(TRUST_CORES as readonly string[]).includes(core)) return { kind, core, reason: "unknown_core" };
      if (typeof value !== "number" || !Number.isFinite(value)) return { kind, core, reason: "not_a_number" };
      if (value < 0) return { kind, core, reason: "negative" };
      if (value > MAX_WEIGHT) return { kind, core, reason: "too_large" };
    }
  }
  return null;
}

/** The table with an organization's edits applied (each edit takes the default's sign). */
export function effectiveWeights(changes: WeightChanges = {}): WeightTable {
  const table = structuredClone(DEFAULT_WEIGHTS);
  for (const kind of EVIDENCE_KINDS) {
    const edits = changes[kind];
    if (!edits) continue;
    for (const core of TRUST_CORES) {
      const magnitude = edits[core];
      const base = DEFAULT_WEIGHTS[kind][core];
      if (magnitude === undefined) continue;
      // A core the default leaves alone can be given a weight; it then counts as positive unless the kind is a negative one.
      const sign = base !== undefined ? (base < 0 ? -1 : 1) : kindSign(kind);
      table[kind][core] = sign * magnitude;
    }
  }
  return table;
}

function kindSign(kind: EvidenceKind): -1 | 1 {
  const weights = Object.values(DEFAULT_WEIGHTS[kind]);
  return weights.some((weight) => weight < 0) ? -1 : 1;
}
