import { describe, expect, it } from "vitest";
import { findUnstorableText } from "./nul.ts";

const findNulPath = (value: unknown) => findUnstorableText(value)?.path;

describe("findUnstorableText: NUL", () => {
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

describe("findUnstorableText: lone UTF-16 surrogates", () => {
  it.each<[unknown, { path: string; reason: string } | undefined]>([
    // Paired surrogates are ordinary characters (an emoji).
    ["smile \ud83d\ude00", undefined],
    [{ note: "\u{1f600}" }, undefined],
    ["\ud800x", { path: "", reason: "lone_surrogate" }],
    ["x\udfff", { path: "", reason: "lone_surrogate" }],
    ["\ude00\ud83d", { path: "", reason: "lone_surrogate" }],
    [
      { title: "ok", topics: ["tax", "\udbff"] },
      { path: "topics.1", reason: "lone_surrogate" },
    ],
    [{ "k\ud800": 1 }, { path: "k\ud800", reason: "lone_surrogate" }],
    [
      { a: "\u0000", b: "\ud800" },
      { path: "a", reason: "nul" },
    ],
    [
      { a: "\ud800", b: "\u0000" },
      { path: "a", reason: "lone_surrogate" },
    ],
  ])("%j → %j", (value, expected) => {
    expect(findUnstorableText(value)).toEqual(expected);
  });

  it("finds one that JSON.parse decoded from an escape", () => {
    expect(findUnstorableText(JSON.parse('{"name":"\\ud800x"}'))).toEqual({ path: "name", reason: "lone_surrogate" });
  });
});
