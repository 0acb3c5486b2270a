import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "./config.ts";
import { backupBeforeMigrating } from "./db/backup.ts";
import { type DatabaseHandle, openDatabase } from "./db/connection.ts";
import { ensureInstanceSecret } from "./db/instance-secret.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { forgetEndedWindows } from "./http/rate-limit-store.ts";
import { createHttpServer } from "./http/server.ts";
import { type Jobs, type JobTask, startJobs } from "./jobs/runner.ts";
import { type Auth, createAuth } from "./modules/auth/auth.ts";
import { rerouteUnaccepted } from "./modules/callbacks/callbacks.sweep.ts";
import { sweepCommitments } from "./modules/commitments/commitments.sweep.ts";
import * as domainEvents from "./modules/domain-events/domain-events.usecases.ts";
import { escalateUndisclosed } from "./modules/incidents/incidents.sweep.ts";
import { createMailer, type Mailer } from "./modules/notifications/mailer.ts";
import * as notifications from "./modules/notifications/notifications.usecases.ts";
import * as trustRisks from "./modules/trust/trust.risks.ts";
import * as trust from "./modules/trust/trust.usecases.ts";
import { type Clock, systemClock } from "./shared/clock.ts";
import { createCursorCodec } from "./shared/cursor.ts";
import { createLogger, type Logger } from "./shared/logger.ts";
import { createSigner } from "./shared/signer.ts";
import { TtlCache } from "./shared/ttl-cache.ts";

/**
 * The composition root: the one place that constructs things and wires them
 * together. Everything else receives what it needs as arguments.
 */
/**
 * Consumers of domain events that must agree with the facts run inside the
 * transaction that publishes them (ARCHITECTURE.md, "domain events").
 */
domainEvents.consumeInTransaction("trust evidence", (trx, event) => trust.recordEvidenceFor(trx, event).then(() => undefined));

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const appVersion: string = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")).version;

export type App = {
  server: Awaited<ReturnType<typeof createHttpServer>>;
  database: DatabaseHandle;
  auth: Auth;
  clock: Clock;
  logger: Logger;
  /** Sends e-mail, or keeps it in the outbox when no SMTP server is configured. */
  mailer: Mailer;
  /** The background job runner; null when TRUSTLEDGER_JOBS=0 (tests start it themselves). */
  jobs: Jobs | null;
  /** What every sweep runs, in order. */
  tasks: JobTask[];
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

/**
 * Brings the configured database up to date. The embedded one is first backed
 * up under `<data dir>/backups` when migrations are pending (see db/backup.ts).
 */
export async function migrateConfigured(config: Config, database: DatabaseHandle, clock: Clock, logger?: Logger) {
  if (database.kind === "embedded" && !config.databaseUrl) {
    const backup = await backupBeforeMigrating(database, path.join(config.dataDir, "backups"), clock.now());
    if (backup) logger?.info({ backup }, "the embedded database was backed up before migrating");
  }
  return migrateToLatest(database.db);
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openConfiguredDatabase(config));
  try {
    // A database handed in (tests) is migrated as it is; the configured one gets its backup first.
    if (options.database) await migrateToLatest(database.db);
    else await migrateConfigured(config, database, clock, logger);
    const secret = config.secret ?? (await ensureInstanceSecret(database.db));
    const auth = createAuth({ db: database.db, secret, baseUrl: config.baseUrl, logger });
    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
    let jobs: Jobs | null = null;
    // The background sweep, every minute: its tasks in order, each on its own. Tasks that queue
    // e-mail come before "deliveries", so what they queue goes out in the same sweep.
    const tasks: JobTask[] = [
      {
        name: "callbacks",
        run: async () =>
          void (await rerouteUnaccepted({ db: database.db, clock, logger, baseUrl: config.baseUrl, cursor: createCursorCodec(secret) })),
      },
      {
        name: "commitments",
        run: async () => void (await sweepCommitments({ db: database.db, clock, logger, baseUrl: config.baseUrl })),
      },
      {
        name: "incidents",
        run: async () => void (await escalateUndisclosed({ db: database.db, clock, logger, baseUrl: config.baseUrl })),
      },
      { name: "trust risks", run: async () => void (await trustRisks.refreshDueRisks({ db: database.db, clock, logger })) },
      { name: "deliveries", run: async () => void (await notifications.deliverDue({ db: database.db, clock, mailer, logger })) },
      { name: "rate limits", run: async () => void (await forgetEndedWindows(database.db)) },
    ];
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
      baseUrl: config.baseUrl,
      portalSigner: createSigner(secret, "portal"),
      sessionCache: new TtlCache(config.sessionCacheMs),
      mailer,
      // E-mail queued by a request goes out within seconds instead of at the next minute.
      kickJobs: () => void jobs?.kick(),
    });
    await server.ready();
    if (config.jobs) jobs = await startJobs({ database, logger, tasks, clock });
    return {
      server,
      database,
      auth,
      clock,
      logger,
      mailer,
      jobs,
      tasks,
      async close() {
        await jobs?.stop();
        await server.close();
        mailer.close();
        await database.close();
      },
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
