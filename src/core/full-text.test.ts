import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HIGHLIGHT_STOP as E, fullTextWords, prefixTerm, HIGHLIGHT_START as S, splitHighlights } from "./full-text.ts";

describe("fullTextWords", () => {
  it.each([
    ["Offertes", ["offertes"]],
    ["  Cécile   de Vries ", ["cécile", "de", "vries"]],
    ["offerte & jansen | !factuur", ["offerte", "jansen", "factuur"]],
    ["'called' \"calls\" (meeting):* <-> \\x", ["called", "calls", "meeting"]],
    ["&|!():*'\"\\<>", []],
    ["a b c", []],
    ["btw-aangifte 2026", ["btw", "aangifte", "2026"]],
    ["Jan jan JAN", ["jan"]],
    ["Cafe\u0301", ["café"]],
  ])("%j → %j", (query, words) => {
    expect(fullTextWords(query)).toEqual(words);
  });

  it("keeps at most eight words", () => {
    expect(fullTextWords("een twee drie vier vijf zes zeven acht negen tien")).toHaveLength(8);
  });

  it("never yields anything but letters, marks and digits, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary" }), (query) => {
        for (const word of fullTextWords(query)) {
          expect(word).toMatch(/^[\p{L}\p{M}\p{N}]{2,}$/u);
          expect(prefixTerm(word)).toBe([...word].length >= 3 ? `'${word}':*` : `'${word}'`);
        }
      }),
    );
  });

  it("takes words of three letters or more as prefixes, shorter ones as they are", () => {
    expect(prefixTerm("off")).toBe("'off':*");
    expect(prefixTerm("de")).toBe("'de'");
  });

  it("refuses to quote anything that is not a word", () => {
    expect(() => prefixTerm("a'b")).toThrow();
    expect(() => prefixTerm("")).toThrow();
  });
});

describe("splitHighlights", () => {
  it("turns marks into ranges over the plain text", () => {
    expect(splitHighlights(`Een ${S}offerte${E} voor ${S}Cécile${E}`)).toEqual({
      text: "Een offerte voor Cécile",
      highlights: [
        { start: 4, end: 11 },
        { start: 17, end: 23 },
      ],
    });
  });

  it("joins adjacent marks and ignores empty or unbalanced ones", () => {
    expect(splitHighlights(`${S}btw${E}${S}-aangifte${E} ${S}${E}x${E}`)).toEqual({
      text: "btw-aangifte x",
      highlights: [{ start: 0, end: 12 }],
    });
    expect(splitHighlights("geen markering")).toEqual({ text: "geen markering", highlights: [] });
  });
});
