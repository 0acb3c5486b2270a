import { describe, expect, it } from "vitest";
import { formatPercent, formatShortDate } from "../reliability/format.ts";
import { dateIn, formatDay, formatDue, formatMoment, isoToWall, relativeTime, wallToIso } from "./time.ts";

/** The web's formatters: Intl in the user's language, always a 24-hour clock, never AM/PM. */
const AFTERNOON = "2027-03-15T13:30:00Z"; // 14:30 in Amsterdam (winter time)
const SUMMER = "2027-07-15T12:30:00Z"; // 14:30 in Amsterdam (summer time)
const NOW = Date.parse("2027-01-01T00:00:00Z");

describe("web formatters", () => {
  for (const locale of ["nl-NL", "nl", "en-GB", "en", "en-US"]) {
    it(`show afternoon times on a 24-hour clock in ${locale}`, () => {
      for (const text of [
        formatDue(AFTERNOON, "Europe/Amsterdam", locale, NOW),
        formatDue(SUMMER, "Europe/Amsterdam", locale, NOW),
        formatMoment(AFTERNOON, "Europe/Amsterdam", locale),
      ]) {
        expect(text).toContain("14:30");
        expect(text).not.toMatch(/AM|PM|a\.m\.|p\.m\./i);
      }
    });
  }

  it("write the day and month in the language", () => {
    expect(formatDue(AFTERNOON, "Europe/Amsterdam", "nl-NL", NOW)).toMatch(/^maandag 15 maart( om)? 14:30$/);
    expect(formatDue(AFTERNOON, "Europe/Amsterdam", "en-GB", NOW)).toMatch(/^Monday 15 March( at)? 14:30$/);
    expect(formatShortDate("nl-NL", "2027-03-15", true)).toBe("15 mrt 2027");
    expect(formatShortDate("en-GB", "2027-03-15", true)).toBe("15 Mar 2027");
  });

  it("read a wall-clock time in the firm's zone, in winter and in summer", () => {
    expect(wallToIso("2027-03-15 14:30", "Europe/Amsterdam")).toBe("2027-03-15T14:30:00+01:00");
    expect(wallToIso("2027-07-15 14:30", "Europe/Amsterdam")).toBe("2027-07-15T14:30:00+02:00");
  });

  it("read a time the clock skips as the time after the jump, one it shows twice as the first, like the server", () => {
    expect(wallToIso("2027-03-28 02:30", "Europe/Amsterdam")).toBe("2027-03-28T03:30:00+02:00");
    expect(wallToIso("2027-10-31 02:30", "Europe/Amsterdam")).toBe("2027-10-31T02:30:00+02:00");
    expect(wallToIso("2027-11-07 01:30", "America/New_York")).toBe("2027-11-07T01:30:00-04:00");
  });

  it("read nothing from what is not a wall-clock time", () => {
    for (const wall of ["2027-02-30 10:00", "2027-03-15 24:00", "2027-03-15", "15-03-2027 10:00", "", null, undefined]) {
      expect(wallToIso(wall, "Europe/Amsterdam")).toBeUndefined();
    }
  });

  it("write an instant as the pickers' wall-clock value and its date in the firm's zone", () => {
    expect(isoToWall("2027-03-15T23:30:00Z", "Europe/Amsterdam")).toBe("2027-03-16 00:30:00");
    expect(dateIn("2027-03-15T23:30:00Z", "America/New_York")).toBe("2027-03-15");
  });

  it("count days to a due time on the firm's calendar", () => {
    const now = Date.parse("2027-03-15T22:30:00Z"); // 23:30 in Amsterdam
    expect(relativeTime("2027-03-16T23:30:00Z", now, "Europe/Amsterdam", "en")).toBe("in 2 days"); // 00:30 the day after tomorrow
    expect(relativeTime("2027-03-13T09:00:00Z", now, "Europe/Amsterdam", "en")).toBe("2 days ago");
    expect(formatDay("2027-03-15", "en-GB")).toBe("Monday 15 March");
  });

  it("write numbers with the language's separators", () => {
    expect(formatPercent("nl-NL", 0.875)).toBe("88%");
    expect(formatPercent("en-GB", 0.875)).toBe("88%");
  });
});
