import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Calendar dates and time zones go through src/core/dates.ts (the Temporal
 * polyfill), so the hand-written helpers it replaced do not come back: day
 * arithmetic in milliseconds, reading zones from Intl's parts or the machine's
 * offset, and ISO dates cut from a UTC timestamp. Intl.DateTimeFormat().format
 * for what people read stays where it is: that is display, not arithmetic.
 */
const PATTERNS: { what: string; pattern: RegExp }[] = [
  { what: "a day in milliseconds", pattern: /(?<![\w.])(?:86_?400_?000|864e5|8\.64e7)(?![\w.])/ },
  { what: "getTimezoneOffset", pattern: /\bgetTimezoneOffset\b/ },
  { what: "formatToParts", pattern: /\.formatToParts\b/ },
  {
    what: "a date cut from toISOString",
    pattern: /\.toISOString\(\)\s*\.\s*(?:(?:slice|substring|substr)\(\s*0\s*,\s*10\s*\)|split\(\s*["'`]T["'`]\s*\))/,
  },
];

/** Where one of them may stay, and why. Keep it short: the answer is nearly always dates.ts. */
const ALLOWED: { file: string; what: string; why: string }[] = [
  { file: "src/core/dates.ts", what: "*", why: "the one module" },
  { file: "scripts/dates-in-one-place.test.ts", what: "*", why: "its own examples" },
  {
    file: "src/core/working-time.closed-form.test.ts",
    what: "*",
    why: "its reference walk steps through dates without the code under test, to hold the closed form to it",
  },
  { file: "src/core/holidays.test.ts", what: "*", why: "checks holidays of several days by arithmetic of its own" },
  {
    file: "src/modules/calendar/calendar.test.ts",
    what: "formatToParts",
    why: "reads the wall clock as a calendar app in the viewer's zone shows it, independently of the feed",
  },
  {
    file: "test/browser/commitments.browser.test.ts",
    what: "formatToParts",
    why: "the wall clock the page shows, read from Intl independently of the app",
  },
  {
    file: "src/modules/notifications/notifications.templates.ts",
    what: "formatToParts",
    why: 'picks the zone\'s short name ("CET") to show in an e-mail: display, not parsing',
  },
];

type Finding = { file: string; line: number; what: string };

/** Where a source file uses one of the patterns; comment lines are left out. */
function findings(file: string, source: string): Finding[] {
  return source.split("\n").flatMap((text, index) => {
    const trimmed = text.trim();
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) return [];
    return PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ what }) => ({ file, line: index + 1, what }));
  });
}

const allowed = (finding: Finding) =>
  ALLOWED.some((entry) => entry.file === finding.file && (entry.what === "*" || entry.what === finding.what));

const root = path.resolve(import.meta.dirname, "..");
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(relative);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [relative] : [];
  });
}

describe("dates and time zones in one place", () => {
  it.each([
    ["const DAY_MS = 86_400_000;", ["a day in milliseconds"]],
    ["const later = new Date(at.getTime() + 3 * 86400000);", ["a day in milliseconds"]],
    ["const days = ms / 864e5;", ["a day in milliseconds"]],
    ["const offset = new Date().getTimezoneOffset();", ["getTimezoneOffset"]],
    ["for (const part of format.formatToParts(at)) {", ["formatToParts"]],
    ["const today = now.toISOString().slice(0, 10);", ["a date cut from toISOString"]],
    ['const today = now.toISOString().split("T")[0];', ["a date cut from toISOString"]],
    ["const id = 186_400_0001;", []],
    ["const stamp = now.toISOString();", []],
    ["const text = new Intl.DateTimeFormat(locale, { timeZone }).format(at);", []],
    ["const next = addDays(today, 1);", []],
    ["  // 86_400_000 ms in a day, in a comment", []],
    ["   * formatToParts in a doc comment", []],
  ])("%s", (line, expected) => {
    expect(findings("src/x.ts", line).map((finding) => finding.what)).toEqual(expected);
  });

  it("nothing outside src/core/dates.ts does day arithmetic in ms, reads zones from Intl's parts or cuts dates from toISOString", () => {
    const found = ["src", "web/src", "scripts", "test", "bench"]
      .flatMap(sourceFiles)
      .flatMap((file) => findings(file, readFileSync(path.join(root, file), "utf8")))
      .filter((finding) => !allowed(finding))
      .map((finding) => `${finding.file}:${finding.line} ${finding.what} (use src/core/dates.ts)`);
    expect(found).toEqual([]);
  });

  it("allows nothing it no longer needs to", () => {
    const files = ["src", "web/src", "scripts", "test", "bench"].flatMap(sourceFiles);
    const unused = ALLOWED.filter(
      (entry) =>
        !files.includes(entry.file) ||
        !findings(entry.file, readFileSync(path.join(root, entry.file), "utf8")).some(
          (finding) => entry.what === "*" || entry.what === finding.what,
        ),
    ).map((entry) => entry.file);
    expect(unused).toEqual([]);
  });
});
