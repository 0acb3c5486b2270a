import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/connection.ts";
import { ensureInstanceSecret } from "./db/instance-secret.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { createHttpServer } from "./http/server.ts";
import { type Auth, createAuth } from "./modules/auth/auth.ts";
import { type Clock, systemClock } from "./shared/clock.ts";
import { createCursorCodec } from "./shared/cursor.ts";
import { createLogger, type Logger } from "./shared/logger.ts";
import { TtlCache } from "./shared/ttl-cache.ts";

/**
 * The composition root: the one place that constructs things and wires them
 * together. Everything else receives what it needs as arguments.
 */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const appVersion: string = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).version;

export type App = {
  server: Awaited<ReturnType<typeof createHttpServer>>;
  database: DatabaseHandle;
  auth: Auth;
  clock: Clock;
  logger: Logger;
  close(): Promise<void>;
};

export type AppOptions = {
  clock?: Clock;
  logger?: Logger;
  /** An already opened database (tests pass their own); otherwise opened from config. */
  database?: DatabaseHandle;
};

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({ kind: "postgres", url: config.databaseUrl })
    : openDatabase({ kind: "embedded", dataDir: path.join(config.dataDir, "pglite") });
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openConfiguredDatabase(config));
  try {
    await migrateToLatest(database.db);
    const secret = config.secret ?? (await ensureInstanceSecret(database.db));
    const auth = createAuth({ db: database.db, secret, baseUrl: config.baseUrl, logger });
    const server = await createHttpServer({
      db: database.db,
      clock,
      auth,
      cursor: createCursorCodec(secret),
      logger,
      ping: database.ping,
      trustProxy: config.trustProxy,
      webRoot: path.join(projectRoot, "dist", "web"),
      version: appVersion,
      sessionCache: new TtlCache(config.sessionCacheMs),
    });
    await server.ready();
    return {
      server,
      database,
      auth,
      clock,
      logger,
      async close() {
        await server.close();
        await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
