import {
  dateInZone,
  dateOfEpochDay,
  epochDayOf,
  epochDayStart,
  instantAt,
  isCalendarDate,
  isTimeZone,
  nextOffsetChange,
  weekdayOfEpochDay,
} from "./dates.ts";
import { closedHolidayDates, isKnownHolidayCountry, isKnownHolidayRegion } from "./holidays.ts";

/**
 * Working time of a firm: business hours per weekday in its time zone, minus the
 * public holidays it closes on. Pure: instants are passed in, never read from the
 * clock; dates and time zones go through dates.ts (the Temporal polyfill).
 *
 * A business day is the half-open interval [opening, closing) of local wall-clock
 * time, turned into real instants for that date (so DST days are right).
 *
 * Counting working time is a closed form over whole weeks: any seven days in a
 * row hold each weekday once, so a week without a closed holiday on an open
 * weekday and without a change of UTC offset holds exactly the nominal weekly
 * working time (the sum of the business hours). Such weeks are skipped in one
 * step; weeks with a holiday or a DST switch, and the remainder, are walked day
 * by day, so holidays and DST stay exact. The work per computation is thus
 * about one step per week plus one per day of an irregular week, and a search
 * gives up (WorkingTimeLimitError) past a horizon of MAX_SEARCH_YEARS, or after
 * 366 days in a row without working time.
 */

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** "HH:MM" 24-hour local wall-clock time. */
export type BusinessDay = { start: string; end: string };
export type WorkingTimeSettings = {
  /** IANA, e.g. "Europe/Amsterdam". */
  timeZone: string;
  /** Missing or null = closed that weekday. */
  hours: Partial<Record<Weekday, BusinessDay | null>>;
  /** date-holidays country code; "NL" by default. */
  holidayCountry: string;
  /** date-holidays state code, optionally with its region ("BY", "BY-A"); see holidays.ts. */
  holidayRegion?: string | null;
  /** Per holiday key (see holidays.ts): true = the firm is closed that day, false = open. Missing key → the holiday's default. */
  holidayChoices: Record<string, boolean>;
};
export type WorkingInterval = { start: Date; end: Date };

const nineToFive: BusinessDay = Object.freeze({ start: "09:00", end: "17:00" });

export const DEFAULT_WORKING_TIME: WorkingTimeSettings = Object.freeze({
  timeZone: "Europe/Amsterdam",
  hours: Object.freeze({ 1: nineToFive, 2: nineToFive, 3: nineToFive, 4: nineToFive, 5: nineToFive }),
  holidayCountry: "NL",
  holidayRegion: null,
  holidayChoices: Object.freeze({}),
});

export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = Object.freeze({
  1: "Monday",
  2: "Tuesday",
  3: "Wednesday",
  4: "Thursday",
  5: "Friday",
  6: "Saturday",
  7: "Sunday",
});

/** After this many days in a row without working time, a search gives up. */
export const MAX_DAYS_WITHOUT_WORKING_TIME = 366;
const NO_WORKING_TIME = "working-time: no working time within 366 days";
/**
 * A search for a due time never looks further ahead than this: it bounds the
 * work one request can cause whatever the schedule (one with very little time a
 * week, stored before a minimum existed, would otherwise walk for centuries).
 */
export const MAX_SEARCH_YEARS = 100;
/** The least working time a week a firm may set: below it, ordinary amounts lie decades ahead. */
export const MIN_WORKING_MS_PER_WEEK = 3_600_000;

/** A computation that would reach further than MAX_SEARCH_YEARS ahead: the caller asked for too much working time. */
export class WorkingTimeLimitError extends RangeError {
  constructor() {
    super(`working-time: the result lies more than ${MAX_SEARCH_YEARS} years ahead`);
    this.name = "WorkingTimeLimitError";
  }
}

/**
 * Steps taken by the working-time computations since the last reset: one per
 * day walked and one per run of whole weeks skipped (or checked). Exposed so
 * tests can assert on the work a computation does instead of on wall-clock time.
 */
