import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en, type MessageKey } from "./messages.en.ts";
import { nl } from "./messages.nl.ts";

const keys = Object.keys(en) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("nl has exactly the keys of en", () => {
    expect(Object.keys(nl).sort()).toEqual([...keys].sort());
  });

  it.each(keys)("%s: no empty or padded texts in either language", (key) => {
    for (const text of [en[key], nl[key]]) {
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).toBe(text.trim());
    }
  });

  it.each(keys)("%s: the same {placeholders} in both languages", (key) => {
    expect(placeholders(nl[key])).toEqual(placeholders(en[key]));
  });

  it("keys are stable codes: lower case, dot-separated", () => {
    for (const key of keys) expect(key).toMatch(/^[a-z_]+(\.[a-z_]+)*$/);
  });
});

const srcRoot = path.resolve(import.meta.dirname, "..");
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return full === path.join(srcRoot, "i18n") ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("message keys in use", () => {
  const source = sourceFiles(srcRoot)
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
  it.each(keys)("%s is used somewhere in src/ outside i18n", (key) => {
    const quoted = [`"${key}"`, `'${key}'`, `\`${key}\``];
    expect(
      quoted.some((q) => source.includes(q)),
      `no code uses ${key}`,
    ).toBe(true);
  });
});
