import { type Kysely, sql } from "kysely";

/**
 * The at-risk list is read often (My day, the lead's list) and its reasons
 * take several lookups per client, so each client's reasons are kept here and
 * refreshed when its evidence changes (the row is marked stale in the same
 * transaction) and once a day for what time alone changes (silence, decay).
 * An acknowledgement hides the reasons it saw until it runs out or a new
 * reason appears.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trust_settings add column contact_rhythm_days integer not null default 30
      check (contact_rhythm_days between 1 and 730);

    create table trust_client_settings (
      org_id text not null references "organization" ("id") on delete cascade,
      client_id uuid not null,
      contact_rhythm_days integer check (contact_rhythm_days between 1 and 730),
      primary key (org_id, client_id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade
    );

    create table client_risks (
      org_id text not null references "organization" ("id") on delete cascade,
      client_id uuid not null,
      rank integer not null default 0,
      reasons jsonb not null default '[]'::jsonb,
      codes text[] not null default '{}',
      next_step text,
      stale boolean not null default true,
      computed_at timestamptz,
      acknowledged_at timestamptz,
      acknowledged_by text,
      acknowledged_reason text,
      acknowledged_codes text[],
      snoozed_until timestamptz,
      primary key (org_id, client_id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade
    );
    create index client_risks_rank_idx on client_risks (org_id, rank desc, client_id) where rank > 0;
    create index client_risks_refresh_idx on client_risks (computed_at nulls first) where stale or computed_at is not null;
  `.execute(db);
}
