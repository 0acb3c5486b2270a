import { type Kysely, sql } from "kysely";

/**
 * Working time, SLA policies, commitments and their append-only history.
 *
 * A commitment's current state lives in `commitments` (so lists and figures
 * are one indexed query); everything that ever happened to it is a row in
 * `commitment_events`, which a trigger makes append-only: nothing that
 * happened can be edited away, not even by a bug in our own code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table org_settings (
      org_id text primary key references "organization" ("id") on delete cascade,
      time_zone text not null default 'Europe/Amsterdam',
      business_hours jsonb not null,
      holiday_country text not null default 'NL',
      holiday_region text,
      holiday_choices jsonb not null default '{}',
      language text not null default 'nl' check (language in ('nl', 'en')),
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table sla_policies (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      name text not null,
      kind text not null check (kind in ('callback', 'deliverable', 'meeting', 'other')),
      amount integer not null check (amount > 0),
      unit text not null check (unit in ('working_hours', 'working_days')),
      warn_percent integer not null default 75 check (warn_percent between 1 and 99),
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      archived_at timestamptz,
      primary key (org_id, id)
    );
    create unique index sla_policies_name_key on sla_policies (org_id, lower(name)) where archived_at is null;
    create unique index sla_policies_default_key on sla_policies (org_id, kind) where is_default and archived_at is null;

    create table client_sla_overrides (
      org_id text not null,
      client_id uuid not null,
      policy_id uuid not null,
      amount integer not null check (amount > 0),
      unit text not null check (unit in ('working_hours', 'working_days')),
      primary key (org_id, client_id, policy_id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade,
      foreign key (org_id, policy_id) references sla_policies (org_id, id) on delete cascade
    );

    create table commitments (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      contact_id uuid,
      title text not null,
      done_when text not null,
      owner_id text not null references "user" ("id"),
      source text not null check (source in ('call', 'meeting', 'email', 'note', 'portal')),
      kind text not null default 'other' check (kind in ('callback', 'deliverable', 'meeting', 'other')),
      sla_policy_id uuid,
      status text not null default 'open'
        check (status in ('open', 'renegotiated', 'kept', 'kept_late', 'broken', 'cancelled')),
      due_at timestamptz not null,
      original_due_at timestamptz not null,
      recorded_after_due boolean not null default false,
      renegotiation_count integer not null default 0,
      warn_at timestamptz,
      warned_at timestamptz,
      escalated_at timestamptz,
      closed_at timestamptz,
      created_by text references "user" ("id") on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id),
      foreign key (org_id, contact_id) references contacts (org_id, id) on delete set null (contact_id),
      foreign key (org_id, sla_policy_id) references sla_policies (org_id, id) on delete set null (sla_policy_id)
    );
    -- My day and the ICS feed: one owner's open promises by due time.
    create index commitments_owner_open_idx on commitments (org_id, owner_id, due_at)
      where status in ('open', 'renegotiated');
    -- The client page: a client's promises, newest due first.
    create index commitments_client_idx on commitments (org_id, client_id, due_at desc);
    -- Reliability figures: what was closed in a period.
    create index commitments_closed_idx on commitments (org_id, closed_at) where closed_at is not null;
    -- The sweep, across organizations: warnings and escalations not yet sent.
    create index commitments_warn_due_idx on commitments (warn_at)
      where status in ('open', 'renegotiated') and warned_at is null and warn_at is not null;
    create index commitments_escalation_due_idx on commitments (due_at)
      where status in ('open', 'renegotiated') and escalated_at is null;

    create table commitment_events (
      org_id text not null,
      id uuid not null,
      -- Order of writing: events recorded in the same instant still read back in the order they happened.
      seq bigint generated always as identity,
      commitment_id uuid not null,
      kind text not null,
      at timestamptz not null,
      actor_id text,
      data jsonb not null default '{}',
      primary key (org_id, id),
      foreign key (org_id, commitment_id) references commitments (org_id, id)
    );
    create index commitment_events_commitment_idx on commitment_events (org_id, commitment_id, seq);

    create function commitment_events_are_append_only() returns trigger language plpgsql as $$
    begin
      -- Erasing a whole organization (a deliberate, documented act) sets this for its transaction.
      if tg_op = 'DELETE' and current_setting('trustledger.erase_organization', true) = old.org_id then
        return old;
      end if;
      raise exception 'commitment history is append-only (% refused)', tg_op using errcode = 'P0001';
    end;
    $$;
    create trigger commitment_events_append_only before update or delete on commitment_events
      for each row execute function commitment_events_are_append_only();

    create table calendar_feeds (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      user_id text not null references "user" ("id") on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (org_id, id)
    );
    create unique index calendar_feeds_active_key on calendar_feeds (org_id, user_id) where revoked_at is null;
  `.execute(db);
}
