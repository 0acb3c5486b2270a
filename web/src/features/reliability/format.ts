import { instantAt } from "../../../../src/core/dates.ts";

/** Figures of the Team page in the UI language: rates as percentages, durations in minutes, hours, days. */

export function formatPercent(locale: string, rate: number): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(rate);
}

function unit(locale: string, value: number, name: "day" | "hour" | "minute"): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: name === "day" ? "long" : "short" }).format(value);
}

/** 45 → "45 min", 125 → "2 hr 5 min", 1530 → "1 day 1 hr" (in the locale's words). */
export function formatMinutes(locale: string, minutes: number): string {
  const rounded = Math.max(0, Math.round(minutes));
  if (rounded < 60) return unit(locale, rounded, "minute");
  if (rounded < 24 * 60) {
    const hours = Math.floor(rounded / 60);
    const rest = rounded % 60;
    return rest === 0 ? unit(locale, hours, "hour") : `${unit(locale, hours, "hour")} ${unit(locale, rest, "minute")}`;
  }
  const days = Math.floor(rounded / (24 * 60));
  const hours = Math.round((rounded % (24 * 60)) / 60);
  return hours === 0 ? unit(locale, days, "day") : `${unit(locale, days, "day")} ${unit(locale, hours, "hour")}`;
}

/** A calendar date (YYYY-MM-DD) as "23 Nov" or "23 nov. 2026". */
export function formatShortDate(locale: string, date: string, withYear = false): string {
  return new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  }).format(instantAt("UTC", date, "00:00"));
}
