import { parse as parseCsv } from "csv-parse/sync";

/**
 * The rows of a CSV file as people export them from a spreadsheet or a
 * statistics site: the delimiter guessed, empty lines dropped, cells trimmed,
 * each row with its line in the file (for messages that say where). Shared by
 * the imports (price indices, contracts), which word their own errors.
 */
export type CsvRow = { cells: string[]; line: number };

/** The file is not CSV the reader can follow (an unclosed quote, …), at this line when it knows. */
export class CsvShapeError extends Error {
  readonly line: number | null;
  constructor(line: number | null) {
    super(`malformed CSV${line === null ? "" : ` at line ${line}`}`);
    this.line = line;
  }
}

/** Semicolons when any line has one outside quotes; else tabs; else commas. */
export function detectDelimiter(text: string): string {
  let quoted = false;
  let tabs = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ";") return ";";
    else if (!quoted && char === "\t") tabs = true;
  }
  return tabs ? "\t" : ",";
}

export function readCsvRows(text: string, delimiter: string, options: { relaxQuotes?: boolean } = {}): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: options.relaxQuotes ?? false,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new CsvShapeError(typeof (error as { lines?: unknown }).lines === "number" ? (error as { lines: number }).lines : null);
  }
  return records
    .map(({ record, info }) => ({ cells: record.map((cell) => cell.trim()), line: info.lines }))
    .filter((row) => row.cells.some((cell) => cell !== ""));
}
