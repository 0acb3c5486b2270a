import type { TrustCore } from "./cores.ts";

/**
 * Why a client is at risk, from facts gathered per client: a rule set with
 * reasons, each reason with the evidence behind it, a severity for ranking,
 * and one suggested next step (PRODUCT.md §4, issue "trust ledger" item 11).
 * Pure: the caller gathers the facts and passes "now".
 */
export type RiskCode =
  | "broken_undisclosed"
  | "integrity_drop"
  | "silence"
  | "callbacks_missed"
  | "low_pulse"
  | "perception_gap"
  | "team_pulse_drop"
  | "undisclosed_incident"
  | "red_face_exposure";

export type NextStep =
  | "apologise_and_renegotiate"
  | "call"
  | "involve_senior"
  | "ask_for_feedback"
  | "disclose_error"
  | "correct_overcharge";

export type EvidenceRef = { id: string; kind: string; occurredAt: string; label: string | null; source: { type: string; id: string } };

export type RiskReason = {
  code: RiskCode;
  severity: number;
  /** Numbers that say how bad (days of silence, the drop in points, …), for the message. */
  params: Record<string, number>;
  evidence: EvidenceRef[];
};

export type RiskFacts = {
  /** Undisclosed broken promises of the last BROKEN_WINDOW_DAYS days. */
  undisclosedBreaks: EvidenceRef[];
  integrityNow: number;
  integrity30DaysAgo: number;
  /** Evidence of Integrity that came in over the last 30 days (what made it drop). */
  integrityLosses: EvidenceRef[];
  /** Callbacks never returned or returned late in the last 30 days. */
  missedCallbacks: EvidenceRef[];
  /** Days since the last contact, or null when the client was never contacted. */
  daysSinceContact: number | null;
  /** The client's expected contact rhythm in days. */
  rhythmDays: number;
  /** The client's last pulse answers (1–5 per core), or null. */
  pulse: Partial<Record<TrustCore, number>> | null;
  pulseEvidence: EvidenceRef[];
  /** Evidence scores per core (0–1), to compare with the pulse. */
  evidenceScores: Record<TrustCore, number>;
  /** Their uncertainty: a core we know little about cannot contradict the client. */
  evidenceUncertainty: Record<TrustCore, number>;
  /** Team pulse averages now and before (1–5), or null below the anonymity threshold. */
  teamPulseNow: number | null;
  teamPulseBefore: number | null;
  /**
   * Errors of ours the client has not been told about (nor approved not to
   * be), one ref each (source: the incident); `overdue` when past the policy.
   */
  untoldIncidents?: Array<EvidenceRef & { overdue: boolean }>;
  /**
   * What our indexation clauses charged this client too much and is not yet
   * refunded or credited, in cents, with one ref per contract (source: the contract).
   */
  redFaceExposure?: { outstandingCents: number; contracts: EvidenceRef[] };
};

/** From this much outstanding (in cents: 10,000 euro) the red face weighs more. */
export const LARGE_EXPOSURE_CENTS = 1_000_000;

export const BROKEN_WINDOW_DAYS = 90;
export const INTEGRITY_DROP = 0.1;
export const LOW_PULSE = 2.5;
export const PERCEPTION_GAP = 0.25;
/** Evidence worth at least two kept promises (r + s ≥ 2) before it can contradict the client's view. */
export const MAX_UNCERTAINTY_FOR_GAP = 0.5;
export const TEAM_PULSE_DROP = 0.75;

/** The pulse's 1–5 on the score's 0–1 scale (1 → 0, 3 → 0.5, 5 → 1). */
export const pulseAsScore = (answer: number): number => (answer - 1) / 4;

