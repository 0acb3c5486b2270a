import { describe, expect, it } from "vitest";
import { last90Days, lastQuarter, parseTypedDate, thisMonth, thisYear, validateTeamSearch, weekStart, weeksOf } from "./period.ts";

describe("Team page periods", () => {
  it.each([
    ["2026-11-23", { from: "2026-07-01", to: "2026-09-30" }],
    ["2026-01-05", { from: "2025-10-01", to: "2025-12-31" }],
    ["2026-04-01", { from: "2026-01-01", to: "2026-03-31" }],
    ["2026-06-30", { from: "2026-01-01", to: "2026-03-31" }],
  ])("last quarter seen from %s", (today, expected) => {
    expect(lastQuarter(today)).toEqual(expected);
  });

  it("the last 90 days, this month and this year end today", () => {
    expect(last90Days("2026-11-23")).toEqual({ from: "2026-08-26", to: "2026-11-23" });
    expect(thisMonth("2026-11-23")).toEqual({ from: "2026-11-01", to: "2026-11-23" });
    expect(thisYear("2026-11-23")).toEqual({ from: "2026-01-01", to: "2026-11-23" });
  });

  it("weeks start on Monday and cover the period", () => {
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weeksOf({ from: "2026-11-04", to: "2026-11-23" })).toEqual(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"]);
  });

  it("reads only valid dates and groupings from the address", () => {
    expect(validateTeamSearch({ from: "2026-02-30", to: "2026-03-01", groupBy: "client" })).toEqual({
      to: "2026-03-01",
      groupBy: "client",
    });
    expect(validateTeamSearch({ from: 20260101, groupBy: "nobody" })).toEqual({});
  });

  it.each([
    ["2026-11-23", "2026-11-23"],
    ["23-11-2026", "2026-11-23"],
    ["3/2/2026", "2026-02-03"],
    ["31.04.2026", null],
    ["tomorrow", null],
  ])("parses the typed date %s", (text, expected) => {
    expect(parseTypedDate(text)).toBe(expected);
  });
});
