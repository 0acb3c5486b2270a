import { dateInZone, daysBetween, instantAt, isCalendarDate, isoInZone, timeInZone } from "../../../../src/core/dates.ts";

/**
 * Due times are shown and entered on the organization's wall clock: a promise
 * "by Monday 11:00" means 11:00 at the firm, wherever the browser is.
 * Zones and dates through src/core/dates.ts (Temporal); shown through Intl.
 */

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A wall-clock value as the date pickers give it ("YYYY-MM-DD HH:mm[:ss]"),
 * read in `zone`, as ISO 8601 with that zone's offset; undefined when it is not one.
 * A time in the spring-forward gap moves forward by the gap; one in the
 * fall-back hour is the earlier of the two (as on the server).
 */
export function wallToIso(wall: string | null | undefined, zone: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T]((?:[01]\d|2[0-3]):[0-5]\d)/.exec(wall ?? "");
  if (!match || !isCalendarDate(match[1])) return undefined;
  return isoInZone(zone, instantAt(zone, match[1], match[2] as string));
}

/** An instant as the date pickers' wall-clock value ("YYYY-MM-DD HH:mm:00") in `zone`. */
export function isoToWall(iso: string, zone: string): string {
  const at = new Date(iso);
  return `${dateInZone(zone, at)} ${timeInZone(zone, at)}:00`;
}

/** The calendar date (YYYY-MM-DD) of an instant in `zone`. */
export function dateIn(instant: number | string, zone: string): string {
  return dateInZone(zone, new Date(instant));
}

/**
 * How far away an instant is, in words: minutes within the hour, hours within
 * six, otherwise calendar days in `zone` ("tomorrow", "in 3 days", "2 days ago").
 */
export function relativeTime(iso: string, now: number, zone: string, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const at = new Date(iso).getTime();
  const diff = at - now;
  const minutes = Math.round(diff / 60_000);
  if (Math.abs(minutes) < 60) return format.format(minutes, "minute");
  const days = daysBetween(dateIn(now, zone), dateIn(at, zone));
  if (Math.abs(diff) < 6 * 3_600_000 || days === 0) return format.format(Math.round(diff / 3_600_000), "hour");
  return format.format(days, "day");
}

/** "Monday 30 November 11:00" (with the year when it is not this year's), in the zone and language. */
export function formatDue(iso: string, zone: string, locale: string, now: number = Date.now()): string {
  const otherYear = dateIn(iso, zone).slice(0, 4) !== dateIn(now, zone).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(otherYear ? { year: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    // The firm's clock is a 24-hour clock in either language, whatever the locale tag's default.
    hourCycle: "h23",
  }).format(new Date(iso));
}

/** "23 Nov 2026, 14:05": when something happened, in the zone and language. */
export function formatMoment(iso: string, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }).format(
    new Date(iso),
  );
}

/** "Monday 23 November" for a calendar date (YYYY-MM-DD). */
export function formatDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(
    instantAt("UTC", date, "12:00"),
  );
}
