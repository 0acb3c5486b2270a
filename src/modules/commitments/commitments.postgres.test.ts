import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../../test/helpers/smtp-sink.ts";
import { as, signup, startTwoInstances } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import { deliverDue } from "../notifications/notifications.usecases.ts";
import { sweepCommitments } from "./commitments.sweep.ts";

/**
 * Two app instances on one PostgreSQL database, each sweeping and delivering
 * at the same moment, as two servers behind a load balancer would: N due
 * promises give exactly N reminders at the SMTP server. (PostgreSQL run only;
 * see vitest.config.ts.)
 */
const N = 40;
const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
const cleanups: (() => Promise<void> | void)[] = [];
let sink: SmtpSink;
let one: App;
let two: App;

beforeAll(async () => {
  sink = await startSmtpSink();
  cleanups.push(() => sink.close());
  [one, two] = await startTwoInstances(cleanups, { clock, smtpUrl: sink.url });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function sweepAndDeliver(app: App) {
  const swept = await sweepCommitments({ db: app.database.db, clock, logger: app.logger, baseUrl: "http://127.0.0.1:3000" });
  let sent = 0;
  for (;;) {
    const result = await deliverDue({ db: app.database.db, clock, mailer: app.mailer, logger: app.logger });
    sent += result.sent;
    if (result.sent + result.retried + result.failed === 0) break;
  }
  return { ...swept, sent };
}

describe("reminders with two app instances on one database", () => {
  it(`${N} overdue promises give exactly ${N} reminders, however the two instances interleave`, async () => {
    // The owner is the organization's only member: an overdue promise e-mails the owner and nobody else.
    const owner = await signup(one, { organizationName: "Twee Servers BV" });
    const client = (await as(one, owner).post("/api/v1/clients", { kind: "company", name: "Gedeelde Klant" })).json();
    for (let i = 0; i < N; i++) {
      const created = await as(i % 2 ? one : two, owner).post("/api/v1/commitments", {
        clientId: client.id,
        title: `Promise ${i}`,
        doneWhen: "done",
        ownerId: owner.me.id,
        dueAt: "2026-11-23T12:00:00+01:00",
        source: "note",
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    clock.set(new Date("2026-11-23T11:30:00Z"));

    const results = await Promise.all([sweepAndDeliver(one), sweepAndDeliver(two), sweepAndDeliver(one), sweepAndDeliver(two)]);
    expect(results.reduce((sum, r) => sum + r.escalated, 0)).toBe(N);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(N);
    await sink.waitFor(N);
    // A last round from both finds nothing left.
    const after = await Promise.all([sweepAndDeliver(one), sweepAndDeliver(two)]);
    expect(after.map((r) => r.escalated + r.sent)).toEqual([0, 0]);
    const subjects = sink.messages.map((m) => m.text.match(/Promise \d+/)?.[0]);
    expect(subjects).toHaveLength(N);
    expect(new Set(subjects).size).toBe(N);
  });
});
