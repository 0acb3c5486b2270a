import { describe, expect, it } from "vitest";
import { findNulPath } from "./nul.ts";

describe("findNulPath", () => {
  it.each<[unknown, string | undefined]>([
    // Nothing to find.
    [undefined, undefined],
    [null, undefined],
    [42, undefined],
    [true, undefined],
    ["", undefined],
    ["plain text, even \u0001 and \uffff", undefined],
    [{ name: "Bakker", tags: ["a", "b"], nested: { deep: [1, null, "x"] } }, undefined],
    [[], undefined],
    [{}, undefined],
    // The value itself.
    ["a\u0000b", ""],
    ["\u0000", ""],
    // Fields, array items and nesting, as a dotted path.
    [{ name: "Bak\u0000ker" }, "name"],
    [{ topics: ["tax", "tax\u0000"] }, "topics.1"],
    [{ a: { b: [{ c: "\u0000" }] } }, "a.b.0.c"],
    [["ok", "n\u0000"], "1"],
    // A key can hold one too.
    [{ "a\u0000b": 1 }, "a\u0000b"],
    // The first one in field order wins.
    [{ first: "\u0000", second: "\u0000" }, "first"],
    [{ first: { inner: "\u0000" }, second: "\u0000" }, "first.inner"],
  ])("%j → %j", (value, expected) => {
    expect(findNulPath(value)).toBe(expected);
  });

  it("walks objects without a prototype, as Fastify parses query strings", () => {
    const query = Object.assign(Object.create(null), { q: "ab\u0000cd" });
    expect(findNulPath(query)).toBe("q");
  });

  it("survives nesting far deeper than the call stack allows", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}`);
    expect(findNulPath(deep)).toBe(Array.from({ length: 100_000 }, () => "0").join("."));
  });
});
