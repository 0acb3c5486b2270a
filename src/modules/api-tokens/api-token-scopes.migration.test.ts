import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.ts";
import { migrations } from "../../db/migrations/registry.ts";

/** Tokens made before scopes existed: after the upgrade they may read, and nothing more. */
const database = await openDatabase({ kind: "embedded" });
const migrator = new Migrator({
  db: database.db,
  provider: { getMigrations: async () => migrations },
  migrationTableName: "schema_migrations",
  migrationLockTableName: "schema_migrations_lock",
});
const names = Object.keys(migrations);
const scopesMigration = "0012_api_token_scopes";

beforeAll(async () => {
  const before = names[names.indexOf(scopesMigration) - 1] as string;
  expect((await migrator.migrateTo(before)).error).toBeUndefined();
  await sql`
    insert into "organization" (id, name, slug, "createdAt") values ('org-t', 'Oud BV', 'oud', now());
    insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt") values ('user-t', 'Oud', 'oud@example.test', false, now(), now());
    insert into api_tokens (org_id, id, user_id, name, token_hash, token_prefix)
      values ('org-t', '00000000-0000-4000-8000-000000000001', 'user-t', 'Van voor de scopes', 'hash', 'tl_oud');
  `.execute(database.db);
  expect((await migrator.migrateTo(scopesMigration)).error).toBeUndefined();
});
afterAll(() => database.close());

describe("migration 0012: API token scopes", () => {
  it("gives existing tokens the read scope only", async () => {
    const rows = await sql<{ scopes: string[] }>`select scopes from api_tokens`.execute(database.db);
    expect(rows.rows).toEqual([{ scopes: ["read"] }]);
  });

  it("refuses a token without scopes or with an unknown one", async () => {
    for (const scopes of [sql`array[]::text[]`, sql`array['everything']::text[]`, sql`null`]) {
      await expect(
        sql`insert into api_tokens (org_id, id, user_id, name, token_hash, token_prefix, scopes)
            values ('org-t', gen_random_uuid(), 'user-t', 'Fout', ${`hash-${Math.random()}`}, 'tl_x', ${scopes})`.execute(database.db),
      ).rejects.toThrow();
    }
  });
});
