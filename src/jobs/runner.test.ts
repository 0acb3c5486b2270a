import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../test/helpers/smtp-sink.ts";
import { as, createTestApp, type Session, signup } from "../../test/helpers/test-app.ts";
import type { App } from "../app.ts";
import { ConfigError, loadConfig } from "../config.ts";
import * as notifications from "../modules/notifications/notifications.usecases.ts";
import { type JobTask, runTasksOnce, startJobs } from "./runner.ts";

/**
 * The job runner with pg-boss really running on the test database (embedded
 * or PostgreSQL), and the app's own wiring: e-mail queued, a sweep kicked,
 * the e-mail at a real SMTP server seconds later.
 */
let app: App;
let admin: Session;

beforeAll(async () => {
  app = await createTestApp();
  admin = await signup(app, { name: "Job Beheer", organizationName: "Taken BV" });
});
afterAll(() => app?.close());

const status = async () => {
  const response = await as(app, admin).get("/api/v1/system/status");
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    lastSweep: { startedAt: string | null; finishedAt: string | null; okAt: string | null; error: string | null } | null;
  };
};
const runs = async () =>
  (await app.database.db.selectFrom("job_runs").select("runs").where("name", "=", "sweep").executeTakeFirst())?.runs ?? 0;

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("runTasksOnce", () => {
  it("runs every task in order even when one fails, records the failure, and the System page shows it", async () => {
    const ran: string[] = [];
    const tasks: JobTask[] = [
      { name: "first", run: async () => void ran.push("first") },
      {
        name: "reminders",
        run: async () => {
          ran.push("reminders");
          throw new Error("the reminder sweep fell over");
        },
      },
      { name: "deliveries", run: async () => void ran.push("deliveries") },
    ];
    const result = await runTasksOnce({ db: app.database.db, logger: app.logger, tasks });
    expect(ran).toEqual(["first", "reminders", "deliveries"]);
    expect(result.failed).toEqual([{ task: "reminders", error: "the reminder sweep fell over" }]);
    const failed = (await status()).lastSweep;
    expect(failed).toEqual({
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      okAt: null,
      error: "reminders: the reminder sweep fell over",
    });

    await runTasksOnce({ db: app.database.db, logger: app.logger, tasks: [tasks[0] as JobTask] });
    const ok = (await status()).lastSweep;
    expect(ok?.error).toBeNull();
    expect(ok?.okAt).toBe(ok?.finishedAt);
    expect(await runs()).toBe(2);
  });
});

describe("startJobs (pg-boss)", () => {
  it("a kicked sweep runs the tasks: a failing task is recorded and shown, a later good sweep sets okAt; bursts of kicks collapse", async () => {
    const ran: string[] = [];
    const tasks: JobTask[] = [
      {
        name: "broken",
        run: async () => {
          ran.push("broken");
          throw new Error("boom in the sweep");
        },
      },
      { name: "fine", run: async () => void ran.push("fine") },
    ];
    const before = await runs();
    const jobs = await startJobs({ database: app.database, logger: app.logger, tasks, pollingIntervalSeconds: 0.5 });
    try {
      // The every-minute schedule is registered (pg-boss gives each occurrence to one instance).
      const { rows } = await app.database.executeSql("select name, cron from pgboss.schedule");
      expect(rows).toEqual([{ name: "sweep", cron: "* * * * *" }]);
      await jobs.kick();
      const failed = await until(status, (s) => s.lastSweep?.error?.includes("boom in the sweep") === true);
      expect(failed.lastSweep?.error).toBe("broken: boom in the sweep");
      expect(ran).toEqual(["broken", "fine"]);
      const okBefore = failed.lastSweep?.okAt ?? null;

      // The task list is read on every sweep: fix it, kick again.
      tasks.splice(0, 1);
      await jobs.kick();
      const fixed = await until(status, (s) => s.lastSweep?.error === null && s.lastSweep.okAt !== okBefore);
      expect(fixed.lastSweep?.okAt).toBe(fixed.lastSweep?.finishedAt);

      // Ten kicks at once: at most one sweep waits while one runs.
      const afterFixed = await runs();
      await Promise.all(Array.from({ length: 10 }, () => jobs.kick()));
      await until(runs, (n) => n > afterFixed);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const extra = (await runs()) - afterFixed;
      expect(extra).toBeGreaterThanOrEqual(1);
      expect(extra).toBeLessThanOrEqual(2);
      expect(await runs()).toBeGreaterThan(before);
    } finally {
      await jobs.stop();
    }
    // Stopped: a kick is ignored, nothing runs any more.
    const stoppedAt = await runs();
    await jobs.kick();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await runs()).toBe(stoppedAt);
  }, 60_000);
});

