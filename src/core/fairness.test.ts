import { describe, expect, it } from "vitest";
import { assessFairness, type CardRate, cardRateOn, compareToCard, DEFAULT_BAND, type FairnessLine, roleKey } from "./fairness.ts";

const rates: CardRate[] = [
  { id: "r1", role: "Senior adviseur", hourlyRateCents: 10_000, validFrom: "2024-01-01" },
  { id: "r2", role: "Senior adviseur", hourlyRateCents: 12_000, validFrom: "2025-01-01" },
  { id: "r3", role: "Partner", hourlyRateCents: 20_000, validFrom: "2024-01-01" },
];

describe("cardRateOn", () => {
  it.each([
    ["before any rate", "2023-12-31", null],
    ["the first valid-from day", "2024-01-01", "r1"],
    ["the day before a rate change", "2024-12-31", "r1"],
    ["the day a new rate takes effect", "2025-01-01", "r2"],
    ["long after", "2030-06-01", "r2"],
  ])("%s (%s)", (_name, on, expected) => {
    expect(cardRateOn(rates, "Senior adviseur", on)?.id ?? null).toBe(expected);
  });

  it("compares roles trimmed, with single spaces, case-insensitive", () => {
    expect(roleKey("  senior   ADVISEUR ")).toBe("senior adviseur");
    expect(cardRateOn(rates, " senior  adviseur", "2024-06-01")?.id).toBe("r1");
  });

  it("has no rate for a role not on the card", () => {
    expect(cardRateOn(rates, "Stagiair", "2025-06-01")).toBeNull();
  });
});

describe("compareToCard", () => {
  it.each([
    ["equal to the card", 10_000, 10_000, 0, 0, null],
    ["in band above (+10 %)", 11_000, 10_000, 1_000, 10, null],
    ["exactly 15 % above: still in band", 11_500, 10_000, 1_500, 15, null],
    ["a cent beyond 15 % above", 11_501, 10_000, 1_501, 15.01, "above_card"],
    ["in band below (−10 %)", 9_000, 10_000, -1_000, -10, null],
    ["exactly 15 % below: still in band", 8_500, 10_000, -1_500, -15, null],
    ["a cent beyond 15 % below", 8_499, 10_000, -1_501, -15.01, "below_card"],
    ["far below", 5_000, 10_000, -5_000, -50, "below_card"],
    ["nothing charged", 0, 10_000, -10_000, -100, "below_card"],
  ] as const)("%s", (_name, rate, card, differenceCents, differencePct, flag) => {
    const result = compareToCard(rate, card, DEFAULT_BAND);
    expect(result.differenceCents).toBe(differenceCents);
    expect(result.differencePct).toBeCloseTo(differencePct, 10);
    expect(result.flag).toBe(flag);
  });

  it("follows the organization's band (5 % above, 30 % below)", () => {
    const band = { abovePct: 5, belowPct: 30 };
    expect(compareToCard(10_600, 10_000, band).flag).toBe("above_card");
    expect(compareToCard(7_500, 10_000, band).flag).toBeNull();
    expect(compareToCard(6_900, 10_000, band).flag).toBe("below_card");
  });
});

const line = (lineId: string, clientId: string, role: string, hourlyRateCents: number, on = "2025-03-01"): FairnessLine => ({
  lineId,
  contractId: `k-${lineId}`,
  clientId,
  role,
  hourlyRateCents,
  on,
});

describe("assessFairness", () => {
  it("judges each line against the card rate of its contract's start day", () => {
    const result = assessFairness({
      rates,
      band: DEFAULT_BAND,
      lines: [
        // Started before the change: the old 100.00 is the card; 125.00 is 25 % above.
        line("a", "c1", "Senior adviseur", 12_500, "2024-12-31"),
        // Started on the day of the change: the new 120.00 is the card; 125.00 is in band.
        line("b", "c1", "Senior adviseur", 12_500, "2025-01-01"),
      ],
    });
    expect(result.map((r) => [r.lineId, r.card?.id, r.differenceCents, r.flags])).toEqual([
      ["a", "r1", 2_500, ["above_card"]],
      ["b", "r2", 500, []],
    ]);
  });

  it("flags a role without a card rate as no_card, without a difference", () => {
    const [result] = assessFairness({ rates, band: DEFAULT_BAND, lines: [line("a", "c1", "Stagiair", 5_000)] });
    expect(result).toMatchObject({ card: null, differenceCents: null, differencePct: null, flags: ["no_card"] });
    const [early] = assessFairness({ rates, band: DEFAULT_BAND, lines: [line("b", "c1", "Partner", 20_000, "2023-06-01")] });
    expect(early?.flags).toEqual(["no_card"]);
  });

  it("flags the same role charged to different clients further apart than the band, naming the others", () => {
    const result = assessFairness({
      rates,
      band: DEFAULT_BAND,
      lines: [
        line("a", "c1", "Partner", 20_000),
        line("b", "c2", "partner", 24_000), // 20 % over a: inconsistent with a (and above the card)
        line("c", "c3", "Partner", 21_000), // 5 % over a, 12.5 % under b: consistent with both; 19 % under d
        line("d", "c1", "Partner", 25_000), // the same client as a: never compared with a
      ],
    });
    const byId = Object.fromEntries(result.map((r) => [r.lineId, r]));
    expect(byId.a?.flags).toEqual(["inconsistent"]);
    expect(byId.a?.inconsistentWith).toEqual([{ lineId: "b", contractId: "k-b", clientId: "c2", hourlyRateCents: 24_000 }]);
    expect(byId.b?.flags).toEqual(["above_card", "inconsistent"]);
    expect(byId.b?.inconsistentWith.map((o) => o.lineId)).toEqual(["a"]);
    expect(byId.c?.flags).toEqual(["inconsistent"]);
    expect(byId.c?.inconsistentWith.map((o) => o.lineId)).toEqual(["d"]);
    // d (250.00) is 25 % above the card and 19 % over c of another client.
    expect(byId.d?.flags).toEqual(["above_card", "inconsistent"]);
    expect(byId.d?.inconsistentWith.map((o) => o.lineId)).toEqual(["c"]);
  });

  it("keeps rates within the band consistent, and flags none in band", () => {
    const result = assessFairness({
      rates,
      band: DEFAULT_BAND,
      lines: [line("a", "c1", "Partner", 20_000), line("b", "c2", "Partner", 23_000)],
    });
    expect(result.map((r) => r.flags)).toEqual([[], []]);
  });

  it("uses the lower rate's side of an asymmetric band for clients charged differently", () => {
    // 10 % above allowed; the higher is 12 % over the lower: inconsistent.
    const band = { abovePct: 10, belowPct: 50 };
    const result = assessFairness({
      rates: [],
      band,
      lines: [line("a", "c1", "Junior", 10_000), line("b", "c2", "Junior", 11_200)],
    });
    expect(result.map((r) => r.flags)).toEqual([
      ["no_card", "inconsistent"],
      ["no_card", "inconsistent"],
    ]);
  });
});
