import { describe, expect, it } from "vitest";
import { isUniqueViolation, sqlState } from "./errors.ts";

// Both drivers raise errors shaped like these: `pg` a DatabaseError, PGlite its own, each with code and constraint.
const duplicate = Object.assign(new Error("duplicate key value violates unique constraint"), {
  code: "23505",
  constraint: "teams_org_name_key",
});

describe("database errors", () => {
  it("sqlState reads the SQLSTATE of a database error and nothing else", () => {
    expect(sqlState(duplicate)).toBe("23505");
    expect(sqlState({ code: "22P05" })).toBe("22P05");
    for (const other of [undefined, null, "23505", new Error("x"), { code: "ECONNREFUSED" }, { code: 23505 }]) {
      expect(sqlState(other)).toBeUndefined();
    }
  });

  it("isUniqueViolation matches the code and the constraint's name", () => {
    expect(isUniqueViolation(duplicate, "teams_org_name_key")).toBe(true);
    expect(isUniqueViolation(duplicate, "user_email_key")).toBe(false);
    expect(isUniqueViolation({ code: "23503", constraint: "teams_org_name_key" }, "teams_org_name_key")).toBe(false);
    expect(isUniqueViolation(new Error("23505 teams_org_name_key"), "teams_org_name_key")).toBe(false);
  });
});
