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
