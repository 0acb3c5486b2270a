import { type CsvRow, CsvShapeError, detectDelimiter, readCsvRows } from "../csv/rows.ts";
import { decodeCsvBytes } from "./decode.ts";
import { IndexImportError } from "./errors.ts";
import { comparePeriods, isMonth, nextMonth, normalizePeriod } from "./periods.ts";

export interface ParsedPoint {
  /** "2024" or "2024-01". */
  period: string;
  /** The index figure (e.g. 2015 = 100), when the file has one. */
  value: number | null;
  /** The change against a year earlier in percent, when the file has one. */
  changePct: number | null;
  provisional: boolean;
  /** The file's line this point came from. */
  line: number;
}

export type ParsedSeries =
  | { format: "cbs"; tableCode: string; base: string; kind: "index"; points: ParsedPoint[] }
  | { format: "simple"; kind: "index" | "yearly_change"; points: ParsedPoint[] };

/** CBS's two consumer price index tables and the base year each is published on. */
export const CBS_CPI_TABLES: Record<string, string> = { "83131NED": "2015", "86141NED": "2025" };

/**
 * Parses a price-index CSV: a CBS StatLine download (table 83131NED, 2015 = 100, or
 * 86141NED, 2025 = 100 — title lines, a header with "Perioden", codes such as 2024MM01
 * and 2024JJ00, decimal commas, `*` or "voorlopig" for provisional figures) or a simple
 * `period;value` file. Refuses, with the line number, anything it would have to guess.
 */
export function parseIndexCsv(bytes: Uint8Array): ParsedSeries {
  const text = decodeCsvBytes(bytes);
  const delimiter = detectDelimiter(text);
  const rows = readRows(text, delimiter);
  if (rows.length === 0) throw new IndexImportError("no_data", null);

  const headerIndex = rows.findIndex((row) => row.cells.some((cell) => PERIOD_HEADER.test(cell)));
  const header = headerIndex === -1 ? null : (rows[headerIndex] as CsvRow);
  const preamble = (headerIndex === -1 ? [] : rows.slice(0, headerIndex + 1)).flatMap((row) => row.cells).join(" ");
  const tableCode = /\b(83131NED|86141NED)\b/i.exec(preamble)?.[1]?.toUpperCase() ?? null;
  const baseYear = /\b((?:19|20)\d{2})\s*=\s*100\b/.exec(preamble)?.[1] ?? (tableCode ? (CBS_CPI_TABLES[tableCode] ?? null) : null);
  const code = tableCode ?? Object.entries(CBS_CPI_TABLES).find(([, year]) => year === baseYear)?.[0] ?? null;

  let columns: Columns;
  let dataRows: CsvRow[];
  let width: number;
  if (header) {
    columns = columnsOf(header);
    dataRows = rows.slice(headerIndex + 1);
    width = header.cells.length;
  } else {
    // No header naming the period: a simple file, perhaps with a header of its own words.
    const first = rows[0] as CsvRow;
    const hasHeader = normalizePeriod(stripMark(first.cells[0] ?? "").text) === null;
    columns = hasHeader
      ? columnsOf({ cells: ["period", ...first.cells.slice(1)], line: first.line })
      : { period: 0, value: 1, change: null, category: null };
    if (hasHeader && columns.value === null && columns.change === null) columns.value = 1;
    dataRows = hasHeader ? rows.slice(1) : rows;
    width = hasHeader ? first.cells.length : 2;
  }
  if (columns.value === null && columns.change === null) throw new IndexImportError("unknown_layout", header?.line ?? null);

  const points = readPoints(dataRows, columns, delimiter, width);
  if (points.length === 0) throw new IndexImportError("no_data", null);
  checkPeriods(points);

  const isCbs = code !== null && baseYear !== null && header !== null;
  if (isCbs) return { format: "cbs", tableCode: code, base: `${baseYear}=100`, kind: "index", points };
  return { format: "simple", kind: columns.value === null ? "yearly_change" : "index", points };
}

const PERIOD_HEADER = /^(perioden?|periods?|jaar|year|maand|month)$/i;
const CHANGE_HEADER = /jaarmutatie|annual rate|year[- ]on[- ]year|yearly change|change_?pct|change|mutatie|%/i;
const MONTHLY_CHANGE = /maandmutatie|monthly|month[- ]on[- ]month/i;
const CATEGORY_HEADER = /bestedingscategorie|categor|expenditure|bestedingen/i;

interface Columns {
  period: number;
  value: number | null;
  change: number | null;
  category: number | null;
}

