import { existsSync } from "node:fs";

/**
 * Moments that used to break date-dependent code: weekends, evenings, the
 * last day of the year, the nights the clocks change. Times are UTC, as
 * libfaketime reads them (Amsterdam is UTC+1 in winter, UTC+2 in summer).
 */
export const MOMENTS = [
  { label: "a Tuesday morning", at: "2026-12-08 08:10:00" },
  { label: "a Friday evening", at: "2026-12-11 18:45:00" },
  { label: "a Sunday", at: "2026-12-13 13:00:00" },
  { label: "31 December", at: "2026-12-31 15:30:00" },
  { label: "the night summer time starts", at: "2027-03-28 00:45:00" },
] as const;

/**
 * The one `npm test` runs every time: a Sunday, when nothing is due "today" and the next
 * working day is in another week (the rest: `npm run test:dates`; the demo's own test loads
 * the demo at all of these moments on a fixed clock).
 */
export const CI_MOMENTS = [MOMENTS[2]] as const;

const LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

export function faketimeAvailable(): boolean {
  return existsSync(LIBRARY);
}

/**
 * The environment that starts a process tree at `at` (UTC), ticking on from
 * there, as `faketime -f @…` does (the shared-clock options hung a run here).
 */
export function faketimeEnvironment(at: string): NodeJS.ProcessEnv {
  return {
    LD_PRELOAD: LIBRARY,
    FAKETIME: `@${at}`,
    TZ: "UTC",
  };
}
