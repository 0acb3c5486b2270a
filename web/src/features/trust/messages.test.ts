import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TRUST_CORES } from "../../../../src/core/trust/cores.ts";
import { EVIDENCE_KINDS } from "../../../../src/core/trust/weights.ts";
import { en, nl } from "./messages.ts";

const code = readdirSync(import.meta.dirname)
  .filter((name) => /\.tsx?$/.test(name) && !name.endsWith(".test.ts") && name !== "messages.ts")
  .map((name) => readFileSync(path.join(import.meta.dirname, name), "utf8"))
  .join("\n");
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("trust ledger texts", () => {
  it("nl has exactly the keys of en, none empty, with the same placeholders", () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      const dutch = nl[key as keyof typeof en];
      expect(dutch.trim(), key).not.toBe("");
      expect(placeholders(dutch), key).toEqual(placeholders(text));
    }
  });

  it("names every core and every kind of evidence in both languages", () => {
    for (const core of TRUST_CORES) expect(`trust.core.${core}` in en, core).toBe(true);
    for (const kind of EVIDENCE_KINDS) expect(`trust.kind.${kind}` in en, kind).toBe(true);
    // Dutch names, not English left in place.
    expect(nl["trust.core.integrity"]).toBe("Integriteit");
    expect(nl["trust.readiness.shareProblems"]).toBe("Klaar om problemen te delen");
    expect(nl["trust.readiness.doBusiness"]).toBe("Klaar om zaken te doen");
  });

  it("every key is used by the feature, literally or through a `prefix.<variable>` template or a key helper", () => {
    const prefixes = [
      ...[...code.matchAll(/tr\(`([\w.]+)\.\$\{/g)].map((m) => `${m[1]}.`),
      "trust.core.", // coreName / coreKey
      "trust.kind.", // kindKey
    ];
    const unused = Object.keys(en).filter((key) => !code.includes(`"${key}"`) && !prefixes.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });

  it("every literal key the feature asks for exists", () => {
    const asked = [...code.matchAll(/\btr\("([\w.]+)"/g)].map((m) => m[1] as string);
    expect(asked.length).toBeGreaterThan(40);
    expect(asked.filter((key) => !(key in en))).toEqual([]);
  });
});
