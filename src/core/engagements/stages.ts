/**
 * The stages of an engagement and the rules for moving between them
 * (PRODUCT.md C4). Pure: the use-cases ask these, the API answers 409 with the
 * code and reason they give.
 *
 * request → analysis → proposal → contracted → delivering → closed, one step
 * at a time and never back; declined is its own route and ends it like closed.
 * The gate: nothing becomes contracted (or later) until the real need is
 * analysed and the second look ("does the proposal answer the real need, not
 * only the stated one?") is ticked.
 */
export const STAGES = ["request", "analysis", "proposal", "contracted", "delivering", "closed"] as const;
export type Stage = (typeof STAGES)[number];
export type EngagementStage = Stage | "declined";

export const INITIATED_BY = ["client", "us"] as const;
export type InitiatedBy = (typeof INITIATED_BY)[number];

export type GateState = { analysisRecorded: boolean; secondLook: boolean };

export type StageRefusal =
  | { code: "engagements.stage_final"; reason: "closed" | "declined" }
  | { code: "engagements.stage_backwards"; reason: "same_stage" | "backwards" }
  | { code: "engagements.stage_skipped"; reason: "skipped"; next: Stage }
  | { code: "engagements.analysis_required"; reason: "no_analysis" | "no_second_look" };

const indexOf = (stage: Stage) => STAGES.indexOf(stage);

/** Why the gate is shut, or null: the analysis first, then the second look. */
export function gateRefusal(gate: GateState): "no_analysis" | "no_second_look" | null {
  if (!gate.analysisRecorded) return "no_analysis";
  if (!gate.secondLook) return "no_second_look";
  return null;
}

/** The stage after this one, or null at the end. */
export function nextStage(from: EngagementStage): Stage | null {
  if (from === "declined") return null;
  return STAGES[indexOf(from) + 1] ?? null;
}

/**
 * Why an engagement at `from` cannot move to `to`, or null when it can. The
 * gate is asked before the skip rule: trying to contract a request without an
 * analysis hears about the analysis (the thing to do), not about the order.
 */
export function stageRefusal(from: EngagementStage, to: Stage, gate: GateState): StageRefusal | null {
  if (from === "declined" || from === "closed") return { code: "engagements.stage_final", reason: from };
  if (to === from) return { code: "engagements.stage_backwards", reason: "same_stage" };
  if (indexOf(to) < indexOf(from)) return { code: "engagements.stage_backwards", reason: "backwards" };
  const shut = gateRefusal(gate);
  if (shut && indexOf(to) >= indexOf("contracted")) return { code: "engagements.analysis_required", reason: shut };
  if (indexOf(to) > indexOf(from) + 1) return { code: "engagements.stage_skipped", reason: "skipped", next: nextStage(from) as Stage };
  return null;
}

/** Whether an engagement may still be declined: not once it is contracted, closed or declined. */
export function canDecline(from: EngagementStage): boolean {
  return from === "request" || from === "analysis" || from === "proposal";
}

/** Whether the analysis may still be written or changed (not after the end). */
export const isOpen = (stage: EngagementStage): boolean => stage !== "closed" && stage !== "declined";
