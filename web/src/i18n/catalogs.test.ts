import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { detectLanguage } from "./i18n.tsx";
import { nl } from "./nl.ts";

const webSource = path.resolve(import.meta.dirname, "..");
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "i18n" ? [] : sources(full);
    // A feature's own texts (messages.ts) are catalogs, not code that uses them.
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") && entry.name !== "messages.ts"
      ? [readFileSync(full, "utf8")]
      : [];
  });
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("web catalogs", () => {
  it("nl has exactly the keys of en, none empty, with the same placeholders", () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const dutch = nl[key as keyof typeof en];
      expect(dutch.trim(), key).not.toBe("");
      expect(placeholders(dutch), key).toEqual(placeholders(text));
    }
  });

  it("every key is used by the app, literally or through a `prefix.<variable>` template", () => {
    const code = sources(webSource).join("\n");
    const templatePrefixes = [...code.matchAll(/t\(`([\w.]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const unused = Object.keys(en).filter(
      (key) => !code.includes(`"${key}"`) && !templatePrefixes.some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });

  it("every literal key the app asks for exists in the catalogs", () => {
    const code = sources(webSource).join("\n");
    const asked = [...code.matchAll(/\bt\("([\w.]+)"/g)].map((m) => m[1] as string);
    expect(asked.length).toBeGreaterThan(50);
    expect(asked.filter((key) => !(key in en))).toEqual([]);
  });

  it.each([
    [["nl-NL", "en"], "nl"],
    [["en-US", "nl"], "en"],
    [["de-DE", "nl-BE"], "nl"],
    [["fr"], "en"],
    [[], "en"],
  ] as const)("detects %j as %s", (preferred, expected) => {
    expect(detectLanguage(preferred)).toBe(expected);
  });
});
