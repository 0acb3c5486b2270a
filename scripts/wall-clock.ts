/**
 * Time in src/ comes from the injected clock (`deps.clock.now()`), so tests and the
 * demo can fix it. These are the places allowed to read the wall clock: the clock
 * itself and the command-line shell that hands `systemClock` in. Tests (`*.test.ts`)
 * may measure elapsed real time and are not scanned.
 */
export const WALL_CLOCK_ALLOWED = ["src/shared/clock.ts", "src/cli/"];

const READS: { pattern: RegExp; what: string }[] = [
  { pattern: /\bnew\s+Date\s*\(\s*\)/, what: "new Date()" },
  { pattern: /\bnew\s+Date\b(?!\s*\()/, what: "new Date" },
  { pattern: /\bDate\s*\.\s*now\b/, what: "Date.now()" },
  { pattern: /(?<![\w$.]|\bnew\s+)Date\s*\(/, what: "Date()" },
];

export type WallClockRead = { file: string; line: number; what: string };

/** Where a source file reads the wall clock; comment lines are left out. */
export function wallClockReads(file: string, source: string): WallClockRead[] {
  return source.split("\n").flatMap((text, index) => {
    const trimmed = text.trim();
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) return [];
    return READS.filter((read) => read.pattern.test(text)).map((read) => ({ file, line: index + 1, what: read.what }));
  });
}

export function mayReadWallClock(file: string): boolean {
  return (
    /\.test\.tsx?$/.test(file) ||
    WALL_CLOCK_ALLOWED.some((allowed) => (allowed.endsWith("/") ? file.startsWith(allowed) : file === allowed))
  );
}
