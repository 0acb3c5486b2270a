import { Temporal } from "temporal-polyfill";

/**
 * The one place for calendar dates and time zones, on the Temporal polyfill:
 * dates are "YYYY-MM-DD" strings (a day on the calendar, no zone), instants
 * are `Date`s, zones are IANA names. Pure: nothing here reads the clock.
 *
 * Kept small on purpose: what the app needs, named for what it means. Other
 * modules use these instead of their own day arithmetic or Intl parsing.
 */

/** A calendar date "YYYY-MM-DD". */
export type CalendarDate = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function plain(date: CalendarDate): Temporal.PlainDate {
  if (!CALENDAR_DATE.test(date)) throw new RangeError(`dates: "${date}" is not a date (YYYY-MM-DD)`);
  return Temporal.PlainDate.from(date, { overflow: "reject" });
}

/** Whether `value` is a real calendar date written as YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== "string" || !CALENDAR_DATE.test(value)) return false;
  try {
    plain(value);
    return true;
  } catch {
    return false;
  }
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return plain(date).add({ days }).toString();
}

/** ISO weekday of a date. */
export function weekdayOf(date: CalendarDate): IsoWeekday {
  return plain(date).dayOfWeek as IsoWeekday;
}

/** The date from its parts; `day` 0 is the last day of the month before (as people count back). */
export function dateFrom(year: number, month: number, day: number): CalendarDate {
  const first = Temporal.PlainDate.from({ year, month: 1, day: 1 }).add({ months: month - 1 });
  return first.add({ days: day - 1 }).toString();
}

/** The last day of a month. */
export function lastDayOfMonth(year: number, month: number): CalendarDate {
  const first = Temporal.PlainDate.from({ year, month, day: 1 });
  return first.with({ day: first.daysInMonth }).toString();
}

/** The Monday of the week `date` is in. */
export function weekStart(date: CalendarDate): CalendarDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return plain(from).until(plain(to), { largestUnit: "days" }).days;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    Temporal.ZonedDateTime.from({ timeZone: zone, year: 2000, month: 1, day: 1 });
    return true;
  } catch {
    return false;
  }
}

function zoned(zone: string, at: Date): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);
}

/** The calendar date an instant falls on in `zone`. */
export function dateInZone(zone: string, at: Date): CalendarDate {
  return zoned(zone, at).toPlainDate().toString();
}

/** The wall-clock time "HH:MM" an instant shows in `zone`. */
export function timeInZone(zone: string, at: Date): string {
  return zoned(zone, at).toPlainTime().toString({ smallestUnit: "minute" });
}

/**
 * The instant at which the wall clock in `zone` shows `time` ("HH:MM") on
 * `date`. In the spring-forward gap it moves forward by the gap (02:30 → 03:30
 * in Amsterdam); in the fall-back hour it is the earlier of the two.
 */
export function instantAt(zone: string, date: CalendarDate, time: string): Date {
  const wall = plain(date).toPlainDateTime(Temporal.PlainTime.from(time));
  return new Date(wall.toZonedDateTime(zone, { disambiguation: "compatible" }).epochMilliseconds);
}

/** An instant as ISO 8601 with the offset `zone` has then, e.g. 2026-12-04T14:00:00+01:00. */
export function isoInZone(zone: string, at: Date): string {
  const z = zoned(zone, at);
  return `${z.toPlainDateTime().toString({ smallestUnit: "second" })}${z.offset}`;
}

/** The zone's offset from UTC at an instant, in minutes (60 in Amsterdam in winter). */
export function offsetMinutesIn(zone: string, at: Date): number {
  return Math.round(zoned(zone, at).offsetNanoseconds / 60_000_000_000);
}
