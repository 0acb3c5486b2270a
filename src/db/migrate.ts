import type { Kysely } from "kysely";
import { type Migration, type MigrationResult, Migrator } from "kysely/migration";
import { migrations as registered } from "./migrations/registry.ts";

export class MigrationError extends Error {}

/**
 * Runs every pending migration forward, each in its own transaction and recorded in
 * `schema_migrations` as that transaction commits: when migration N fails, those before
 * it stay applied and recorded, and nothing of N remains. (Kysely's migrateToLatest
 * would run them all in one transaction, so one failure undid every step before it.)
 * Each step takes the migration lock and reads the state again, so two instances
 * starting at once apply every migration once.
 */
export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration> = registered): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const applied: MigrationResult[] = [];
  for (;;) {
    const { error, results = [] } = await migrator.migrateUp();
    if (error) {
      const failed = results.find((result) => result.status === "Error");
      throw new MigrationError(
        `Migration ${failed?.migrationName ?? "(unknown)"} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (results.length === 0) return applied;
    applied.push(...results);
  }
}
