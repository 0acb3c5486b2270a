import { addDays, dateFrom, isCalendarDate, weekStart } from "../../../../src/core/dates.ts";

/**
 * Periods of the Team page as calendar dates (YYYY-MM-DD), and the page's
 * search parameters. Pure functions: `today` is always passed in.
 */
export type GroupBy = "owner" | "client" | "team";
export const GROUP_BYS: readonly GroupBy[] = ["owner", "client", "team"];
export type Period = { from: string; to: string };
export type TeamSearch = { from?: string; to?: string; groupBy?: GroupBy };

function parts(date: string): [number, number, number] {
  return date.split("-").map(Number) as [number, number, number];
}

export const isDate = isCalendarDate;
const format = dateFrom;

export { addDays, weekStart };

/** The default: the last 90 days up to and including today. */
export const last90Days = (today: string): Period => ({ from: addDays(today, -89), to: today });

export function thisMonth(today: string): Period {
  const [y, m] = parts(today);
  return { from: format(y, m, 1), to: today };
}

/** The calendar quarter before the one `today` is in. */
export function lastQuarter(today: string): Period {
  const [y, m] = parts(today);
  const firstMonth = Math.floor((m - 1) / 3) * 3 + 1 - 3;
  return { from: format(y, firstMonth, 1), to: format(y, firstMonth + 3, 0) };
}

export function thisYear(today: string): Period {
  const [y] = parts(today);
  return { from: format(y, 1, 1), to: today };
}

/** Every week (its Monday) that overlaps the period, oldest first. */
export function weeksOf(period: Period): string[] {
  const weeks: string[] = [];
  for (let week = weekStart(period.from); week <= period.to && weeks.length < 200; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

/** The Team page's address: `?from=…&to=…&groupBy=…`, each optional. */
export function validateTeamSearch(search: Record<string, unknown>): TeamSearch {
  return {
    ...(isDate(search.from) ? { from: search.from } : {}),
    ...(isDate(search.to) ? { to: search.to } : {}),
    ...(typeof search.groupBy === "string" && (GROUP_BYS as readonly string[]).includes(search.groupBy)
      ? { groupBy: search.groupBy as GroupBy }
      : {}),
  };
}

/** Typed dates a person may enter: 2026-11-23, 23-11-2026, 23/11/2026 or 23.11.2026. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  if (isDate(trimmed)) return trimmed;
  const match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(trimmed);
  if (!match) return null;
  const date = format(Number(match[3]), Number(match[2]), Number(match[1]));
  return isDate(date) && date === `${match[3]}-${match[2]!.padStart(2, "0")}-${match[1]!.padStart(2, "0")}` ? date : null;
}
