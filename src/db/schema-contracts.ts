import type { ColumnType } from "kysely";

/** Table types of migration 0022 (contracts, the increases applied, corrections). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric comes back as a string, int8 (cents) as a number (db/type-parsers.ts). */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;
type Cents = ColumnType<number, number, number>;

export type IndexationMethodColumn = "yoy" | "fixed_base" | "annual_average";

export interface ContractsTable {
  org_id: string;
  id: string;
  client_id: string;
  title: string;
  starts_on: ColumnType<string, string, string>;
  annual_price_cents: Cents;
  series_id: string | null;
  method: IndexationMethodColumn | null;
  lag_months: number | null;
  base_period: string | null;
  effective_month: number | null;
  cap_pct: Numeric;
  floor_pct: Numeric;
  round_pct_decimals: number | null;
  /** Migration 0024: the term in months and how the contract renews. */
  term_months: ColumnType<number | null, number | null | undefined, number | null>;
  renewal: ColumnType<
    "none" | "auto" | "by_agreement" | null,
    "none" | "auto" | "by_agreement" | null | undefined,
    "none" | "auto" | "by_agreement" | null
  >;
  created_by: string | null;
  created_at: Timestamp;
  /** Migration 0023: when a person last opened the audit. */
  last_audited_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_audited_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ContractIncreasesTable {
  org_id: string;
  contract_id: string;
  year: number;
  effective_on: ColumnType<string, string, string>;
  applied_pct: Numeric;
  new_price_cents: ColumnType<number | null, number | null | undefined, number | null>;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface ContractCorrectionsTable {
  org_id: string;
  id: string;
  contract_id: string;
  raised_by: "us" | "client";
  refund_cents: Cents;
  note: string | null;
  audited_overcharge_cents: Cents;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

/** Migration 0024: a contract's lines, priced as an hourly rate × hours a year. */
export interface ContractLinesTable {
  org_id: string;
  id: string;
  contract_id: string;
  position: number;
  role: string;
  hourly_rate_cents: Cents;
  hours_per_year: ColumnType<string, number | string, number | string>;
}

export interface ContractTables {
  contracts: ContractsTable;
  contract_lines: ContractLinesTable;
  contract_increases: ContractIncreasesTable;
  contract_corrections: ContractCorrectionsTable;
}