export function riskReasons(facts: RiskFacts): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (facts.undisclosedBreaks.length > 0) {
    reasons.push({
      code: "broken_undisclosed",
      severity: 5 + facts.undisclosedBreaks.length,
      params: { count: facts.undisclosedBreaks.length },
      evidence: facts.undisclosedBreaks,
    });
  }
  const drop = facts.integrity30DaysAgo - facts.integrityNow;
  if (drop >= INTEGRITY_DROP) {
    reasons.push({
      code: "integrity_drop",
      severity: 3 + Math.round(drop * 10),
      params: { points: Math.round(drop * 100) },
      evidence: facts.integrityLosses,
    });
  }
  if (facts.daysSinceContact !== null && facts.daysSinceContact > facts.rhythmDays) {
    const beyond = facts.daysSinceContact - facts.rhythmDays;
    reasons.push({
      code: "silence",
      severity: 2 + Math.min(4, Math.floor(beyond / Math.max(7, facts.rhythmDays / 2))),
      params: { days: facts.daysSinceContact, rhythm: facts.rhythmDays, beyond },
      evidence: [],
    });
  }
  if (facts.missedCallbacks.length > 0) {
    reasons.push({
      code: "callbacks_missed",
      severity: 2 + facts.missedCallbacks.length,
      params: { count: facts.missedCallbacks.length },
      evidence: facts.missedCallbacks,
    });
  }
  if (facts.pulse) {
    const answers = Object.values(facts.pulse).filter((value): value is number => typeof value === "number");
    const average = answers.reduce((sum, value) => sum + value, 0) / Math.max(1, answers.length);
    if (answers.length > 0 && average <= LOW_PULSE) {
      reasons.push({ code: "low_pulse", severity: 4, params: { average: Math.round(average * 10) / 10 }, evidence: facts.pulseEvidence });
    }
    let widest = 0;
    for (const [core, answer] of Object.entries(facts.pulse) as Array<[TrustCore, number]>) {
      if (facts.evidenceUncertainty[core] > MAX_UNCERTAINTY_FOR_GAP) continue;
      widest = Math.max(widest, Math.abs(pulseAsScore(answer) - facts.evidenceScores[core]));
    }
    if (widest >= PERCEPTION_GAP) {
      reasons.push({ code: "perception_gap", severity: 3, params: { points: Math.round(widest * 100) }, evidence: facts.pulseEvidence });
    }
  }
  if (facts.teamPulseNow !== null && facts.teamPulseBefore !== null && facts.teamPulseBefore - facts.teamPulseNow >= TEAM_PULSE_DROP) {
    reasons.push({
      code: "team_pulse_drop",
      severity: 3,
      params: { now: Math.round(facts.teamPulseNow * 10) / 10, before: Math.round(facts.teamPulseBefore * 10) / 10 },
      evidence: [],
    });
  }
  const untold = facts.untoldIncidents ?? [];
  if (untold.length > 0) {
    const overdue = untold.filter((incident) => incident.overdue).length;
    reasons.push({
      code: "undisclosed_incident",
      // An error the client does not know of yet weighs like an undisclosed break; past the policy it weighs more.
      severity: 4 + untold.length + (overdue > 0 ? 3 : 0),
      params: { count: untold.length, overdue },
      evidence: untold.map(({ overdue: _overdue, ...ref }) => ref),
    });
  }
  const exposure = facts.redFaceExposure;
  if (exposure && exposure.outstandingCents > 0) {
    reasons.push({
      code: "red_face_exposure",
      // The client would be right to be angry the day they find it: as heavy as an error untold, heavier when large.
      severity: 5 + (exposure.outstandingCents >= LARGE_EXPOSURE_CENTS ? 2 : 0),
      params: { count: exposure.contracts.length, outstandingCents: exposure.outstandingCents },
      evidence: exposure.contracts,
    });
  }
  return reasons.sort((a, b) => b.severity - a.severity);
}

/** One suggestion for the worst reason: what a senior adviser would tell you to do first. */
export function nextStep(reasons: readonly RiskReason[]): NextStep | null {
  const worst = reasons[0]?.code;
  switch (worst) {
    case undefined:
      return null;
    case "broken_undisclosed":
      return "apologise_and_renegotiate";
    case "undisclosed_incident":
      return "disclose_error";
    case "red_face_exposure":
      return "correct_overcharge";
    case "integrity_drop":
    case "team_pulse_drop":
    case "low_pulse":
      return "involve_senior";
    case "perception_gap":
      return "ask_for_feedback";
    default:
      return "call";
  }
}

export const riskRank = (reasons: readonly RiskReason[]): number => reasons.reduce((sum, reason) => sum + reason.severity, 0);

/**
 * The expected contact rhythm: the client's own setting, else learned from
 * their history (1.5 × the median gap between contacts, with at least four
 * contacts to learn from), else the organization's default.
 */
export function contactRhythm(input: { clientDays: number | null; orgDefaultDays: number; contactGapsDays: readonly number[] }): {
  days: number;
  from: "client" | "learned" | "organization";
} {
  if (input.clientDays !== null) return { days: input.clientDays, from: "client" };
  if (input.contactGapsDays.length >= 3) {
    const sorted = [...input.contactGapsDays].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
    return { days: Math.max(7, Math.round(median * 1.5)), from: "learned" };
  }
  return { days: input.orgDefaultDays, from: "organization" };
}
