import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AuditInput, auditIndexation, IndexationError, type IndexPoint } from "./audit.ts";

/**
 * Hand-worked cases: every expected number below was worked out by hand (the
 * arithmetic is in the comments), never taken from the implementation.
 */
const month = (period: string, value: number, extra: Partial<IndexPoint> = {}): IndexPoint => ({
  period,
  value,
  provisional: false,
  ...extra,
});
const year = (period: string, changePct: number): IndexPoint => ({ period, changePct, provisional: false, source: "CBS" });

const yoy = (points: IndexPoint[], extra: Partial<AuditInput> = {}): AuditInput => ({
  startsOn: "2020-01-01",
  annualPriceCents: 10_000_000,
  clause: { method: "yoy", lagMonths: 4 },
  increases: [],
  points,
  until: "2022-12-31",
  ...extra,
});

const pick = (input: AuditInput) =>
  auditIndexation(input).years.map(({ effectiveOn, allowedPct, appliedPct, allowedPriceCents, chargedPriceCents, overchargeCents }) => ({
    effectiveOn,
    allowedPct,
    appliedPct,
    allowedPriceCents,
    chargedPriceCents,
    overchargeCents,
  }));

describe("year on year of the lagged month", () => {
  it("compares the month four months before with the same month a year earlier, across the year end", () => {
    // Effective January; four months before is September of the previous year.
    // 2021: 102 / 100 = 1.02 → 100,000.00 × 1.02 = 102,000.00; applied 2 % → same.
    // 2022: 105.06 / 102 = 1.03 → 102,000.00 × 1.03 = 105,060.00; applied 5 % → 102,000.00 × 1.05 = 107,100.00; 2,040.00 too much.
    const input = yoy([month("2019-09", 100), month("2020-09", 102), month("2021-09", 105.06)], {
      increases: [
        { effectiveOn: "2021-01-01", appliedPct: 2 },
        { effectiveOn: "2022-01-01", appliedPct: 5 },
      ],
    });
    expect(pick(input)).toEqual([
      {
        effectiveOn: "2021-01-01",
        allowedPct: 2,
        appliedPct: 2,
        allowedPriceCents: 10_200_000,
        chargedPriceCents: 10_200_000,
        overchargeCents: 0,
      },
      {
        effectiveOn: "2022-01-01",
        allowedPct: 3,
        appliedPct: 5,
        allowedPriceCents: 10_506_000,
        chargedPriceCents: 10_710_000,
        overchargeCents: 204_000,
      },
    ]);
    const result = auditIndexation(input);
    expect(result.totalOverchargeCents).toBe(204_000);
    expect(result.complete).toBe(true);
    expect(result.years[1]?.figures.map((figure) => [figure.period, figure.value])).toEqual([
      ["2020-09", 102],
      ["2021-09", 105.06],
    ]);
  });

  it("caps and floors each year; a year without a recorded increase keeps its price", () => {
    // 2021: 104 / 100 = +4 % → capped at 2.5 % → 10,000.00 × 1.025 = 10,250.00; applied 4 % → 10,400.00; 150.00 too much.
    // 2022: 101.92 / 104 = 0.98 → −2 % → floored at 0 % → 10,250.00; nothing recorded → 10,400.00; 150.00 too much.
    const input = yoy([month("2019-09", 100), month("2020-09", 104), month("2021-09", 101.92)], {
      annualPriceCents: 1_000_000,
      clause: { method: "yoy", lagMonths: 4, capPct: 2.5, floorPct: 0 },
      increases: [{ effectiveOn: "2021-01-01", appliedPct: 4 }],
    });
    const result = auditIndexation(input);
    expect(pick(input)).toEqual([
      {
        effectiveOn: "2021-01-01",
        allowedPct: 2.5,
        appliedPct: 4,
        allowedPriceCents: 1_025_000,
        chargedPriceCents: 1_040_000,
        overchargeCents: 15_000,
      },
      {
        effectiveOn: "2022-01-01",
        allowedPct: 0,
        appliedPct: 0,
        allowedPriceCents: 1_025_000,
        chargedPriceCents: 1_040_000,
        overchargeCents: 15_000,
      },
    ]);
    expect(result.years.map((y) => [y.capped, y.floored, y.appliedRecorded])).toEqual([
      [true, false, true],
      [false, true, false],
    ]);
    expect(result.totalOverchargeCents).toBe(30_000);
  });

  it("lowers the allowed price in a year the index fell, and shows the under-charge of a year charged too little", () => {
    // 2021: 98 / 100 → −2 % → 10,000.00 × 0.98 = 9,800.00; the price stayed at 10,000.00: 200.00 too much.
    // 2022: 102.9 / 98 = 1.05 → 9,800.00 × 1.05 = 10,290.00; charged 10,100.00 (new price): 190.00 too little.
    const input = yoy([month("2019-09", 100), month("2020-09", 98), month("2021-09", 102.9)], {
      annualPriceCents: 1_000_000,
      increases: [{ effectiveOn: "2022-01-01", newPriceCents: 1_010_000 }],
    });
    expect(pick(input)).toEqual([
      {
        effectiveOn: "2021-01-01",
        allowedPct: -2,
        appliedPct: 0,
        allowedPriceCents: 980_000,
        chargedPriceCents: 1_000_000,
        overchargeCents: 20_000,
      },
      {
        effectiveOn: "2022-01-01",
        allowedPct: 5,
        appliedPct: 1,
        allowedPriceCents: 1_029_000,
        chargedPriceCents: 1_010_000,
        overchargeCents: -19_000,
      },
    ]);
    expect(auditIndexation(input).totalOverchargeCents).toBe(1_000);
  });

  it("rounds prices to the cent half away from zero, exactly (floating point would make 12,720.5 cents 12,720)", () => {
    // 123.50 × 1.03 = 127.205 → 127.21.
    const input = yoy([month("2019-09", 100), month("2020-09", 103)], { annualPriceCents: 12_350, until: "2021-06-30" });
    expect(auditIndexation(input).years[0]?.allowedPriceCents).toBe(12_721);
  });

  it("rounds the percentage only when the clause says so", () => {
    // 102.35 / 100 → 2.35 %; unrounded: 10,000.00 × 1.0235 = 10,235.00; to one decimal (2.4 %): 10,240.00.
    const points = [month("2019-09", 100), month("2020-09", 102.35)];
    const base = { annualPriceCents: 1_000_000, until: "2021-06-30" };
    expect(auditIndexation(yoy(points, base)).years[0]).toMatchObject({ allowedPct: 2.35, allowedPriceCents: 1_023_500 });
    const rounded = yoy(points, { ...base, clause: { method: "yoy", lagMonths: 4, roundPctDecimals: 1 } });
    expect(auditIndexation(rounded).years[0]).toMatchObject({ allowedPct: 2.4, allowedPriceCents: 1_024_000 });
  });

  it("starts a contract of 29 February: the first increase a year later, in February", () => {
    // Lag 1: January 2021 against January 2020: 101 / 100 → 1 % → 10,000.00 → 10,100.00.
    const input = yoy([month("2020-01", 100), month("2021-01", 101)], {
      startsOn: "2020-02-29",
      annualPriceCents: 1_000_000,
      clause: { method: "yoy", lagMonths: 1 },
      until: "2021-12-31",
    });
    expect(pick(input)).toEqual([
      {
        effectiveOn: "2021-02-01",
        allowedPct: 1,
        appliedPct: 0,
        allowedPriceCents: 1_010_000,
        chargedPriceCents: 1_000_000,
        overchargeCents: -10_000,
      },
    ]);
  });

  it("takes the first increase in the effective month of the start year when that month is still to come", () => {
    const input = yoy([month("2019-03", 100), month("2020-03", 102)], {
      startsOn: "2020-03-15",
      effectiveMonth: 7,
      clause: { method: "yoy", lagMonths: 4 },
      until: "2020-12-31",
    });
    expect(auditIndexation(input).years.map((y) => y.effectiveOn)).toEqual(["2020-07-01"]);
  });
});

