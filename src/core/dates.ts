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
const CLOCK_TIME = /^\d{2}:\d{2}(:\d{2})?$/;
const EPOCH = Temporal.PlainDate.from("1970-01-01");
const DAY_MS = 86_400_000;

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

/**
 * Days from 1970-01-01 to `date` (negative before): the date as a whole number,
 * for code that steps through many days (see dateOfEpochDay).
 */
export function epochDayOf(date: CalendarDate): number {
  return EPOCH.until(plain(date)).days;
}

/** The date `day` days after 1970-01-01 (before, when negative). */
export function dateOfEpochDay(day: number): CalendarDate {
  return EPOCH.add({ days: day }).toString();
}

/** ISO weekday of an epoch day: day 0, 1970-01-01, was a Thursday. */
export function weekdayOfEpochDay(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** The instant an epoch day begins in UTC (an epoch day is a UTC day: 86,400 seconds). */
export function epochDayStart(day: number): Date {
  return new Date(day * DAY_MS);
}

/**
 * The instant `days` whole 24-hour days after `at` (before, when negative): for
 * expiries and look-backs counted in days of time, not on the calendar.
 */
export function addDaysToInstant(at: Date, days: number): Date {
  return new Date(Temporal.Instant.fromEpochMilliseconds(at.getTime()).add({ hours: 24 * days }).epochMilliseconds);
}

/** The time from `from` to `to` in 24-hour days, with the fraction (decay and rhythms count in parts of days). */
export function elapsedDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** The time from `from` to `to` in 24-hour days, rounded to whole days (a day across a DST switch, 23 or 25 hours, is one). */
export function daysBetweenInstants(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/** Zones asked about, remembered (a zone stays known or unknown); bounded, as anyone can type a name. */
const knownZones = new Map<string, boolean>();

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      Temporal.ZonedDateTime.from({ timeZone: zone, year: 2000, month: 1, day: 1 });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size >= 1000) knownZones.clear();
    knownZones.set(zone, known);
  }
  return known;
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
  if (!CALENDAR_DATE.test(date)) throw new RangeError(`dates: "${date}" is not a date (YYYY-MM-DD)`);
  if (!CLOCK_TIME.test(time)) throw new RangeError(`dates: "${time}" is not a time (HH:MM or HH:MM:SS)`);
  // One string to parse is several times faster than building the parts (working time asks this a lot);
  // from() refuses a date that does not exist and disambiguates as "compatible".
  return new Date(Temporal.ZonedDateTime.from(`${date}T${time}[${zone}]`).epochMilliseconds);
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

/**
 * The first instant after `after` at which the zone's UTC offset changes (a
 * switch to or from summer time, or a change of the zone's standard time);
 * null when it does not change for years to come (none within three years).
 */
export function nextOffsetChange(zone: string, after: Date): Date | null {
  const change = zoned(zone, after).getTimeZoneTransition("next");
  return change ? new Date(change.epochMilliseconds) : null;
}
