import { describe, expect, it } from "vitest";
import {
  addDays,
  addDaysToInstant,
  dateFrom,
  dateInZone,
  dateOfEpochDay,
  daysBetween,
  daysBetweenInstants,
  elapsedDays,
  epochDayOf,
  epochDayStart,
  instantAt,
  isCalendarDate,
  isoInZone,
  isTimeZone,
  lastDayOfMonth,
  nextOffsetChange,
  timeInZone,
  weekdayOf,
  weekdayOfEpochDay,
  weekStart,
} from "./dates.ts";

describe("calendar dates", () => {
  it.each([
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2026-03-29", 0, "2026-03-29"],
    ["2026-11-23", -89, "2026-08-26"],
    ["0999-12-31", 1, "1000-01-01"],
  ])("%s + %i days = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ["2026-11-23", 1],
    ["2026-11-29", 7],
    ["2026-12-31", 4],
    ["1970-01-01", 4],
    ["2000-02-29", 2],
  ])("%s is ISO weekday %i", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it.each([
    ["2026-11-29", "2026-11-23"],
    ["2026-11-23", "2026-11-23"],
    ["2027-01-01", "2026-12-28"],
  ])("the week of %s starts on %s", (date, monday) => {
    expect(weekStart(date)).toBe(monday);
  });

  it("builds dates from parts, counting day 0 back into the month before and months past December into the next year", () => {
    expect(dateFrom(2026, 12, 1)).toBe("2026-12-01");
    expect(dateFrom(2026, 3, 0)).toBe("2026-02-28");
    expect(dateFrom(2026, 13, 1)).toBe("2027-01-01");
    expect(dateFrom(2026, -1, 1)).toBe("2025-11-01");
    expect(lastDayOfMonth(2028, 2)).toBe("2028-02-29");
    expect(lastDayOfMonth(2026, 12)).toBe("2026-12-31");
    expect(daysBetween("2026-12-31", "2027-03-01")).toBe(60);
    expect(daysBetween("2027-03-01", "2026-12-31")).toBe(-60);
  });

  it.each(["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "", "2026-01-01T00:00", 20260101, null])("%j is not a date", (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });

  it.each([
    ["1970-01-01", 0, 4],
    ["1969-12-31", -1, 3],
    ["2000-03-01", 11_017, 3],
    ["2026-11-23", 20_780, 1],
    ["1900-01-01", -25_567, 1],
    ["2300-12-31", 120_894, 1],
    ["0001-01-01", -719_162, 1],
  ])("%s is epoch day %i, ISO weekday %i", (date, day, weekday) => {
    expect(epochDayOf(date)).toBe(day);
    expect(dateOfEpochDay(day)).toBe(date);
    expect(weekdayOfEpochDay(day)).toBe(weekday);
    expect(weekdayOf(date)).toBe(weekday);
    expect(epochDayStart(day).toISOString()).toBe(`${date}T00:00:00.000Z`);
    expect(dateOfEpochDay(day + 1)).toBe(addDays(date, 1));
  });

  it("refuses arithmetic on what is not a date, rather than guessing", () => {
    expect(() => epochDayOf("2026-02-29")).toThrow(RangeError);
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => weekdayOf("tomorrow")).toThrow(RangeError);
  });
});

describe("instants a number of days apart", () => {
  it("counts days of 24 hours, also across a DST switch (expiries, look-backs)", () => {
    expect(addDaysToInstant(new Date("2026-03-28T10:00:00Z"), 2).toISOString()).toBe("2026-03-30T10:00:00.000Z");
    expect(addDaysToInstant(new Date("2026-03-30T10:00:00Z"), -180).toISOString()).toBe("2025-10-01T10:00:00.000Z");
    expect(daysBetweenInstants(new Date("2026-03-28T23:00:00Z"), new Date("2026-03-29T22:00:00Z"))).toBe(1); // 23 hours
    expect(daysBetweenInstants(new Date("2026-10-24T22:00:00Z"), new Date("2026-10-25T23:00:00Z"))).toBe(1); // 25 hours
    // With the fraction, for decay and rhythms: 36 hours is 1.5 days, backwards negative.
    expect(elapsedDays(new Date("2026-10-24T00:00:00Z"), new Date("2026-10-25T12:00:00Z"))).toBe(1.5);
    expect(elapsedDays(new Date("2026-10-25T12:00:00Z"), new Date("2026-10-24T00:00:00Z"))).toBe(-1.5);
    expect(daysBetweenInstants(new Date("2026-12-24T13:00:00Z"), new Date("2026-12-24T23:00:00Z"))).toBe(0); // from 14:00
    expect(daysBetweenInstants(new Date("2026-12-24T23:00:00Z"), new Date("2026-12-27T23:00:00Z"))).toBe(3);
  });
});

describe("time zones", () => {
  it("knows IANA zones and nothing else", () => {
    expect(isTimeZone("Europe/Amsterdam")).toBe(true);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it.each([
    // winter, summer, and the instants around both switches in Amsterdam
    ["Europe/Amsterdam", "2026-12-04T13:00:00Z", "2026-12-04", "14:00", "2026-12-04T14:00:00+01:00"],
    ["Europe/Amsterdam", "2026-07-01T12:00:00Z", "2026-07-01", "14:00", "2026-07-01T14:00:00+02:00"],
    ["Europe/Amsterdam", "2026-12-31T23:30:00Z", "2027-01-01", "00:30", "2027-01-01T00:30:00+01:00"],
    ["America/New_York", "2026-12-04T03:00:00Z", "2026-12-03", "22:00", "2026-12-03T22:00:00-05:00"],
    ["Asia/Kolkata", "2026-12-04T13:00:00Z", "2026-12-04", "18:30", "2026-12-04T18:30:00+05:30"],
  ])("in %s, %s is %s %s (%s)", (zone, instant, date, time, iso) => {
    const at = new Date(instant);
    expect(dateInZone(zone, at)).toBe(date);
    expect(timeInZone(zone, at)).toBe(time);
    expect(isoInZone(zone, at)).toBe(iso);
    expect(instantAt(zone, date, time).toISOString()).toBe(at.toISOString().replace(/\.000Z$/, ".000Z"));
  });

  it("moves a time in the spring-forward gap forward by the gap, and takes the earlier of two in the fall-back hour", () => {
    expect(instantAt("Europe/Amsterdam", "2027-03-28", "02:30").toISOString()).toBe("2027-03-28T01:30:00.000Z"); // shows 03:30
    expect(instantAt("Europe/Amsterdam", "2026-10-25", "02:30").toISOString()).toBe("2026-10-25T00:30:00.000Z"); // the first 02:30
    expect(instantAt("America/Santiago", "2026-09-06", "00:00").toISOString()).toBe("2026-09-06T04:00:00.000Z"); // midnight in the gap: 01:00
  });

  it.each([
    ["Europe/Amsterdam", "2026-02-30", "09:00"],
    ["Europe/Amsterdam", "2026-1-30", "09:00"],
    ["Europe/Amsterdam", "2026-01-30", "9:00"],
    ["Europe/Amsterdam", "2026-01-30", "25:00"],
    ["Europe/Amsterdam", "2026-01-30", "09:00+05:00"],
    ["Europe/Atlantis", "2026-01-30", "09:00"],
  ])("instantAt(%j, %j, %j) is refused", (zone, date, time) => {
    expect(() => instantAt(zone, date, time)).toThrow(RangeError);
  });

  it.each([
    ["Europe/Amsterdam", "2026-01-15T12:00:00Z", "2026-03-29T01:00:00.000Z"],
    ["Europe/Amsterdam", "2026-03-29T01:00:00Z", "2026-10-25T01:00:00.000Z"], // strictly after
    ["Europe/Amsterdam", "2026-03-29T00:59:59.999Z", "2026-03-29T01:00:00.000Z"],
    ["America/New_York", "2026-06-01T00:00:00Z", "2026-11-01T06:00:00.000Z"],
    ["Australia/Lord_Howe", "2026-01-01T00:00:00Z", "2026-04-04T15:00:00.000Z"], // half an hour back
    ["Europe/Amsterdam", "1950-01-01T00:00:00Z", "1977-04-03T01:00:00.000Z"], // no summer time from 1946 to 1977
    ["Asia/Kolkata", "2026-01-01T00:00:00Z", null],
    ["UTC", "2026-01-01T00:00:00Z", null],
  ])("in %s, the offset changes next after %s at %s", (zone, after, expected) => {
    expect(nextOffsetChange(zone, new Date(after))?.toISOString() ?? null).toBe(expected);
  });
});
