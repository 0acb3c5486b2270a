import { type Kysely, sql } from "kysely";

/**
 * Client pulse: a short survey (one question per core, 1–5, and a comment)
 * sent to one contact on a link of its own, answerable once, expiring. Only
 * the link's hash is kept.
 *
 * Team pulse: colleagues say how working with a client feels (1–5, optional
 * words) per quarter. An answer row holds no user and no time, and who took
 * part is kept apart from what was said, so no one — administrators included —
 * can tie an answer to a person. Answers are shown only as an aggregate of at
 * least three.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trust_settings add column pulse_cap_days integer not null default 90 check (pulse_cap_days between 1 and 730);

    create table pulse_requests (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      contact_id uuid not null,
      token_hash text not null unique,
      language text not null check (language in ('nl', 'en')),
      created_by text,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      answered_at timestamptz,
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade,
      foreign key (org_id, contact_id) references contacts (org_id, id) on delete cascade
    );
    create index pulse_requests_contact_idx on pulse_requests (org_id, contact_id, created_at desc);
    create index pulse_requests_client_idx on pulse_requests (org_id, client_id, created_at desc);

    create table pulse_answers (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      request_id uuid not null,
      client_id uuid not null,
      contact_id uuid,
      integrity smallint not null check (integrity between 1 and 5),
      intent smallint not null check (intent between 1 and 5),
      capabilities smallint not null check (capabilities between 1 and 5),
      results smallint not null check (results between 1 and 5),
      comment text,
      answered_at timestamptz not null,
      primary key (org_id, id),
      unique (org_id, request_id)
    );
    create index pulse_answers_client_idx on pulse_answers (org_id, client_id, answered_at desc);

    create table team_pulse_answers (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      period text not null check (period ~ '^\\d{4}-Q[1-4]$'),
      feeling smallint not null check (feeling between 1 and 5),
      words text,
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade
    );
    create index team_pulse_answers_client_idx on team_pulse_answers (org_id, client_id, period);

    create table team_pulse_participation (
      org_id text not null references "organization" ("id") on delete cascade,
      client_id uuid not null,
      period text not null,
      user_id text not null,
      primary key (org_id, client_id, period, user_id)
    );
  `.execute(db);
}
