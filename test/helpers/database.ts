import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../../src/db/connection.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";

/**
 * A fresh, migrated database for one test file. On PostgreSQL (when
 * TRUSTLEDGER_TEST_DATABASE_URL is set) a new database is created and dropped
 * afterwards; otherwise an in-memory embedded database, started from a
 * migrated template dumped once per worker (0.4 s instead of 2.4 s).
 */
export const testDatabaseUrl = process.env.TRUSTLEDGER_TEST_DATABASE_URL || undefined;
export const testDatabaseKind = testDatabaseUrl ? "postgres" : "embedded";

let template: Promise<Blob> | undefined;

async function embeddedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const handle = await openDatabase({ kind: "embedded" });
    await migrateToLatest(handle.db);
    const dump = await handle.pglite?.dumpDataDir("none");
    await handle.close();
    if (!dump) throw new Error("could not dump the template database");
    return dump;
  })();
  return template;
}

export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!testDatabaseUrl) {
    return openDatabase({ kind: "embedded", template: await embeddedTemplate() });
  }
  const name = `tl_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: "postgres", url: url.toString(), maxConnections: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** A new, empty database on the test PostgreSQL server, dropped by the given cleanup list. */
export async function createPostgresDatabaseUrl(cleanups: (() => Promise<void> | void)[]): Promise<string> {
  if (!testDatabaseUrl) throw new Error("TRUSTLEDGER_TEST_DATABASE_URL is not set");
  const name = `tl_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database with no schema at all (for migration tests), on the same server kind as the suite. */
export async function createEmptyTestDatabase(): Promise<DatabaseHandle> {
  if (!testDatabaseUrl) return openDatabase({ kind: "embedded" });
  const cleanups: (() => Promise<void> | void)[] = [];
  const url = await createPostgresDatabaseUrl(cleanups);
  const handle = await openDatabase({ kind: "postgres", url, maxConnections: 2 });
  return {
    ...handle,
    async close() {
      await handle.close();
      for (const cleanup of cleanups) await cleanup();
    },
  };
}
