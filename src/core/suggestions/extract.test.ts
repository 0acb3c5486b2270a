import { afterEach, describe, expect, it } from "vitest";
import { SENTENCES } from "../../../bench/suggestions/sentences.ts";
import { DEFAULT_WORKING_TIME, type WorkingTimeSettings } from "../working-time.ts";
import { suggestCommitments } from "./extract.ts";
import { detectLanguage } from "./language.ts";
import { capText, MAX_TEXT_BYTES, splitSentences } from "./sentences.ts";

const amsterdam = DEFAULT_WORKING_TIME;
/** Monday 23 November 2026, 10:00 in Amsterdam. */
const monday = new Date("2026-11-23T10:00:00+01:00");
const suggest = (text: string, now = monday, settings: WorkingTimeSettings = amsterdam) => suggestCommitments(text, { now, settings });

describe("suggestions: exact answers for key sentences", () => {
  it.each([
    [
      "Ik stuur u vrijdag het plan van aanpak.",
      { title: "plan van aanpak sturen", dueAt: "2026-11-27T17:00:00+01:00", dueHasTime: false, kind: "deliverable" },
    ],
    ["We bellen u morgen terug.", { title: "terugbellen", dueAt: "2026-11-24T17:00:00+01:00", dueHasTime: false, kind: "callback" }],
    [
      "We'll call you back tomorrow before noon.",
      { title: "call back", dueAt: "2026-11-24T12:00:00+01:00", dueHasTime: true, kind: "callback" },
    ],
    [
      "binnen twee werkdagen ontvangt u de offerte",
      { title: "offerte sturen", dueAt: "2026-11-25T17:00:00+01:00", dueHasTime: false, kind: "deliverable" },
    ],
    [
      "voor het eind van de maand leveren wij het rapport op",
      { title: "rapport opleveren", dueAt: "2026-11-30T17:00:00+01:00", dueHasTime: false, kind: "deliverable" },
    ],
    [
      "I will send you the draft by Friday",
      { title: "send the draft", dueAt: "2026-11-27T17:00:00+01:00", dueHasTime: false, kind: "deliverable" },
    ],
    [
      "Ik neem binnen 4 werkuren contact met u op.",
      { title: "contact opnemen", dueAt: "2026-11-23T14:00:00+01:00", dueHasTime: true, kind: "callback" },
    ],
    ["Wij bellen u maandag om half tien.", { title: "bellen", dueAt: "2026-11-30T09:30:00+01:00", dueHasTime: true, kind: "callback" }],
    [
      "We will schedule a follow-up meeting for 2 December at 11:00.",
      { title: "schedule a follow-up meeting", dueAt: "2026-12-02T11:00:00+01:00", dueHasTime: true, kind: "meeting" },
    ],
    [
      "I'll forward the bank's reply as soon as I receive it.",
      { title: "forward the bank's reply", dueAt: null, dueHasTime: false, kind: "deliverable" },
    ],
  ] as const)("%s", (text, expected) => {
    expect(suggest(text)).toEqual([{ text, ...expected }]);
  });

  it.each([
    "Ik heb u gisteren het plan gestuurd.",
    "We sent the invoice last week.",
    "Kunt u mij het rapport sturen?",
    "Could you call me back?",
    "De klant wil graag vrijdag een voorstel.",
    "Wij sturen u geen nieuwe offerte meer.",
    "If you send us the receipts by Thursday, we can file on time.",
    "Wir schicken Ihnen am Freitag den Bericht.",
    "Nous vous enverrons le rapport vendredi.",
    "Vielen Dank für Ihre E-Mail.",
    "",
    "   \n\n  ",
  ])("no suggestion: %j", (text) => {
    expect(suggest(text)).toEqual([]);
  });
});

