import type { ColumnType } from "kysely";

/** Table types of migration 0018 (client conduct, self-assessments, portal settings per client). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type RecordedAt = ColumnType<Date, Date | string | undefined, never>;

export type ConductAspect = "pays_on_time" | "keeps_appointments" | "treats_staff_with_respect" | "provides_information";
export type ConductDirection = "positive" | "negative";

export interface ClientConductTable {
  org_id: string;
  id: string;
  client_id: string;
  aspect: ConductAspect;
  direction: ConductDirection;
  note: string;
  occurred_at: Timestamp;
  recorded_by: string | null;
  recorded_at: RecordedAt;
}

export interface TrustSelfAssessmentsTable {
  org_id: string;
  id: string;
  seq: ColumnType<number, never, never>;
  user_id: string;
  integrity: number;
  intent: number;
  capabilities: number;
  results: number;
  note: string | null;
  created_at: Timestamp;
}

export interface ClientPortalSettingsTable {
  org_id: string;
  client_id: string;
  show_track_record: boolean;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ProfileTables {
  client_conduct: ClientConductTable;
  trust_self_assessments: TrustSelfAssessmentsTable;
  client_portal_settings: ClientPortalSettingsTable;
}