const work = { steps: 0 };
export const workingTimeWork = {
  get steps(): number {
    return work.steps;
  },
  reset(): void {
    work.steps = 0;
  },
};

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** An IANA name: letters first, then letters, digits, "_", "+", "-" and "/" (so no bare offsets like "+01:00"). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

// ---------------------------------------------------------------------------
// Dates and time zones, through dates.ts (Temporal)
//
// The walk below counts days as day numbers (days since 1970-01-01) and asks
// the same questions for every row of a sweep: the date and weekday of a day
// number, the instant a wall-clock time on a date is in the firm's zone, the
// next switch to or from summer time. Temporal answers them exactly but
// allocates on every call, so the answers are remembered here (they never
// change), in bounded maps that are emptied when full.

const MAX_REMEMBERED = 50_000;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MAX_REMEMBERED) memo.clear();
  memo.set(key, value);
  return value;
}

type Day = { date: string; weekday: Weekday; year: number };
const daysByNumber = new Map<number, Day>();
const numbersByDate = new Map<string, number>();
const wallTimes = new Map<string, number>();
const offsetChanges = new Map<string, number | null>();

/** The date, weekday and year of a day number. */
function dayOf(day: number): Day {
  let found = daysByNumber.get(day);
  if (!found) {
    const date = dateOfEpochDay(day);
    found = remember(daysByNumber, day, { date, weekday: weekdayOfEpochDay(day), year: Number(date.slice(0, 4)) });
  }
  return found;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date; throws on anything else. */
function dayNumber(localDate: string): number {
  let day = numbersByDate.get(localDate);
  if (day === undefined) {
    if (!isCalendarDate(localDate)) throw new RangeError(`working-time: "${localDate}" is not a date (YYYY-MM-DD)`);
    day = remember(numbersByDate, localDate, epochDayOf(localDate));
  }
  return day;
}

function fromDayNumber(day: number): string {
  return dayOf(day).date;
}

/** ISO weekday of a YYYY-MM-DD date. */
export function weekdayOf(localDate: string): Weekday {
  return weekdayOfEpochDay(dayNumber(localDate));
}

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === "string" && ZONE_NAME.test(zone) && isTimeZone(zone);
}

function requireZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`working-time: "${timeZone}" is not a valid IANA time zone`);
}

function requireInstant(at: Date, what: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`working-time: ${what} is not a valid Date`);
  return ms;
}

function localDateIn(timeZone: string, epochMs: number): string {
  return dateInZone(timeZone, new Date(epochMs));
}

/** The local date (YYYY-MM-DD) of an instant in the firm's time zone. */
export function localDateOf(settings: WorkingTimeSettings, at: Date): string {
  requireZone(settings.timeZone);
  return localDateIn(settings.timeZone, requireInstant(at, "at"));
}

function parseClockTime(value: string): number {
  const match = CLOCK_TIME.exec(value);
  if (!match) throw new RangeError(`working-time: "${value}" is not a time (HH:MM, 00:00–23:59)`);
  return Number(match[1]) * HOUR_MS + Number(match[2]) * MINUTE_MS;
}

/** zonedTime in ms, for a known zone and date; the time is checked here. */
function wallTime(timeZone: string, localDate: string, time: string): number {
  if (!CLOCK_TIME.test(time)) parseClockTime(time); // throws, saying why
  const key = `${timeZone} ${localDate} ${time}`;
  return wallTimes.get(key) ?? remember(wallTimes, key, instantAt(timeZone, localDate, time).getTime());
}

/**
 * The instant at which the wall clock in `timeZone` shows `time` on `localDate`.
 * A time in the spring-forward gap moves forward by the gap (02:30 → 03:30 in
 * Amsterdam); an ambiguous one in the fall-back hour is the earlier instant.
 */
