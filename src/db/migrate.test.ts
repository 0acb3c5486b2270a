import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyTestDatabase } from "../../test/helpers/database.ts";
import type { DatabaseHandle } from "./connection.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/registry.ts";

/** Upgrades run forward from every earlier schema without losing what was stored. */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createEmptyTestDatabase();
});
afterAll(() => handle.close());

const migrator = () =>
  new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });

describe("migrations", () => {
  it("are numbered, in order, and unique", () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    for (const [index, name] of names.entries()) expect(name.startsWith(String(index + 1).padStart(4, "0"))).toBe(true);
  });

  it("bring data stored under 0002 forward: contact counts are filled in", async () => {
    const result = await migrator().migrateTo("0002_clients");
    expect(result.error).toBeUndefined();
    await sql`
      insert into "organization" (id, name, slug, "createdAt") values ('org-1', 'Oud Kantoor', 'oud', now());
      insert into clients (org_id, id, kind, name, sort_name) values ('org-1', '00000000-0000-4000-8000-000000000001', 'company', 'Oude Klant', 'oude klant');
      insert into contacts (org_id, id, client_id, name) values
        ('org-1', '00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000001', 'Een'),
        ('org-1', '00000000-0000-4000-8000-000000000012', '00000000-0000-4000-8000-000000000001', 'Twee');
    `.execute(handle.db);
    await migrateToLatest(handle.db);
    const row = await sql<{ name: string; contact_count: number }>`select name, contact_count from clients`.execute(handle.db);
    expect(row.rows).toEqual([{ name: "Oude Klant", contact_count: 2 }]);
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });
});
