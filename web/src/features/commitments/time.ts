/**
 * Due times are shown and entered on the organization's wall clock: a promise
 * "by Monday 11:00" means 11:00 at the firm, wherever the browser is.
 * Pure functions over Intl; no library.
 */

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormats.set(zone, format);
  }
  return format;
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallOf(instant: number, zone: string): Wall {
  const parts = partsFormat(zone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute"), second: get("second") };
}

/** Milliseconds the zone's wall clock is ahead of UTC at that instant. */
function offsetAt(instant: number, zone: string): number {
  const wall = wallOf(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const pad = (value: number, length = 2) => String(Math.abs(value)).padStart(length, "0");

/**
 * A wall-clock value as the date pickers give it ("YYYY-MM-DD HH:mm[:ss]"),
 * read in `zone`, as ISO 8601 with that zone's offset; undefined when it is not one.
 */
export function wallToIso(wall: string | null | undefined, zone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(wall ?? "");
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Twice: the offset a few hours away may differ (a change to or from summer time in between).
  let offset = offsetAt(asUtc, zone);
  offset = offsetAt(asUtc - offset, zone);
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset) / 60_000;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** An instant as the date pickers' wall-clock value ("YYYY-MM-DD HH:mm:00") in `zone`. */
export function isoToWall(iso: string, zone: string): string {
  const wall = wallOf(new Date(iso).getTime(), zone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:00`;
}

/** The calendar date (YYYY-MM-DD) of an instant in `zone`. */
export function dateIn(instant: number | string, zone: string): string {
  const wall = wallOf(typeof instant === "string" ? new Date(instant).getTime() : instant, zone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

const dayNumber = (date: string) => {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / 86_400_000;
};

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
  const days = dayNumber(dateIn(at, zone)) - dayNumber(dateIn(now, zone));
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
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "long", day: "numeric", month: "long" }).format(
    new Date(Date.UTC(year, month - 1, day, 12)),
  );
}
