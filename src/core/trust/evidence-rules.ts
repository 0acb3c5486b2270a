import type { TrustCore } from "./cores.ts";
import { isTrustCore, TRUST_CORES } from "./cores.ts";
import type { EvidenceKind, WeightTable } from "./weights.ts";

/**
 * Which evidence a domain event is: one pure mapping from "what happened"
 * (the event's type and payload) to kinds of the weight table and the cores
 * they move. Events that say nothing about trust map to nothing.
 */
export type EvidenceItem = { kind: EvidenceKind; core: TrustCore; weight: number };

/** What the rules read of an event: its type and the payload fields below (each producer's events.ts documents them). */
export type TrustFact = { type: string; payload: Record<string, unknown> };

const itemsOf = (kind: EvidenceKind, weights: WeightTable, only?: TrustCore, times = 1): EvidenceItem[] =>
  Object.entries(weights[kind])
    .filter(([core]) => only === undefined || core === only)
    .map(([core, weight]) => ({ kind, core: core as TrustCore, weight: (weight ?? 0) * times }));

export function evidenceFor(fact: TrustFact, weights: WeightTable): EvidenceItem[] {
  const p = fact.payload;
  const callback = p.commitmentKind === "callback";
  switch (fact.type) {
    case "commitment.kept":
      return itemsOf(callback ? "callback_returned_in_time" : "commitment_kept", weights);
    case "commitment.kept_late":
      return itemsOf(callback ? "callback_returned_late" : "commitment_kept_late", weights);
    case "commitment.broken":
      if (callback) return itemsOf("callback_never_returned", weights);
      return itemsOf(p.clientInformed === true ? "commitment_broken_disclosed" : "commitment_broken_undisclosed", weights);
    case "commitment.renegotiated":
      return itemsOf(
        p.informedBeforeDue === true ? "commitment_renegotiated_with_notice" : "commitment_renegotiated_without_notice",
        weights,
      );
    case "commitment.cancelled":
      return p.clientAgreed === true ? itemsOf("commitment_cancelled_agreed", weights) : [];
    case "interaction.logged":
      return [
        ...(p.clientRaisedProblem === true ? itemsOf("client_raised_problem", weights) : []),
        ...(p.clientInvitation === true ? itemsOf("client_invitation", weights) : []),
      ];
    case "pulse.answered":
      return TRUST_CORES.flatMap((core) => {
        const answer = p[core];
        if (typeof answer !== "number" || !Number.isInteger(answer) || answer < 1 || answer > 5) return [];
        return itemsOf(`pulse_answer_${answer}` as EvidenceKind, weights, core);
      });
    case "team_pulse.summarized": {
      const average = p.average;
      if (typeof average !== "number") return [];
      if (average < 3) return itemsOf("team_pulse_low", weights, undefined, 3 - average);
      if (average > 3.5) return itemsOf("team_pulse_high", weights);
      return [];
    }
    case "trust.observation_recorded": {
      if (!isTrustCore(p.core)) return [];
      const strength = typeof p.strength === "number" && p.strength >= 1 && p.strength <= 3 ? Math.round(p.strength) : 1;
      return itemsOf(p.direction === "negative" ? "observation_negative" : "observation_positive", weights, p.core, strength);
    }
    case "contract.overcharge_corrected":
      return itemsOf(p.raisedBy === "client" ? "overcharge_raised_by_client" : "overcharge_corrected_by_us", weights);
    case "engagement.created":
      return p.initiatedBy === "client" ? itemsOf("engagement_requested_by_client", weights) : [];
    case "engagement.declined":
      return typeof p.referral === "string" && p.referral.trim() !== "" ? itemsOf("engagement_declined_with_referral", weights) : [];
    case "engagement.advice_recorded":
      return p.againstOwnRevenue === true ? itemsOf("advice_against_own_revenue", weights) : [];
    case "engagement.disagreement_recorded":
      return p.resolvedBy === "contract" ? itemsOf("disagreement_settled_by_contract", weights) : [];
    case "incident.recorded":
      return p.foundBy === "client" ? itemsOf("incident_found_by_client", weights) : [];
    case "incident.disclosed":
      if (typeof p.withinPolicy !== "boolean") return [];
      return itemsOf(p.withinPolicy ? "incident_disclosed_quickly" : "incident_disclosed_late", weights);
    default:
      return [];
  }
}

/** Events that take back the evidence of an earlier event (its id in `payload.undoesEventId`). */
export function undoneEventId(fact: TrustFact): string | null {
  return fact.type === "commitment.reopened" && typeof fact.payload.undoesEventId === "string" ? fact.payload.undoesEventId : null;
}

/** The words an evidence row shows for its source: the promise's title or the interaction's summary. */
export const labelOf = (payload: Record<string, unknown>): string | null =>
  typeof payload.title === "string" ? payload.title : typeof payload.summary === "string" ? payload.summary : null;
