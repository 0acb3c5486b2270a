/** Working hours as people read them: "3", "2,5" / "2.5", at most one decimal. */
export function formatHours(hours: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
}
