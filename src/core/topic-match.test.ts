import { describe, expect, it } from "vitest";
import { topicMatches, topicWords } from "./topic-match.ts";

describe("topic matching for callback routing", () => {
  it("ignores case, accents, hyphens and apostrophes", () => {
    expect(topicWords("Btw-Aangifte")).toEqual(["btw", "aangifte"]);
    expect(topicWords("Fiscalité d’entreprise")).toEqual(["fiscalite", "dentreprise"]);
    expect(topicMatches("BTW-AANGIFTE", "btw-aangifte")).toBe(true);
    expect(topicMatches("fiscalite", "Fiscalité")).toBe(true);
    expect(topicMatches("Fiscalité", "fiscalite")).toBe(true);
  });

  it("matches simple plural forms either way, in Dutch and English", () => {
    for (const [typed, listed] of [
      ["btw-aangifte", "Btw-aangiftes"],
      ["Btw-aangiftes", "btw-aangifte"],
      ["pension", "pensions"],
      ["pensions", "Pension"],
      ["pensioenen", "pensioen"],
      ["pensioen", "Pensioenen"],
      ["jaarrekeningen", "jaarrekening"],
      ["taxes", "tax"],
      ["belastingen", "loonbelasting"],
    ]) {
      expect(topicMatches(typed as string, listed as string), `${typed} ~ ${listed}`).toBe(true);
    }
  });

  it("still finds a topic from part of a word, and not a different topic", () => {
    expect(topicMatches("loon", "loonbelasting")).toBe(true);
    expect(topicMatches("pension", "payroll tax")).toBe(false);
    expect(topicMatches("btw", "vennootschapsbelasting")).toBe(false);
    expect(topicMatches("aangifte btw", "btw-aangifte")).toBe(true);
    expect(topicMatches("aangifte erfbelasting", "btw-aangifte")).toBe(false);
    expect(topicMatches("  ", "btw")).toBe(false);
  });
});
