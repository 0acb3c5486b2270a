import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en, formatQuarter, nl, pulseText } from "./messages.ts";

const code = readdirSync(import.meta.dirname)
  .filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".test.ts") && name !== "messages.ts")
  .map((name) => readFileSync(path.join(import.meta.dirname, name), "utf8"))
  .join("\n");
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("pulse texts", () => {
  it("nl has exactly the keys of en, none empty, with the same placeholders", () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const dutch = nl[key as keyof typeof en];
      expect(dutch.trim(), key).not.toBe("");
      expect(placeholders(dutch), key).toEqual(placeholders(text));
    }
  });

  it("every key is used by the feature, literally or through a `prefix.<variable>` template", () => {
    const prefixes = [
      ...[...code.matchAll(/pt\(`([\w.]+)\.\$\{/g)].map((m) => `${m[1]}.`),
      "pulse.page.question.", // questionKey
      "teamPulse.quarter", // formatQuarter
    ];
    const unused = Object.keys(en).filter((key) => !code.includes(`"${key}"`) && !prefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it("asks the four statements in plain words, one per core", () => {
    expect(nl["pulse.page.question.integrity"]).toBe("Zij doen wat zij zeggen");
    expect(en["pulse.page.question.integrity"]).toBe("They do what they say");
    expect(nl["pulse.page.question.intent"]).toBe("Zij hebben mijn belang voor ogen");
    expect(nl["pulse.page.question.capabilities"]).toBe("Zij verstaan hun vak");
    expect(nl["pulse.page.question.results"]).toBe("Zij leveren wat ik nodig heb");
  });

  it("names a quarter in each language, and leaves an unknown period as it is", () => {
    expect(formatQuarter(pulseText("en"), "2026-Q4")).toBe("Q4 2026");
    expect(formatQuarter(pulseText("nl"), "2027-Q1")).toBe("1e kwartaal 2027");
    expect(formatQuarter(pulseText("nl"), "2027")).toBe("2027");
  });

  it("every literal key the feature asks for exists", () => {
    const asked = [...code.matchAll(/\bpt\("([\w.]+)"/g)].map((m) => m[1] as string);
    expect(asked.length).toBeGreaterThan(40);
    expect(asked.filter((key) => !(key in en))).toEqual([]);
  });
});
