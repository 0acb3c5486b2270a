/**
 * The facts engagements publish (domain events), each with the client's id so
 * they appear on the client's timeline. The trust ledger reads them in
 * src/core/trust/evidence-rules.ts: `initiatedBy` of engagement.created,
 * `referral` of engagement.declined, `againstOwnRevenue` of
 * engagement.advice_recorded and `resolvedBy` of engagement.disagreement_recorded;
 * `title` labels the evidence.
 */
export const ENGAGEMENT_CREATED = "engagement.created";
export const ENGAGEMENT_STAGE_CHANGED = "engagement.stage_changed";
export const ENGAGEMENT_DECLINED = "engagement.declined";
export const ENGAGEMENT_ADVICE_RECORDED = "engagement.advice_recorded";
export const ENGAGEMENT_DISAGREEMENT_RECORDED = "engagement.disagreement_recorded";

export type EngagementCreatedPayload = { engagementId: string; title: string; initiatedBy: "client" | "us"; ownerId: string };
export type EngagementStageChangedPayload = { engagementId: string; title: string; from: string; to: string };
export type EngagementDeclinedPayload = {
  engagementId: string;
  title: string;
  reason: string;
  referral: string | null;
  revenueForgoneCents: number | null;
};
export type EngagementAdviceRecordedPayload = {
  engagementId: string;
  title: string;
  againstOwnRevenue: boolean;
  revenueForgoneCents: number | null;
};
export type EngagementDisagreementRecordedPayload = {
  engagementId: string;
  title: string;
  summary: string;
  resolvedBy: "dialogue" | "concession" | "contract";
};
