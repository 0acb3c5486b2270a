import { describe, expect, it } from "vitest";
import { searchTerms, sortKey } from "./search-text.ts";

describe("searchTerms", () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ["", []],
    ["   \t\n ", []],
    ["Bakkerij", ["bakkerij"]],
    ["  ZORGGROEP   Noorderlicht ", ["zorggroep", "noorderlicht"]],
    ["a\tb\nc", ["a", "b", "c"]],
    // The same word twice is one term.
    ["jansen JANSEN Jansen bv", ["jansen", "bv"]],
    // At most eight terms, the first ones.
    ["t1 t2 t3 t4 t5 t6 t7 t8 t9 t10", ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"]],
    // A whole query that looks like a phone number becomes its digits.
    ["06-12 34 56 78", ["0612345678"]],
    ["0612345678", ["0612345678"]],
    ["+31 (0)20 123 4567", ["310201234567"]],
    ["020.123.4567", ["0201234567"]],
    ["12345", ["12345"]],
    // Fewer than five digits is not a phone number: kept as typed.
    ["1234", ["1234"]],
    ["12-34", ["12-34"]],
    // Inside a longer query, consecutive phone-like words are one phone number too.
    ["De Vries  020-123 4567", ["de", "vries", "0201234567"]],
    ["Jansen 06 12 34 56 78 Utrecht", ["jansen", "0612345678", "utrecht"]],
    ["(020) 123 4567 bakkerij", ["0201234567", "bakkerij"]],
    ["+31 (0)20 123-4567 de Vries", ["310201234567", "de", "vries"]],
    // Two numbers split by a word stay two numbers.
    ["020-1234567 of 06-12345678", ["0201234567", "of", "0612345678"]],
    // Too few digits together: kept as typed, like a house number.
    ["Dorpsstraat 12 Amsterdam", ["dorpsstraat", "12", "amsterdam"]],
    ["Kamer 1-2 3", ["kamer", "1-2", "3"]],
    // Words with letters or other signs are not part of a phone number.
    ["bv2020 12345", ["bv2020", "12345"]],
    ["--- 020 123 45", ["---", "02012345"]],
    // The same number typed twice is one term; the limit counts the joined terms.
    ["020-1234567 en 020 1234567", ["0201234567", "en"]],
    ["t1 t2 t3 t4 t5 t6 t7 020 123 4567", ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "0201234567"]],
    // E-mail addresses and characters that mean something to LIKE stay as they are (the repository escapes them).
    ["Henk@Noorderlicht.example", ["henk@noorderlicht.example"]],
    ["100% _x_ a\\b", ["100%", "_x_", "a\\b"]],
  ])("%j → %j", (query, expected) => {
    expect(searchTerms(query)).toEqual(expected);
  });

  it("never returns empty terms or upper case, whatever the input", () => {
    const inputs = ["  A  B  ", "Ü Ö Ä", "x".repeat(300), " \u00a0 nbsp\u00a0here ", "--- +++"];
    for (const input of inputs) {
      for (const term of searchTerms(input)) {
        expect(term.length, input).toBeGreaterThan(0);
        expect(term, input).toBe(term.toLowerCase());
        expect(term, input).not.toMatch(/\s/);
      }
    }
  });
});

describe("sortKey", () => {
  it.each([
    ["Bakkerij Jansen", "bakkerij jansen"],
    ["  Spaties  ", "spaties"],
    ["Ézé", "eze"],
    ["Café Müller", "cafe muller"],
    ["Ångström", "angstrom"],
    ["ﬁrma", "firma"],
    ["", ""],
  ])("%j → %j", (name, expected) => {
    expect(sortKey(name)).toBe(expected);
  });

  it("sorts accented names among the plain ones, case-insensitively", () => {
    const names = ["zeeman", "Émile", "Anna", "eva", "Éva", "bert", "Ödül", "oscar"];
    const sorted = [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    expect(sorted.map(sortKey)).toEqual(["anna", "bert", "emile", "eva", "eva", "odul", "oscar", "zeeman"]);
  });

  it("is idempotent", () => {
    for (const name of ["Ézé", "Café Müller", "  X  ", "ﬁrma"]) expect(sortKey(sortKey(name))).toBe(sortKey(name));
  });
});
