import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, describe, expect, it } from "vitest";
import { backupBeforeMigrating, restoreBackup } from "./backup.ts";
import { openDatabase } from "./connection.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrations } from "./migrations/registry.ts";

/** The embedded database on disk, backed up before an upgrade and put back from that backup. */
const work = mkdtempSync(path.join(os.tmpdir(), "trustledger-backup-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const dataDir = path.join(work, "pglite");
const backups = path.join(work, "backups");
const names = Object.keys(migrations);
const beforeLast = names.at(-2) as string;

async function open() {
  return openDatabase({ kind: "embedded", dataDir });
}

async function appliedMigrations(dir = dataDir) {
  const database = await openDatabase({ kind: "embedded", dataDir: dir });
  try {
    return (await sql<{ name: string }>`select name from schema_migrations order by name`.execute(database.db)).rows.map((r) => r.name);
  } finally {
    await database.close();
  }
}

describe("backups of the embedded database", () => {
  it("a new, empty database is not backed up", async () => {
    const database = await open();
    expect(await backupBeforeMigrating(database, backups, new Date("2026-11-23T09:00:00Z"))).toBeNull();
    await database.close();
    expect(existsSync(backups)).toBe(false);
  });

  it("with data and pending migrations: a backup named after the first pending one; none when up to date", async () => {
    const database = await open();
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations },
      migrationTableName: "schema_migrations",
      migrationLockTableName: "schema_migrations_lock",
    });
    expect((await migrator.migrateTo(beforeLast)).error).toBeUndefined();
    await sql`insert into "organization" (id, name, slug, "createdAt") values ('org-b', 'Bewaard BV', 'bewaard', now())`.execute(
      database.db,
    );

    const file = await backupBeforeMigrating(database, backups, new Date("2026-11-23T10:00:00Z"));
    expect(file).toBe(path.join(backups, `before-${names.at(-1)}-2026-11-23T10-00-00.000Z.tar.gz`));
    await migrateToLatest(database.db);
    expect(await backupBeforeMigrating(database, backups, new Date("2026-11-23T09:00:00Z"))).toBeNull();
    await database.close();
    expect(readdirSync(backups)).toEqual([path.basename(file as string)]);
  });

  it("restores a backup: the schema and the data of before the upgrade, the replaced database kept beside it", async () => {
    const [file] = readdirSync(backups);
    const database = await open();
    await sql`update "organization" set name = 'Na de upgrade' where id = 'org-b'`.execute(database.db);
    await database.close();

    const { replaced } = await restoreBackup(path.join(backups, file as string), dataDir, new Date("2026-11-23T11:00:00Z"));
    expect(replaced).toBe(`${dataDir}-replaced-2026-11-23T11-00-00.000Z`);
    expect(await appliedMigrations()).toEqual(names.slice(0, -1));
    const restored = await open();
    const row = await sql<{ name: string }>`select name from "organization" where id = 'org-b'`.execute(restored.db);
    await restored.close();
    expect(row.rows).toEqual([{ name: "Bewaard BV" }]);
    expect(await appliedMigrations(replaced as string)).toEqual(names);
  });

  it("restores into a data directory that does not exist yet (a new machine)", async () => {
    const [file] = readdirSync(backups);
    const elsewhere = path.join(work, "new-machine", "data", "pglite");
    expect(await restoreBackup(path.join(backups, file as string), elsewhere, new Date("2026-11-23T11:30:00Z"))).toEqual({
      replaced: null,
    });
    expect(await appliedMigrations(elsewhere)).toEqual(names.slice(0, -1));
  });

  it("a file that is not a backup is refused and nothing is moved", async () => {
    const junk = path.join(work, "junk.tar.gz");
    writeFileSync(junk, "not a backup");
    await expect(restoreBackup(junk, dataDir, new Date("2026-11-23T11:45:00Z"))).rejects.toThrow();
    expect(existsSync(`${dataDir}-restoring`)).toBe(false);
    expect(await appliedMigrations()).toEqual(names.slice(0, -1));
  });

  it("keeps the newest three", async () => {
    const database = await open();
    for (const hour of [12, 13, 14, 15]) {
      await backupBeforeMigrating(database, backups, new Date(`2026-11-23T${hour}:00:00Z`));
    }
    await database.close();
    expect(readdirSync(backups).map((name) => /T(\d\d)-00-00/.exec(name)?.[1])).toEqual(["13", "14", "15"]);
  });
});
