import { describe, expect, it } from "vitest";
import { LAG_MARGIN, lagOf, selfToUnit } from "./profile.ts";

describe("personal trust profile rules", () => {
  it("maps a 1–5 answer onto 0–1 as (x−1)/4", () => {
    expect([1, 2, 3, 4, 5].map(selfToUnit)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("says character lags when competence is ahead by at least the margin, never the other way round", () => {
    const lag = lagOf({ integrity: 0.4, intent: 0.5, capabilities: 0.7, results: 0.6 });
    expect(lag.character).toBeCloseTo(0.45, 12);
    expect(lag.competence).toBeCloseTo(0.65, 12);
    expect(lag.gap).toBeCloseTo(0.2, 12);
    expect(lag.characterLags).toBe(true);
    expect(lagOf({ integrity: 0.8, intent: 0.8, capabilities: 0.4, results: 0.4 }).characterLags).toBe(false);
    expect(lagOf({ integrity: 0.5, intent: 0.5, capabilities: 0.5, results: 0.5 }).characterLags).toBe(false);
  });

  it("counts a gap of exactly the margin as lagging, just below it not", () => {
    expect(lagOf({ integrity: 0.5, intent: 0.5, capabilities: 0.5 + LAG_MARGIN, results: 0.5 + LAG_MARGIN }).characterLags).toBe(true);
    expect(lagOf({ integrity: 0.5, intent: 0.5, capabilities: 0.59, results: 0.59 }).characterLags).toBe(false);
  });
});