describe("the app's job runner", () => {
  let sink: SmtpSink;
  let running: App;
  beforeAll(async () => {
    sink = await startSmtpSink();
    running = await createTestApp({ smtpUrl: sink.url, jobs: true });
  });
  afterAll(async () => {
    await running?.close();
    await sink?.close();
  });

  it("is started by the app with the deliveries task: queued e-mail goes out seconds after a kick, and is recorded as a sweep", async () => {
    expect(running.jobs).not.toBeNull();
    expect(running.tasks.map((t) => t.name)).toContain("deliveries");
    const owner = await signup(running, { organizationName: "Snel BV" });
    await notifications.queueEmail(running.database.db, running.clock, {
      orgId: owner.me.organizationId,
      to: "klant@snel.example",
      language: "en",
      subject: "Straight away",
      text: "Sent by the sweep.",
      kind: "client.message",
      dedupeKey: randomUUID(),
    });
    await running.jobs?.kick();
    const [mail] = await sink.waitFor(1, 20_000);
    expect(mail?.subject).toBe("Straight away");
    const sweep = await until(
      async () => (await as(running, owner).get("/api/v1/system/status")).json(),
      (s) => s.lastSweep?.okAt !== null && s.lastSweep?.okAt !== undefined,
    );
    expect(sweep.deliveries.sentLast24h).toBe(1);
    expect(sweep.lastSweep.error).toBeNull();
  }, 60_000);

  it("a retry on the System page wakes the sender", async () => {
    const owner = await signup(running, { organizationName: "Opnieuw BV" });
    const dedupeKey = randomUUID();
    await notifications.queueEmail(running.database.db, running.clock, {
      orgId: owner.me.organizationId,
      to: "klant@opnieuw.example",
      language: "nl",
      subject: "Tweede poging",
      text: "Opnieuw verstuurd.",
      kind: "client.message",
      dedupeKey,
    });
    // As if it had failed for good earlier.
    await running.database.db
      .updateTable("deliveries")
      .set({ status: "failed", attempts: 6 })
      .where("dedupe_key", "=", dedupeKey)
      .execute();
    const row = await running.database.db
      .selectFrom("deliveries")
      .select("id")
      .where("dedupe_key", "=", dedupeKey)
      .executeTakeFirstOrThrow();
    const before = sink.messages.length;
    expect((await as(running, owner).post(`/api/v1/system/deliveries/${row.id}/retry`)).statusCode).toBe(200);
    await sink.waitFor(before + 1, 20_000);
    expect(sink.messages.at(-1)?.subject).toBe("Tweede poging");
  }, 60_000);
});

describe("configuration", () => {
  it("jobs run by default, e-mail waits in the outbox without TRUSTLEDGER_SMTP_URL, and the sender has a default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ jobs: true, smtpUrl: undefined, mailFrom: "Trustledger <no-reply@localhost>" });
    expect(loadConfig({ TRUSTLEDGER_JOBS: "0", TRUSTLEDGER_SMTP_URL: "smtps://u:p@mail.example:465" })).toMatchObject({
      jobs: false,
      smtpUrl: "smtps://u:p@mail.example:465",
    });
    expect(loadConfig({ TRUSTLEDGER_SMTP_URL: "" }).smtpUrl).toBeUndefined();
  });

  it("refuses an SMTP address that is not smtp:// or smtps://, without repeating it (it may hold a password)", () => {
    let thrown: unknown;
    try {
      loadConfig({ TRUSTLEDGER_SMTP_URL: "http://user:secret@mail.example" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(String((thrown as Error).message)).toContain("TRUSTLEDGER_SMTP_URL");
    expect(String((thrown as Error).message)).not.toContain("secret");
  });
});
