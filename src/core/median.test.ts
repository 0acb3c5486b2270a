import { describe, expect, it } from "vitest";
import { median, parseIntegers } from "./median.ts";

describe("median", () => {
  it.each([
    [[[]], null],
    [[[7]], 7],
    [[[3, 1, 2]], 2],
    [[[4, 1, 3, 2]], 2.5],
    [[[10, 20], [30], []], 20],
    [
      [
        [5400, 9000],
        [7200, 1800],
      ],
      6300,
    ],
    [[[-1, 1]], 0],
  ])("of %j is %s", (lists, expected) => {
    expect(median(lists)).toBe(expected);
  });

  it("sorts numerically, not as text", () => {
    expect(median([[100, 9, 20]])).toBe(20);
  });

  it("does not change the lists it is given", () => {
    const list = [3, 1, 2];
    median([list]);
    expect(list).toEqual([3, 1, 2]);
  });
});

describe("parseIntegers", () => {
  it("reads what array_to_string writes", () => {
    expect([...parseIntegers("1800,3600,42")]).toEqual([1800, 3600, 42]);
    expect([...parseIntegers("")]).toEqual([]);
    expect([...parseIntegers(null)]).toEqual([]);
  });
});
