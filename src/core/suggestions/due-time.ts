import * as chrono from "chrono-node";
import { addDays, dateFrom, isoInZone, lastDayOfMonth, offsetMinutesIn } from "../dates.ts";
import {
  addWorkingDays,
  addWorkingHours,
  endOfWorkingDay,
  isWorkingDay,
  localDateOf,
  type WorkingTimeSettings,
  weekdayOf,
  zonedTime,
} from "../working-time.ts";
import { type Language, MONTHS, NUMBER_PATTERN, numberValue, WEEKDAY_WORDS } from "./lexicon.ts";

/**
 * When is a promise due? Parses the due time of one sentence in the firm's time
 * zone relative to `now`:
 *
 * 1. Working-time phrases chrono does not know, found first:
 *    - "binnen N werkdagen", "within N working/business days" → addWorkingDays: closing time of the N-th working day;
 *    - "binnen N werkuren", "within N working/business hours" → addWorkingHours from now (a time);
 *    - "eind van de maand", "end of the month", "eind november" → closing time of the month's last working day;
 *    - "eind van het jaar", "end of the year" → the year's last working day;
 *    - "eind van de week", "deze week", "(later) this week" → the week's last working day (Monday–Sunday weeks);
 *    - "volgende week", "next week" (not next to a weekday) → next week's last working day; "begin volgende
 *      week", "early next week" → its first working day;
 *    - "overmorgen", "the 30th", "na de lunch", "right after this call", "end of day", "close of business".
 * 2. chrono-node (nl or en, casual) for everything else: weekdays, dates, "morgen", "tomorrow at 9",
 *    "in two weeks", "in an hour". A bare weekday that names today means next week's ("maandag" said
 *    on a Monday); an hour from 1 to 7 without am/pm is in the afternoon (business hours).
 * 3. Times: "voor twaalf uur", "before noon" → 12:00; Dutch "om drie uur", "om half tien", "om kwart over
 *    tien", "tussen 9 en 10 uur" / "between 9 and 10" (a range is due at its end); else chrono's time.
 *
 * A date without a time is due at the END of that working day (endOfWorkingDay: the next working day's
 * closing time when the date is not a working day) and `hasTime` is false. Dates and times are wall-clock
 * times in `settings.timeZone`, never the machine's.
 */

export type DueContext = {
  now: Date;
  settings: WorkingTimeSettings;
  /** Today's local date in the firm's zone. */
  today: string;
  /** The zone's offset from UTC at `now`, in minutes (chrono's reference). */
  offsetMinutes: number;
  /** Answers of the working-time rules already computed for these settings and this `now`. */
  memo: Map<string, unknown>;
};

export type ParsedDue = {
  at: Date | null;
  hasTime: boolean;
  /** [start, end) of the words that said when, in the sentence: left out of the title. */
  spans: [number, number][];
};

/**
 * The working-time rules compute holidays and zone offsets afresh on every call; the
 * same few dates come up again and again in a text (and across the texts of one `now`),
 * so their answers are kept per settings object and `now`, a bounded number of them.
 */
const contexts = new WeakMap<WorkingTimeSettings, DueContext>();
const MEMO_LIMIT = 5_000;

export function dueContext(now: Date, settings: WorkingTimeSettings): DueContext {
  const known = contexts.get(settings);
  if (known && known.now.getTime() === now.getTime()) return known;
  const context = {
    now,
    settings,
    today: localDateOf(settings, now),
    offsetMinutes: offsetMinutesIn(settings.timeZone, now),
    memo: new Map<string, unknown>(),
  };
  contexts.set(settings, context);
  return context;
}

function remember<T>(ctx: DueContext, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  if (ctx.memo.size >= MEMO_LIMIT) ctx.memo.clear();
  ctx.memo.set(key, value);
  return value;
}

const workingDay = (ctx: DueContext, date: string) => remember(ctx, `w${date}`, () => isWorkingDay(ctx.settings, date));
const endOfDay = (ctx: DueContext, date: string) => remember(ctx, `e${date}`, () => endOfWorkingDay(ctx.settings, date));
const zoned = (ctx: DueContext, date: string, time: string) =>
  remember(ctx, `z${date}${time}`, () => zonedTime(ctx.settings.timeZone, date, time));

// ---------------------------------------------------------------------------
// Dates and zones

/** The last working day on or before `date` (searching back to `notBefore`), else `date` itself. */
function lastWorkingDayOnOrBefore(ctx: DueContext, date: string, notBefore: string): string {
  for (let day = date; day >= notBefore; day = addDays(day, -1)) {
    if (workingDay(ctx, day)) return day;
  }
  return date;
}

