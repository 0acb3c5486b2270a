import { type Kysely, sql } from "kysely";

/**
 * Price-index series: the CBS consumer price index that ships with the
 * application (code 'cbs-cpi', yearly changes) and the series an organization
 * imports (CBS StatLine tables, wages, a sector index). A point is one period's
 * figure; a later import that changes it keeps what it was (revised_from) and when.
 * The shipped series is added to each organization by the index-series module
 * (idempotently), so the figures live in one file, not in a migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table index_series (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      code text,
      name text not null,
      source text not null,
      kind text not null check (kind in ('yearly_change', 'index')),
      base text,
      created_at timestamptz not null,
      primary key (org_id, id),
      unique (org_id, code)
    );
    -- An imported series without a code is known by its name: one per name, case aside.
    create unique index index_series_custom_name on index_series (org_id, lower(name)) where code is null;

    create table index_points (
      org_id text not null references "organization" ("id") on delete cascade,
      series_id uuid not null,
      period text not null check (period ~ '^\\d{4}(-(0[1-9]|1[0-2]))?$'),
      value numeric,
      change_pct numeric,
      provisional boolean not null default false,
      source text not null,
      imported_at timestamptz not null,
      revised_from numeric,
      revised_at timestamptz,
      primary key (org_id, series_id, period),
      foreign key (org_id, series_id) references index_series (org_id, id) on delete cascade,
      check (value is not null or change_pct is not null)
    );
  `.execute(db);
}
