import type { Kysely } from "kysely";
import { PgBoss } from "pg-boss";
import type { DatabaseHandle } from "../db/connection.ts";
import type { DB } from "../db/schema.ts";
import * as notifications from "../modules/notifications/notifications.usecases.ts";
import { type Clock, systemClock } from "../shared/clock.ts";
import type { Logger } from "../shared/logger.ts";

/**
 * The background work of the app, inside the app: no separate cron. Every
 * minute one "sweep" runs its tasks in order (each isolated: one failing does
 * not stop the next) and records how it went in job_runs, which the System page
 * shows. pg-boss hands each scheduled sweep to exactly one instance, however
 * many share the database. A shell like src/http: modules never import it.
 */
export type JobTask = { name: string; run(): Promise<void> };

export type Jobs = {
  /** Asks for a sweep now (e.g. after queueing e-mail); bursts collapse into one. Never throws. */
  kick(): Promise<void>;
  /** Stops taking work, lets a running sweep finish, then returns. */
  stop(): Promise<void>;
};

export const SWEEP_QUEUE = notifications.SWEEP_JOB;
const SWEEP_CRON = "* * * * *";
/** One key for the scheduled and the kicked sweeps: with the "stately" policy at most one waits and one runs. */
const SWEEP_KEY = "sweep";

type RunDeps = { db: Kysely<DB>; logger: Logger; clock?: Clock; tasks: readonly JobTask[] };

/**
 * Runs every task once, in order, recording the sweep in job_runs: for tests,
 * the command line and the pg-boss worker alike. Resolves with the tasks that failed.
 */
export async function runTasksOnce(deps: RunDeps): Promise<{ failed: { task: string; error: string }[] }> {
  const record = { db: deps.db, clock: deps.clock ?? systemClock };
  await notifications.recordJobStart(record, SWEEP_QUEUE);
  const failed: { task: string; error: string }[] = [];
  for (const task of deps.tasks) {
    try {
      await task.run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failed.push({ task: task.name, error: message });
      deps.logger.error({ err: error, task: task.name }, "background task failed");
    }
  }
  const summary =
    failed.length === 0
      ? null
      : failed
          .map((f) => `${f.task}: ${f.error}`)
          .join("\n")
          .slice(0, 4000);
  await notifications.recordJobFinish(record, SWEEP_QUEUE, summary);
  return { failed };
}

export type StartJobsOptions = {
  database: Pick<DatabaseHandle, "db" | "executeSql">;
  logger: Logger;
  tasks: readonly JobTask[];
  clock?: Clock;
  /** How often an idle worker looks for a kicked sweep (default 2 s). */
  pollingIntervalSeconds?: number;
};

export async function startJobs(options: StartJobsOptions): Promise<Jobs> {
  const { database, logger } = options;
  // Through our own pool (and so the one queue in front of the embedded database), not a pool of pg-boss's.
  const boss = new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values ?? []) },
    schema: "pgboss",
  });
  // An EventEmitter without an "error" listener would crash the process.
  boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
  boss.on("warning", (warning) => logger.warn({ warning }, "job queue warning"));
  await boss.start();
  try {
    await boss.createQueue(SWEEP_QUEUE, { policy: "stately", retryLimit: 0, expireInSeconds: 15 * 60 });
    await boss.schedule(SWEEP_QUEUE, SWEEP_CRON, null, { singletonKey: SWEEP_KEY });
    await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      await runTasksOnce({ db: database.db, logger, tasks: options.tasks, ...(options.clock ? { clock: options.clock } : {}) });
    });
  } catch (error) {
    await boss.stop({ graceful: false, close: false }).catch(() => {});
    throw error;
  }
  let stopped = false;
  const jobs: Jobs = {
    async kick() {
      if (stopped) return;
      try {
        await boss.send(SWEEP_QUEUE, null, { singletonKey: SWEEP_KEY });
      } catch (error) {
        // The minute's sweep comes anyway; say why this one did not.
        logger.warn({ err: error }, "could not ask for a sweep now");
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, close: false, timeout: 20_000 });
    },
  };
  // A sweep right after starting, not at the next minute: what waited while no instance ran goes out now.
  await jobs.kick();
  return jobs;
}
