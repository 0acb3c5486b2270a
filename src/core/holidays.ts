import type { HolidaysTypes } from "date-holidays";
import Holidays from "date-holidays";
import { addDays, daysBetweenInstants } from "./dates.ts";
import type { WorkingTimeSettings } from "./working-time.ts";

/**
 * Public holidays of a firm's country (and optional region), from date-holidays,
 * with the firm's choice per holiday: closed or open.
 *
 * Keys. A holiday's key is a slug of its English name as date-holidays' rule
 * names it ("King's Day" → "kings-day", "Christmas Day" → "christmas-day"), never
 * of a translated or per-year name, so it is the same in every year and language:
 * - a substitute day ("Christmas Day (substitute day)") has the key of the holiday
 *   it stands in for, so one choice covers both;
 * - two rules with the same English name share a key (the Netherlands' Queen's Day
 *   had different rules over the years) — same holiday, same choice;
 * - the name has no Latin letters at all → slug of date-holidays' rule string.
 * Keys are at most 80 characters (the settings API's limit).
 *
 * Which holidays. date-holidays' types public, bank, optional and school; observances
 * (Mother's Day, Saint Martin, …) are left out. date-holidays types the Netherlands'
 * Good Friday and Liberation Day as "school", New Year's Eve as "bank": that is why
 * "school" is included. Only a full-day "public" holiday is closed by default; bank,
 * optional, school and part-day holidays (e.g. "from 14:00") are open unless the firm
 * chooses otherwise; a firm that closes takes the whole day off.
 *
 * `holidayRegion` is date-holidays' state code ("BY" for Bavaria), optionally
 * followed by a region: "BY-A" or "BY.A". date-holidays ignores an unknown state
 * without a word (the country's holidays apply): `isKnownHolidayRegion` tells.
 */
export type Holiday = {
  key: string;
  /** YYYY-MM-DD: the (first) local date of the holiday. */
  date: string;
  name: { nl: string; en: string };
  closedByDefault: boolean;
  /** The firm's choice, or the default. */
  closed: boolean;
  /** YYYY-MM-DD: the last local date of a holiday of several days; equals `date` for one day. */
  lastDate: string;
};

type HolidaySettings = Pick<WorkingTimeSettings, "holidayCountry" | "holidayRegion" | "holidayChoices">;
type RawHoliday = Omit<Holiday, "closed">;

const TYPES: HolidaysTypes.HolidayType[] = ["public", "bank", "optional", "school"];
const MAX_KEY_LENGTH = 80;

/**
 * Days firms commonly close on that date-holidays may not list for the country; each is
 * added only when the country has no rule of its own for it (date-holidays has NL's
 * 31 December, as a "bank" day named Oudejaarsavond, but not 24 December).
 */
const EXTRA_DAYS: Record<string, HolidaysTypes.HolidayRule[]> = {
  NL: [
    { rule: "12-24", name: { nl: "Kerstavond", en: "Christmas Eve" }, type: "optional" },
    { rule: "12-31", name: { nl: "Oudejaarsdag", en: "New Year's Eve" }, type: "optional" },
  ],
};

const SUBSTITUTE = { nl: "vervangende dag", en: "substitute day" } as const;

/** date-holidays is slow to set up: one instance per place, one holiday list per place and year. Pure memos. */
const calendars = new Map<string, Holidays | null>();
const yearCache = new Map<string, readonly RawHoliday[]>();
const MAX_CACHED_YEARS = 2000;

let directory: Holidays | undefined;
function holidayDirectory(): Holidays {
  directory ??= new Holidays();
  return directory;
}

function normalizeCountry(country: string): string {
  return country.trim().toUpperCase();
}

/** [state, region] from "BY", "BY-A" or "BY.A"; [] for none. */
function splitRegion(region: string | null | undefined): string[] {
  const trimmed = (region ?? "").trim().toUpperCase();
  return trimmed === "" ? [] : trimmed.split(/[.-]/);
}

function placeKey(country: string, region: string | null | undefined): string {
  return [normalizeCountry(country), ...splitRegion(region)].join("-");
}

export function isKnownHolidayCountry(country: string): boolean {
  const code = normalizeCountry(country);
  return code !== "" && Object.hasOwn(holidayDirectory().getCountries(), code);
}

/** True for no region; otherwise whether date-holidays knows the state (and region) of this country. */
export function isKnownHolidayRegion(country: string, region: string | null | undefined): boolean {
  const parts = splitRegion(region);
  if (parts.length === 0) return true;
  if (parts.length > 2 || !isKnownHolidayCountry(country)) return false;
  const [state, sub] = parts as [string, string | undefined];
  const states = holidayDirectory().getStates(normalizeCountry(country)) ?? {};
  if (!Object.hasOwn(states, state)) return false;
  if (sub === undefined) return true;
  return Object.hasOwn(holidayDirectory().getRegions(normalizeCountry(country), state) ?? {}, sub);
}

/** date-holidays' typings declare getRule/getRules as an opaque class (and getRule as never undefined). */
function ruleOf(calendar: Holidays, rule: string): HolidaysTypes.HolidayRule | undefined {
  return calendar.getRule(rule) as unknown as HolidaysTypes.HolidayRule | undefined;
}

