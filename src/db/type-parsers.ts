/**
 * One mapping of PostgreSQL types to JavaScript values, used by both drivers, so
 * code behaves the same on the embedded database and on a PostgreSQL server.
 * (Left alone, `pg` returns int8 and count(*) as strings and PGlite as numbers.)
 */
export const TYPE_OID = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

/** int8 values we store (counts, sizes) stay far below 2^53. */
const parseInt8 = (value: string): number => Number(value);
/** Money and other exact decimals stay strings; callers decide how to round. */
const parseNumeric = (value: string): string => value;
/** A calendar date has no time zone: keep "2026-11-23", never a shifted Date. */
const parseDate = (value: string): string => value;
const parseTimestamptz = (value: string): Date => new Date(value);
/** Timestamps without zone are stored as UTC by convention. */
const parseTimestamp = (value: string): Date => new Date(`${value.replace(" ", "T")}Z`);

export const typeParsers: Record<number, (value: string) => unknown> = {
  [TYPE_OID.INT8]: parseInt8,
  [TYPE_OID.NUMERIC]: parseNumeric,
  [TYPE_OID.DATE]: parseDate,
  [TYPE_OID.TIMESTAMP]: parseTimestamp,
  [TYPE_OID.TIMESTAMPTZ]: parseTimestamptz,
};