export function zonedTime(timeZone: string, localDate: string, time: string): Date {
  requireZone(timeZone);
  dayNumber(localDate);
  return new Date(wallTime(timeZone, localDate, time));
}

// ---------------------------------------------------------------------------
// Validation

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Problems with the settings, for a human to fix; empty when they are fine. */
export function validateSettings(settings: WorkingTimeSettings): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(settings.timeZone)) {
    problems.push(`time zone ${JSON.stringify(settings.timeZone)} is not a valid IANA time zone (like "Europe/Amsterdam")`);
  }
  for (const [key, day] of Object.entries(settings.hours ?? {})) {
    const weekday = Number(key) as Weekday;
    if (!WEEKDAYS.includes(weekday)) {
      problems.push(`hours: ${JSON.stringify(key)} is not a weekday (1 = Monday … 7 = Sunday)`);
      continue;
    }
    if (day === null || day === undefined) continue;
    const label = `${WEEKDAY_NAMES[weekday]} (${weekday})`;
    const start = typeof day.start === "string" && CLOCK_TIME.test(day.start);
    const end = typeof day.end === "string" && CLOCK_TIME.test(day.end);
    if (!start) problems.push(`${label}: start ${JSON.stringify(day.start)} is not a time HH:MM (00:00–23:59)`);
    if (!end) problems.push(`${label}: end ${JSON.stringify(day.end)} is not a time HH:MM (00:00–23:59)`);
    if (start && end && day.end <= day.start) problems.push(`${label}: end ${day.end} is not after start ${day.start}`);
  }
  if (!isKnownHolidayCountry(settings.holidayCountry ?? "")) {
    problems.push(`holiday country ${JSON.stringify(settings.holidayCountry)} is not a country date-holidays knows (like "NL")`);
  } else if (!isKnownHolidayRegion(settings.holidayCountry, settings.holidayRegion)) {
    problems.push(`holiday region ${JSON.stringify(settings.holidayRegion)} is not a region of ${settings.holidayCountry}`);
  }
  return problems;
}

/**
 * The nominal working time of a week in ms: the business hours summed by wall
 * clock, without holidays or DST switches.
 */
export function weeklyWorkingMilliseconds(hours: WorkingTimeSettings["hours"]): number {
  let total = 0;
  for (const weekday of WEEKDAYS) {
    const day = hours[weekday];
    if (day && CLOCK_TIME.test(day.start) && CLOCK_TIME.test(day.end) && day.end > day.start) {
      total += parseClockTime(day.end) - parseClockTime(day.start);
    }
  }
  return total;
}

// ---------------------------------------------------------------------------
// Business days

/** One computation's view of the settings, built once. */
type Calendar = {
  settings: WorkingTimeSettings;
  /** The holiday settings as a key (country, region and choices): closed dates are remembered per key and year. */
  holidays: string;
  /** Per year: day numbers of closed holidays that fall on an open weekday, ascending. */
  closedOpenDaysByYear: Map<number, number[]>;
  /** Nominal week: working time and open weekdays. */
  week: Week;
  /** Weeks starting on or before this day number hold a DST switch (found by weekFrom). */
  switchUntil: number;
  /** The last switch found (ms), and the instant the search for it began after: no switch lies between the two. */
  nextSwitch: { from: number; at: number } | null;
};

function calendarOf(settings: WorkingTimeSettings): Calendar {
  requireZone(settings.timeZone);
  // Open weekdays as weeklyWorkingMilliseconds counts them: a regular week holds each once as a working day.
  const days = WEEKDAYS.filter((weekday) => weeklyWorkingMilliseconds({ [weekday]: settings.hours[weekday] }) > 0).length;
  return {
    settings,
    holidays: JSON.stringify([settings.holidayCountry, settings.holidayRegion ?? null, settings.holidayChoices]),
    closedOpenDaysByYear: new Map(),
    week: { ms: weeklyWorkingMilliseconds(settings.hours), days },
    switchUntil: Number.NEGATIVE_INFINITY,
    nextSwitch: null,
  };
}