describe("fixed base", () => {
  it("measures the first increase from the base period and each later one from the previous reference month", () => {
    // 2021: 102 / 99.5 → 100,000.00 × 102 / 99.5 = 102,512.5628… → 102,512.56.
    // 2022: 105.06 / 102 = 1.03 → 102,512.56 × 1.03 = 105,587.9368 → 105,587.94
    //   (the direct formula 100,000.00 × 105.06 / 99.5 = 105,587.939… gives the same cent).
    const input = yoy([month("2019-06", 99.5), month("2020-09", 102), month("2021-09", 105.06)], {
      clause: { method: "fixed_base", lagMonths: 4, basePeriod: "2019-06" },
    });
    expect(auditIndexation(input).years.map((y) => y.allowedPriceCents)).toEqual([10_251_256, 10_558_794]);
  });
});

describe("year averages", () => {
  it("applies the previous calendar year's published change, compounding on the allowed price", () => {
    // 2021: 2020's +1.3 % → 100,000.00 × 1.013 = 101,300.00
    // 2022: 2021's +2.7 % → 101,300.00 × 1.027 = 104,035.10
    // 2023: 2022's +10 %  → 104,035.10 × 1.10 = 114,438.61
    // 2024: 2023's +3.8 % → 114,438.61 × 1.038 = 118,787.27718 → 118,787.28
    const input: AuditInput = {
      startsOn: "2020-01-01",
      annualPriceCents: 10_000_000,
      clause: { method: "annual_average", lagMonths: 0 },
      increases: [],
      points: [year("2020", 1.3), year("2021", 2.7), year("2022", 10), year("2023", 3.8)],
      until: "2024-06-30",
    };
    expect(auditIndexation(input).years.map((y) => [y.effectiveOn, y.allowedPriceCents])).toEqual([
      ["2021-01-01", 10_130_000],
      ["2022-01-01", 10_403_510],
      ["2023-01-01", 11_443_861],
      ["2024-01-01", 11_878_728],
    ]);
  });

  it("reproduces the red-face case: one wrong increase of 6.6 % instead of 2.6 %, about 8,000 EUR too much every year for five years", () => {
    // 200,000.00 a year from 2019, year averages of the CBS CPI (2019 2.6, 2020 1.3, 2021 2.7, 2022 10, 2023 3.8).
    //         allowed                                charged                                 too much
    // 2020:   200,000.00 × 1.026  = 205,200.00      200,000.00 × 1.066 = 213,200.00          8,000.00
    // 2021:   205,200.00 × 1.013  = 207,867.60      213,200.00 × 1.013 = 215,971.60          8,104.00
    // 2022:   207,867.60 × 1.027  = 213,480.0252    215,971.60 × 1.027 = 221,802.8332
    //                              → 213,480.03                          → 221,802.83         8,322.80
    // 2023:   213,480.03 × 1.10   = 234,828.033     221,802.83 × 1.10  = 243,983.113
    //                              → 234,828.03                          → 243,983.11         9,155.08
    // 2024:   234,828.03 × 1.038  = 243,751.49514   243,983.11 × 1.038 = 253,254.46818
    //                              → 243,751.50                          → 253,254.47         9,502.97
    // Total: 8,000.00 + 8,104.00 + 8,322.80 + 9,155.08 + 9,502.97 = 43,084.85
    const input: AuditInput = {
      startsOn: "2019-01-01",
      annualPriceCents: 20_000_000,
      clause: { method: "annual_average", lagMonths: 0 },
      increases: [
        { effectiveOn: "2020-01-01", appliedPct: 6.6 },
        { effectiveOn: "2021-01-01", appliedPct: 1.3 },
        { effectiveOn: "2022-01-01", appliedPct: 2.7 },
        { effectiveOn: "2023-01-01", appliedPct: 10 },
        { effectiveOn: "2024-01-01", appliedPct: 3.8 },
      ],
      points: [year("2019", 2.6), year("2020", 1.3), year("2021", 2.7), year("2022", 10), year("2023", 3.8)],
      until: "2024-12-31",
    };
    const result = auditIndexation(input);
    expect(result.years.map((y) => [y.allowedPriceCents, y.chargedPriceCents, y.overchargeCents])).toEqual([
      [20_520_000, 21_320_000, 800_000],
      [20_786_760, 21_597_160, 810_400],
      [21_348_003, 22_180_283, 832_280],
      [23_482_803, 24_398_311, 915_508],
      [24_375_150, 25_325_447, 950_297],
    ]);
    expect(result.totalOverchargeCents).toBe(4_308_485);
    expect(result.years[0]?.figures).toEqual([
      { period: "2019", value: null, changePct: 2.6, provisional: false, revisedFrom: null, source: "CBS" },
    ]);
  });
});

