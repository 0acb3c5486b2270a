import { type Kysely, sql } from "kysely";

/**
 * Callback intake: a callback is a commitment of kind 'callback' plus what the
 * front desk took down — who called, how to reach them, the question in their
 * own words, the topic — and its routing: the expert must accept it in time or
 * it moves on. Attempts, reroutes and the outcome are commitment events.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table org_settings add column callback_accept_minutes integer not null default 30
      check (callback_accept_minutes between 1 and 1440);

    create table callbacks (
      org_id text not null references "organization" ("id") on delete cascade,
      commitment_id uuid not null,
      caller_name text not null,
      caller_phone text,
      caller_email text,
      question text not null,
      topic text,
      routed_to_lead boolean not null default false,
      accept_by timestamptz,
      accepted_at timestamptz,
      attempts integer not null default 0,
      reached_at timestamptz,
      outcome text,
      confirmation_sent boolean not null default false,
      created_at timestamptz not null default now(),
      primary key (org_id, commitment_id),
      foreign key (org_id, commitment_id) references commitments (org_id, id)
    );
    -- The reroute sweep, across organizations: callbacks nobody accepted in time.
    create index callbacks_unaccepted_idx on callbacks (accept_by) where accepted_at is null;
  `.execute(db);
}
