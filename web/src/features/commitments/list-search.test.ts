import { describe, expect, it } from "vitest";
import { listQuery, validateCommitmentsSearch, without } from "./list-search.ts";

describe("the promises list's address", () => {
  it("keeps known filters and drops anything else", () => {
    expect(
      validateCommitmentsSearch({
        ownerId: "u1",
        teamId: "0b7c5d6e-1f2a-4b3c-8d9e-0f1a2b3c4d5e",
        status: "kept,nonsense,broken",
        closedFrom: "2026-11-01",
        closedTo: "1 Nov",
        overdue: true,
        state: "gone",
        other: "x",
      }),
    ).toEqual({
      ownerId: "u1",
      teamId: "0b7c5d6e-1f2a-4b3c-8d9e-0f1a2b3c4d5e",
      status: "kept,broken",
      closedFrom: "2026-11-01",
      overdue: true,
    });
    expect(validateCommitmentsSearch({ ownerId: "a b", status: "nonsense", overdue: "no" })).toEqual({});
  });

  it("turns filters into the list endpoint's query, and removes one", () => {
    const search = { ownerId: "u1", status: "kept", closedFrom: "2026-11-01", overdue: true as const };
    expect(Object.fromEntries(listQuery(search, "c1"))).toEqual({
      limit: "100",
      order: "due_desc",
      ownerId: "u1",
      status: "kept",
      closedFrom: "2026-11-01",
      overdue: "true",
      cursor: "c1",
    });
    expect(without(search, "status")).toEqual({ ownerId: "u1", closedFrom: "2026-11-01", overdue: true });
    expect(without(search, "closedFrom", "closedTo", "overdue")).toEqual({ ownerId: "u1", status: "kept" });
  });
});
