import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { holidayChoiceKeys } from "./holidays.ts";
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingMilliseconds,
  type BusinessDay,
  localDateOf,
  MAX_SEARCH_YEARS,
  WorkingTimeLimitError,
  type WorkingTimeSettings,
  weeklyWorkingMilliseconds,
  workingIntervalsOn,
  workingMillisecondsBetween,
  workingTimeWork,
} from "./working-time.ts";

/**
 * The working-time computations skip whole weeks (a closed form); these tests
 * hold them to the plain day-by-day walk below, on random schedules, holiday
 * choices and time zones with and without DST, and bound the work they do.
 */

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** The reference: one day at a time, from the public per-day intervals. */
const reference = {
  addMilliseconds(settings: WorkingTimeSettings, start: Date, ms: number): Date {
    let remaining = Math.round(ms);
    for (let date = localDateOf(settings, start), days = 0; days < 40_000; date = nextDate(date), days++) {
      const interval = workingIntervalsOn(settings, date);
      if (!interval || interval.end <= start) continue;
      const from = Math.max(interval.start.getTime(), start.getTime());
      const length = interval.end.getTime() - from;
      if (remaining <= length) return new Date(from + remaining);
      remaining -= length;
    }
    throw new Error("reference: no result");
  },
  addDays(settings: WorkingTimeSettings, start: Date, days: number): Date {
    let date = localDateOf(settings, start);
    if (days === 0) {
      const today = workingIntervalsOn(settings, date);
      if (today && start < today.end) return today.end;
    }
    let end = start;
    for (let counted = 0; counted < Math.max(days, 1); counted++) {
      let interval = null;
      while (!interval) {
        date = nextDate(date);
        interval = workingIntervalsOn(settings, date);
      }
      end = interval.end;
    }
    return end;
  },
  between(settings: WorkingTimeSettings, from: Date, to: Date): number {
    if (to <= from) return 0;
    const last = localDateOf(settings, to);
    let total = 0;
    for (let date = localDateOf(settings, from); date <= last; date = nextDate(date)) {
      const interval = workingIntervalsOn(settings, date);
      if (!interval) continue;
      total += Math.max(0, Math.min(interval.end.getTime(), to.getTime()) - Math.max(interval.start.getTime(), from.getTime()));
    }
    return total;
  },
};

// Zones with DST in either hemisphere, half-hour DST (Lord Howe), 45-minute offsets (Chatham), DST that ended
// (São Paulo 2019, Tehran 2022), Ramadan breaks (Casablanca), +14 h (Kiritimati), and none at all.
const ZONES = [
  "Europe/Amsterdam",
  "America/New_York",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "America/Santiago",
  "Pacific/Chatham",
  "America/Sao_Paulo",
  "Asia/Tehran",
  "Africa/Casablanca",
  "America/St_Johns",
  "Pacific/Kiritimati",
  "Asia/Kolkata",
  "UTC",
];
const PLACES = [
  { country: "NL", region: null },
  { country: "US", region: null },
  { country: "DE", region: "BY" },
  { country: "GB", region: null },
  { country: "AU", region: "NSW" },
];

