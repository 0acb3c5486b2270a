import type { ColumnType } from "kysely";

/** Table types of migration 0020 (price-index series and their points). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** numeric comes back as an exact decimal string (type-parsers.ts); written as a number. */
type Numeric = ColumnType<string | null, number | string | null | undefined, number | string | null>;

export type IndexSeriesKind = "yearly_change" | "index";

export interface IndexSeriesTable {
  org_id: string;
  id: string;
  code: string | null;
  name: string;
  source: string;
  kind: IndexSeriesKind;
  base: string | null;
  created_at: Timestamp;
}

export interface IndexPointsTable {
  org_id: string;
  series_id: string;
  period: string;
  value: Numeric;
  change_pct: Numeric;
  provisional: boolean;
  source: string;
  imported_at: Timestamp;
  revised_from: Numeric;
  revised_at: NullableTimestamp;
}

export interface IndexSeriesTables {
  index_series: IndexSeriesTable;
  index_points: IndexPointsTable;
}
