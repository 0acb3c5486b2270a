import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "kysely";
import type { DatabaseHandle } from "./connection.ts";
import { migrations } from "./migrations/registry.ts";

/**
 * Backups of the embedded database taken just before migrations change it:
 * an upgrade that goes wrong can be undone with `trustledger restore`. Only
 * the newest few are kept. (On PostgreSQL, backups are the operator's tools' job.)
 */
const KEEP = 3;
const PREFIX = "before-";

/** The migrations not yet applied; empty for a database that has none applied (a new one: nothing to keep). */
async function pendingMigrations(database: DatabaseHandle): Promise<string[]> {
  const table = await sql<{ exists: boolean }>`select to_regclass('schema_migrations') is not null as exists`.execute(database.db);
  if (!table.rows[0]?.exists) return [];
  const applied = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(database.db)).rows.map((r) => r.name));
  if (applied.size === 0) return [];
  return Object.keys(migrations).filter((name) => !applied.has(name));
}

/**
 * When migrations are pending on an embedded database that holds data, writes
 * `<dir>/before-<first pending migration>-<time>.tar.gz` and returns its path;
 * otherwise null. Keeps the newest three.
 */
export async function backupBeforeMigrating(database: DatabaseHandle, dir: string, now: Date): Promise<string | null> {
  if (!database.pglite) return null;
  const pending = await pendingMigrations(database);
  if (pending.length === 0) return null;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${PREFIX}${pending[0]}-${now.toISOString().replaceAll(":", "-")}.tar.gz`);
  const dump = await database.pglite.dumpDataDir("gzip");
  // Written under a temporary name first: a half-written file must never look like a backup.
  writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()));
  renameSync(`${file}.partial`, file);
  const backups = readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith(".tar.gz"))
    .sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - KEEP))) rmSync(path.join(dir, old));
  return file;
}

/**
 * Replaces the embedded database in `dataDir` by a backup. What was there is
 * kept beside it (`<dataDir>-replaced-<time>`), never deleted.
 */
export async function restoreBackup(file: string, dataDir: string, now: Date): Promise<{ replaced: string | null }> {
  const dump = new Blob([await readFile(file)]);
  const incoming = `${dataDir}-restoring`;
  rmSync(incoming, { recursive: true, force: true });
  // Restoring into a data directory that does not exist yet (a new machine) is fine.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // Loading the dump into a fresh directory first proves it is readable before anything is moved.
  try {
    const restored = await PGlite.create({ dataDir: incoming, loadDataDir: dump, extensions: { pg_trgm } });
    await restored.query("select 1");
    await restored.close();
  } catch (error) {
    rmSync(incoming, { recursive: true, force: true });
    throw error;
  }
  let replaced: string | null = null;
  if (existsSync(dataDir)) {
    replaced = `${dataDir}-replaced-${now.toISOString().replaceAll(":", "-")}`;
    renameSync(dataDir, replaced);
  }
  renameSync(incoming, dataDir);
  return { replaced };
}
