import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDaysToInstant } from "../dates.ts";
import { addEvidence, contributions, decayTo, removeEvidence, score, sumsOf, uncertainty } from "./beta.ts";

const HALF_LIFE = 180;
const base = Date.parse("2026-01-01T00:00:00Z");
const item = fc.record({
  weight: fc.double({ min: -10, max: 10, noNaN: true }),
  occurredAt: fc.integer({ min: 0, max: 3 * 365 }).map((days) => addDaysToInstant(new Date(base), days)),
});

describe("Beta reputation with forgetting", () => {
  it("scores (r+1)/(r+s+2) with uncertainty 2/(r+s+2)", () => {
    expect(score({ r: 0, s: 0 })).toBe(0.5);
    expect(score({ r: 3, s: 1 })).toBeCloseTo(4 / 6, 15);
    expect(uncertainty({ r: 3, s: 1 })).toBeCloseTo(2 / 6, 15);
  });

  it("halves a weight every half-life", () => {
    const start = { r: 8, s: 4, asOf: new Date(base) };
    const later = decayTo(start, HALF_LIFE, addDaysToInstant(new Date(base), 2 * HALF_LIFE));
    expect(later.r).toBeCloseTo(2, 12);
    expect(later.s).toBeCloseTo(1, 12);
  });

  it("keeps incremental sums equal to summing every item at read time, in any arrival order", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.integer({ min: 0, max: 400 }), (items, extraDays) => {
        let sums = { r: 0, s: 0, asOf: new Date(base) };
        for (const one of items) sums = addEvidence(sums, HALF_LIFE, one.weight, one.occurredAt);
        const latest = Math.max(base, ...items.map((one) => one.occurredAt.getTime()));
        const at = addDaysToInstant(new Date(latest), extraDays);
        const incremental = decayTo(sums, HALF_LIFE, at);
        const direct = sumsOf(items, HALF_LIFE, at);
        expect(incremental.r).toBeCloseTo(direct.r, 9);
        expect(incremental.s).toBeCloseTo(direct.s, 9);
      }),
    );
  });

  it("explains every score exactly: ½ plus the contributions is the score", () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (items) => {
        const at = addDaysToInstant(new Date(base), 4 * 365);
        const { sums, shares } = contributions(items, HALF_LIFE, at);
        const total = shares.reduce((sum, share) => sum + share, 0.5);
        expect(Math.abs(total - score(sums))).toBeLessThan(1e-12);
      }),
    );
  });

  it("takes a removed weight back out", () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), fc.nat(), (items, pick) => {
        let sums = { r: 0, s: 0, asOf: new Date(base) };
        for (const one of items) sums = addEvidence(sums, HALF_LIFE, one.weight, one.occurredAt);
        const removed = items[pick % items.length]!;
        sums = removeEvidence(sums, HALF_LIFE, removed.weight, removed.occurredAt);
        const rest = items.filter((_, index) => index !== pick % items.length);
        const direct = sumsOf(rest, HALF_LIFE, sums.asOf);
        expect(sums.r).toBeCloseTo(direct.r, 9);
        expect(sums.s).toBeCloseTo(direct.s, 9);
      }),
    );
  });
});