const closedDatesByYear = new Map<string, ReadonlySet<string>>();

function closedDatesOf(calendar: Calendar, year: number): ReadonlySet<string> {
  const key = `${year} ${calendar.holidays}`;
  return closedDatesByYear.get(key) ?? remember(closedDatesByYear, key, closedHolidayDates(calendar.settings, year));
}

function isClosedHoliday(calendar: Calendar, localDate: string): boolean {
  return closedDatesOf(calendar, Number(localDate.slice(0, 4))).has(localDate);
}

// ---------------------------------------------------------------------------
// Whole weeks: the closed form

/** Nominal working time of one weekday by wall clock; 0 when closed. */
function nominalDay(calendar: Calendar, weekday: Weekday): number {
  return weeklyWorkingMilliseconds({ [weekday]: calendar.settings.hours[weekday] });
}

/** Day numbers of the year's closed holidays that fall on an open weekday, ascending. */
function closedOpenDays(calendar: Calendar, year: number): number[] {
  let days = calendar.closedOpenDaysByYear.get(year);
  if (!days) {
    days = [...closedDatesOf(calendar, year)]
      .filter((date) => nominalDay(calendar, weekdayOf(date)) > 0)
      .map(dayNumber)
      .sort((a, b) => a - b);
    calendar.closedOpenDaysByYear.set(year, days);
  }
  return days;
}

/**
 * The first change of the zone's UTC offset after `after` (ms), or null when
 * none comes for years; remembered per computation (the walk goes forward, so
 * one search finds the switch for all the weeks before it) and per zone and
 * instant.
 */
function offsetChangeAfter(calendar: Calendar, after: number): number | null {
  const known = calendar.nextSwitch;
  if (known && known.from <= after && after < known.at) return known.at;
  const zone = calendar.settings.timeZone;
  const key = `${zone} ${after}`;
  let at = offsetChanges.get(key);
  if (at === undefined) at = remember(offsetChanges, key, nextOffsetChange(zone, new Date(after))?.getTime() ?? null);
  if (at !== null) calendar.nextSwitch = { from: after, at };
  return at;
}

type Week = { ms: number; days: number };

/**
 * The working time and working days of the seven local dates from day number
 * `first` on, in one step; null when the UTC offset changes within them (a DST
 * switch: those days are walked one by one).
 *
 * With one offset throughout, every open weekday's interval is its wall-clock
 * length, so the week holds the nominal weekly time minus the open weekdays
 * that are closed holidays. The offset is watched from a day before to a day
 * after the week's UTC days, which covers its local days in any zone (offsets
 * lie within ±14 h).
 */
function weekFrom(calendar: Calendar, first: number): Week | null {
  if (first <= calendar.switchUntil) return null;
  work.steps++;
  const change = offsetChangeAfter(calendar, epochDayStart(first - 1).getTime());
  if (change !== null && change <= epochDayStart(first + 8).getTime()) {
    // The day of the switch (the first whose start in UTC has the new offset): no week starting on or before it can be counted whole.
    const day = dayNumber(localDateIn("UTC", change));
    calendar.switchUntil = epochDayStart(day).getTime() === change ? day : day + 1;
    return null;
  }
  const week = { ...calendar.week };
  const last = first + 6;
  for (let year = dayOf(first).year; year <= dayOf(last).year; year++) {
    for (const day of closedOpenDays(calendar, year)) {
      if (day < first || day > last) continue;
      week.ms -= nominalDay(calendar, dayOf(day).weekday);
      week.days--;
    }
  }
  return week;
}

// ---------------------------------------------------------------------------
// Walking

type Interval = { start: number; end: number };

