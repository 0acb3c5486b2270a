import { type Kysely, sql } from "kysely";

/**
 * A callback nobody has taken on raises an alert once: when nobody is left to
 * route it to, or when most of the promised time has passed unaccepted. The
 * alert's time and reason live on the callback, so My day can list the
 * callbacks without a person and a second sweep does not alert again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table callbacks
      add column alerted_at timestamptz,
      add column alert_reason text check (alert_reason in ('nobody_left', 'time_running_out'));
    -- My day: the organization's callbacks without a person.
    create index callbacks_without_person_idx on callbacks (org_id, alerted_at) where accepted_at is null and alerted_at is not null;
  `.execute(db);
}
