import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyTestDatabase } from "../../test/helpers/database.ts";
import type { DatabaseHandle } from "./connection.ts";

/** Raw SQL through the shared pool, as the job queue uses it, on both kinds of database. */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createEmptyTestDatabase();
});
afterAll(() => handle.close());

describe("executeSql", () => {
  it("answers a multi-statement text with the rows of every statement, in order", async () => {
    const result = await handle.executeSql(
      "begin; select 1 as first; select pg_advisory_xact_lock(42) as locked; select 'x' as last; commit",
    );
    expect(result.rows.map((row) => Object.keys(row)[0])).toEqual(["first", "locked", "last"]);
  });

  it("answers a parameterised statement with its rows", async () => {
    const result = await handle.executeSql("select $1::int + 1 as n", [41]);
    expect(result.rows).toEqual([{ n: 42 }]);
  });
});