function columnsOf(header: CsvRow): Columns {
  const cells = header.cells;
  const period = cells.findIndex((cell) => PERIOD_HEADER.test(cell));
  const others = cells.map((cell, index) => ({ cell, index })).filter(({ index }) => index !== period);
  const category = others.find(({ cell }) => CATEGORY_HEADER.test(cell) && !/=\s*100/.test(cell))?.index ?? null;
  const figures = others.filter(({ index, cell }) => index !== category && cell !== "" && !/^status$/i.test(cell));
  const change = figures.find(({ cell }) => CHANGE_HEADER.test(cell) && !MONTHLY_CHANGE.test(cell))?.index ?? null;
  const value = figures.find(({ cell }) => !CHANGE_HEADER.test(cell) && !MONTHLY_CHANGE.test(cell))?.index ?? null;
  return { period, value, change, category };
}

function readPoints(rows: CsvRow[], columns: Columns, delimiter: string, width: number): ParsedPoint[] {
  const points: ParsedPoint[] = [];
  let category: { value: string; line: number } | null = null;
  for (const row of rows) {
    const filled = row.cells.filter((cell) => cell !== "");
    const periodCell = stripMark(row.cells[columns.period] ?? "");
    // Blank periods are unit lines; one-cell lines are notes and sources ("Bron: CBS").
    if (periodCell.text === "" || filled.length < 2) continue;
    const period = normalizePeriod(periodCell.text);
    if (period === null) throw new IndexImportError("bad_period", row.line, { text: periodCell.text });
    if (delimiter === "," && row.cells.length > width) throw new IndexImportError("ambiguous_delimiter", row.line);
    if (columns.category !== null) {
      const value = row.cells[columns.category] ?? "";
      if (category === null) category = { value, line: row.line };
      else if (value !== category.value) throw new IndexImportError("several_series", row.line, { text: value });
    }
    const value = columns.value === null ? null : readNumber(row.cells[columns.value] ?? "", row.line);
    const change = columns.change === null ? null : readNumber(row.cells[columns.change] ?? "", row.line);
    if ((value?.number ?? null) === null && (change?.number ?? null) === null) continue;
    const provisional =
      periodCell.marked ||
      Boolean(value?.marked) ||
      Boolean(change?.marked) ||
      row.cells.some((cell) => /voorlopig|provisional/i.test(cell));
    points.push({ period, value: value?.number ?? null, changePct: change?.number ?? null, provisional, line: row.line });
  }
  return points;
}

/** A trailing `*` (or " voorlopig") marks a provisional figure. */
function stripMark(cell: string): { text: string; marked: boolean } {
  const match = /^(.*?)\s*(\*+|\(?voorlopig\)?|\(?provisional\)?)$/i.exec(cell.trim());
  return match ? { text: (match[1] as string).trim(), marked: true } : { text: cell.trim(), marked: false };
}

/** CBS symbols for "no figure": "." (unknown), "x" (secret), "-" and an empty cell. */
const NO_FIGURE = new Set(["", ".", "x", "X", "-"]);

function readNumber(cell: string, line: number): { number: number | null; marked: boolean } {
  const { text, marked } = stripMark(cell);
  if (NO_FIGURE.has(text)) return { number: null, marked };
  let plain = text.replace(/\s/g, "");
  if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(plain)) plain = plain.replace(/\./g, "");
  else if (/^[+-]?\d{1,3}(,\d{3})+\.\d+$/.test(plain)) plain = plain.replace(/,/g, "");
  if (!/^[+-]?\d+([.,]\d+)?$/.test(plain)) throw new IndexImportError("not_a_number", line, { text });
  return { number: Number(plain.replace(",", ".")), marked };
}

/** No period twice; a monthly series has every month between its first and its last. */
function checkPeriods(points: ParsedPoint[]): void {
  const seen = new Map<string, number>();
  for (const point of points) {
    const first = seen.get(point.period);
    if (first !== undefined) throw new IndexImportError("duplicate_period", point.line, { period: point.period, firstLine: first });
    seen.set(point.period, point.line);
  }
  const months = points.filter((point) => isMonth(point.period)).sort((a, b) => comparePeriods(a.period, b.period));
  for (let i = 1; i < months.length; i++) {
    const expected = nextMonth((months[i - 1] as ParsedPoint).period);
    const found = months[i] as ParsedPoint;
    if (found.period !== expected) throw new IndexImportError("missing_month", found.line, { period: expected });
  }
}

function readRows(text: string, delimiter: string): CsvRow[] {
  try {
    return readCsvRows(text, delimiter, { relaxQuotes: true });
  } catch (error) {
    if (error instanceof CsvShapeError) throw new IndexImportError("malformed_csv", error.line);
    throw error;
  }
}
