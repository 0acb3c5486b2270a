import type { ColumnType } from "kysely";

/**
 * Table types of migration 0015 (interactions). The generated `search_vector`
 * columns (here and on clients, contacts and commitments) are left out: only
 * the search repository reads them, in its own SQL.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type InteractionKind = "call" | "meeting" | "email" | "note" | "portal";
export type InteractionDirection = "inbound" | "outbound" | "internal";
export type InteractionInitiator = "client" | "us";

/** Append-only (a trigger refuses changes): columns are never updated by the app. */
export interface InteractionsTable {
  org_id: string;
  id: string;
  client_id: string;
  contact_id: string | null;
  kind: InteractionKind;
  direction: InteractionDirection;
  initiated_by: InteractionInitiator;
  occurred_at: Timestamp;
  summary: string;
  body: string | null;
  client_raised_problem: boolean;
  client_invitation: boolean;
  logged_by: string | null;
  created_at: CreatedAt;
}

export interface InteractionTables {
  interactions: InteractionsTable;
}
