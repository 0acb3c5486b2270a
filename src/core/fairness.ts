/**
 * Rate card fairness (PRODUCT.md C7, issue 11 item 5): pure rules.
 *
 * - A contract line (role, hourly rate × hours a year) is compared with the
 *   card rate for its role that was valid on the contract's start day: the
 *   rate the firm asked for when the price was agreed. A rate valid from that
 *   very day counts (valid from is inclusive).
 * - Beyond the band (default more than 15 % above or more than 15 % below the
 *   card) a line is flagged above_card or below_card; exactly on the edge is
 *   within the band.
 * - The same role charged to different clients at hourly rates further apart
 *   than the band (the higher more than abovePct over the lower, or the lower
 *   more than belowPct under the higher) flags both lines inconsistent, with
 *   the other clients and their rates.
 * - A role without a card rate on the start day is flagged no_card: the line
 *   cannot be judged, and says so rather than guessing.
 *
 * Roles are free text: compared trimmed, with single spaces, case-insensitive.
 * Dates are plain YYYY-MM-DD strings (they order as text). Money is whole cents.
 */

export type FairnessBand = { abovePct: number; belowPct: number };
export const DEFAULT_BAND: FairnessBand = { abovePct: 15, belowPct: 15 };

export type FairnessFlag = "above_card" | "below_card" | "inconsistent" | "no_card";

export type CardRate = { id: string; role: string; hourlyRateCents: number; validFrom: string };

export type FairnessLine = {
  lineId: string;
  contractId: string;
  clientId: string;
  role: string;
  hourlyRateCents: number;
  /** The day the card rate is taken at (the contract's start). */
  on: string;
};

export type InconsistentWith = { lineId: string; contractId: string; clientId: string; hourlyRateCents: number };

export type LineFairness = {
  lineId: string;
  card: CardRate | null;
  differenceCents: number | null;
  /** (rate − card) ÷ card × 100, unrounded. */
  differencePct: number | null;
  flags: FairnessFlag[];
  inconsistentWith: InconsistentWith[];
};

/** How a role is compared: trimmed, single spaces, lower case. */
export function roleKey(role: string): string {
  return role.trim().replace(/\s+/g, " ").toLocaleLowerCase("nl");
}

/** The card rate for the role valid on the day: the latest valid-from on or before it; null when none. */
export function cardRateOn(rates: readonly CardRate[], role: string, on: string): CardRate | null {
  const key = roleKey(role);
  let found: CardRate | null = null;
  for (const rate of rates) {
    if (roleKey(rate.role) !== key || rate.validFrom > on) continue;
    if (!found || rate.validFrom > found.validFrom) found = rate;
  }
  return found;
}

/** Whether `rate` is beyond the band around `reference`: above, below, or within (null). */
export function beyondBand(rateCents: number, referenceCents: number, band: FairnessBand): "above" | "below" | null {
  // Compared in whole numbers where the band allows: rate × 100 against reference × (100 ± pct).
  if (rateCents * 100 > referenceCents * (100 + band.abovePct)) return "above";
  if (rateCents * 100 < referenceCents * (100 - band.belowPct)) return "below";
  return null;
}

/** A line against its card rate: the difference in cents and percent and the flag beyond the band. */
export function compareToCard(
  rateCents: number,
  cardCents: number,
  band: FairnessBand,
): { differenceCents: number; differencePct: number; flag: "above_card" | "below_card" | null } {
  const differenceCents = rateCents - cardCents;
  const differencePct = (differenceCents / cardCents) * 100;
  const beyond = beyondBand(rateCents, cardCents, band);
  return { differenceCents, differencePct, flag: beyond === "above" ? "above_card" : beyond === "below" ? "below_card" : null };
}

/** Every line judged against the card and against the same role's lines of other clients. */
export function assessFairness(input: { rates: readonly CardRate[]; lines: readonly FairnessLine[]; band: FairnessBand }): LineFairness[] {
  const byRole = new Map<string, FairnessLine[]>();
  for (const line of input.lines) {
    const key = roleKey(line.role);
    byRole.set(key, [...(byRole.get(key) ?? []), line]);
  }
  return input.lines.map((line) => {
    const flags: FairnessFlag[] = [];
    const card = cardRateOn(input.rates, line.role, line.on);
    let differenceCents: number | null = null;
    let differencePct: number | null = null;
    if (card) {
      const compared = compareToCard(line.hourlyRateCents, card.hourlyRateCents, input.band);
      differenceCents = compared.differenceCents;
      differencePct = compared.differencePct;
      if (compared.flag) flags.push(compared.flag);
    } else {
      flags.push("no_card");
    }
    const inconsistentWith = (byRole.get(roleKey(line.role)) ?? [])
      .filter((other) => other.clientId !== line.clientId)
      .filter((other) => {
        const [low, high] = [Math.min(other.hourlyRateCents, line.hourlyRateCents), Math.max(other.hourlyRateCents, line.hourlyRateCents)];
        return beyondBand(high, low, input.band) === "above" || beyondBand(low, high, input.band) === "below";
      })
      .map((other) => ({
        lineId: other.lineId,
        contractId: other.contractId,
        clientId: other.clientId,
        hourlyRateCents: other.hourlyRateCents,
      }));
    if (inconsistentWith.length > 0) flags.push("inconsistent");
    return { lineId: line.lineId, card, differenceCents, differencePct, flags, inconsistentWith };
  });
}
