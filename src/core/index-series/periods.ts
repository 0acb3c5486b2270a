/**
 * Periods as the application stores them: "2024" (a year) or "2024-01" (a month).
 * Accepted spellings: CBS codes 2024JJ00 / 2024MM01, ISO-like 2024 / 2024-01 / 2024-1,
 * and StatLine's labels "2024 januari" / "2024 January".
 */
const MONTH_NAMES: Record<string, number> = {
  januari: 1,
  january: 1,
  februari: 2,
  february: 2,
  maart: 3,
  march: 3,
  april: 4,
  mei: 5,
  may: 5,
  juni: 6,
  june: 6,
  juli: 7,
  july: 7,
  augustus: 8,
  august: 8,
  september: 9,
  oktober: 10,
  october: 10,
  november: 11,
  december: 12,
};

/** The period a cell names, or null when it names none (provisional marks `*` already removed). */
export function normalizePeriod(cell: string): string | null {
  const text = cell.trim();
  let match = /^(\d{4})JJ00$/i.exec(text);
  if (match) return match[1] as string;
  match = /^(\d{4})MM(\d{2})$/i.exec(text);
  if (match) return monthPeriod(match[1] as string, Number(match[2]));
  match = /^(\d{4})$/.exec(text);
  if (match) return match[1] as string;
  match = /^(\d{4})[-/](\d{1,2})$/.exec(text);
  if (match) return monthPeriod(match[1] as string, Number(match[2]));
  match = /^(\d{4})\s+([a-z]+)$/i.exec(text);
  if (match) {
    const month = MONTH_NAMES[(match[2] as string).toLowerCase()];
    return month === undefined ? null : monthPeriod(match[1] as string, month);
  }
  return null;
}

function monthPeriod(year: string, month: number): string | null {
  return month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, "0")}` : null;
}

export function isMonth(period: string): boolean {
  return period.length === 7;
}

/** The month after "2024-12" is "2025-01". */
export function nextMonth(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
}

/** Sorts "2023" < "2023-01" < "2023-12" < "2024": plain string order does it. */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