const pad = (n: number) => String(n).padStart(2, "0");
// Times around DST switches (01:00–03:00 local, midnight) are likely; any other minute can come too.
const clockTime = fc.oneof(
  fc.constantFrom("00:00", "00:30", "01:00", "01:59", "02:00", "02:15", "02:30", "03:00", "03:30", "23:00", "23:59"),
  fc.integer({ min: 0, max: 1439 }).map((minute) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`),
);
// Days that span the night hours most zones switch in (their length changes on a DST day) come often.
const businessDay: fc.Arbitrary<BusinessDay | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom({ start: "00:00", end: "23:59" }, { start: "01:00", end: "04:00" }, { start: "00:30", end: "03:30" }),
  fc
    .tuple(clockTime, clockTime)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => (a < b ? { start: a, end: b } : { start: b, end: a })),
);

const settingsArbitrary: fc.Arbitrary<WorkingTimeSettings> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    place: fc.constantFrom(...PLACES),
    days: fc.array(businessDay, { minLength: 7, maxLength: 7 }),
    closeAll: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 30 }),
  })
  .map(({ timeZone, place, days, closeAll, seed }) => {
    const hours: WorkingTimeSettings["hours"] = {};
    days.forEach((day, index) => {
      if (day) hours[(index + 1) as 1] = day;
    });
    // Holiday choices: every holiday closed, or some opened and some closed by a seed.
    const holidayChoices: Record<string, boolean> = {};
    holidayChoiceKeys(place.country, place.region).forEach((key, index) => {
      if (closeAll) holidayChoices[key] = true;
      else if ((seed >> (index % 30)) & 1) holidayChoices[key] = (seed >> ((index + 7) % 30)) % 2 === 0;
    });
    return { timeZone, hours, holidayCountry: place.country, holidayRegion: place.region, holidayChoices };
  })
  // At least a quarter of an hour a week, so the reference walk stays short.
  .filter((settings) => weeklyWorkingMilliseconds(settings.hours) >= HOUR / 4);

const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2060, 0, 1) }).map((ms) => new Date(ms));

describe("closed form equals the day-by-day walk", () => {
  it("adding working time", () => {
    fc.assert(
      fc.property(settingsArbitrary, instant, fc.integer({ min: 0, max: 120 * HOUR }), (settings, start, ms) => {
        expect(addWorkingMilliseconds(settings, start, ms).toISOString()).toBe(
          reference.addMilliseconds(settings, start, ms).toISOString(),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("adding working time that is a whole number of weeks (results exactly at closing time)", () => {
    fc.assert(
      fc.property(settingsArbitrary, instant, fc.integer({ min: 1, max: 60 }), (settings, start, weeks) => {
        const ms = weeks * weeklyWorkingMilliseconds(settings.hours);
        expect(addWorkingMilliseconds(settings, start, ms).toISOString()).toBe(
          reference.addMilliseconds(settings, start, ms).toISOString(),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("adding working days", () => {
    fc.assert(
      fc.property(settingsArbitrary, instant, fc.integer({ min: 0, max: 250 }), (settings, start, days) => {
        expect(addWorkingDays(settings, start, days).toISOString()).toBe(reference.addDays(settings, start, days).toISOString());
      }),
      { numRuns: 60 },
    );
  });

  it("working time between two instants", () => {
    fc.assert(
      fc.property(settingsArbitrary, instant, fc.integer({ min: -WEEK, max: 3 * 365 * DAY }), (settings, from, span) => {
        const to = new Date(from.getTime() + span);
        expect(workingMillisecondsBetween(settings, from, to)).toBe(reference.between(settings, from, to));
      }),
      { numRuns: 60 },
    );
  });
});

describe("the work one computation does is bounded", () => {
  beforeEach(() => workingTimeWork.reset());

  // The worst the API allows: the minimum of one hour a week, on the one weekday (Monday) that loses the most
  // to holidays, every holiday closed, in a DST zone, from the last allowed start, for the largest amount.
  const leanest: WorkingTimeSettings = {
    timeZone: "Europe/Amsterdam",
    hours: { 1: { start: "09:00", end: "10:00" } },
    holidayCountry: "NL",
    holidayRegion: null,
    holidayChoices: Object.fromEntries(holidayChoiceKeys("NL").map((key) => [key, true])),
  };
  const lastStart = new Date("2200-12-31T23:59:59Z");
  const spannedDays = (from: Date, to: Date) => (to.getTime() - from.getTime()) / DAY;

  it("1,000 working hours on one hour a week: about a step per week, not per day", () => {
    expect(weeklyWorkingMilliseconds(leanest.hours)).toBe(HOUR);
    const due = addWorkingHours(leanest, lastStart, 1000);
    const steps = workingTimeWork.steps;
    expect(spannedDays(lastStart, due)).toBeGreaterThan(7 * 1000);
    // A day-by-day walk takes a step per day (over 7,000 here); the closed form about one per week.
    expect(steps).toBeLessThan(spannedDays(lastStart, due) / 3);
    expect(due.toISOString()).toBe(reference.addMilliseconds(leanest, lastStart, 1000 * HOUR).toISOString());
  });

  it("1,000 working days on one working day a week", () => {
    const due = addWorkingDays(leanest, lastStart, 1000);
    expect(spannedDays(lastStart, due)).toBeGreaterThan(7 * 1000);
    expect(workingTimeWork.steps).toBeLessThan(spannedDays(lastStart, due) / 3);
    expect(due.toISOString()).toBe(reference.addDays(leanest, lastStart, 1000).toISOString());
  });

  it("the working time between a promise made and its due time 20 years on (the reminder's warning time)", () => {
    const due = addWorkingHours(leanest, lastStart, 1000);
    workingTimeWork.reset();
    expect(workingMillisecondsBetween(leanest, lastStart, due)).toBe(1000 * HOUR);
    expect(workingTimeWork.steps).toBeLessThan(spannedDays(lastStart, due) / 3);
  });

  it("a schedule stored before the minimum existed (a minute a week) gives up at the horizon, within bounded work", () => {
    const minute: WorkingTimeSettings = { ...leanest, hours: { 1: { start: "09:00", end: "09:01" } } };
    expect(() => addWorkingHours(minute, new Date("2026-12-04T10:00:00Z"), 1000)).toThrow(WorkingTimeLimitError);
    expect(workingTimeWork.steps).toBeLessThan((MAX_SEARCH_YEARS * 365) / 3);
  });

  it("the horizon stops a search of any length, also on a full week", () => {
    const sevenDays: WorkingTimeSettings = {
      ...leanest,
      hours: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((day) => [day, { start: "00:00", end: "23:59" }])),
    };
    expect(() => addWorkingHours(sevenDays, new Date("2026-12-04T10:00:00Z"), 24 * 366 * (MAX_SEARCH_YEARS + 1))).toThrow(
      WorkingTimeLimitError,
    );
    expect(workingTimeWork.steps).toBeLessThan((MAX_SEARCH_YEARS * 365) / 3);
  });
});
