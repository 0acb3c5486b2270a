import { type Kysely, sql } from "kysely";

/**
 * The firm's rate card and the fairness of what contracts charge against it
 * (PRODUCT.md C7, issue 11 item 5), and the contract fields of item 2 it needs:
 * - `contract_lines`: a contract's lines priced as an hourly rate × hours a year;
 * - `contracts.term_months` and `contracts.renewal`: the term and how it renews;
 * - `rate_card_rates`: role → hourly rate from a day; a later rate for the same
 *   role is a new row, the old one stays (history);
 * - `rate_card_settings`: the organization's fairness band; no row means the
 *   default (15 % above, 15 % below);
 * - `fairness_reasons`: why a flagged line is priced as it is, one per line.
 * Money is whole cents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contracts
      add column term_months integer check (term_months between 1 and 600),
      add column renewal text check (renewal in ('none', 'auto', 'by_agreement'));

    create table contract_lines (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      contract_id uuid not null,
      position integer not null,
      role text not null check (char_length(role) between 1 and 100),
      hourly_rate_cents bigint not null check (hourly_rate_cents >= 0),
      hours_per_year numeric not null check (hours_per_year > 0),
      primary key (org_id, id),
      unique (org_id, contract_id, position),
      foreign key (org_id, contract_id) references contracts (org_id, id) on delete cascade
    );

    create table rate_card_rates (
      org_id text not null references "organization" ("id") on delete cascade,
      id uuid not null,
      role text not null check (char_length(role) between 1 and 100),
      role_key text not null,
      hourly_rate_cents bigint not null check (hourly_rate_cents > 0),
      valid_from date not null,
      created_by text references "user" ("id") on delete set null,
      created_at timestamptz not null,
      primary key (org_id, id),
      unique (org_id, role_key, valid_from)
    );

    create table rate_card_settings (
      org_id text not null references "organization" ("id") on delete cascade primary key,
      above_pct numeric not null check (above_pct >= 0),
      below_pct numeric not null check (below_pct >= 0 and below_pct <= 100),
      updated_by text references "user" ("id") on delete set null,
      updated_at timestamptz not null
    );

    create table fairness_reasons (
      org_id text not null references "organization" ("id") on delete cascade,
      line_id uuid not null,
      reason text not null check (char_length(reason) between 1 and 2000),
      recorded_by text references "user" ("id") on delete set null,
      recorded_at timestamptz not null,
      primary key (org_id, line_id),
      foreign key (org_id, line_id) references contract_lines (org_id, id) on delete cascade
    );
  `.execute(db);
}