// ---------------------------------------------------------------------------
// Phrases chrono does not know

type Found = { index: number; length: number };
type DateFound = Found & { date: string };
type InstantFound = Found & { at: Date; hasTime: boolean };
type TimeFound = Found & { time: string };

const WEEKDAY = `(?:${WEEKDAY_WORDS.join("|")})`;
const WEEKDAY_NEAR = new RegExp(`${WEEKDAY}\\s*$|^\\s*(?:on\\s+|op\\s+)?${WEEKDAY}\\b`);

const WORKING_DAYS = new RegExp(`\\b(${NUMBER_PATTERN})\\s+(?:werkdag(?:en)?|(?:working|business|work)\\s+days?)\\b`, "g");
const WORKING_HOURS = new RegExp(
  `\\b(${NUMBER_PATTERN})\\s+(?:werkuur|werkuren|kantooruren|(?:working|business|office|work)\\s+hours?)\\b`,
  "g",
);
const MONTH_NAMES = Object.keys(MONTHS).join("|");
const END_OF_MONTH = new RegExp(
  `\\b(?:(?:het\\s+|the\\s+)?(?:eind|einde|end)\\s+(?:van\\s+|of\\s+)?(?:(?:de|deze|the|this)\\s+)?(maand|month|(?:${MONTH_NAMES}))|maandeinde|month[- ]end)\\b`,
  "g",
);
const END_OF_NEXT_MONTH = /\b(?:het\s+|the\s+)?(?:eind|einde|end)\s+(?:van\s+|of\s+)?(?:volgende|komende|next)\s+(?:maand|month)\b/g;
const END_OF_YEAR =
  /\b(?:(?:het\s+|the\s+)?(?:eind|einde|end)\s+(?:van\s+|of\s+)?(?:het\s+|dit\s+|the\s+|this\s+)?(?:jaar|year)|jaareinde|year[- ]end)\b/g;
const END_OF_WEEK =
  /\b(?:(?:het\s+|the\s+)?(?:eind|einde|end)\s+(?:van\s+|of\s+)?(?:de|deze|the|this)\s+week|(?:later\s+|in\s+de\s+loop\s+van\s+)?(?:deze|this)\s+week|(?:in\s+)?de\s+loop\s+van\s+de\s+week|(?:het|the)\s+weekend)\b/g;
const NEXT_WEEK = /\b(begin\s+|start\s+(?:of\s+)?|early\s+|eind\s+|einde\s+|end\s+of\s+)?(?:volgende|komende|next|the\s+coming)\s+week\b/g;
const OVERMORGEN = /\bovermorgen\b/g;
/** "donderdagmiddag", "vrijdagochtend": one word in Dutch, which chrono does not read. */
const NL_WEEKDAY_PART = /\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:ochtend|morgen|middag|namiddag|avond)\b/g;
const NL_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
/** "within ten working days of receiving the data", "binnen 5 werkdagen na ontvangst": counted from something yet to happen. */
const FROM_LATER_EVENT =
  /^\s*(?:of|after|from|following|upon|na|nadat|vanaf|vanaf het moment)\s+(?:receiving|receipt|(?:we|i)\s+(?:receive|get|have)|your|approval|signing|signature|the\s+(?:signed|receipt|approval|final)|ontvangst|goedkeuring|ondertekening|akkoord|uw|wij|we|ik|het\s+(?:ontvangen|akkoord))/;
const DAY_OF_MONTH = new RegExp(`\\b(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?(?:${MONTH_NAMES}))`, "g");
const TODAY_VAGUE =
  /\b(?:na\s+de\s+lunch|straks|zo\s+meteen|direct\s+na\s+(?:dit|ons|het)\s+(?:gesprek|overleg)|na\s+(?:dit|ons)\s+(?:gesprek|overleg)|(?:aan\s+het\s+)?eind\s+van\s+de\s+dag|after\s+lunch|later\s+today|(?:right\s+)?after\s+(?:this|our|the)\s+(?:call|meeting)|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|business|play)|close\s+of\s+business|eod|eop|cob)\b/g;

const NOON =
  /\b(?:(?:voor|vóór|uiterlijk|om|rond)\s+(?:twaalf|12)(?:[.:]00)?\s*uur|(?:voor|vóór)\s+12[.:]00|voor\s+(?:de\s+middag|het\s+middaguur)|(?:before|by|at|until|around)\s+(?:noon|midday|12(?::00)?\s*(?:pm|noon))|noon|midday)\b/g;
