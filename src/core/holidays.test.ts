import { describe, expect, it } from "vitest";
import { closedHolidayDates, holidayChoiceKeys, holidayKey, holidaysFor, isKnownHolidayCountry, isKnownHolidayRegion } from "./holidays.ts";

type Place = { holidayCountry: string; holidayRegion?: string | null; holidayChoices: Record<string, boolean> };

const NL: Place = { holidayCountry: "NL", holidayRegion: null, holidayChoices: {} };
const place = (holidayCountry: string, holidayRegion: string | null = null, holidayChoices: Record<string, boolean> = {}): Place => ({
  holidayCountry,
  holidayRegion,
  holidayChoices,
});

describe("the Dutch holidays of 2026, with their defaults", () => {
  const holidays = holidaysFor(NL, 2026);

  it.each([
    ["new-years-day", "2026-01-01", true],
    ["good-friday", "2026-04-03", false],
    ["easter-sunday", "2026-04-05", true],
    ["easter-monday", "2026-04-06", true],
    ["kings-day", "2026-04-27", true],
    ["liberation-day", "2026-05-05", false],
    ["ascension-day", "2026-05-14", true],
    ["pentecost", "2026-05-24", true],
    ["whit-monday", "2026-05-25", true],
    ["christmas-eve", "2026-12-24", false],
    ["christmas-day", "2026-12-25", true],
    ["boxing-day", "2026-12-26", true],
    ["new-years-eve", "2026-12-31", false],
  ])("%s falls on %s, closed by default: %s", (key, date, closedByDefault) => {
    const found = holidays.filter((holiday) => holiday.key === key);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ date, lastDate: date, closedByDefault, closed: closedByDefault });
  });

  it("lists exactly these (no observances such as Mother's Day, Remembrance of the Dead or Saint Martin)", () => {
    expect(holidays.map((holiday) => holiday.key)).toEqual([
      "new-years-day",
      "good-friday",
      "easter-sunday",
      "easter-monday",
      "kings-day",
      "liberation-day",
      "ascension-day",
      "pentecost",
      "whit-monday",
      "christmas-eve",
      "christmas-day",
      "boxing-day",
      "new-years-eve",
    ]);
  });

  it.each([
    ["kings-day", "Koningsdag", "King's Day"],
    ["easter-monday", "Tweede paasdag", "Easter Monday"],
    ["christmas-eve", "Kerstavond", "Christmas Eve"],
    ["good-friday", "Goede Vrijdag", "Good Friday"],
  ])("%s is named %s in Dutch and %s in English", (key, nl, en) => {
    expect(holidays.find((holiday) => holiday.key === key)?.name).toEqual({ nl, en });
  });
});

describe("King's Day moves to Saturday when 27 April is a Sunday", () => {
  it.each([
    [2024, "2024-04-27"],
    [2025, "2025-04-26"],
    [2026, "2026-04-27"],
    [2031, "2031-04-26"],
  ])("in %i it is on %s", (year, date) => {
    expect(holidaysFor(NL, year).find((holiday) => holiday.key === "kings-day")?.date).toBe(date);
  });
});

describe("keys are stable across years", () => {
  it.each([2019, 2025, 2030, 2040])("the Dutch holidays of %i have exactly the choice keys", (year) => {
    const keys = holidaysFor(NL, year).map((holiday) => holiday.key);
    expect(new Set(keys)).toEqual(new Set(holidayChoiceKeys("NL")));
    expect(keys).toHaveLength(new Set(keys).size);
  });

  it("a substitute day has the key of the holiday it stands in for", () => {
    const july = holidaysFor(place("US"), 2026).filter((holiday) => holiday.date.startsWith("2026-07"));
    expect(july.map((holiday) => [holiday.key, holiday.date, holiday.name.en])).toEqual([
      ["independence-day", "2026-07-03", "Independence Day (substitute day)"],
      ["independence-day", "2026-07-04", "Independence Day"],
    ]);
  });

  it.each([
    ["King's Day", "kings-day"],
    ["New Year's Day", "new-years-day"],
    ["Día de la Hispanidad", "dia-de-la-hispanidad"],
    ["Martin Luther King Jr. Day", "martin-luther-king-jr-day"],
    ["", "holiday"],
  ])("the key of %j is %s", (name, key) => {
    expect(holidayKey(name)).toBe(key);
  });

  it("a name without Latin letters falls back to the rule", () => {
    expect(holidayKey("설날", "chinese 01-0-01 P3D")).toBe("chinese-01-0-01-p3d");
  });

  it("a key fits in 80 characters", () => {
    expect(holidayKey("a very long holiday name ".repeat(10)).length).toBeLessThanOrEqual(80);
  });
});

