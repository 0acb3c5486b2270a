import { describe, expect, it } from "vitest";
import { FRESH } from "../../../bench/suggestions/fresh.ts";
import { HOLDOUT } from "../../../bench/suggestions/holdout.ts";
import { mistakes, score } from "../../../bench/suggestions/score.ts";
import { SENTENCES } from "../../../bench/suggestions/sentences.ts";

/**
 * The labelled sets of bench/suggestions (hand-written Dutch, English, German and
 * French sentences with the expected outcome) must stay above the targets:
 * precision ≥ 0.9, recall ≥ 0.85, exact due date (and time when labelled) ≥ 0.9.
 * `npm run bench:suggestions` reports the same figures in bench/RESULTS.md.
 */
const TARGETS = { precision: 0.9, recall: 0.85, dueAccuracy: 0.9 };

describe.each([
  ["the development set (sentences.ts)", SENTENCES],
  ["the held-out set (holdout.ts)", HOLDOUT],
  ["the fresh set (fresh.ts)", FRESH],
] as const)("suggestions on %s", (_name, set) => {
  const result = score(set);
  const report = mistakes(result).join("\n");

  it("is a real set: Dutch and English promises and non-promises, and other languages", () => {
    const count = (filter: (s: (typeof set)[number]) => boolean) => set.filter(filter).length;
    expect(count((s) => s.lang === "nl" && s.promise)).toBeGreaterThan(10);
    expect(count((s) => s.lang === "nl" && !s.promise)).toBeGreaterThan(5);
    expect(count((s) => s.lang === "en" && s.promise)).toBeGreaterThan(10);
    expect(count((s) => s.lang === "en" && !s.promise)).toBeGreaterThan(5);
    expect(count((s) => s.lang === "de" || s.lang === "fr")).toBeGreaterThan(0);
    for (const sentence of set) {
      if (sentence.due !== null) expect(sentence.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (sentence.time !== null) expect(sentence.time).toMatch(/^\d{2}:\d{2}$/);
      if (!sentence.promise) expect(sentence.due).toBeNull();
    }
  });

  it(`precision ≥ ${TARGETS.precision}`, () => {
    expect(result.precision, report).toBeGreaterThanOrEqual(TARGETS.precision);
  });

  it(`recall ≥ ${TARGETS.recall}`, () => {
    expect(result.recall, report).toBeGreaterThanOrEqual(TARGETS.recall);
  });

  it(`exact due date ≥ ${TARGETS.dueAccuracy}`, () => {
    expect(result.dueAccuracy, report).toBeGreaterThanOrEqual(TARGETS.dueAccuracy);
  });

  it("never suggests anything for German or French", () => {
    const foreign = result.outcomes.filter((o) => (o.sentence.lang === "de" || o.sentence.lang === "fr") && o.suggestion);
    expect(foreign.map((o) => o.sentence.text)).toEqual([]);
  });
});

describe("the sets together", () => {
  it("hold at least 150 sentences, roughly half Dutch and half English", () => {
    const all = [...SENTENCES, ...HOLDOUT, ...FRESH];
    expect(SENTENCES.length).toBeGreaterThanOrEqual(150);
    const nl = all.filter((s) => s.lang === "nl").length;
    const en = all.filter((s) => s.lang === "en").length;
    expect(Math.abs(nl - en) / (nl + en)).toBeLessThan(0.1);
  });

  it("have no sentence twice", () => {
    const texts = [...SENTENCES, ...HOLDOUT, ...FRESH].map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
