import { type Kysely, sql } from "kysely";

/**
 * In-app notifications, outgoing e-mail (the delivery queue with its retries)
 * and the record of the background sweep.
 *
 * Deliveries are written in the same transaction as whatever caused them and
 * sent afterwards by the job runner: a crash or an SMTP outage never loses an
 * e-mail, and `dedupe_key` makes queueing the same message twice a no-op.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      user_id text not null references "user" ("id") on delete cascade,
      kind text not null,
      params jsonb not null default '{}',
      -- No foreign key: notifications outlive what they were about, and the commitments table is another module's.
      commitment_id uuid,
      dedupe_key text not null,
      created_at timestamptz not null,
      read_at timestamptz,
      primary key (org_id, id)
    );
    create unique index notifications_dedupe_key on notifications (org_id, dedupe_key);
    -- The bell: my notifications (unread first asked most), newest first.
    create index notifications_user_idx on notifications (org_id, user_id, created_at desc, id desc);
    create index notifications_user_unread_idx on notifications (org_id, user_id, created_at desc, id desc) where read_at is null;

    create table deliveries (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      kind text not null,
      to_address text not null,
      language text not null check (language in ('nl', 'en')),
      subject text not null,
      body_text text not null,
      status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'outbox')),
      attempts integer not null default 0,
      max_attempts integer not null default 6 check (max_attempts > 0),
      next_attempt_at timestamptz not null,
      claimed_at timestamptz,
      last_error text,
      dedupe_key text not null,
      created_at timestamptz not null,
      sent_at timestamptz,
      primary key (org_id, id)
    );
    create unique index deliveries_dedupe_key on deliveries (org_id, dedupe_key);
    -- The sender, across organizations: what is due, and claims left behind by a crashed instance.
    create index deliveries_due_idx on deliveries (status, next_attempt_at);
    -- The System page: an organization's deliveries by status, newest first.
    create index deliveries_org_created_idx on deliveries (org_id, created_at desc, id desc);
    create index deliveries_org_status_idx on deliveries (org_id, status, created_at desc, id desc);

    -- One row per background job of the whole installation, not per organization:
    -- a sweep serves every organization at once, like instance_settings.
    create table job_runs (
      name text primary key,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_error text,
      last_ok_at timestamptz,
      runs integer not null default 0
    );
  `.execute(db);
}
