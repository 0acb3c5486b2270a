/**
 * The facts contracts publish (domain events). The trust ledger reads
 * `raisedBy` of contract.overcharge_corrected (src/core/trust/evidence-rules.ts);
 * `title` labels the evidence.
 */
export const OVERCHARGE_CORRECTED = "contract.overcharge_corrected";

export type OverchargeCorrectedPayload = {
  contractId: string;
  title: string;
  raisedBy: "us" | "client";
  refundCents: number;
  auditedOverchargeCents: number;
};

/** An increase applied in a contract year was recorded: on the timeline, and the client's red-face exposure is worked out again. */
export const INCREASE_RECORDED = "contract.increase_recorded";

export type IncreaseRecordedPayload = {
  contractId: string;
  title: string;
  year: number;
  effectiveOn: string;
  appliedPct: number | null;
  newPriceCents: number | null;
};
