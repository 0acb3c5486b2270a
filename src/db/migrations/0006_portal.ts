import { type Kysely, sql } from "kysely";

/**
 * Client portal links: a contact of a client opens a signed, expiring,
 * revocable link and sees what was promised to them. Only the token's hash is
 * stored; every opening is logged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table portal_links (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      contact_id uuid not null,
      token_hash text not null unique,
      created_by text references "user" ("id") on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_opened_at timestamptz,
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id) on delete cascade,
      foreign key (org_id, contact_id) references contacts (org_id, id) on delete cascade
    );
    create index portal_links_client_idx on portal_links (org_id, client_id, created_at desc);

    create table portal_views (
      org_id text not null,
      id uuid not null,
      link_id uuid not null,
      at timestamptz not null,
      user_agent text,
      primary key (org_id, id),
      foreign key (org_id, link_id) references portal_links (org_id, id) on delete cascade
    );
    create index portal_views_link_idx on portal_views (org_id, link_id, at desc);
  `.execute(db);
}
