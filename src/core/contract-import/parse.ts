import { type CsvRow, CsvShapeError, detectDelimiter, readCsvRows } from "../csv/rows.ts";
import { isCalendarDate } from "../dates.ts";
import { decodeCsvBytes } from "../index-series/decode.ts";
import { IndexImportError } from "../index-series/errors.ts";

/**
 * Reads a CSV of contracts as a user exports it from a spreadsheet: UTF-8 or
 * Windows-1252 (with or without a byte order mark), semicolons, tabs or commas,
 * Dutch or English headers, dates as YYYY-MM-DD or DD-MM-YYYY, euro amounts with
 * a decimal comma or point. Pure: it only reads the text; which client or index
 * series a name means is the module's to decide. Every problem is collected with
 * its line, so the user sees them all at once.
 */
export const CONTRACT_COLUMNS = ["client", "title", "start", "price", "series", "method", "lag", "cap", "floor"] as const;
export type ContractColumn = (typeof CONTRACT_COLUMNS)[number];
const REQUIRED: readonly ContractColumn[] = ["client", "title", "start", "price"];

export type ContractRowProblem =
  | "required"
  | "bad_date"
  | "bad_amount"
  | "bad_number"
  | "unknown_method"
  | "unknown_client"
  | "ambiguous_client"
  | "unknown_series"
  | "invalid";

export type ContractFileProblem = "malformed" | "no_data" | "missing_column" | "too_large";

export type RowError = { line: number; problem: ContractRowProblem; column: string; text: string };

export type ImportMethod = "yoy" | "fixed_base" | "annual_average";

export type ContractLine = {
  line: number;
  client: string;
  title: string;
  startsOn: string;
  annualPriceCents: number;
  /** Null when the line names no indexation at all. */
  indexation: {
    series: string | null;
    method: ImportMethod | null;
    lagMonths: number | null;
    capPct: number | null;
    floorPct: number | null;
  } | null;
};

export class ContractFileError extends Error {
  readonly problem: ContractFileProblem;
  readonly line: number;
  readonly text: string;
  constructor(problem: ContractFileProblem, line: number, text = "") {
    super(`${problem} at line ${line}`);
    this.name = "ContractFileError";
    this.problem = problem;
    this.line = line;
    this.text = text;
  }
}

/** Lower case, no accents, letters and digits only: "Prijs per jaar (€)" → "prijsperjaar". */
export const foldName = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

const HEADERS: Record<ContractColumn, readonly string[]> = {
  client: ["client", "klant", "klantnaam", "client name", "clientnaam", "customer", "relatie"],
  title: ["title", "titel", "contract", "contractnaam", "omschrijving", "description", "naam"],
  start: ["start", "startdatum", "start date", "starts on", "startson", "begint op", "ingangsdatum", "begindatum", "ingang"],
  price: [
    "annual price",
    "annualprice",
    "price",
    "prijs",
    "jaarprijs",
    "prijs per jaar",
    "price per year",
    "annual price eur",
    "jaarprijs eur",
    "prijs per jaar eur",
    "bedrag per jaar",
  ],
  series: ["series", "index series", "indexreeks", "reeks", "index", "serie"],
  method: ["method", "methode", "indexation method", "indexeringsmethode"],
  lag: ["lag", "lag months", "lagmonths", "vertraging", "maanden ervoor", "months before", "vertraging maanden"],
  cap: ["cap", "cap pct", "cap %", "maximum", "max", "plafond", "maximum pct"],
  floor: ["floor", "floor pct", "floor %", "minimum", "min", "bodem", "minimum pct"],
};
const COLUMN_OF = new Map<string, ContractColumn>(
  Object.entries(HEADERS).flatMap(([column, names]) => names.map((name) => [foldName(name), column as ContractColumn])),
);

const METHODS: Record<string, ImportMethod> = {
  yoy: "yoy",
  "year on year": "yoy",
  "jaar op jaar": "yoy",
  "fixed base": "fixed_base",
  "vaste basis": "fixed_base",
  "annual average": "annual_average",
  "year averages": "annual_average",
  "year average": "annual_average",
  jaargemiddelde: "annual_average",
  jaargemiddelden: "annual_average",
};

