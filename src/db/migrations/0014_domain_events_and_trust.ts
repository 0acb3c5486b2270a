import { type Kysely, sql } from "kysely";

/**
 * One door for "what happened": every module records its domain events here
 * in the transaction that made them true (ARCHITECTURE.md, "domain events").
 * The id is the producer's own id for the fact (a commitment event's id), so
 * publishing the same fact again — a replay, a backfill, a re-run sweep — is
 * a no-op. `seq` orders them for outbox readers.
 *
 * The trust ledger turns events into evidence (one row per event and core),
 * and keeps per client and core the decayed sums r (positive) and s
 * (negative) as of a time; reads decay them to "now" (see core/trust/beta.ts).
 * A day's last state is kept per client and core for trends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table domain_events (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      seq bigint generated always as identity,
      type text not null check (type ~ '^[a-z_]+\\.[a-z_]+$'),
      subject_type text not null,
      subject_id uuid not null,
      client_id uuid,
      actor_id text,
      payload jsonb not null default '{}'::jsonb,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create index domain_events_client_idx on domain_events (org_id, client_id, occurred_at desc, id) where client_id is not null;
    create index domain_events_subject_idx on domain_events (org_id, subject_id, occurred_at);
    create unique index domain_events_seq_idx on domain_events (seq);

    create table trust_settings (
      org_id text primary key references "organization" ("id") on delete cascade,
      half_life_days integer not null default 180 check (half_life_days between 7 and 3650),
      -- Changes to the default weight table: { "<kind>": { "<core>": weight } }.
      weights jsonb not null default '{}'::jsonb,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    );

    create table trust_evidence (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      event_id uuid not null,
      client_id uuid not null,
      core text not null check (core in ('integrity', 'intent', 'capabilities', 'results')),
      kind text not null,
      -- Signed: above zero adds to r, below zero to s.
      weight double precision not null check (weight = weight and abs(weight) <= 100),
      occurred_at timestamptz not null,
      source_type text not null,
      source_id uuid not null,
      -- Whose conduct it is about (the promise's owner), for the personal profile.
      subject_user_id text,
      recorded_by text,
      note text,
      -- What the source was called when it happened (a promise's title), for the explanation.
      label text,
      -- A later event undid the source (a closed promise reopened): no longer counted.
      revoked_at timestamptz,
      revoked_by_event_id uuid,
      recorded_at timestamptz not null default now(),
      primary key (org_id, id),
      unique (org_id, event_id, kind, core),
      foreign key (org_id, event_id) references domain_events (org_id, id)
    );
    create index trust_evidence_client_idx on trust_evidence (org_id, client_id, core, occurred_at desc) where revoked_at is null;
    create index trust_evidence_user_idx on trust_evidence (org_id, subject_user_id, occurred_at desc) where revoked_at is null;
    create index trust_evidence_source_idx on trust_evidence (org_id, source_id);

    create table trust_scores (
      org_id text not null references "organization" ("id") on delete cascade,
      client_id uuid not null,
      core text not null check (core in ('integrity', 'intent', 'capabilities', 'results')),
      r double precision not null default 0,
      s double precision not null default 0,
      as_of timestamptz not null,
      evidence_count integer not null default 0,
      primary key (org_id, client_id, core)
    );

    create table trust_score_days (
      org_id text not null references "organization" ("id") on delete cascade,
      client_id uuid not null,
      core text not null,
      day date not null,
      r double precision not null,
      s double precision not null,
      as_of timestamptz not null,
      primary key (org_id, client_id, core, day)
    );
  `.execute(db);
}
