import type { ColumnType } from "kysely";

/** Table types of migration 0025 (engagements, advice against our own revenue, disagreements). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type OptionalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Cents = ColumnType<number | null, number | null | undefined, number | null>;
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;

export type EngagementStageColumn = "request" | "analysis" | "proposal" | "contracted" | "delivering" | "closed" | "declined";

export interface EngagementsTable {
  org_id: string;
  id: string;
  client_id: string;
  title: string;
  request: string;
  initiated_by: "client" | "us";
  owner_id: string;
  team_id: OptionalText;
  value_cents: Cents;
  stage: EngagementStageColumn;
  stage_changed_at: Timestamp;
  real_need: OptionalText;
  root_causes: OptionalText;
  stakeholders: OptionalText;
  risks: OptionalText;
  success_looks_like: OptionalText;
  advice: OptionalText;
  second_look: ColumnType<boolean, boolean | undefined, boolean>;
  analysis_recorded_at: OptionalTimestamp;
  analysis_recorded_by: OptionalText;
  declined_reason: OptionalText;
  referral: OptionalText;
  declined_at: OptionalTimestamp;
  created_by: OptionalText;
  created_at: Timestamp;
}

export interface EngagementAdviceTable {
  org_id: string;
  id: string;
  engagement_id: string;
  advice: string;
  against_own_revenue: boolean;
  revenue_forgone_cents: Cents;
  recorded_by: OptionalText;
  recorded_at: Timestamp;
}

export interface EngagementDisagreementsTable {
  org_id: string;
  id: string;
  engagement_id: string;
  summary: string;
  resolved_by: "dialogue" | "concession" | "contract";
  recorded_by: OptionalText;
  recorded_at: Timestamp;
}

export interface EngagementTables {
  engagements: EngagementsTable;
  engagement_advice: EngagementAdviceTable;
  engagement_disagreements: EngagementDisagreementsTable;
}
