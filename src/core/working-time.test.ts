import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  addWorkingHours,
  addWorkingMilliseconds,
  type BusinessDay,
  DEFAULT_WORKING_TIME,
  endOfWorkingDay,
  isValidTimeZone,
  isWithinWorkingTime,
  isWorkingDay,
  localDateOf,
  nextWorkingStart,
  validateSettings,
  type WorkingTimeSettings,
  weekdayOf,
  workingIntervalsOn,
  workingMillisecondsBetween,
  zonedTime,
} from "./working-time.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const nineToFive: BusinessDay = { start: "09:00", end: "17:00" };
const weekdays = { 1: nineToFive, 2: nineToFive, 3: nineToFive, 4: nineToFive, 5: nineToFive };

/** The default: Amsterdam, Monday–Friday 09:00–17:00, Dutch holidays. */
const NL = DEFAULT_WORKING_TIME;
const nlChoosing = (holidayChoices: Record<string, boolean>): WorkingTimeSettings => ({ ...NL, holidayChoices });
const sevenDays: WorkingTimeSettings = { ...NL, hours: { ...weekdays, 6: nineToFive, 7: nineToFive } };
const NY: WorkingTimeSettings = {
  timeZone: "America/New_York",
  hours: weekdays,
  holidayCountry: "US",
  holidayRegion: null,
  holidayChoices: {},
};

const iso = (date: Date) => date.toISOString();
const at = (instant: string) => new Date(instant);

