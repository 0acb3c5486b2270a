import type { ColumnType, Generated } from "kysely";

/** Table types of migration 0005 (in-app notifications, e-mail deliveries, job runs). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type DeliveryStatus = "queued" | "sending" | "sent" | "failed" | "outbox" | "uncertain" | "dismissed";

export interface NotificationsTable {
  org_id: string;
  id: string;
  user_id: string;
  kind: string;
  /** Written as JSON text, read back as the object. */
  params: ColumnType<Record<string, unknown>, string, never>;
  commitment_id: string | null;
  dedupe_key: string;
  created_at: ColumnType<Date, Date | string, never>;
  read_at: NullableTimestamp;
}

export interface DeliveriesTable {
  org_id: string;
  id: string;
  kind: string;
  to_address: string;
  language: "nl" | "en";
  subject: string;
  body_text: string;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_at: NullableTimestamp;
  last_error: string | null;
  dedupe_key: string;
  created_at: ColumnType<Date, Date | string, never>;
  sent_at: NullableTimestamp;
  /** Migration 0011: who queued it (their action), null for e-mail the app sends itself. */
  requested_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface JobRunsTable {
  name: string;
  last_started_at: NullableTimestamp;
  last_finished_at: NullableTimestamp;
  last_error: string | null;
  last_ok_at: NullableTimestamp;
  runs: Generated<number>;
}

export type NotificationTables = {
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
  job_runs: JobRunsTable;
};