function intervalOn(calendar: Calendar, localDate: string): Interval | null {
  work.steps++;
  const day = calendar.settings.hours[weekdayOf(localDate)];
  if (!day) return null;
  if (isClosedHoliday(calendar, localDate)) return null;
  const start = wallTime(calendar.settings.timeZone, localDate, day.start);
  const end = wallTime(calendar.settings.timeZone, localDate, day.end);
  // Times in a DST gap move forward by the gap: 02:45–03:00 on the spring switch (03:45–03:00) leaves nothing.
  return end > start ? { start, end } : null;
}

/**
 * Walks local dates from the date after `firstDay` on, one day at a time, and
 * lets `skip` jump whole regular weeks; gives up past the horizon or after 366
 * empty days in a row.
 */
class DayWalk {
  day: number;
  private readonly horizon: number;
  private idleDays = 0;
  constructor(firstDay: number) {
    this.day = firstDay;
    this.horizon = firstDay + Math.ceil(MAX_SEARCH_YEARS * 365.25);
  }
  /** The next date's interval (null when closed). */
  next(calendar: Calendar): Interval | null {
    this.day++;
    if (this.day > this.horizon) throw new WorkingTimeLimitError();
    const interval = intervalOn(calendar, fromDayNumber(this.day));
    if (interval) this.idleDays = 0;
    else if (++this.idleDays > MAX_DAYS_WITHOUT_WORKING_TIME) throw new Error(NO_WORKING_TIME);
    return interval;
  }
  /** Skips the week after the current day, counted whole by weekFrom. */
  skipWeek(week: Week): void {
    this.day += 7;
    if (this.day > this.horizon) throw new WorkingTimeLimitError();
    this.idleDays = week.days > 0 ? 0 : this.idleDays + 7;
    if (this.idleDays > MAX_DAYS_WITHOUT_WORKING_TIME) throw new Error(NO_WORKING_TIME);
  }
}

/** The first working day after `localDate`, with its interval. */
function nextWorkingDayAfter(calendar: Calendar, localDate: string): { date: string; interval: Interval } {
  const walk = new DayWalk(dayNumber(localDate));
  for (;;) {
    const interval = walk.next(calendar);
    if (interval) return { date: fromDayNumber(walk.day), interval };
  }
}

/** Whether the firm works on this local date (YYYY-MM-DD): the weekday is open and it is not a holiday the firm closes on. */
export function isWorkingDay(settings: WorkingTimeSettings, localDate: string): boolean {
  return intervalOn(calendarOf(settings), localDate) !== null;
}

/** The business hours of a local date as instants, or null when the firm is closed that day. */
export function workingIntervalsOn(settings: WorkingTimeSettings, localDate: string): WorkingInterval | null {
  const interval = intervalOn(calendarOf(settings), localDate);
  return interval ? { start: new Date(interval.start), end: new Date(interval.end) } : null;
}

/** Whether `at` falls in business hours: opening time included, closing time not. */
export function isWithinWorkingTime(settings: WorkingTimeSettings, at: Date): boolean {
  const ms = requireInstant(at, "at");
  const interval = intervalOn(calendarOf(settings), localDateIn(settings.timeZone, ms));
  return interval !== null && interval.start <= ms && ms < interval.end;
}

/** `at` itself when within working time, otherwise the next opening. */
export function nextWorkingStart(settings: WorkingTimeSettings, at: Date): Date {
  const ms = requireInstant(at, "at");
  const calendar = calendarOf(settings);
  const date = localDateIn(settings.timeZone, ms);
  const today = intervalOn(calendar, date);
  if (today && today.end > ms) return new Date(Math.max(today.start, ms));
  return new Date(nextWorkingDayAfter(calendar, date).interval.start);
}

// ---------------------------------------------------------------------------
// Counting working time

/**
 * `ms` of working time after `start`. A start outside business hours counts from
 * the next opening; a result exactly at closing time stays at that closing time.
 * `ms` = 0 gives the next working instant (`start` itself within business hours).
 */
