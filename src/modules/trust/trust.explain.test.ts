import { describe, expect, it } from "vitest";
import { EVIDENCE_KINDS } from "../../core/trust/weights.ts";
import { explainEvidence } from "./trust.explain.ts";

/** Every kind of evidence has its own words in both languages: never the raw kind name on a page. */
describe("evidence explanations", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  it.each(EVIDENCE_KINDS.flatMap((kind) => (["en", "nl"] as const).map((language) => [kind, language] as const)))(
    "%s is explained in %s",
    (kind, language) => {
      const text = explainEvidence(language, { core: "intent", kind, weight: 1, label: "Offerte", note: null, occurredAt: now }, now);
      expect(text).not.toContain(kind);
      expect(text).not.toMatch(/\{\w+\}/);
    },
  );
});