export function parseContractCsv(bytes: Uint8Array): { lines: ContractLine[]; errors: RowError[] } {
  let text: string;
  try {
    text = decodeCsvBytes(bytes);
  } catch (error) {
    if (error instanceof IndexImportError) throw new ContractFileError("too_large", 1);
    throw error;
  }
  const rows = readRows(text, detectDelimiter(text));
  const header = rows[0];
  if (!header) throw new ContractFileError("no_data", 1);
  const index = new Map<ContractColumn, number>();
  header.cells.forEach((cell, position) => {
    const column = COLUMN_OF.get(foldName(cell.replace(/[%€]/g, (sign) => (sign === "%" ? " pct" : " eur"))));
    if (column && !index.has(column)) index.set(column, position);
  });
  for (const column of REQUIRED) if (!index.has(column)) throw new ContractFileError("missing_column", header.line, column);
  const names = new Map(header.cells.map((cell, position) => [position, cell]));
  const lines: ContractLine[] = [];
  const errors: RowError[] = [];
  for (const row of rows.slice(1)) {
    const cell = (column: ContractColumn) => {
      const position = index.get(column);
      return position === undefined ? "" : (row.cells[position] ?? "").trim();
    };
    const problem = (column: ContractColumn, kind: ContractRowProblem) => {
      errors.push({ line: row.line, problem: kind, column: names.get(index.get(column) ?? -1) ?? column, text: cell(column) });
      return null;
    };
    const required = (column: ContractColumn) => (cell(column) === "" ? problem(column, "required") : cell(column));
    const client = required("client");
    const title = required("title");
    const startText = required("start");
    const priceText = required("price");
    const startsOn = startText === null ? null : (readDate(startText) ?? problem("start", "bad_date"));
    const annualPriceCents = priceText === null ? null : (readCents(priceText) ?? problem("price", "bad_amount"));
    const number = (column: ContractColumn) => {
      if (cell(column) === "") return null;
      const value = readDecimal(cell(column).replace(/%$/, "").trim());
      if (value !== null) return value;
      problem(column, "bad_number");
      return undefined;
    };
    const methodText = cell("method");
    const method = methodText === "" ? null : (METHODS[foldName(methodText).replace(/_/g, " ")] ?? undefined);
    if (method === undefined) problem("method", "unknown_method");
    const lagMonths = number("lag");
    const capPct = number("cap");
    const floorPct = number("floor");
    const series = cell("series") || null;
    if (client === null || title === null || startsOn === null || annualPriceCents === null) continue;
    if (method === undefined || lagMonths === undefined || capPct === undefined || floorPct === undefined) continue;
    const indexed = series !== null || method !== null || lagMonths !== null || capPct !== null || floorPct !== null;
    lines.push({
      line: row.line,
      client,
      title,
      startsOn,
      annualPriceCents,
      indexation: indexed ? { series, method, lagMonths, capPct, floorPct } : null,
    });
  }
  if (lines.length === 0 && errors.length === 0) throw new ContractFileError("no_data", header.line);
  return { lines, errors };
}

/** YYYY-MM-DD, or DD-MM-YYYY with -, / or . between: a real calendar day. */
function readDate(text: string): string | null {
  let iso: string | null = null;
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (ymd) iso = `${ymd[1]}-${(ymd[2] as string).padStart(2, "0")}-${(ymd[3] as string).padStart(2, "0")}`;
  else if (dmy) iso = `${dmy[3]}-${(dmy[2] as string).padStart(2, "0")}-${(dmy[1] as string).padStart(2, "0")}`;
  return iso !== null && isCalendarDate(iso) ? iso : null;
}

/** A number with a decimal comma or point; thousands separators only together with the other decimal mark. */
function plainNumber(text: string): string | null {
  let plain = text.replace(/[\s\u00a0\u202f]/g, "");
  if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(plain)) plain = plain.replace(/\./g, "");
  else if (/^[+-]?\d{1,3}(,\d{3})+\.\d+$/.test(plain)) plain = plain.replace(/,/g, "");
  plain = plain.replace(",", ".");
  return /^[+-]?\d+(\.\d+)?$/.test(plain) ? plain : null;
}

function readDecimal(text: string): number | null {
  const plain = plainNumber(text);
  return plain === null ? null : Number(plain);
}

/** Euro to whole cents from the digits themselves (no floating point): more than two decimals is refused. */
function readCents(text: string): number | null {
  const plain = plainNumber(text.replace(/^€|€$|^EUR|EUR$/gi, "").trim());
  if (plain === null || plain.startsWith("-")) return null;
  const [whole, fraction = ""] = plain.replace(/^\+/, "").split(".") as [string, string?];
  if (fraction.length > 2 || whole.length > 10) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

function readRows(text: string, delimiter: string): CsvRow[] {
  try {
    return readCsvRows(text, delimiter);
  } catch (error) {
    if (error instanceof CsvShapeError) throw new ContractFileError("malformed", error.line ?? 1);
    throw error;
  }
}
