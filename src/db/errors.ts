/**
 * Recognizing what PostgreSQL refused. The `pg` driver and PGlite both raise
 * errors that carry the server's SQLSTATE `code` and, for a violated
 * constraint or unique index, its name in `constraint`.
 */
type DatabaseErrorFields = { code?: unknown; constraint?: unknown };

const UNIQUE_VIOLATION = "23505";

/** The SQLSTATE of a database error; undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code } = error as DatabaseErrorFields;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** True when `error` is a duplicate in the named unique constraint or index. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return sqlState(error) === UNIQUE_VIOLATION && (error as DatabaseErrorFields).constraint === constraint;
}