describe("time zones", () => {
  it.each([
    ["Europe/Amsterdam", true],
    ["America/New_York", true],
    ["Asia/Kolkata", true],
    ["UTC", true],
    ["Etc/GMT+1", true],
    ["Mars/Olympus", false],
    ["", false],
    ["Europe/Amsterdam ", false],
    [" Europe/Amsterdam", false],
    ["+01:00", false],
    ["-05:00", false],
    ["GMT+1", false],
    ["Europe/", false],
    ["Europe//Amsterdam", false],
  ])("%j valid: %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it.each([
    ["Europe/Amsterdam", "2026-01-15", "09:00", "2026-01-15T08:00:00.000Z"],
    ["Europe/Amsterdam", "2026-07-15", "09:00", "2026-07-15T07:00:00.000Z"],
    ["Europe/Amsterdam", "2026-03-29", "01:59", "2026-03-29T00:59:00.000Z"],
    ["Europe/Amsterdam", "2026-03-29", "02:00", "2026-03-29T01:00:00.000Z"], // gap: 02:00 is 03:00 CEST
    ["Europe/Amsterdam", "2026-03-29", "02:30", "2026-03-29T01:30:00.000Z"], // gap: 03:30 CEST
    ["Europe/Amsterdam", "2026-03-29", "03:00", "2026-03-29T01:00:00.000Z"],
    ["Europe/Amsterdam", "2026-10-25", "01:59", "2026-10-24T23:59:00.000Z"],
    ["Europe/Amsterdam", "2026-10-25", "02:30", "2026-10-25T00:30:00.000Z"], // twice: the earlier (CEST)
    ["Europe/Amsterdam", "2026-10-25", "03:00", "2026-10-25T02:00:00.000Z"],
    ["America/New_York", "2026-03-08", "02:30", "2026-03-08T07:30:00.000Z"], // gap: 03:30 EDT
    ["America/New_York", "2026-03-08", "09:00", "2026-03-08T13:00:00.000Z"],
    ["America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z"], // twice: the earlier (EDT)
    ["America/New_York", "2026-11-01", "09:00", "2026-11-01T14:00:00.000Z"],
    ["Asia/Kolkata", "2026-06-01", "09:00", "2026-06-01T03:30:00.000Z"],
    ["UTC", "2028-02-29", "23:59", "2028-02-29T23:59:00.000Z"],
  ])("%s %s %s is %s", (zone, date, time, expected) => {
    expect(iso(zonedTime(zone, date, time))).toBe(expected);
  });

  it.each([
    ["Mars/Olympus", "2026-01-15", "09:00"],
    ["Europe/Amsterdam", "2026-02-30", "09:00"],
    ["Europe/Amsterdam", "15-01-2026", "09:00"],
    ["Europe/Amsterdam", "2026-01-15", "9:00"],
    ["Europe/Amsterdam", "2026-01-15", "24:00"],
  ])("zonedTime(%j, %j, %j) throws", (zone, date, time) => {
    expect(() => zonedTime(zone, date, time)).toThrow(RangeError);
  });

  it.each([
    [NL, "2026-11-23T22:59:59Z", "2026-11-23"],
    [NL, "2026-11-23T23:00:00Z", "2026-11-24"],
    [NL, "2026-06-30T22:00:00Z", "2026-07-01"],
    [NY, "2026-03-07T04:00:00Z", "2026-03-06"],
    [NY, "2026-11-01T05:30:00Z", "2026-11-01"],
  ])("local date of %#: %s is %s", (settings, instant, date) => {
    expect(localDateOf(settings, at(instant))).toBe(date);
  });

  it.each([
    ["2026-11-23", 1],
    ["2026-11-28", 6],
    ["2026-11-29", 7],
    ["1970-01-01", 4],
    ["1969-12-31", 3],
    ["2028-02-29", 2],
  ])("%s is ISO weekday %i", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe("validateSettings", () => {
  it.each([
    ["the default", {}, []],
    ["a zone on Mars", { timeZone: "Mars/Olympus" }, ['time zone "Mars/Olympus"']],
    ["an empty zone", { timeZone: "" }, ['time zone ""']],
    ["a zone with a space", { timeZone: "Europe/Amsterdam " }, ['time zone "Europe/Amsterdam "']],
    ["9:00 without a leading zero", { hours: { 1: { start: "9:00", end: "17:00" } } }, ['Monday (1): start "9:00"']],
    ["24:00", { hours: { 5: { start: "09:00", end: "24:00" } } }, ['Friday (5): end "24:00"']],
    ["an overnight shift", { hours: { 2: { start: "17:00", end: "09:00" } } }, ["Tuesday (2): end 09:00 is not after start 17:00"]],
    ["an empty day", { hours: { 3: { start: "09:00", end: "09:00" } } }, ["Wednesday (3): end 09:00 is not after start 09:00"]],
    ["weekday 8", { hours: { 8: nineToFive } as WorkingTimeSettings["hours"] }, ['hours: "8" is not a weekday']],
    ["a closed day", { hours: { 1: null, 2: nineToFive } }, []],
    ["an unknown country", { holidayCountry: "XX" }, ['holiday country "XX"']],
    ["an unknown region", { holidayRegion: "ZZ" }, ['holiday region "ZZ" is not a region of NL']],
    ["a known region", { holidayCountry: "DE", holidayRegion: "BY" }, []],
    [
      "everything wrong",
      { timeZone: "x y", hours: { 7: { start: "8", end: "9" } }, holidayCountry: "" },
      ["time zone", "start", "end", "country"],
    ],
  ])("%s", (_label, patch, expected) => {
    const problems = validateSettings({ ...NL, ...(patch as Partial<WorkingTimeSettings>) });
    expect(problems).toHaveLength(expected.length);
    expected.forEach((fragment, index) => {
      expect(problems[index]).toContain(fragment);
    });
  });
});

describe("working days", () => {
  it.each([
    [NL, "2026-11-23", true, "a Monday"],
    [NL, "2026-11-27", true, "a Friday"],
    [NL, "2026-11-28", false, "a Saturday"],
    [NL, "2026-11-29", false, "a Sunday"],
    [NL, "2026-01-01", false, "New Year's Day"],
    [NL, "2026-04-03", true, "Good Friday: open by default"],
    [NL, "2026-04-06", false, "Easter Monday"],
    [NL, "2026-04-27", false, "King's Day, a Monday in 2026"],
    [NL, "2025-04-28", true, "the Monday after King's Day 2025, which moved to Saturday 26 April"],
    [NL, "2026-05-05", true, "Liberation Day: open by default"],
    [NL, "2026-05-14", false, "Ascension Day"],
    [NL, "2026-05-25", false, "Whit Monday"],
    [NL, "2026-12-24", true, "Christmas Eve: open by default"],
    [NL, "2026-12-25", false, "Christmas Day"],
    [NL, "2026-12-26", false, "Boxing Day, a Saturday"],
    [NL, "2026-12-31", true, "New Year's Eve: open by default"],
    [sevenDays, "2025-04-26", false, "Saturday King's Day 2025, for a firm open on Saturdays"],
    [sevenDays, "2026-04-25", true, "an ordinary Saturday, for a firm open on Saturdays"],
    [sevenDays, "2026-04-05", false, "Easter Sunday, for a firm open on Sundays"],
    [sevenDays, "2026-05-24", false, "Whit Sunday, for a firm open on Sundays"],
    [sevenDays, "2026-12-26", false, "Boxing Day 2026, a Saturday, for a firm open on Saturdays"],
    [nlChoosing({ "good-friday": true }), "2026-04-03", false, "Good Friday, for a firm closing on it"],
    [nlChoosing({ "liberation-day": true }), "2026-05-05", false, "Liberation Day, for a firm closing on it"],
    [nlChoosing({ "christmas-eve": true }), "2026-12-24", false, "Christmas Eve, for a firm closing on it"],
    [nlChoosing({ "new-years-eve": true }), "2026-12-31", false, "New Year's Eve, for a firm closing on it"],
    [nlChoosing({ "kings-day": false }), "2026-04-27", true, "King's Day, for a firm open on it"],
    [NY, "2026-04-27", true, "King's Day in New York"],
    [NY, "2026-11-26", false, "Thanksgiving in New York"],
    [NY, "2026-07-03", false, "the substitute day for Independence Day in New York"],
  ])("%#: %s working: %s (%s)", (settings, date, working) => {
    expect(isWorkingDay(settings, date)).toBe(working);
  });

  it("throws on a malformed date", () => {
    expect(() => isWorkingDay(NL, "2026-13-01")).toThrow(/not a date/);
  });
});

describe("business hours as instants, DST-correct", () => {
  it.each([
    [sevenDays, "2026-03-28", "2026-03-28T08:00:00.000Z", "2026-03-28T16:00:00.000Z"],
    [sevenDays, "2026-03-29", "2026-03-29T07:00:00.000Z", "2026-03-29T15:00:00.000Z"],
    [sevenDays, "2026-10-24", "2026-10-24T07:00:00.000Z", "2026-10-24T15:00:00.000Z"],
    [sevenDays, "2026-10-25", "2026-10-25T08:00:00.000Z", "2026-10-25T16:00:00.000Z"],
    [{ ...NL, hours: { 7: { start: "01:00", end: "04:00" } } }, "2026-03-29", "2026-03-29T00:00:00.000Z", "2026-03-29T02:00:00.000Z"], // 2 real hours
    [{ ...NL, hours: { 7: { start: "01:00", end: "04:00" } } }, "2026-10-25", "2026-10-24T23:00:00.000Z", "2026-10-25T03:00:00.000Z"], // 4 real hours
    [{ ...NL, hours: { 7: { start: "02:00", end: "02:30" } } }, "2026-03-29", "2026-03-29T01:00:00.000Z", "2026-03-29T01:30:00.000Z"], // in the gap: 03:00–03:30 CEST
    [{ ...NY, hours: { 7: nineToFive } }, "2026-03-08", "2026-03-08T13:00:00.000Z", "2026-03-08T21:00:00.000Z"],
    [{ ...NY, hours: { 7: nineToFive } }, "2026-11-01", "2026-11-01T14:00:00.000Z", "2026-11-01T22:00:00.000Z"],
  ])("%#: %s is open %s – %s", (settings, date, start, end) => {
    const interval = workingIntervalsOn(settings, date);
    expect(interval && { start: iso(interval.start), end: iso(interval.end) }).toEqual({ start, end });
  });

  it.each([
    [NL, "2026-11-28"],
    [NL, "2026-12-25"],
    [{ ...NL, hours: { 7: { start: "02:45", end: "03:00" } } }, "2026-03-29"], // 02:45 moves out of the gap to 03:45, past closing
  ])("%#: closed on %s", (settings, date) => {
    expect(workingIntervalsOn(settings, date)).toBeNull();
  });

  it.each([
    ["2026-11-23T07:59:59.999Z", false, "Monday 08:59:59.999"],
    ["2026-11-23T08:00:00.000Z", true, "Monday 09:00, opening"],
    ["2026-11-23T15:59:59.999Z", true, "Monday 16:59:59.999"],
    ["2026-11-23T16:00:00.000Z", false, "Monday 17:00, closing"],
    ["2026-11-28T10:00:00.000Z", false, "Saturday 11:00"],
    ["2026-04-27T08:00:00.000Z", false, "King's Day 10:00"],
    ["2026-03-30T07:00:00.000Z", true, "Monday after the spring switch, 09:00 CEST"],
    ["2026-03-30T06:30:00.000Z", false, "Monday after the spring switch, 08:30 CEST"],
  ])("%s within working time: %s (%s)", (instant, within) => {
    expect(isWithinWorkingTime(NL, at(instant))).toBe(within);
  });

  it.each([
    ["2026-11-23T09:00:00.000Z", "2026-11-23T09:00:00.000Z", "inside: itself"],
    ["2026-11-23T16:00:00.000Z", "2026-11-24T08:00:00.000Z", "at closing: next morning"],
    ["2026-11-24T05:00:00.000Z", "2026-11-24T08:00:00.000Z", "early morning: 09:00"],
    ["2026-03-27T16:00:00.000Z", "2026-03-30T07:00:00.000Z", "Friday closing before the spring switch: Monday 09:00 CEST"],
    ["2026-10-25T12:00:00.000Z", "2026-10-26T08:00:00.000Z", "the Sunday of the autumn switch: Monday 09:00 CET"],
    ["2026-12-24T16:00:00.000Z", "2026-12-28T08:00:00.000Z", "Christmas Eve closing: Monday 28th"],
  ])("next working start after %s is %s (%s)", (instant, expected) => {
    expect(iso(nextWorkingStart(NL, at(instant)))).toBe(expected);
  });
});

describe("adding working hours (Amsterdam, 09:00–17:00)", () => {
  it.each([
    ["Friday 16:00 + 4h → Monday 12:00", "2026-11-20T15:00:00Z", 4, "2026-11-23T11:00:00.000Z"],
    ["Friday 16:00 + 4h, Monday King's Day → Tuesday 12:00", "2026-04-24T14:00:00Z", 4, "2026-04-28T10:00:00.000Z"],
    ["Friday 15:00 CET + 4h over the spring switch → Monday 11:00 CEST", "2026-03-27T14:00:00Z", 4, "2026-03-30T09:00:00.000Z"],
    ["Friday 15:00 CEST + 4h over the autumn switch → Monday 11:00 CET", "2026-10-23T13:00:00Z", 4, "2026-10-26T10:00:00.000Z"],
    ["Tuesday 20:00 (evening) + 2h → Wednesday 11:00", "2026-11-24T19:00:00Z", 2, "2026-11-25T10:00:00.000Z"],
    ["Wednesday 03:00 (night) + 1h → Wednesday 10:00", "2026-11-25T02:00:00Z", 1, "2026-11-25T09:00:00.000Z"],
    ["Saturday 12:00 (weekend) + 3h → Monday 12:00", "2026-11-28T11:00:00Z", 3, "2026-11-30T11:00:00.000Z"],
    ["Sunday 23:30 + 1h → Monday 10:00", "2026-11-29T22:30:00Z", 1, "2026-11-30T09:00:00.000Z"],
    ["Monday 07:30 + 0.5h → 09:30", "2026-11-30T06:30:00Z", 0.5, "2026-11-30T08:30:00.000Z"],
    ["Monday 16:30 + 1.5h → Tuesday 10:00", "2026-11-23T15:30:00Z", 1.5, "2026-11-24T09:00:00.000Z"],
    ["Monday 10:00 + 0.25h → 10:15", "2026-11-23T09:00:00Z", 0.25, "2026-11-23T09:15:00.000Z"],
    ["Monday 10:00 + 1/3h → 10:20", "2026-11-23T09:00:00Z", 1 / 3, "2026-11-23T09:20:00.000Z"],
    ["Monday 13:00 + 4h ends at closing → Monday 17:00", "2026-11-23T12:00:00Z", 4, "2026-11-23T16:00:00.000Z"],
    ["Monday 09:00 + 8h → Monday 17:00, not Tuesday 09:00", "2026-11-23T08:00:00Z", 8, "2026-11-23T16:00:00.000Z"],
    ["Monday 17:00 + 8h → Tuesday 17:00", "2026-11-23T16:00:00Z", 8, "2026-11-24T16:00:00.000Z"],
    ["Monday 09:00 + 40h → Friday 17:00", "2026-11-23T08:00:00Z", 40, "2026-11-27T16:00:00.000Z"],
    ["Monday 10:00 + 0h → itself", "2026-11-23T09:00:00Z", 0, "2026-11-23T09:00:00.000Z"],
    ["Monday 17:00 + 0h → Tuesday 09:00", "2026-11-23T16:00:00Z", 0, "2026-11-24T08:00:00.000Z"],
    ["Christmas Eve 16:00 + 2h → Monday 28th 10:00", "2026-12-24T15:00:00Z", 2, "2026-12-28T09:00:00.000Z"],
    ["New Year's Eve 16:00 + 2h → Friday 2 January 10:00", "2025-12-31T15:00:00Z", 2, "2026-01-02T09:00:00.000Z"],
  ])("%s", (_label, start, hours, expected) => {
    expect(iso(addWorkingHours(NL, at(start), hours))).toBe(expected);
  });

  it.each([
    ["good-friday", "2026-04-02T14:00:00Z", "2026-04-03T08:00:00.000Z", "2026-04-07T08:00:00.000Z"],
    ["liberation-day", "2026-05-04T14:00:00Z", "2026-05-05T08:00:00.000Z", "2026-05-06T08:00:00.000Z"],
    ["christmas-eve", "2026-12-23T15:00:00Z", "2026-12-24T09:00:00.000Z", "2026-12-28T09:00:00.000Z"],
    ["new-years-eve", "2026-12-30T15:00:00Z", "2026-12-31T09:00:00.000Z", "2027-01-04T09:00:00.000Z"],
  ])("closing on %s: the day before 16:00 + 2h moves from %s to %s", (key, start, open, closed) => {
    expect(iso(addWorkingHours(NL, at(start), 2))).toBe(open);
    expect(iso(addWorkingHours(nlChoosing({ [key]: true }), at(start), 2))).toBe(closed);
  });

  it("a firm open on King's Day counts it", () => {
    expect(iso(addWorkingHours(nlChoosing({ "kings-day": false }), at("2026-04-24T14:00:00Z"), 4))).toBe("2026-04-27T10:00:00.000Z");
  });

  it.each([
    [-1, "negative"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "infinite"],
  ])("rejects %s hours (%s)", (hours) => {
    expect(() => addWorkingHours(NL, at("2026-11-23T09:00:00Z"), hours)).toThrow(RangeError);
  });

  it("rejects an invalid start", () => {
    expect(() => addWorkingHours(NL, new Date(Number.NaN), 1)).toThrow(RangeError);
  });

  it("rejects settings with an invalid zone instead of guessing", () => {
    expect(() => addWorkingHours({ ...NL, timeZone: "Mars/Olympus" }, at("2026-11-23T09:00:00Z"), 1)).toThrow(/Mars\/Olympus/);
  });
});

describe("adding working days: closing time of the N-th working day after today", () => {
  it.each([
    ["Friday 20:00 + 1 → Monday 17:00 CEST (after the spring switch)", "2026-03-27T19:00:00Z", 1, "2026-03-30T15:00:00.000Z"],
    ["Friday 20:00 + 0 → Monday 17:00 (past closing)", "2026-03-27T19:00:00Z", 0, "2026-03-30T15:00:00.000Z"],
    ["Friday 10:00 + 0 → Friday 17:00", "2026-03-27T09:00:00Z", 0, "2026-03-27T16:00:00.000Z"],
    ["Friday 10:00 + 1 → Monday 17:00", "2026-03-27T09:00:00Z", 1, "2026-03-30T15:00:00.000Z"],
    ["Monday 08:00 + 0 → Monday 17:00", "2026-11-23T07:00:00Z", 0, "2026-11-23T16:00:00.000Z"],
    ["Monday 17:00 + 0 → Tuesday 17:00", "2026-11-23T16:00:00Z", 0, "2026-11-24T16:00:00.000Z"],
    ["Monday 10:00 + 5 → next Monday 17:00", "2026-11-23T09:00:00Z", 5, "2026-11-30T16:00:00.000Z"],
    ["Saturday + 0 → Monday 17:00", "2026-11-28T11:00:00Z", 0, "2026-11-30T16:00:00.000Z"],
    ["Saturday + 1 → Monday 17:00", "2026-11-28T11:00:00Z", 1, "2026-11-30T16:00:00.000Z"],
    ["Saturday + 2 → Tuesday 17:00", "2026-11-28T11:00:00Z", 2, "2026-12-01T16:00:00.000Z"],
    ["Friday 18:00 + 1 over the autumn switch → Monday 17:00 CET", "2026-10-23T16:00:00Z", 1, "2026-10-26T16:00:00.000Z"],
    ["King's Day eve (Friday) + 1 → Tuesday 17:00", "2026-04-24T08:00:00Z", 1, "2026-04-28T15:00:00.000Z"],
    ["on King's Day + 0 → Tuesday 17:00", "2026-04-27T08:00:00Z", 0, "2026-04-28T15:00:00.000Z"],
    ["on King's Day + 1 → Tuesday 17:00", "2026-04-27T08:00:00Z", 1, "2026-04-28T15:00:00.000Z"],
    ["on King's Day + 2 → Wednesday 17:00", "2026-04-27T08:00:00Z", 2, "2026-04-29T15:00:00.000Z"],
    ["Christmas Eve 10:00 + 0 → Christmas Eve 17:00", "2026-12-24T09:00:00Z", 0, "2026-12-24T16:00:00.000Z"],
    ["Christmas Eve 10:00 + 1 → Monday 28th 17:00", "2026-12-24T09:00:00Z", 1, "2026-12-28T16:00:00.000Z"],
    ["Wednesday before Easter + 2 → Good Friday 17:00 (open by default)", "2026-04-01T09:00:00Z", 2, "2026-04-03T15:00:00.000Z"],
    ["Wednesday before Easter + 3 → Tuesday after Easter Monday", "2026-04-01T09:00:00Z", 3, "2026-04-07T15:00:00.000Z"],
    ["Monday 23:30 local + 1 → Tuesday 17:00", "2026-11-23T22:30:00Z", 1, "2026-11-24T16:00:00.000Z"],
    ["Tuesday 00:30 local (still Monday in UTC) + 1 → Wednesday 17:00", "2026-11-23T23:30:00Z", 1, "2026-11-25T16:00:00.000Z"],
  ])("%s", (_label, start, days, expected) => {
    expect(iso(addWorkingDays(NL, at(start), days))).toBe(expected);
  });

  it.each([
    ["christmas-eve", "2026-12-24T09:00:00Z", 0, "2026-12-28T16:00:00.000Z"],
    ["christmas-eve", "2026-12-23T09:00:00Z", 1, "2026-12-28T16:00:00.000Z"],
    ["good-friday", "2026-04-02T09:00:00Z", 1, "2026-04-07T15:00:00.000Z"],
    ["new-years-eve", "2026-12-30T09:00:00Z", 1, "2027-01-04T16:00:00.000Z"],
  ])("closing on %s: from %s + %i → %s", (key, start, days, expected) => {
    expect(iso(addWorkingDays(nlChoosing({ [key]: true }), at(start), days))).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN]])("rejects %s days", (days) => {
    expect(() => addWorkingDays(NL, at("2026-11-23T09:00:00Z"), days)).toThrow(RangeError);
  });

  it.each([
    ["2026-11-23", "2026-11-23T16:00:00.000Z", "a Monday"],
    ["2026-11-28", "2026-11-30T16:00:00.000Z", "a Saturday: Monday"],
    ["2026-04-27", "2026-04-28T15:00:00.000Z", "King's Day: Tuesday"],
    ["2026-12-24", "2026-12-24T16:00:00.000Z", "Christmas Eve"],
    ["2026-12-25", "2026-12-28T16:00:00.000Z", "Christmas Day: Monday 28th"],
    ["2026-03-29", "2026-03-30T15:00:00.000Z", "the Sunday of the spring switch: Monday 17:00 CEST"],
  ])("end of working day %s is %s (%s)", (date, expected) => {
    expect(iso(endOfWorkingDay(NL, date))).toBe(expected);
  });
});

describe("working time between two instants", () => {
  it.each([
    ["Friday 15:00 CET → Monday 11:00 CEST", "2026-03-27T14:00:00Z", "2026-03-30T09:00:00Z", 4 * HOUR],
    ["Monday 09:00 → Friday 17:00", "2026-11-23T08:00:00Z", "2026-11-27T16:00:00Z", 40 * HOUR],
    ["Monday 20:00 → Tuesday 10:30", "2026-11-23T19:00:00Z", "2026-11-24T09:30:00Z", 1.5 * HOUR],
    ["Saturday → Sunday", "2026-11-28T00:00:00Z", "2026-11-29T22:00:00Z", 0],
    ["Christmas Eve 09:00 → Monday 28th 17:00", "2026-12-24T08:00:00Z", "2026-12-28T16:00:00Z", 16 * HOUR],
    ["within one hour", "2026-11-23T09:10:00Z", "2026-11-23T09:35:00Z", 25 * MINUTE],
    ["backwards", "2026-11-24T09:00:00Z", "2026-11-23T09:00:00Z", 0],
    ["no time at all", "2026-11-23T09:00:00Z", "2026-11-23T09:00:00Z", 0],
  ])("%s: %s → %s is %i ms", (_label, from, to, expected) => {
    expect(workingMillisecondsBetween(NL, at(from), at(to))).toBe(expected);
  });

  it.each([
    [NL, "2026-03-26T12:34:56.789Z", 13_579_246],
    [NL, "2026-10-22T06:00:00Z", 29 * HOUR + 17 * MINUTE],
    [NL, "2026-12-23T15:59:59.999Z", 1],
    [NL, "2026-04-24T14:00:00Z", 4 * HOUR],
    [NL, "2026-02-27T20:00:00Z", 123_456_789],
    [NL, "2026-12-18T11:11:11Z", 7 * 8 * HOUR + 1],
    [NY, "2026-10-30T19:00:00Z", 31 * HOUR + 59 * MINUTE],
    [NY, "2026-03-06T21:00:00Z", 5 * HOUR + 1],
  ])("%#: counting back what was added from %s (%i ms) gives it again", (settings, start, ms) => {
    const end = addWorkingMilliseconds(settings, at(start), ms);
    expect(workingMillisecondsBetween(settings, at(start), end)).toBe(ms);
    expect(isWithinWorkingTime(settings, end) || iso(end) === iso(endOfWorkingDay(settings, localDateOf(settings, end)))).toBe(true);
  });
});

describe("another time zone and country: New York with US holidays", () => {
  it.each([
    ["Friday 15:00 EST + 4h → Monday 11:00 EDT (spring switch 8 March)", "2026-03-06T20:00:00Z", 4, "2026-03-09T15:00:00.000Z"],
    ["Friday 15:00 EDT + 4h → Monday 11:00 EST (autumn switch 1 November)", "2026-10-30T19:00:00Z", 4, "2026-11-02T16:00:00.000Z"],
    ["Wednesday before Thanksgiving 16:00 + 2h → Friday 10:00", "2026-11-25T21:00:00Z", 2, "2026-11-27T15:00:00.000Z"],
    [
      "Thursday 2 July 16:00 + 2h → Monday 6 July 10:00 (3 July substitutes for the 4th)",
      "2026-07-02T20:00:00Z",
      2,
      "2026-07-06T14:00:00.000Z",
    ],
    ["Monday 27 April (King's Day in NL) 16:00 + 2h → Tuesday 10:00", "2026-04-27T20:00:00Z", 2, "2026-04-28T14:00:00.000Z"],
  ])("%s", (_label, start, hours, expected) => {
    expect(iso(addWorkingHours(NY, at(start), hours))).toBe(expected);
  });

  it("Friday 23:00 EST (Saturday in UTC) + 1 working day → Monday 17:00 EDT", () => {
    expect(iso(addWorkingDays(NY, at("2026-03-07T04:00:00Z"), 1))).toBe("2026-03-09T21:00:00.000Z");
  });
});

describe("no working time at all throws instead of looping", () => {
  const never: WorkingTimeSettings[] = [
    { ...NL, hours: {} },
    { ...NL, hours: { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 7: null } },
    { ...NL, timeZone: "UTC", hours: { 1: { start: "10:00", end: "10:00" } } },
  ];

  it.each(never.map((settings, index) => [index, settings] as const))("settings %i", (_index, settings) => {
    const start = at("2026-11-23T09:00:00Z");
    const message = "working-time: no working time within 366 days";
    expect(() => addWorkingHours(settings, start, 1)).toThrow(message);
    expect(() => addWorkingMilliseconds(settings, start, 0)).toThrow(message);
    expect(() => nextWorkingStart(settings, start)).toThrow(message);
    expect(() => addWorkingDays(settings, start, 1)).toThrow(message);
    expect(() => addWorkingDays(settings, start, 0)).toThrow(message);
    expect(() => endOfWorkingDay(settings, "2026-11-23")).toThrow(message);
    expect(isWithinWorkingTime(settings, start)).toBe(false);
    expect(workingMillisecondsBetween(settings, start, at("2027-11-23T09:00:00Z"))).toBe(0);
  });

  it("a firm open only on Fridays skips Fridays that are holidays (Christmas, New Year's Day)", () => {
    const fridays: WorkingTimeSettings = { ...NL, hours: { 5: nineToFive } };
    expect(iso(addWorkingHours(fridays, at("2026-12-24T09:00:00Z"), 1))).toBe("2027-01-08T09:00:00.000Z");
  });
});
