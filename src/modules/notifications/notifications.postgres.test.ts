import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../../test/helpers/smtp-sink.ts";
import { signup, startTwoInstances } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { type Jobs, startJobs } from "../../jobs/runner.ts";
import * as notifications from "./notifications.usecases.ts";

/**
 * Two app instances on ONE PostgreSQL database, as in a real deployment with
 * several instances: every e-mail goes out exactly once. Only meaningful on a
 * server (the embedded database belongs to one process), so vitest.config.ts
 * includes *.postgres.test.ts only when TRUSTLEDGER_TEST_DATABASE_URL is set:
 * the embedded run does not list it at all, rather than as skipped.
 */
const cleanups: (() => Promise<void> | void)[] = [];
let sink: SmtpSink;
let one: App;
let two: App;
let orgId: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  [one, two] = await startTwoInstances(cleanups, { smtpUrl: sink.url });
  orgId = (await signup(one, { organizationName: "Twee Instanties BV" })).me.organizationId;
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function queue(count: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    await notifications.queueEmail(one.database.db, one.clock, {
      orgId,
      to: `klant${i}@twee.example`,
      language: "nl",
      subject: `${label} ${i}`,
      text: `Bericht ${i}`,
      kind: "client.message",
      dedupeKey: randomUUID(),
    });
  }
}

function expectEachOnce(label: string, count: number) {
  const subjects = sink.messages.map((m) => m.subject).filter((s) => s.startsWith(`${label} `));
  expect(subjects).toHaveLength(count);
  expect(new Set(subjects).size).toBe(count);
  const ids = sink.messages.filter((m) => m.subject.startsWith(`${label} `)).map((m) => m.headers["x-trustledger-delivery"]);
  expect(new Set(ids).size).toBe(count);
}

describe("two instances sharing one PostgreSQL database", () => {
  it("50 e-mails, both instances sending in loops at the same time: each e-mail arrives exactly once", async () => {
    await queue(50, "Lus");
    const loop = async (app: App) => {
      let sent = 0;
      for (;;) {
        const result = await notifications.deliverDue(
          { db: app.database.db, clock: app.clock, mailer: app.mailer, logger: app.logger },
          { limit: 3 },
        );
        sent += result.sent;
        if (result.sent + result.retried + result.failed === 0) return sent;
      }
    };
    const [byOne, byTwo] = await Promise.all([loop(one), loop(two)]);
    expect(byOne + byTwo).toBe(50);
    // Both really worked on it.
    expect(byOne).toBeGreaterThan(0);
    expect(byTwo).toBeGreaterThan(0);
    expectEachOnce("Lus", 50);
    const rows = await one.database.db.selectFrom("deliveries").select(["status", "attempts"]).where("subject", "like", "Lus %").execute();
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  }, 60_000);

  it("with the job runner on both instances: a kick on each, every e-mail still exactly once", async () => {
    const started: Jobs[] = [];
    try {
      for (const app of [one, two]) {
        started.push(await startJobs({ database: app.database, logger: app.logger, tasks: app.tasks, pollingIntervalSeconds: 0.5 }));
      }
      await queue(50, "Taak");
      await Promise.all(started.map((jobs) => jobs.kick()));
      await sink.waitFor(100, 30_000);
      // Time for a late duplicate to show up, if there were one.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(sink.messages).toHaveLength(100);
      expectEachOnce("Taak", 50);
      const sweep = await one.database.db.selectFrom("job_runs").selectAll().where("name", "=", "sweep").executeTakeFirstOrThrow();
      expect(sweep.last_error).toBeNull();
      expect(sweep.runs).toBeGreaterThanOrEqual(1);
    } finally {
      for (const jobs of started) await jobs.stop();
    }
  }, 60_000);
});
