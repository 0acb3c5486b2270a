import { type Kysely, sql } from "kysely";

/**
 * Teams, expertise, clients, contacts and API tokens. Every table carries
 * org_id and leads its primary key with it, and references within an
 * organization are composite (org_id, id): a row can never point at another
 * organization's row, and the tables can be distributed by organization.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;

    create table instance_settings (
      key text primary key,
      value text not null
    );

    create table teams (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      name text not null,
      created_at timestamptz not null default now(),
      primary key (org_id, id)
    );
    create unique index teams_org_name_key on teams (org_id, lower(name));

    create table team_members (
      org_id text not null,
      team_id uuid not null,
      user_id text not null references "user" ("id") on delete cascade,
      primary key (org_id, team_id, user_id),
      foreign key (org_id, team_id) references teams (org_id, id) on delete cascade
    );
    create index team_members_user_idx on team_members (org_id, user_id);

    create table expertise (
      org_id text not null references "organization" ("id") on delete cascade,
      user_id text not null references "user" ("id") on delete cascade,
      topic text not null,
      created_at timestamptz not null default now(),
      primary key (org_id, user_id, topic)
    );
    create index expertise_topic_idx on expertise (org_id, lower(topic));

    create table clients (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      kind text not null check (kind in ('company', 'person')),
      name text not null,
      sort_name text not null,
      email text,
      phone text,
      website text,
      notes text,
      account_owner_id text references "user" ("id") on delete set null,
      team_id uuid,
      archived_at timestamptz,
      search_text text not null default '',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, team_id) references teams (org_id, id) on delete set null (team_id)
    );
    create index clients_active_name_idx on clients (org_id, sort_name, id) where archived_at is null;
    create index clients_archived_name_idx on clients (org_id, sort_name, id) where archived_at is not null;
    create index clients_search_idx on clients using gin (search_text gin_trgm_ops);
    create index clients_owner_idx on clients (org_id, account_owner_id);

    create table contacts (
      org_id text not null,
      id uuid not null,
      client_id uuid not null,
      name text not null,
      role text,
      email text,
      phone text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade
    );
    create index contacts_client_idx on contacts (org_id, client_id, lower(name));

    create table api_tokens (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      user_id text not null references "user" ("id") on delete cascade,
      name text not null,
      token_hash text not null unique,
      token_prefix text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (org_id, id)
    );
    create index api_tokens_user_idx on api_tokens (org_id, user_id);
  `.execute(db);
}
