import { type Kysely, sql } from "kysely";

/**
 * Contracts with an indexation clause, the increases actually applied, and
 * corrections of what an audit found charged too much. Money is whole cents;
 * percentages are kept as the numbers the user gave (numeric, unrounded).
 * The clause names an index series of the same organization (migration 0020).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contracts (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      client_id uuid not null,
      title text not null check (char_length(title) between 1 and 200),
      starts_on date not null,
      annual_price_cents bigint not null check (annual_price_cents >= 0),
      series_id uuid,
      method text check (method in ('yoy', 'fixed_base', 'annual_average')),
      lag_months integer check (lag_months between 0 and 36),
      base_period text check (base_period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
      effective_month integer check (effective_month between 1 and 12),
      cap_pct numeric,
      floor_pct numeric,
      round_pct_decimals integer check (round_pct_decimals between 0 and 6),
      created_by text references "user" ("id") on delete set null,
      created_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, client_id) references clients (org_id, id),
      foreign key (org_id, series_id) references index_series (org_id, id),
      -- Indexed or not: a clause has its series, method and lag together.
      check ((series_id is null) = (method is null) and (method is null) = (lag_months is null)),
      check (cap_pct is null or floor_pct is null or cap_pct >= floor_pct)
    );
    create index contracts_client_idx on contracts (org_id, client_id);

    create table contract_increases (
      org_id text not null references "organization" ("id") on delete cascade,
      contract_id uuid not null,
      year integer not null,
      effective_on date not null,
      applied_pct numeric,
      new_price_cents bigint check (new_price_cents >= 0),
      recorded_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null,
      primary key (org_id, contract_id, year),
      foreign key (org_id, contract_id) references contracts (org_id, id) on delete cascade,
      check ((applied_pct is null) <> (new_price_cents is null))
    );

    create table contract_corrections (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      contract_id uuid not null,
      raised_by text not null check (raised_by in ('us', 'client')),
      refund_cents bigint not null check (refund_cents >= 0),
      note text check (char_length(note) <= 2000),
      audited_overcharge_cents bigint not null,
      recorded_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null,
      primary key (org_id, id),
      foreign key (org_id, contract_id) references contracts (org_id, id) on delete cascade
    );
  `.execute(db);
}