describe("figures the series lacks, provisional and revised figures", () => {
  it("says which figure is missing and builds nothing on it; the years before it still count", () => {
    const input = yoy([month("2019-09", 100), month("2020-09", 102), month("2022-09", 110)], { until: "2023-06-30" });
    const result = auditIndexation(input);
    expect(result.years.map((y) => [y.effectiveOn, y.allowedPriceCents, y.missing])).toEqual([
      ["2021-01-01", 10_200_000, []],
      ["2022-01-01", null, ["2021-09"]],
      ["2023-01-01", null, ["2021-09"]],
    ]);
    expect(result.years[2]?.overchargeCents).toBeNull();
    expect(result.complete).toBe(false);
    expect(result.totalOverchargeCents).toBe(-200_000);
  });

  it("blocks later years on an earlier missing figure, naming it", () => {
    const input = yoy([month("2019-09", 100), month("2021-09", 105), month("2022-09", 110)], { until: "2023-06-30" });
    const result = auditIndexation(input);
    expect(result.years.map((y) => [y.missing, y.blockedBy])).toEqual([
      [["2020-09"], null],
      [["2020-09"], null],
      [[], "2020-09"],
    ]);
  });

  it("marks a year that used a provisional or revised figure", () => {
    const input = yoy([month("2019-09", 100), month("2020-09", 102, { provisional: true, revisedFrom: 101.9 })], { until: "2021-06-30" });
    expect(auditIndexation(input).years[0]).toMatchObject({ provisional: true, revised: true });
  });
});

