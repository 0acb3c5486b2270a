import type { ColumnType, Generated } from "kysely";

/** Table types of migration 0004 (working time, SLA policies, commitments and their events). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type CommitmentStatus = "open" | "renegotiated" | "kept" | "kept_late" | "broken" | "cancelled";
export type CommitmentSource = "call" | "meeting" | "email" | "note" | "portal";
export type CommitmentKind = "callback" | "deliverable" | "meeting" | "other";
export type DurationUnit = "working_hours" | "working_days";

export interface OrgSettingsTable {
  org_id: string;
  time_zone: Generated<string>;
  business_hours: Json<Record<string, { start: string; end: string } | null>>;
  holiday_country: Generated<string>;
  holiday_region: string | null;
  holiday_choices: ColumnType<Record<string, boolean>, string | undefined, string>;
  language: Generated<"nl" | "en">;
  callback_accept_minutes: Generated<number>;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

export interface SlaPoliciesTable {
  org_id: string;
  id: string;
  name: string;
  kind: CommitmentKind;
  amount: number;
  unit: DurationUnit;
  warn_percent: Generated<number>;
  is_default: Generated<boolean>;
  created_at: CreatedAt;
  archived_at: NullableTimestamp;
}

export interface ClientSlaOverridesTable {
  org_id: string;
  client_id: string;
  policy_id: string;
  amount: number;
  unit: DurationUnit;
}

export interface CommitmentsTable {
  org_id: string;
  id: string;
  client_id: string;
  contact_id: string | null;
  title: string;
  done_when: string;
  owner_id: string;
  source: CommitmentSource;
  kind: Generated<CommitmentKind>;
  sla_policy_id: string | null;
  status: Generated<CommitmentStatus>;
  due_at: Timestamp;
  original_due_at: Timestamp;
  recorded_after_due: Generated<boolean>;
  renegotiation_count: Generated<number>;
  /** Some renegotiation of it was told to the client before the old due time. */
  renegotiated_with_notice: Generated<boolean>;
  warn_at: NullableTimestamp;
  warned_at: NullableTimestamp;
  escalated_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  version: Generated<number>;
}

export interface CommitmentEventsTable {
  org_id: string;
  id: string;
  seq: Generated<number>;
  commitment_id: string;
  kind: string;
  at: Timestamp;
  actor_id: string | null;
  data: ColumnType<Record<string, unknown>, string, never>;
}

/** Written only by database triggers (migration 0008): a daily tally of closed promises per owner. */
export interface CommitmentFiguresDailyTable {
  org_id: string;
  day: ColumnType<string, string, string>;
  owner_id: string;
  kept: number;
  kept_late: number;
  broken: number;
  cancelled: number;
  renegotiated: number;
  renegotiated_with_notice: number;
  callback_seconds: number[];
}

export interface CalendarFeedsTable {
  org_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface PortalLinksTable {
  org_id: string;
  id: string;
  client_id: string;
  contact_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_opened_at: NullableTimestamp;
}

export interface PortalViewsTable {
  org_id: string;
  id: string;
  link_id: string;
  at: Timestamp;
  user_agent: string | null;
}

export interface CallbacksTable {
  org_id: string;
  commitment_id: string;
  caller_name: string;
  caller_phone: string | null;
  caller_email: string | null;
  question: string;
  topic: string | null;
  routed_to_lead: Generated<boolean>;
  accept_by: NullableTimestamp;
  accepted_at: NullableTimestamp;
  attempts: Generated<number>;
  reached_at: NullableTimestamp;
  outcome: string | null;
  confirmation_sent: Generated<boolean>;
  created_at: CreatedAt;
  alerted_at: NullableTimestamp;
  alert_reason: "nobody_left" | "time_running_out" | null;
}

export type CommitmentTables = {
  callbacks: CallbacksTable;
  portal_links: PortalLinksTable;
  portal_views: PortalViewsTable;
  org_settings: OrgSettingsTable;
  sla_policies: SlaPoliciesTable;
  client_sla_overrides: ClientSlaOverridesTable;
  commitments: CommitmentsTable;
  commitment_events: CommitmentEventsTable;
  commitment_figures_daily: CommitmentFiguresDailyTable;
  calendar_feeds: CalendarFeedsTable;
};
