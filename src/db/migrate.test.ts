import { type Kysely, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyTestDatabase } from "../../test/helpers/database.ts";
import type { DatabaseHandle } from "./connection.ts";
import { MigrationError, migrateToLatest } from "./migrate.ts";
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
  it("run one transaction each: when one fails, the earlier ones stay applied and recorded and nothing of it remains", async () => {
    const fresh = await createEmptyTestDatabase();
    try {
      const [first, second] = Object.entries(migrations);
      const list = {
        ...Object.fromEntries([first, second] as [string, (typeof migrations)[string]][]),
        "0003_breaks_halfway": {
          async up(db: Kysely<any>) {
            await sql`create table half_done (id int)`.execute(db);
            await sql`insert into half_done values (1)`.execute(db);
            await sql`select * from no_such_table`.execute(db);
          },
        },
        "0004_after_the_broken_one": {
          async up(db: Kysely<any>) {
            await sql`create table never_reached (id int)`.execute(db);
          },
        },
      };
      const error = await migrateToLatest(fresh.db, list).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(/^Migration 0003_breaks_halfway failed: .*no_such_table/);
      const recorded = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(fresh.db);
      expect(recorded.rows.map((row) => row.name)).toEqual([first?.[0], second?.[0]]);
      const tables = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_name in ('clients', 'half_done', 'never_reached')`.execute(fresh.db);
      expect(tables.rows.map((row) => row.name)).toEqual(["clients"]);
    } finally {
      await fresh.close();
    }
  });

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

  it("bring promises stored under 0007 forward: a renegotiation told in time marks its promise", async () => {
    const old = await createEmptyTestDatabase();
    try {
      const result = await new Migrator({
        db: old.db,
        provider: { getMigrations: async () => migrations },
        migrationTableName: "schema_migrations",
        migrationLockTableName: "schema_migrations_lock",
      }).migrateTo("0007_callbacks");
      expect(result.error).toBeUndefined();
      const client = "00000000-0000-4000-8000-000000000001";
      const promise = (n: number) => `00000000-0000-4000-8000-00000000010${n}`;
      const event = (n: number) => `00000000-0000-4000-8000-00000000020${n}`;
      await sql`
        insert into "organization" (id, name, slug, "createdAt") values ('org-1', 'Oud Kantoor', 'oud', now());
        insert into "user" (id, name, email, "emailVerified") values ('u-1', 'Anna', 'anna@oud.example', true);
        insert into clients (org_id, id, kind, name, sort_name) values ('org-1', '${sql.raw(client)}', 'company', 'Oude Klant', 'oude klant');
      `.execute(old.db);
      // 1: told before the old due time; 2: told, but late; 3: never renegotiated.
      for (const n of [1, 2, 3]) {
        await sql`
          insert into commitments (org_id, id, client_id, title, done_when, owner_id, source, status, due_at, original_due_at,
                                   renegotiation_count, closed_at)
          values ('org-1', ${promise(n)}, ${client}, ${`Belofte ${n}`}, 'klaar', 'u-1', 'call', 'kept', now(), now(),
                  ${n === 3 ? 0 : 1}, now())`.execute(old.db);
      }
      for (const n of [1, 2]) {
        await sql`
          insert into commitment_events (org_id, id, commitment_id, kind, at, data)
          values ('org-1', ${event(n)}, ${promise(n)}, 'renegotiated', now(),
                  ${JSON.stringify({ clientInformed: true, informedBeforeDue: n === 1 })}::jsonb)`.execute(old.db);
      }
      await migrateToLatest(old.db);
      const rows = await sql<{ title: string; renegotiated_with_notice: boolean }>`
        select title, renegotiated_with_notice from commitments order by title`.execute(old.db);
      expect(rows.rows).toEqual([
        { title: "Belofte 1", renegotiated_with_notice: true },
        { title: "Belofte 2", renegotiated_with_notice: false },
        { title: "Belofte 3", renegotiated_with_notice: false },
      ]);
    } finally {
      await old.close();
    }
  });
});
