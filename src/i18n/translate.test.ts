import { describe, expect, it } from "vitest";
import { en, type MessageKey } from "./messages.en.ts";
import { nl } from "./messages.nl.ts";
import { LANGUAGES, languageFromHeader, translate } from "./translate.ts";

describe("languageFromHeader", () => {
  it.each<[string | undefined, "en" | "nl"]>([
    // Nothing asked: English.
    [undefined, "en"],
    ["", "en"],
    ["   ", "en"],
    ["*", "en"],
    // Plain and region tags, any case.
    ["nl", "nl"],
    ["en", "en"],
    ["nl-NL", "nl"],
    ["nl-BE", "nl"],
    ["NL-be", "nl"],
    ["en-GB", "en"],
    ["EN-us", "en"],
    // Languages we do not have are passed over.
    ["fr", "en"],
    ["de-DE,fr;q=0.9", "en"],
    ["de-DE, nl;q=0.7, en;q=0.3", "nl"],
    ["fr-FR,fr;q=0.9,en-US;q=0.8,nl;q=0.7", "en"],
    // q-weights decide, not the order.
    ["en;q=0.5, nl;q=0.8", "nl"],
    ["nl;q=0.5, en;q=0.8", "en"],
    ["en-US;q=0.1,nl-NL", "nl"],
    ["nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl"],
    ["en-US,en;q=0.9,nl;q=0.8", "en"],
    // Equal weights: the first one wins.
    ["nl, en", "nl"],
    ["en, nl", "en"],
    ["en;q=0.5, nl;q=0.5", "en"],
    // q=0 means "not this one".
    ["nl;q=0", "en"],
    ["en;q=0, nl", "nl"],
    ["nl;q=0, en;q=0", "en"],
    // Whitespace around parts and parameters.
    ["  nl;  q=0.9 ,  en;q=0.2 ", "nl"],
    // Garbage never throws and falls back to English.
    [";;;,,,", "en"],
    ["q=1", "en"],
    ["nl;q=", "nl"],
    ["klingon-tlh;q=abc", "en"],
    ["\u0000\u0001", "en"],
    ["x".repeat(10_000), "en"],
    [`${"fr;q=0.1,".repeat(500)}nl`, "nl"],
  ])("%j → %s", (header, expected) => {
    expect(languageFromHeader(header)).toBe(expected);
  });

  it("never returns anything but a supported language", () => {
    const samples = ["nl;q=NaN", "nl;q=-1", "en;q=2", "nl_NL", "dutch", "-", "nl-", "-nl", "é", "nl;;q=0.5"];
    for (const header of samples) expect(LANGUAGES, header).toContain(languageFromHeader(header));
  });
});

describe("translate", () => {
  it("fills placeholders from the parameters, in each language", () => {
    expect(translate("en", "request.rate_limited", { seconds: 42 })).toBe("Too many attempts. Try again in 42 seconds.");
    expect(translate("nl", "request.rate_limited", { seconds: 42 })).toBe("Te veel pogingen. Probeer het over 42 seconden opnieuw.");
    expect(translate("en", "tokens.limit_reached", { limit: 20 })).toContain("20");
    expect(translate("nl", "field.invalid_format", { format: "een geldig e-mailadres" })).toBe("Vul een geldig e-mailadres in.");
  });

  it("fills zero and empty-string parameters too", () => {
    expect(translate("en", "field.too_short", { minimum: 0 })).toBe("Too short (at least 0).");
    expect(translate("en", "request.unknown_field", { fields: "" })).toBe("Unknown field: .");
  });

  it("leaves a placeholder visible when its parameter is missing, and ignores extra parameters", () => {
    expect(translate("en", "request.rate_limited")).toBe("Too many attempts. Try again in {seconds} seconds.");
    expect(translate("nl", "auth.unauthenticated", { unused: "x" })).toBe(nl["auth.unauthenticated"]);
  });

  it("does not interpret replacement patterns in parameter values", () => {
    expect(translate("en", "field.invalid_format", { format: "$& $1 $$ {format}" })).toBe("Enter $& $1 $$ {format}.");
  });

  it("answers every key in every language without placeholders left when all parameters are given", () => {
    for (const language of LANGUAGES) {
      for (const key of Object.keys(en) as MessageKey[]) {
        const params = Object.fromEntries([...en[key].matchAll(/\{(\w+)\}/g)].map((m) => [m[1] as string, "X"]));
        const text = translate(language, key, params);
        expect(text.length, `${language} ${key}`).toBeGreaterThan(0);
        expect(text, `${language} ${key}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it("gives Dutch and English texts that differ (nothing left untranslated)", () => {
    const same = (Object.keys(en) as MessageKey[]).filter((key) => translate("nl", key) === translate("en", key));
    expect(same).toEqual([]);
  });
});

describe("languageFromHeader with optional whitespace before parameters (RFC 9110 allows OWS around ';')", () => {
  it.each([
    ["nl ;q=0.9, en;q=0.2", "nl"],
    ["en;q=0.2 , nl ; q=0.9", "nl"],
    ["nl-NL ;q=1", "nl"],
  ])("%j → %s", (header, expected) => {
    expect(languageFromHeader(header)).toBe(expected);
  });
});
