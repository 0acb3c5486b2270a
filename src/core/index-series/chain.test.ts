import { describe, expect, it } from "vitest";
import { chainBases, percentChange } from "./chain.ts";

// Made-up figures: an older table on 2015 = 100 and a newer one on 2025 = 100 overlapping in 2025.
const older = [
  { period: "2024", value: 130 },
  { period: "2024-12", value: 132 },
  { period: "2025", value: 135 },
  { period: "2025-12", value: 137.7 },
];
const newer = [
  { period: "2025", value: 100 },
  { period: "2025-12", value: 102 },
  { period: "2026-01", value: 102.5 },
];

describe("chainBases", () => {
  it("re-expresses the older figures through the newer base year's average", () => {
    const result = chainBases(older, newer, "2025");
    if (!result.ok) throw new Error("expected a chain");
    expect(result.overlapPeriod).toBe("2025");
    expect(result.factor).toBeCloseTo(100 / 135, 12);
    expect(result.figures.map((f) => [f.period, f.chained])).toEqual([
      ["2024", true],
      ["2024-12", true],
      ["2025", false],
      ["2025-12", false],
      ["2026-01", false],
    ]);
    expect(result.figures[1]?.value).toBeCloseTo((132 * 100) / 135, 12);
    // A change across the bases equals the change within the older base.
    const chained = result.figures.map((f) => ({ period: f.period, value: f.value }));
    expect(percentChange(chained, "2024", "2025")).toBeCloseTo(percentChange(older, "2024", "2025") as number, 10);
  });

  it("falls back to the latest common period and refuses without any", () => {
    const result = chainBases(
      older.slice(0, 2),
      [
        { period: "2024-12", value: 98 },
        { period: "2025-01", value: 99 },
      ],
      "2025",
    );
    expect(result).toMatchObject({ ok: true, overlapPeriod: "2024-12" });
    expect(chainBases(older.slice(0, 1), newer, "2025")).toEqual({ ok: false, reason: "no_overlap" });
  });
});

describe("percentChange", () => {
  it("is null when a figure is missing: never guessed", () => {
    expect(percentChange(newer, "2025", "2026-02")).toBeNull();
    expect(percentChange(newer, "2025", "2025-12")).toBeCloseTo(2, 12);
  });
});