function calendarFor(country: string, region: string | null | undefined): Holidays | null {
  const place = placeKey(country, region);
  const cached = calendars.get(place);
  if (cached !== undefined) return cached;
  let calendar: Holidays | null = null;
  if (isKnownHolidayCountry(country)) {
    calendar = new Holidays(place, { types: TYPES });
    for (const extra of EXTRA_DAYS[normalizeCountry(country)] ?? []) {
      // Copy: date-holidays writes into the object it is given.
      if (!ruleOf(calendar, extra.rule)) calendar.setHoliday(extra.rule, { ...extra, name: { ...(extra.name as object) } });
    }
  }
  calendars.set(place, calendar);
  return calendar;
}

function pickName(names: unknown, languages: readonly string[]): string | undefined {
  if (typeof names === "string") return names;
  if (typeof names !== "object" || names === null) return undefined;
  const record = names as Record<string, unknown>;
  for (const language of languages) {
    const name = record[language];
    if (typeof name === "string" && name !== "") return name;
  }
  return undefined;
}

export function holidayKey(englishName: string, rule = ""): string {
  const slug = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/['’`]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, MAX_KEY_LENGTH)
      .replace(/-+$/, "");
  return slug(englishName) || slug(rule) || "holiday";
}

function rawHolidays(country: string, region: string | null | undefined, year: number): readonly RawHoliday[] {
  const cacheKey = `${placeKey(country, region)}|${year}`;
  const cached = yearCache.get(cacheKey);
  if (cached) return cached;
  const calendar = calendarFor(country, region);
  const list: RawHoliday[] = [];
  if (calendar) {
    const languages = calendar.getLanguages();
    // No language argument: getHolidays(year, lang) unshifts `lang` into the instance's own language list.
    for (const found of calendar.getHolidays(year)) {
      const names = ruleOf(calendar, found.rule)?.name;
      const en = pickName(names, ["en", ...languages]) ?? found.name;
      const nl = pickName(names, ["nl", "en", ...languages]) ?? en;
      const date = found.date.slice(0, 10);
      const days = Math.max(1, daysBetweenInstants(found.start, found.end));
      const fullDay = found.date.slice(11, 19) === "00:00:00";
      list.push({
        key: holidayKey(en, found.rule),
        date,
        name: found.substitute ? { nl: `${nl} (${SUBSTITUTE.nl})`, en: `${en} (${SUBSTITUTE.en})` } : { nl, en },
        closedByDefault: found.type === "public" && fullDay,
        lastDate: addDays(date, days - 1),
      });
    }
  }
  if (yearCache.size >= MAX_CACHED_YEARS) yearCache.clear();
  const frozen = Object.freeze(list.map((holiday) => Object.freeze({ ...holiday, name: Object.freeze(holiday.name) })));
  yearCache.set(cacheKey, frozen);
  return frozen;
}

function isClosed(settings: HolidaySettings, holiday: RawHoliday): boolean {
  const choice = Object.hasOwn(settings.holidayChoices, holiday.key) ? settings.holidayChoices[holiday.key] : undefined;
  return typeof choice === "boolean" ? choice : holiday.closedByDefault;
}

/**
 * The holidays starting in `year` (by date), with the firm's choice. Empty for a
 * country date-holidays does not know (validateSettings reports it).
 */
export function holidaysFor(settings: HolidaySettings, year: number): Holiday[] {
  return rawHolidays(settings.holidayCountry, settings.holidayRegion, year).map((holiday) => ({
    ...holiday,
    name: { ...holiday.name },
    closed: isClosed(settings, holiday),
  }));
}

/** The local dates in `year` on which the firm is closed for a holiday (also the tail of one that began the year before). */
export function closedHolidayDates(settings: HolidaySettings, year: number): Set<string> {
  const dates = new Set<string>();
  const prefix = `${String(year).padStart(4, "0")}-`;
  for (const y of [year - 1, year]) {
    for (const holiday of rawHolidays(settings.holidayCountry, settings.holidayRegion, y)) {
      if (!isClosed(settings, holiday)) continue;
      for (let date = holiday.date; date <= holiday.lastDate; date = addDays(date, 1)) {
        if (date.startsWith(prefix)) dates.add(date);
      }
    }
  }
  return dates;
}

/**
 * The keys a firm can choose on, in date-holidays' order: every holiday rule of the
 * place that is still in force (rules that ended, "… prior to 2014", are left out).
 */
export function holidayChoiceKeys(country: string, region?: string | null): string[] {
  const calendar = calendarFor(country, region);
  if (!calendar) return [];
  const languages = calendar.getLanguages();
  const keys = new Set<string>();
  for (const rule of calendar.getRules() as unknown as HolidaysTypes.HolidayRule[]) {
    if (rule.type === undefined || !TYPES.includes(rule.type)) continue;
    if (/\bprior to\b/.test(rule.rule)) continue;
    const active = rule.active as HolidaysTypes.ActiveRange[] | undefined;
    if (active && active.length > 0 && active.every((range) => range.to !== undefined && range.to !== null)) continue;
    keys.add(holidayKey(pickName(rule.name, ["en", ...languages]) ?? rule.rule, rule.rule));
  }
  return [...keys];
}