describe("the firm's choices decide which dates are closed", () => {
  it.each([
    ["no choices", {}, "2026-04-03", false],
    ["Good Friday closed", { "good-friday": true }, "2026-04-03", true],
    ["no choices", {}, "2026-05-05", false],
    ["Liberation Day closed", { "liberation-day": true }, "2026-05-05", true],
    ["no choices", {}, "2026-12-24", false],
    ["Christmas Eve closed", { "christmas-eve": true }, "2026-12-24", true],
    ["no choices", {}, "2026-12-31", false],
    ["New Year's Eve closed", { "new-years-eve": true }, "2026-12-31", true],
    ["no choices", {}, "2026-04-27", true],
    ["King's Day open", { "kings-day": false }, "2026-04-27", false],
    ["Whit Monday open", { "whit-monday": false }, "2026-05-25", false],
    ["an unknown key", { "mars-day": true }, "2026-06-01", false],
  ])("%s: %s closed = %s", (_label, holidayChoices, date, closed) => {
    expect(closedHolidayDates(place("NL", null, holidayChoices), 2026).has(date)).toBe(closed);
    expect(holidaysFor(place("NL", null, holidayChoices), 2026).some((holiday) => holiday.date === date && holiday.closed)).toBe(closed);
  });

  it("by default the Dutch closed dates of 2025 are these", () => {
    expect([...closedHolidayDates(NL, 2025)].sort()).toEqual([
      "2025-01-01",
      "2025-04-20",
      "2025-04-21",
      "2025-04-26",
      "2025-05-29",
      "2025-06-08",
      "2025-06-09",
      "2025-12-25",
      "2025-12-26",
    ]);
  });

  it("a holiday of several days closes every one of its days", () => {
    const seollal = holidaysFor(place("KR"), 2026).find((holiday) => holiday.key === "korean-new-year");
    expect(seollal).toBeDefined();
    const { date, lastDate } = seollal!;
    expect(Date.parse(lastDate) - Date.parse(date)).toBe(2 * 86_400_000);
    const closed = closedHolidayDates(place("KR"), 2026);
    for (const day of [date, lastDate]) expect(closed.has(day)).toBe(true);
    expect(closed.has(new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10))).toBe(true);
  });

  it("a changed copy does not change the cache", () => {
    const first = holidaysFor(NL, 2026);
    first[0]!.closed = false;
    first[0]!.name.en = "changed";
    expect(holidaysFor(NL, 2026)[0]).toMatchObject({ closed: true, name: { en: "New Year's Day" } });
  });
});

describe("regions and other countries", () => {
  it.each([
    ["DE", null, "2026-01-06", false],
    ["DE", "BY", "2026-01-06", true],
    ["DE", "by", "2026-01-06", true],
    ["DE", "BY", "2026-08-08", false],
    ["DE", "BY-A", "2026-08-08", true],
    ["DE", "BY.A", "2026-08-08", true],
    ["US", null, "2026-11-26", true],
    ["US", null, "2026-04-27", false],
    ["NL", null, "2026-11-26", false],
  ])("%s %s: %s closed = %s", (country, region, date, closed) => {
    expect(closedHolidayDates(place(country, region), 2026).has(date)).toBe(closed);
  });

  it.each([
    ["DE", "christmas-eve", false, "a bank holiday from 14:00"],
    ["IS", "christmas-eve", false, "a public holiday from 13:00"],
    ["IS", "new-years-eve", false, "a public holiday from 13:00"],
    ["IS", "christmas-day", true, "a public holiday all day"],
    ["US", "christmas-eve", false, "an optional day"],
  ])("%s %s closed by default: %s (%s)", (country, key, closedByDefault) => {
    expect(holidaysFor(place(country), 2026).find((holiday) => holiday.key === key)?.closedByDefault).toBe(closedByDefault);
  });

  it("an unknown country has no holidays and no choices", () => {
    expect(holidaysFor(place("XX"), 2026)).toEqual([]);
    expect(closedHolidayDates(place("XX"), 2026).size).toBe(0);
    expect(holidayChoiceKeys("XX")).toEqual([]);
  });

  it.each([
    ["NL", true],
    ["nl", true],
    ["US", true],
    ["XX", false],
    ["", false],
    ["NLD", false],
  ])("country %j known: %s", (country, known) => {
    expect(isKnownHolidayCountry(country)).toBe(known);
  });

  it.each([
    ["NL", null, true],
    ["NL", "", true],
    ["NL", "NH", true],
    ["NL", "ZZ", false],
    ["DE", "BY", true],
    ["DE", "BY-A", true],
    ["DE", "BY-ZZ", false],
    ["DE", "BY-A-B", false],
    ["XX", "BY", false],
  ])("%s region %j known: %s", (country, region, known) => {
    expect(isKnownHolidayRegion(country, region)).toBe(known);
  });

  it("historic rules that ended are not offered as choices", () => {
    expect(holidayChoiceKeys("NL")).not.toContain("queens-day");
    expect(holidayChoiceKeys("NL")).toContain("kings-day");
  });
});
