import type { ColumnType, Generated } from "kysely";

/** Table types of migration 0014 (domain events, trust evidence and scores). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type RecordedAt = ColumnType<Date, Date | string | undefined, never>;

export type TrustCore = "integrity" | "intent" | "capabilities" | "results";

export interface DomainEventsTable {
  org_id: string;
  id: string;
  seq: ColumnType<number, never, never>;
  type: string;
  subject_type: string;
  subject_id: string;
  client_id: string | null;
  actor_id: string | null;
  payload: ColumnType<Record<string, unknown>, string, never>;
  occurred_at: Timestamp;
  recorded_at: RecordedAt;
}

export interface TrustSettingsTable {
  org_id: string;
  half_life_days: Generated<number>;
  contact_rhythm_days: Generated<number>;
  pulse_cap_days: Generated<number>;
  weights: ColumnType<Record<string, Partial<Record<TrustCore, number>>>, string | undefined, string>;
  version: Generated<number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TrustEvidenceTable {
  org_id: string;
  id: string;
  event_id: string;
  client_id: string;
  core: TrustCore;
  kind: string;
  weight: number;
  occurred_at: Timestamp;
  source_type: string;
  source_id: string;
  subject_user_id: string | null;
  recorded_by: string | null;
  note: string | null;
  label: string | null;
  revoked_at: NullableTimestamp;
  revoked_by_event_id: string | null;
  recorded_at: RecordedAt;
}

export interface TrustScoresTable {
  org_id: string;
  client_id: string;
  core: TrustCore;
  r: number;
  s: number;
  as_of: Timestamp;
  evidence_count: number;
}

export interface TrustScoreDaysTable {
  org_id: string;
  client_id: string;
  core: TrustCore;
  day: ColumnType<string, string, string>;
  r: number;
  s: number;
  as_of: Timestamp;
}

export interface TrustClientSettingsTable {
  org_id: string;
  client_id: string;
  contact_rhythm_days: number | null;
}

export interface ClientRisksTable {
  org_id: string;
  client_id: string;
  rank: Generated<number>;
  reasons: ColumnType<unknown[], string | undefined, string>;
  codes: ColumnType<string[], string[] | undefined, string[]>;
  next_step: string | null;
  stale: Generated<boolean>;
  computed_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
  acknowledged_by: string | null;
  acknowledged_reason: string | null;
  acknowledged_codes: string[] | null;
  snoozed_until: NullableTimestamp;
}

export interface PulseRequestsTable {
  org_id: string;
  id: string;
  client_id: string;
  contact_id: string;
  token_hash: string;
  language: "nl" | "en";
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  answered_at: NullableTimestamp;
}

export interface PulseAnswersTable {
  org_id: string;
  id: string;
  request_id: string;
  client_id: string;
  contact_id: string | null;
  integrity: number;
  intent: number;
  capabilities: number;
  results: number;
  comment: string | null;
  answered_at: Timestamp;
}

export interface TeamPulseAnswersTable {
  org_id: string;
  id: string;
  client_id: string;
  period: string;
  feeling: number;
  words: string | null;
}

export interface TeamPulseParticipationTable {
  org_id: string;
  client_id: string;
  period: string;
  user_id: string;
}

export interface TrustTables {
  pulse_requests: PulseRequestsTable;
  pulse_answers: PulseAnswersTable;
  team_pulse_answers: TeamPulseAnswersTable;
  team_pulse_participation: TeamPulseParticipationTable;
  trust_client_settings: TrustClientSettingsTable;
  client_risks: ClientRisksTable;
  domain_events: DomainEventsTable;
  trust_settings: TrustSettingsTable;
  trust_evidence: TrustEvidenceTable;
  trust_scores: TrustScoresTable;
  trust_score_days: TrustScoreDaysTable;
}
