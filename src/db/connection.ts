import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PglitePool } from "./pglite-pool.ts";
import type { DB } from "./schema.ts";
import { typeParsers } from "./type-parsers.ts";

export type DatabaseKind = "embedded" | "postgres";

export type DatabaseHandle = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Raw SQL through the same pool (and so the same queue on PGlite). */
  executeSql(text: string, values?: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** True when a trivial query answers; used by /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The embedded database itself, when that is what runs (tests dump it as a template). */
  pglite?: PGlite;
};

export type OpenDatabaseOptions =
  | { kind: "postgres"; url: string; maxConnections?: number }
  /** `dataDir` undefined means in memory; `template` starts from a dump. */
  | { kind: "embedded"; dataDir?: string; template?: Blob };

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.kind === "postgres" ? openPostgres(options.url, options.maxConnections) : openEmbedded(options);
}

async function openEmbedded(options: { dataDir?: string; template?: Blob }): Promise<DatabaseHandle> {
  if (options.dataDir) mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.template,
    extensions: { pg_trgm, unaccent },
    parsers: typeParsers,
  });
  const pool = new PglitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }) });
  return {
    db,
    kind: "embedded",
    pglite,
    executeSql: (text, values = []) =>
      pool.withClient((client) => (values.length === 0 ? client.queryAll(text) : client.query(text, values))),
    ping: async () => {
      try {
        await pool.withClient((client) => client.query("select 1 as ok"));
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, maxConnections = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: "postgres",
    executeSql: async (text, values = []) => {
      // Several statements in one text answer with one result each: hand back the rows of all of them.
      const result = (await pool.query(text, values as unknown[])) as pg.QueryResult | pg.QueryResult[];
      return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows ?? []) : result.rows };
    },
    ping: async () => {
      try {
        await pool.query("select 1");
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
