import { type Kysely, sql } from "kysely";

/**
 * Engagements (PRODUCT.md C4): a request in the client's own words, who
 * initiated it, its stage, the needs analysis with the second look, a decline
 * with reason and referral, advice against our own revenue and disagreements
 * with how they were resolved. Drafts shared ahead (C5) will hang off
 * engagements (org_id, id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table engagements (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      title text not null check (char_length(title) between 1 and 200),
      request text not null check (char_length(request) between 1 and 5000),
      initiated_by text not null check (initiated_by in ('client', 'us')),
      owner_id text not null references "user" ("id"),
      team_id uuid,
      value_cents bigint check (value_cents >= 0),
      stage text not null check (stage in ('request', 'analysis', 'proposal', 'contracted', 'delivering', 'closed', 'declined')),
      stage_changed_at timestamptz not null,
      real_need text,
      root_causes text,
      stakeholders text,
      risks text,
      success_looks_like text,
      advice text,
      second_look boolean not null default false,
      analysis_recorded_at timestamptz,
      analysis_recorded_by text references "user" ("id") on delete set null,
      declined_reason text,
      referral text,
      declined_at timestamptz,
      created_by text references "user" ("id") on delete set null,
      created_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id),
      foreign key (org_id, team_id) references teams (org_id, id) on delete set null (team_id),
      check ((stage = 'declined') = (declined_reason is not null))
    );
    create index engagements_client_idx on engagements (org_id, client_id);
    create index engagements_owner_idx on engagements (org_id, owner_id);

    create table engagement_advice (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      engagement_id uuid not null,
      advice text not null check (char_length(advice) between 1 and 5000),
      against_own_revenue boolean not null,
      revenue_forgone_cents bigint check (revenue_forgone_cents >= 0),
      recorded_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, engagement_id) references engagements (org_id, id) on delete cascade
    );

    create table engagement_disagreements (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      engagement_id uuid not null,
      summary text not null check (char_length(summary) between 1 and 2000),
      resolved_by text not null check (resolved_by in ('dialogue', 'concession', 'contract')),
      recorded_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, engagement_id) references engagements (org_id, id) on delete cascade
    );
  `.execute(db);
}
