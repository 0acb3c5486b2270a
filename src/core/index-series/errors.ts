/**
 * Why an index-series CSV was refused. The module translates the code into a
 * message (nl/en); `line` is the 1-based line of the file the problem is on.
 */
export type IndexImportErrorCode =
  | "too_large"
  | "no_data"
  | "malformed_csv"
  | "ambiguous_delimiter"
  | "unknown_layout"
  | "several_series"
  | "bad_period"
  | "not_a_number"
  | "missing_month"
  | "duplicate_period";

export class IndexImportError extends Error {
  readonly code: IndexImportErrorCode;
  readonly line: number | null;
  /** Extra facts for the message: the period, the text found, the first line of a duplicate. */
  readonly params: Record<string, string | number>;

  constructor(code: IndexImportErrorCode, line: number | null, params: Record<string, string | number> = {}) {
    super(`${code}${line === null ? "" : ` at line ${line}`}`);
    this.name = "IndexImportError";
    this.code = code;
    this.line = line;
    this.params = params;
  }
}

/** The largest file accepted, in bytes: a CBS table of every month since 1996 is far below it. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
