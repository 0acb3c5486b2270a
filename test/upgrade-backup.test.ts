import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Migrator } from "kysely/migration";
import { afterAll, describe, expect, it } from "vitest";
import { migrateConfigured } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/connection.ts";
import { migrations } from "../src/db/migrations/registry.ts";
import { fixedClock } from "../src/shared/clock.ts";
import { createLogger } from "../src/shared/logger.ts";

/** Starting a newer version on an existing embedded data directory backs it up before migrating. */
const clock = fixedClock(new Date("2026-11-23T10:00:00Z"));
const dataDir = mkdtempSync(path.join(os.tmpdir(), "trustledger-upgrade-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("an upgrade of the embedded database", () => {
  it("is backed up under <data dir>/backups, then migrated; the next start makes no backup", async () => {
    const config = loadConfig({ DATABASE_URL: "", TRUSTLEDGER_DATA_DIR: dataDir });
    const names = Object.keys(migrations);
    const database = await openDatabase({ kind: "embedded", dataDir: path.join(dataDir, "pglite") });
    try {
      const older = new Migrator({
        db: database.db,
        provider: { getMigrations: async () => migrations },
        migrationTableName: "schema_migrations",
        migrationLockTableName: "schema_migrations_lock",
      });
      expect((await older.migrateTo(names.at(-2) as string)).error).toBeUndefined();

      const results = await migrateConfigured(config, database, clock, createLogger("silent"));
      expect(results.map((r) => r.migrationName)).toEqual([names.at(-1)]);
      const backups = readdirSync(path.join(dataDir, "backups"));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toBe(`before-${names.at(-1)}-2026-11-23T10-00-00.000Z.tar.gz`);

      expect(await migrateConfigured(config, database, clock, createLogger("silent"))).toEqual([]);
      expect(readdirSync(path.join(dataDir, "backups"))).toHaveLength(1);
    } finally {
      await database.close();
    }
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(true);
  });
});