describe("suggestions: working time, zones and the clock", () => {
  it("counts working days past public holidays: two working days from 23 December is Monday 28 December", () => {
    const [found] = suggest("Binnen twee werkdagen ontvangt u de offerte.", new Date("2026-12-23T10:00:00+01:00"));
    expect(found?.dueAt).toBe("2026-12-28T17:00:00+01:00");
  });

  it("gives summer time its own offset: over Easter Monday and the switch to CEST", () => {
    // Friday 26 March 2027; Monday 29 March is Easter Monday (closed); summer time starts on Sunday 28 March.
    const [found] = suggest("Binnen twee werkdagen ontvangt u de offerte.", new Date("2027-03-26T10:00:00+01:00"));
    expect(found?.dueAt).toBe("2027-03-31T17:00:00+02:00");
  });

  it("ends the month on its last working day: Saturday 31 October 2026 → Friday 30 October", () => {
    const [found] = suggest("We will deliver the final report by the end of the month.", new Date("2026-10-05T10:00:00+02:00"));
    expect(found?.dueAt).toBe("2026-10-30T17:00:00+01:00");
  });

  it("carries working hours over to the next morning", () => {
    const [found] = suggest("Ik neem binnen 4 werkuren contact met u op.", new Date("2026-11-23T15:30:00+01:00"));
    expect(found?.dueAt).toBe("2026-11-24T11:30:00+01:00");
  });

  it("moves a date that is not a working day to the end of the next one", () => {
    const [found] = suggest("I'll call you tomorrow.", new Date("2026-11-27T10:00:00+01:00")); // Friday → Saturday → Monday
    expect(found).toMatchObject({ dueAt: "2026-11-30T17:00:00+01:00", dueHasTime: false });
  });

  it("reads times in the organization's zone, with its offset", () => {
    const newYork: WorkingTimeSettings = { ...amsterdam, timeZone: "America/New_York", holidayCountry: "US" };
    const now = new Date("2026-11-23T10:00:00-05:00");
    expect(suggest("We'll call you back tomorrow before noon.", now, newYork)[0]?.dueAt).toBe("2026-11-24T12:00:00-05:00");
    expect(suggest("Ik stuur u vrijdag het plan van aanpak.", now, newYork)[0]?.dueAt).toBe("2026-11-27T17:00:00-05:00");
  });

  it("uses the zone's date, not UTC's: late on Monday evening in Tokyo 'tomorrow' is Tuesday there", () => {
    const tokyo: WorkingTimeSettings = { ...amsterdam, timeZone: "Asia/Tokyo", holidayCountry: "JP" };
    const now = new Date("2026-11-24T08:30:00+09:00"); // still Monday 23:30 UTC
    expect(suggest("I'll call you tomorrow at 10am.", now, tokyo)[0]?.dueAt).toBe("2026-11-25T10:00:00+09:00");
  });

  describe("whatever the machine's time zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it("gives the same answers in UTC, Kiribati (+14) and Los Angeles (−8)", () => {
      const run = () => SENTENCES.map((s) => JSON.stringify(suggest(s.text)));
      process.env.TZ = "UTC";
      const utc = run();
      for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
        process.env.TZ = zone;
        expect(run()).toEqual(utc);
      }
    });
  });

  it("refuses a time zone that does not exist", () => {
    expect(() => suggest("Ik bel u morgen.", monday, { ...amsterdam, timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });

  it("obeys the language it is given", () => {
    const text = "We bellen u morgen terug.";
    expect(suggestCommitments(text, { now: monday, settings: amsterdam, language: "en" })).toEqual([]);
    expect(suggestCommitments(text, { now: monday, settings: amsterdam, language: "nl" })).toHaveLength(1);
  });
});

describe("suggestions: whole texts", () => {
  it("finds the promises of an e-mail with bullets, in both languages, and nothing else", () => {
    const mail = [
      "Hoi Jan,",
      "",
      "Bedankt voor het gesprek van vanochtend. Zoals besproken:",
      "- Ik stuur u vrijdag het plan van aanpak.",
      "- Kunt u mij de jaarcijfers sturen?",
      "• We bellen u dinsdag om 10 uur.",
      "We sent the invoice last week. I will send you the draft by Friday.",
      "Wir schicken Ihnen am Freitag den Bericht.",
      "",
      "Met vriendelijke groet,",
      "Sanne",
    ].join("\n");
    expect(suggest(mail).map((s) => [s.text, s.dueAt])).toEqual([
      ["Ik stuur u vrijdag het plan van aanpak.", "2026-11-27T17:00:00+01:00"],
      ["We bellen u dinsdag om 10 uur.", "2026-11-24T10:00:00+01:00"],
      ["I will send you the draft by Friday.", "2026-11-27T17:00:00+01:00"],
    ]);
  });

  it("splits sentences, keeping abbreviations, times and wrapped lines together", () => {
    expect(
      splitSentences(
        "Dhr. Jansen belt om 15.30 uur. Ik stuur u\nmorgen de stukken, z.s.m. na ontvangst! Klaar?\n1. Eerste punt\n2) Tweede punt\n* derde",
      ),
    ).toEqual([
      "Dhr. Jansen belt om 15.30 uur.",
      "Ik stuur u morgen de stukken, z.s.m. na ontvangst!",
      "Klaar?",
      "Eerste punt",
      "Tweede punt",
      "derde",
    ]);
  });

  it("reads e-mail pasted as HTML source", () => {
    const html = "<div><p>Beste Jan,</p><p>We&#39;ll call you back tomorrow before&nbsp;noon.</p><br><b>Groet</b></div>";
    expect(suggest(html).map((s) => [s.text, s.dueAt])).toEqual([
      ["We'll call you back tomorrow before noon.", "2026-11-24T12:00:00+01:00"],
    ]);
  });

  it("stays fast on text without punctuation or built to be slow", () => {
    for (const text of [
      "ik stuur u vrijdag het plan van aanpak en ".repeat(2500),
      "our our our our our our will ".repeat(3500),
      "we will send, ".repeat(7000),
      "collega collega collega belt ".repeat(3500),
      "a".repeat(100_000),
    ]) {
      const started = performance.now();
      suggest(text);
      expect(performance.now() - started, text.slice(0, 40)).toBeLessThan(10_000);
    }
    expect(splitSentences("woord ".repeat(1000)).every((sentence) => sentence.length <= 600)).toBe(true);
  });

  it("detects the language of each sentence", () => {
    expect(detectLanguage("Ik stuur u vrijdag het plan van aanpak.")).toBe("nl");
    expect(detectLanguage("I will send you the draft by Friday.")).toBe("en");
    expect(detectLanguage("Ich rufe Sie morgen zurück.")).toBe("de");
    expect(detectLanguage("Je vous rappelle demain avant midi.")).toBe("fr");
    expect(detectLanguage("OK!")).toBe("unknown");
  });

  it("reads at most 100 KB of text, cut at a character and sentence boundary", () => {
    const sentence = "Ik stuur u vrijdag het plan van aanpak. ";
    const long = sentence.repeat(Math.ceil((MAX_TEXT_BYTES * 1.5) / sentence.length));
    const capped = capText(long);
    expect(capped.truncated).toBe(true);
    expect(new TextEncoder().encode(capped.text).length).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    expect(capped.text.endsWith(".")).toBe(true);
    expect(capText("kort").truncated).toBe(false);
    // Multi-byte characters are never cut in half.
    const emoji = capText("🙂".repeat(MAX_TEXT_BYTES));
    expect(emoji.text.length % 2).toBe(0);
    expect(new TextEncoder().encode(emoji.text).length).toBeLessThanOrEqual(MAX_TEXT_BYTES);
  });

  it("handles 100 KB of text in well under a few seconds", () => {
    const text = SENTENCES.map((s) => s.text).join("\n");
    let long = "";
    while (long.length < MAX_TEXT_BYTES) long += `${text}\n`;
    const started = performance.now();
    const found = suggest(long);
    expect(found.length).toBeGreaterThan(100);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
