import type { ColumnType } from "kysely";

/** Table types of migration 0021 (errors, the clients they touched, disclosures, non-disclosures, the policy). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type IncidentFoundBy = "us" | "client" | "third_party";
export type IncidentSeverity = "low" | "medium" | "high" | "critical";
export type DisclosureChannel = "call" | "meeting" | "email" | "letter" | "portal";

export interface IncidentsTable {
  org_id: string;
  id: string;
  title: string;
  description: string | null;
  discovered_at: Timestamp;
  found_by: IncidentFoundBy;
  severity: IncidentSeverity;
  root_cause: string | null;
  remedy: string | null;
  lesson: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncidentClientsTable {
  org_id: string;
  incident_id: string;
  client_id: string;
  disclose_by: Timestamp;
  admins_by: Timestamp;
  lead_escalated_at: NullableTimestamp;
  admins_escalated_at: NullableTimestamp;
  settled_at: NullableTimestamp;
}

export interface IncidentDisclosuresTable {
  org_id: string;
  id: string;
  incident_id: string;
  client_id: string;
  disclosed_at: Timestamp;
  channel: DisclosureChannel;
  message: string;
  working_ms: ColumnType<number, number, number>;
  within_policy: boolean;
  disclosed_by: string | null;
  recorded_at: Timestamp;
}

export interface IncidentNonDisclosuresTable {
  org_id: string;
  id: string;
  incident_id: string;
  client_id: string;
  reason: string;
  proposed_by: string | null;
  proposed_at: Timestamp;
  approved_by: string | null;
  approved_at: NullableTimestamp;
}

export interface IncidentSettingsTable {
  org_id: string;
  /** numeric: read as a string (type-parsers.ts). */
  disclose_within_hours: ColumnType<string | null, number | null, number | null>;
  admins_after_hours: ColumnType<string | null, number | null, number | null>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_clients: IncidentClientsTable;
  incident_disclosures: IncidentDisclosuresTable;
  incident_non_disclosures: IncidentNonDisclosuresTable;
  incident_settings: IncidentSettingsTable;
}