const NL_HOUR_WORD = "(?:\\d{1,2}|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)";
const NL_CLOCK = new RegExp(
  `\\b(?:om|rond|omstreeks|voor|vóór|uiterlijk)\\s+(?:(half|kwart\\s+over|kwart\\s+voor)\\s+(${NL_HOUR_WORD})(?:\\s*uur)?|(\\d{1,2})[.:](\\d{2})(?:\\s*uur)?|(${NL_HOUR_WORD})\\s*uur|(\\d{1,2})(?![\\d.:]))`,
  "g",
);
const RANGE = new RegExp(
  `\\b(?:tussen|between)\\s+(${NL_HOUR_WORD}|\\d{1,2})(?:[.:](\\d{2}))?\\s*(?:am|pm|uur)?\\s+(?:en|and)\\s+(${NL_HOUR_WORD}|\\d{1,2})(?:[.:](\\d{2}))?\\s*(am|pm|uur)?`,
  "g",
);

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) yield match;
}

/** 1–7 o'clock without am/pm is in the afternoon: nobody promises a call at 3 in the night. */
function businessHour(hour: number): number {
  return hour >= 1 && hour <= 7 ? hour + 12 : hour;
}

function clock(hour: number, minute: number): string | null {
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function endOfWeekFrom(ctx: DueContext, weekOffset: number, first = false): string {
  const monday = addDays(ctx.today, 1 - weekdayOf(ctx.today) + 7 * weekOffset);
  const sunday = addDays(monday, 6);
  if (first) {
    for (let day = monday; day <= sunday; day = addDays(day, 1)) if (workingDay(ctx, day)) return day;
    return monday;
  }
  return lastWorkingDayOnOrBefore(ctx, sunday, monday);
}

function findInstants(text: string, ctx: DueContext): InstantFound[] {
  const found: InstantFound[] = [];
  for (const m of matches(WORKING_DAYS, text)) {
    const n = numberValue(m[1] ?? "");
    if (n !== null && n <= 365) {
      found.push({
        index: m.index,
        length: m[0].length,
        at: remember(ctx, `d${n}`, () => addWorkingDays(ctx.settings, ctx.now, n)),
        hasTime: false,
      });
    }
  }
  for (const m of matches(WORKING_HOURS, text)) {
    const n = numberValue(m[1] ?? "");
    if (n !== null && n <= 2000) {
      found.push({
        index: m.index,
        length: m[0].length,
        at: remember(ctx, `h${n}`, () => addWorkingHours(ctx.settings, ctx.now, n)),
        hasTime: true,
      });
    }
  }
  return found;
}

function findDates(text: string, ctx: DueContext): { strong: DateFound[]; weak: DateFound[] } {
  const strong: DateFound[] = [];
  const weak: DateFound[] = [];
  const year = Number(ctx.today.slice(0, 4));
  const month = Number(ctx.today.slice(5, 7));
  const lastWorkingDayOfMonth = (y: number, m: number) => lastWorkingDayOnOrBefore(ctx, lastDayOfMonth(y, m), dateFrom(y, m, 1));

  for (const m of matches(END_OF_NEXT_MONTH, text)) {
    const next = month === 12 ? [year + 1, 1] : [year, month + 1];
    strong.push({ index: m.index, length: m[0].length, date: lastWorkingDayOfMonth(next[0] as number, next[1] as number) });
  }
  for (const m of matches(END_OF_MONTH, text)) {
    const named = m[1] ? MONTHS[m[1]] : undefined;
    const target = named ?? month;
    const targetYear = target < month ? year + 1 : year;
    strong.push({ index: m.index, length: m[0].length, date: lastWorkingDayOfMonth(targetYear, target) });
  }
  for (const m of matches(END_OF_YEAR, text)) {
    strong.push({
      index: m.index,
      length: m[0].length,
      date: lastWorkingDayOnOrBefore(ctx, `${year}-12-31`, `${year}-12-01`),
    });
  }
  for (const m of matches(END_OF_WEEK, text)) {
    let date = endOfWeekFrom(ctx, 0);
    if (date < ctx.today) date = endOfWeekFrom(ctx, 1);
    strong.push({ index: m.index, length: m[0].length, date });
  }
  for (const m of matches(NEXT_WEEK, text)) {
    // "volgende week vrijdag", "Friday next week": a weekday makes it a day, which chrono knows.
    if (WEEKDAY_NEAR.test(text.slice(Math.max(0, m.index - 12), m.index)) || WEEKDAY_NEAR.test(text.slice(m.index + m[0].length))) {
      continue;
    }
    const early = /^(begin|start|early)/.test(m[1] ?? "");
    strong.push({ index: m.index, length: m[0].length, date: endOfWeekFrom(ctx, 1, early) });
  }
  for (const m of matches(OVERMORGEN, text)) strong.push({ index: m.index, length: m[0].length, date: addDays(ctx.today, 2) });
  for (const m of matches(NL_WEEKDAY_PART, text)) {
    // Said on that weekday itself, it means today (later in the day); otherwise the next one.
    const ahead = (NL_WEEKDAYS.indexOf(m[1] ?? "") + 1 - weekdayOf(ctx.today) + 7) % 7;
    strong.push({ index: m.index, length: m[0].length, date: addDays(ctx.today, ahead) });
  }
  for (const m of matches(DAY_OF_MONTH, text)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    let [y, mo] = [year, month];
    if (day < Number(ctx.today.slice(8, 10))) [y, mo] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const date = dateFrom(y, mo, day);
    if (date <= lastDayOfMonth(y, mo)) strong.push({ index: m.index, length: m[0].length, date });
  }
  for (const m of matches(TODAY_VAGUE, text)) weak.push({ index: m.index, length: m[0].length, date: ctx.today });
  return { strong, weak };
}

function hourValue(word: string): number | null {
  const value = numberValue(word);
  return value !== null && value >= 0 && value <= 24 ? value : null;
}

function findTimes(text: string, language: Language): TimeFound[] {
  const found: TimeFound[] = [];
  for (const m of matches(NOON, text)) found.push({ index: m.index, length: m[0].length, time: "12:00" });
  for (const m of matches(RANGE, text)) {
    const hour = hourValue(m[3] ?? "");
    if (hour === null) continue;
    const meridiem = m[5];
    const h = meridiem === "pm" && hour < 12 ? hour + 12 : meridiem === "am" ? hour : businessHour(hour);
    const time = clock(h, Number(m[4] ?? 0));
    if (time) found.push({ index: m.index, length: m[0].length, time });
  }
  if (language === "nl") {
    for (const m of matches(NL_CLOCK, text)) {
      let time: string | null = null;
      if (m[1] && m[2]) {
        const hour = hourValue(m[2]);
        if (hour === null) continue;
        const h = businessHour(hour);
        time = m[1] === "half" ? clock(h - 1, 30) : m[1].startsWith("kwart over") ? clock(h, 15) : clock(h - 1, 45);
      } else if (m[3] && m[4]) {
        time = clock(businessHour(Number(m[3])), Number(m[4]));
      } else if (m[5]) {
        const hour = hourValue(m[5]);
        if (hour !== null) time = clock(businessHour(hour), 0);
      } else if (m[6] && /^(om|rond|omstreeks)/.test(m[0])) {
        time = clock(businessHour(Number(m[6])), 0);
      }
      if (time) found.push({ index: m.index, length: m[0].length, time });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

// ---------------------------------------------------------------------------
// chrono

/** Words chrono reads as a date but that are not one here: "the minutes" (of a meeting), a month alone ("Jan" is a name). */
const NOT_A_DATE =
  /^(?:the\s+|a\s+|de\s+|het\s+)?(?:minutes?|seconds?|hours?|days?|weeks?|months?|years?|uur|minuut|minuten|dag|week|maand|jaar)$/i;
const TODAY_WORD = /\b(?:today|vandaag|this|deze)\b/i;

/** chrono is the slow part: only sentences with a digit or a word of time go through it. */
const MAY_HAVE_DATE = new RegExp(
  `\\d|\\b(?:${[
    ...WEEKDAY_WORDS,
    ...Object.keys(MONTHS),
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|okt|nov|dec",
    "vandaag|morgen|gisteren|vanavond|vanmiddag|vanochtend|vannacht|middag|ochtend|avond|nacht|week|weken|maand|maanden|jaar|uur|uren|minuut|minuten|dag|dagen|nu|straks|binnenkort",
    "today|tomorrow|tonight|yesterday|morning|afternoon|evening|night|noon|midday|midnight|weeks?|months?|years?|hours?|minutes?|days?|now|weekend|fortnight",
  ].join("|")})`,
);

type ChronoFound = Found & { date: string | null; time: string | null; instant: Date | null };

function parseWithChrono(text: string, language: Language, ctx: DueContext): ChronoFound[] {
  const parser = language === "nl" ? chrono.nl : chrono.en;
  const results = parser.parse(text, { instant: ctx.now, timezone: ctx.offsetMinutes }, { forwardDate: true });
  const found: ChronoFound[] = [];
  for (const result of results) {
    const words = result.text.trim();
    if (NOT_A_DATE.test(words)) continue;
    const start = result.start;
    const tags = result.tags();
    const onlyMonth = !start.isCertain("day") && !start.isCertain("weekday") && !start.isCertain("hour") && start.isCertain("month");
    if (onlyMonth) continue;
    const base = { index: result.index, length: result.text.length };
    if (tags.has("result/relativeDateAndTime")) {
      // "in an hour", "within 24 hours": a real duration from now.
      found.push({ ...base, date: null, time: null, instant: result.date() });
      continue;
    }
    const year = start.get("year");
    const month = start.get("month");
    const day = start.get("day");
    let date = year && month && day ? dateFrom(year, month, day) : null;
    const hasDate =
      start.isCertain("day") ||
      start.isCertain("weekday") ||
      tags.has("result/relativeDate") ||
      [...tags].some((tag) => tag.startsWith("casualReference/")) ||
      !start.isCertain("hour");
    if (date && start.isCertain("weekday") && !start.isCertain("day") && date === ctx.today && !TODAY_WORD.test(words)) {
      date = addDays(date, 7); // "maandag" said on a Monday: next Monday
    }
    let time: string | null = null;
    const timeOf = result.end?.isCertain("hour") ? result.end : start;
    if (timeOf.isCertain("hour")) {
      const hour = timeOf.get("hour") ?? 0;
      time = clock(timeOf.isCertain("meridiem") ? hour : businessHour(hour), timeOf.get("minute") ?? 0);
    }
    found.push({ ...base, date: hasDate ? date : null, time, instant: null });
  }
  return found;
}

// ---------------------------------------------------------------------------

/**
 * The due time of one sentence. `text` is the sentence in lower case with typographic
 * apostrophes made plain (the same length as the original, so spans point into both).
 */
export function parseDue(text: string, language: Language, ctx: DueContext): ParsedDue {
  const spans: [number, number][] = [];
  const note = (found: Found) => spans.push([found.index, found.index + found.length]);

  const laterEvent = (found: Found) => FROM_LATER_EVENT.test(text.slice(found.index + found.length, found.index + found.length + 40));
  const instants = findInstants(text, ctx).filter((found) => !laterEvent(found));
  const dates = findDates(text, ctx);
  const times = findTimes(text, language);
  for (const found of [...instants, ...dates.strong, ...dates.weak, ...times]) note(found);

  // chrono reads the whole sentence; what it finds inside a phrase found above ("the week" of "end of the week") is left out.
  const ours = [...instants, ...dates.strong, ...dates.weak, ...times];
  const inside = (found: Found) => ours.some((own) => found.index >= own.index && found.index + found.length <= own.index + own.length);
  const fromChrono = (MAY_HAVE_DATE.test(text) ? parseWithChrono(text, language, ctx) : []).filter(
    (found) => !inside(found) && !(found.instant && laterEvent(found)),
  );
  for (const found of fromChrono) note(found);

  const firstInstant = instants[0];
  if (firstInstant) return { at: firstInstant.at, hasTime: firstInstant.hasTime, spans };
  const chronoInstant = fromChrono.find((found) => found.instant);
  if (chronoInstant?.instant) return { at: chronoInstant.instant, hasTime: true, spans };

  const chronoDate = fromChrono.find((found) => found.date)?.date ?? null;
  const date = chronoDate ?? dates.strong[0]?.date ?? dates.weak[0]?.date ?? null;
  const time = times[0]?.time ?? fromChrono.find((found) => found.time)?.time ?? null;

  if (date && time) return { at: zoned(ctx, date, time), hasTime: true, spans };
  if (date) return { at: endOfDay(ctx, date), hasTime: false, spans };
  if (time) {
    // A time alone: today, or tomorrow when that time has passed.
    const today = zoned(ctx, ctx.today, time);
    return { at: today > ctx.now ? today : zoned(ctx, addDays(ctx.today, 1), time), hasTime: true, spans };
  }
  return { at: null, hasTime: false, spans };
}

/** isoInZone in the context's zone, remembered. */
export function isoAt(ctx: DueContext, at: Date): string {
  return remember(ctx, `i${at.getTime()}`, () => isoInZone(ctx.settings.timeZone, at));
}