export function addWorkingMilliseconds(settings: WorkingTimeSettings, start: Date, ms: number): Date {
  const from = requireInstant(start, "start");
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working-time: cannot add ${ms} ms of working time`);
  let remaining = Math.round(ms);
  const calendar = calendarOf(settings);
  const date = localDateIn(settings.timeZone, from);
  const today = intervalOn(calendar, date);
  if (today && today.end > from) {
    const start = Math.max(today.start, from);
    if (remaining <= today.end - start) return new Date(start + remaining);
    remaining -= today.end - start;
  }
  const walk = new DayWalk(dayNumber(date));
  for (;;) {
    // Whole weeks while more than the week holds is left; at least a moment stays for the walk, so a
    // result exactly at a closing time is found as that closing time, not as the next opening.
    for (let week = weekFrom(calendar, walk.day + 1); week && remaining > week.ms; week = weekFrom(calendar, walk.day + 1)) {
      walk.skipWeek(week);
      remaining -= week.ms;
    }
    const interval = walk.next(calendar);
    if (!interval) continue;
    const length = interval.end - interval.start;
    if (remaining <= length) return new Date(interval.start + remaining);
    remaining -= length;
  }
}

/** `hours` (fractions allowed) of working time after `start`; see addWorkingMilliseconds. */
export function addWorkingHours(settings: WorkingTimeSettings, start: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working-time: cannot add ${hours} working hours`);
  return addWorkingMilliseconds(settings, start, hours * HOUR_MS);
}

/**
 * "Within N working days": closing time of the N-th working day after the local
 * date of `start` (that date itself never counts). N = 0: closing time today when
 * today is a working day and `start` is before its closing time, else closing time
 * of the next working day.
 */
export function addWorkingDays(settings: WorkingTimeSettings, start: Date, days: number): Date {
  const from = requireInstant(start, "start");
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working-time: cannot add ${days} working days (a whole number ≥ 0)`);
  const calendar = calendarOf(settings);
  const date = localDateIn(settings.timeZone, from);
  if (days === 0) {
    const today = intervalOn(calendar, date);
    if (today && from < today.end) return new Date(today.end);
  }
  let remaining = Math.max(days, 1);
  const walk = new DayWalk(dayNumber(date));
  for (;;) {
    // Whole weeks while more working days are left than the week holds; at least one stays for the walk.
    for (let week = weekFrom(calendar, walk.day + 1); week && remaining > week.days; week = weekFrom(calendar, walk.day + 1)) {
      walk.skipWeek(week);
      remaining -= week.days;
    }
    const interval = walk.next(calendar);
    if (interval && --remaining === 0) return new Date(interval.end);
  }
}

/** Closing time on `localDate` when it is a working day, else closing time of the next working day. */
export function endOfWorkingDay(settings: WorkingTimeSettings, localDate: string): Date {
  const calendar = calendarOf(settings);
  const interval = intervalOn(calendar, localDate) ?? nextWorkingDayAfter(calendar, localDate).interval;
  return new Date(interval.end);
}

/** Working time between two instants, in ms; 0 when `to` is not after `from`. */
export function workingMillisecondsBetween(settings: WorkingTimeSettings, from: Date, to: Date): number {
  const start = requireInstant(from, "from");
  const end = requireInstant(to, "to");
  if (end <= start) return 0;
  const calendar = calendarOf(settings);
  const last = dayNumber(localDateIn(settings.timeZone, end));
  let total = 0;
  for (let day = dayNumber(localDateIn(settings.timeZone, start)); day <= last; day++) {
    const interval = intervalOn(calendar, fromDayNumber(day));
    if (interval) total += Math.max(0, Math.min(interval.end, end) - Math.max(interval.start, start));
    // Only the first and the last day are cut by `from` and `to`: whole weeks between them count in full.
    for (let week = day + 7 < last ? weekFrom(calendar, day + 1) : null; week; week = day + 7 < last ? weekFrom(calendar, day + 1) : null) {
      total += week.ms;
      day += 7;
    }
  }
  return total;
}
