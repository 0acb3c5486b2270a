import { isCalendarDate } from "../../../src/core/dates.ts";

/**
 * Dates and times as people type them: "4-12-2026 14:00" in Dutch
 * (dd-mm-jjjj, 24 h), "4/12/2026 14:00" in English (dd/mm/yyyy). Either
 * separator is understood in either language; the time is optional.
 */

export type DateLanguage = "nl" | "en";

const pad = (value: number) => String(value).padStart(2, "0");

/** The pattern shown as placeholder: "dd-mm-jjjj uu:mm" or "dd/mm/yyyy hh:mm". */
export function dateTimePattern(language: DateLanguage): string {
  return language === "nl" ? "dd-mm-jjjj uu:mm" : "dd/mm/yyyy hh:mm";
}

/**
 * Typed text as a wall-clock value "YYYY-MM-DD HH:mm", or undefined when it is
 * not a real date and time. Without a time, `defaultTime` ("17:00") is used.
 */
export function parseDateTimeText(text: string, defaultTime = "17:00"): string | undefined {
  const match = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[\s,]+(\d{1,2})[:.](\d{2}))?\s*$/.exec(text);
  if (!match) return undefined;
  const [day, month] = [Number(match[1]), Number(match[2])];
  const [hour, minute] = match[4] === undefined ? defaultTime.split(":").map(Number) : [Number(match[4]), Number(match[5])];
  if (hour === undefined || minute === undefined || hour > 23 || minute > 59) return undefined;
  const date = `${match[3]}-${pad(month)}-${pad(day)}`;
  if (!isCalendarDate(date)) return undefined;
  return `${date} ${pad(hour)}:${pad(minute)}`;
}

/** A wall-clock value ("YYYY-MM-DD HH:mm[:ss]") as the language writes it: "04-12-2026 14:00". */
export function formatDateTimeText(wall: string, language: DateLanguage): string {
  const [date = "", time = ""] = wall.split(" ");
  const [year, month, day] = date.split("-");
  const separator = language === "nl" ? "-" : "/";
  return `${day}${separator}${month}${separator}${year} ${time.slice(0, 5)}`;
}
