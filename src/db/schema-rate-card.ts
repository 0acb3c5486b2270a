import type { ColumnType } from "kysely";

/** Table types of migration 0024 (the rate card, its fairness band, reasons for flagged lines). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric comes back as a string (db/type-parsers.ts). */
type Numeric = ColumnType<string, number | string, number | string>;

export interface RateCardRatesTable {
  org_id: string;
  id: string;
  role: string;
  /** The role as compared: trimmed, single spaces, lower case (core/fairness.ts roleKey). */
  role_key: string;
  hourly_rate_cents: ColumnType<number, number, number>;
  valid_from: ColumnType<string, string, string>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface RateCardSettingsTable {
  org_id: string;
  above_pct: Numeric;
  below_pct: Numeric;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface FairnessReasonsTable {
  org_id: string;
  line_id: string;
  reason: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface RateCardTables {
  rate_card_rates: RateCardRatesTable;
  rate_card_settings: RateCardSettingsTable;
  fairness_reasons: FairnessReasonsTable;
}
