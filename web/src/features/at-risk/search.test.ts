import { describe, expect, it } from "vitest";
import { ownerIdOf, validateAtRiskSearch } from "./search.ts";

describe("at-risk filters in the address", () => {
  it("keeps an owner, a team id and the acknowledged toggle", () => {
    expect(validateAtRiskSearch({ owner: "me", team: "0f8fad5b-d9cb-469f-a165-70867728950e", acknowledged: true })).toEqual({
      owner: "me",
      team: "0f8fad5b-d9cb-469f-a165-70867728950e",
      acknowledged: true,
    });
    expect(validateAtRiskSearch({ owner: "Xy3_abc-DEF", acknowledged: "true" })).toEqual({ owner: "Xy3_abc-DEF", acknowledged: true });
  });

  it("drops what is not a filter: odd owners, a team that is not an id, a false toggle", () => {
    expect(validateAtRiskSearch({ owner: "<script>", team: "sales", acknowledged: "false" })).toEqual({});
    expect(validateAtRiskSearch({ owner: "x".repeat(101) })).toEqual({});
    expect(validateAtRiskSearch({})).toEqual({});
  });

  it("asks the API for everyone's clients without an owner filter", () => {
    expect(ownerIdOf("all")).toBeUndefined();
    expect(ownerIdOf("me")).toBe("me");
    expect(ownerIdOf("abc")).toBe("abc");
  });
});
