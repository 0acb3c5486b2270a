import { describe, expect, it } from "vitest";
import { band, formatPoints, formatPointsAbsolute, formatScore, perceivedShare, sampleDays, trendDirection } from "./format.ts";

describe("trust figures", () => {
  it("writes scores as percentages in the UI language (nl with a decimal comma)", () => {
    expect(formatScore("nl-NL", 0.2857)).toBe("29%");
    expect(formatScore("nl-NL", 0.2857, 1)).toBe("28,6%");
    expect(formatScore("en-GB", 0.2857, 1)).toBe("28.6%");
  });

  it("writes contributions as signed percentage points, and a tiny one as 0 without a sign", () => {
    expect(formatPoints("nl-NL", -0.2071)).toBe("-20,7");
    expect(formatPoints("en-GB", 0.0345)).toBe("+3.5");
    expect(formatPoints("en-GB", -0.0002)).toBe("0.0");
    expect(formatPointsAbsolute("nl-NL", -0.2071)).toBe("20,7");
  });

  it("50 % plus the rounded sum is the rounded score: the arithmetic shown adds up", () => {
    const contributions = [0.0712, -0.2843, 0.0125];
    const sum = contributions.reduce((a, b) => a + b, 0);
    const score = 0.5 + sum;
    const shownSum = Number(formatPointsAbsolute("en-GB", sum)) * Math.sign(sum);
    expect((50 + shownSum).toFixed(1)).toBe(formatScore("en-GB", score, 1).replace("%", ""));
  });

  it("puts the band from belief to belief plus uncertainty: wide for 3 kept promises, narrow for 30", () => {
    // r kept promises, no broken ones: score (r+1)/(r+2), uncertainty 2/(r+2).
    const reading = (r: number) => ({ score: (r + 1) / (r + 2), uncertainty: 2 / (r + 2) });
    const three = band(reading(3).score, reading(3).uncertainty);
    const thirty = band(reading(30).score, reading(30).uncertainty);
    expect(three.low).toBeCloseTo(0.6);
    expect(three.high).toBeCloseTo(1);
    expect(thirty.high - thirty.low).toBeCloseTo(2 / 32);
    expect(three.high - three.low).toBeGreaterThan(5 * (thirty.high - thirty.low));
    expect(band(0.5, 1)).toEqual({ low: 0, high: 1 });
  });

  it("reads half a point or more as a trend, less as steady", () => {
    expect(trendDirection(0.02)).toBe("up");
    expect(trendDirection(-0.005)).toBe("down");
    expect(trendDirection(0.004)).toBe("steady");
  });

  it("maps pulse averages 1–5 onto the radar's 0–1", () => {
    expect(perceivedShare(1)).toBe(0);
    expect(perceivedShare(3)).toBe(0.5);
    expect(perceivedShare(5)).toBe(1);
  });

  it("samples one day a week counted back from today, oldest first", () => {
    const days = Array.from({ length: 16 }, (_, index) => index);
    expect(sampleDays(days, 7)).toEqual([1, 8, 15]);
  });
});