describe("bad clauses", () => {
  it.each([
    [{ clause: { method: "yoy", lagMonths: 4, capPct: 1, floorPct: 2 } }, "cap_below_floor"],
    [{ annualPriceCents: -1 }, "negative_price"],
    [{ clause: { method: "yoy", lagMonths: -1 } }, "invalid_lag"],
    [{ clause: { method: "yoy", lagMonths: 4, roundPctDecimals: 1.5 } }, "invalid_rounding"],
    [{ startsOn: "2020-13-01" }, "invalid_date"],
    [{ effectiveMonth: 0 }, "invalid_month"],
    [{ points: [month("2020-9", 100)] }, "invalid_period"],
  ] as Array<[Partial<AuditInput>, string]>)("refuses %j with %s", (change, code) => {
    const run = () => auditIndexation(yoy([month("2019-09", 100)], change));
    expect(run).toThrow(IndexationError);
    expect(run).toThrow(code);
  });
});

describe("properties", () => {
  const series = fc
    .array(fc.integer({ min: 5_000, max: 20_000 }), { minLength: 6, maxLength: 6 })
    .map((values) => values.map((value, i) => month(`${2019 + i}-09`, value / 100)));
  const price = fc.integer({ min: 0, max: 1_000_000_000 });

  it("charging exactly what was allowed is never too much, and the total is the sum of the years", () => {
    fc.assert(
      fc.property(series, price, (points, annualPriceCents) => {
        const plain = yoy(points, { annualPriceCents, until: "2024-12-31" });
        const allowed = auditIndexation(plain).years;
        const honest = auditIndexation({
          ...plain,
          increases: allowed.map((y) => ({ effectiveOn: y.effectiveOn, newPriceCents: y.allowedPriceCents as number })),
        });
        expect(honest.years.every((y) => y.overchargeCents === 0)).toBe(true);
        expect(allowed.reduce((sum, y) => sum + (y.overchargeCents ?? 0), 0)).toBe(auditIndexation(plain).totalOverchargeCents);
      }),
    );
  });

  it("a cap equal to the floor allows exactly that percentage every year", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -500, max: 1_000 }), (points, hundredths) => {
        const pct = hundredths / 100;
        const result = auditIndexation(
          yoy(points, { clause: { method: "yoy", lagMonths: 4, capPct: pct, floorPct: pct }, until: "2024-12-31" }),
        );
        expect(result.years.every((y) => y.allowedPct === pct)).toBe(true);
      }),
    );
  });
});
