import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en, nl } from "./messages.ts";

const code = readdirSync(import.meta.dirname)
  .filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".test.ts") && name !== "messages.ts")
  .map((name) => readFileSync(path.join(import.meta.dirname, name), "utf8"))
  .join("\n");
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("at-risk texts", () => {
  it("nl has exactly the keys of en, none empty, with the same placeholders", () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const dutch = nl[key as keyof typeof en];
      expect(dutch.trim(), key).not.toBe("");
      expect(placeholders(dutch), key).toEqual(placeholders(text));
    }
  });

  it("every key is used by the feature, literally or through a `prefix.<variable>` template", () => {
    const prefixes = [...code.matchAll(/rt\(`([\w.]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const unused = Object.keys(en).filter((key) => !code.includes(`"${key}"`) && !prefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it("every literal key the feature asks for exists", () => {
    const asked = [...code.matchAll(/\brt\("([\w.]+)"/g)].map((m) => m[1] as string);
    expect(asked.length).toBeGreaterThan(30);
    expect(asked.filter((key) => !(key in en))).toEqual([]);
  });
});
