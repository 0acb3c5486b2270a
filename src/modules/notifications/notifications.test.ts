import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectError, fieldPaths, LANGUAGES } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/helpers/smtp-sink.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import { createMailer } from "./mailer.ts";
import * as repo from "./notifications.repository.ts";
import * as notifications from "./notifications.usecases.ts";

/**
 * Notifications and e-mail against a real database and a real SMTP server on
 * 127.0.0.1. Time is a fixed clock the tests move forward (retries wait minutes).
 */
const clock = fixedClock(new Date());
const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000));

/** A logger that keeps what it wrote: failures must be logged, not swallowed. */
function memoryLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

let sink: SmtpSink;
let app: App;
let outboxApp: App;
let admin: Session;
let advisor: Session;
let otherAdmin: Session;
let log: ReturnType<typeof memoryLogger>;

beforeAll(async () => {
  sink = await startSmtpSink();
  [app, outboxApp] = await Promise.all([createTestApp({ clock, smtpUrl: sink.url }), createTestApp({ clock })]);
  admin = await signup(app, { name: "Sanne Beheer", organizationName: "Meldingen BV" });
  advisor = await addMember(app, admin, "advisor", { name: "Arie Adviseur" });
  otherAdmin = await signup(app, { name: "Olga Elders", organizationName: "Elders BV" });
});
afterAll(async () => {
  await Promise.all([app?.close(), outboxApp?.close()]);
  await sink?.close();
});
beforeEach(() => {
  log = memoryLogger();
  sink.setDown(false);
  sink.failNext(0);
});

const deliver = (target: App = app, options: { limit?: number } = {}) =>
  notifications.deliverDue({ db: target.database.db, clock, mailer: target.mailer, logger: log.logger }, options);

const params = (overrides: Partial<notifications.NotifyInput["params"]> = {}) => ({
  title: "Jaarrekening 2025 opsturen",
  clientName: "Bakkerij Jansen",
  dueAt: "2026-03-06T16:00:00.000Z",
  link: `http://127.0.0.1:3000/commitments/${randomUUID()}`,
  ...overrides,
});

function notifyInput(overrides: Partial<notifications.NotifyInput> = {}): notifications.NotifyInput {
  return {
    orgId: admin.me.organizationId,
    userId: advisor.me.id,
    kind: "commitment.due_soon",
    params: params(),
    language: "en",
    timeZone: "Europe/Amsterdam",
    dedupeKey: `test:${randomUUID()}`,
    email: true,
    ...overrides,
  };
}

function emailInput(overrides: Partial<notifications.EmailInput> = {}): notifications.EmailInput {
  return {
    orgId: admin.me.organizationId,
    to: "klant@jansen.example",
    language: "nl",
    subject: "Nieuwe termijn voor uw jaarrekening",
    text: "Beste klant,\n\nDe jaarrekening komt vrijdag.\n",
    kind: "client.message",
    dedupeKey: `mail:${randomUUID()}`,
    ...overrides,
  };
}

const deliveryRow = (target: App, dedupeKey: string) =>
  target.database.db.selectFrom("deliveries").selectAll().where("dedupe_key", "=", dedupeKey).executeTakeFirstOrThrow();

/** Nothing else due, so each test starts from a quiet queue. */
async function drain(target: App = app) {
  sink.setDown(false);
  await deliver(target);
}

describe("notify", () => {
  it("puts a notification in the person's bell and e-mails them in English, with the date in their time zone and the link at the end", async () => {
    await drain(); // the invitation e-mails of the set-up
    const input = notifyInput();
    expect(await notifications.notify(app.database.db, clock, input)).toBe(true);

    const bell = await as(app, advisor).get("/api/v1/notifications");
    expect(bell.statusCode, bell.body).toBe(200);
    const item = bell.json().items.find((n: { params: { link: string } }) => n.params.link === input.params.link);
    expect(item).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: "commitment.due_soon",
      params: input.params,
      commitmentId: input.params.link.split("/").at(-1),
      createdAt: clock.now().toISOString(),
      readAt: null,
    });
    expect(bell.json().unreadCount).toBeGreaterThanOrEqual(1);

    const before = sink.messages.length;
    expect(await deliver()).toMatchObject({ sent: 1, failed: 0, retried: 0 });
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail?.envelope.to).toEqual([advisor.me.email]);
    expect(mail?.to).toBe(advisor.me.email);
    expect(mail?.subject).toBe("Due soon: Jaarrekening 2025 opsturen");
    expect(mail?.headers["content-language"]).toBe("en");
    expect(mail?.headers.from).toBe("Trustledger <no-reply@localhost>");
    expect(mail?.text).toContain("Hello Arie Adviseur,");
    expect(mail?.text).toContain("Your promise to Bakkerij Jansen is due soon.");
    // 16:00 UTC on 6 March is 17:00 in Amsterdam (CET).
    expect(mail?.text).toMatch(/Due: Friday(,)? 6 March 2026 at 17:00 CET/);
    const lines = (mail?.text ?? "").trimEnd().split("\n");
    expect(lines[lines.indexOf("Open it in Trustledger:") + 1]).toBe(input.params.link);

    const row = await deliveryRow(app, `notification:${input.dedupeKey}`);
    expect(row).toMatchObject({ status: "sent", attempts: 1, to_address: advisor.me.email, language: "en", kind: "commitment.due_soon" });
    expect(row.sent_at?.toISOString()).toBe(clock.now().toISOString());
  });

  it("writes the e-mail in Dutch when asked, dates in Dutch too", async () => {
    const input = notifyInput({ kind: "commitment.escalated", language: "nl", params: params({ ownerName: "Arie Adviseur" }) });
    input.userId = admin.me.id;
    expect(await notifications.notify(app.database.db, clock, input)).toBe(true);
    const before = sink.messages.length;
    await deliver();
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail?.envelope.to).toEqual([admin.me.email]);
    expect(mail?.subject).toBe("Naar u geëscaleerd: Jaarrekening 2025 opsturen");
    expect(mail?.headers["content-language"]).toBe("nl");
    expect(mail?.text).toContain("Beste Sanne Beheer,");
    expect(mail?.text).toContain("Een toezegging van Arie Adviseur aan Bakkerij Jansen is verlopen en naar u geëscaleerd.");
    expect(mail?.text).toMatch(/Uiterlijk: vrijdag 6 maart 2026 om 17:00 CET/);
    expect(mail?.text).toContain("Eigenaar: Arie Adviseur");
  });

  it("the same dedupe key twice: one notification, one e-mail; the second call answers false", async () => {
    const input = notifyInput();
    expect(await notifications.notify(app.database.db, clock, input)).toBe(true);
    expect(await notifications.notify(app.database.db, clock, { ...input, params: params({ title: "Anders" }) })).toBe(false);
    const before = sink.messages.length;
    await deliver();
    await deliver();
    expect(sink.messages.length).toBe(before + 1);
    const rows = await app.database.db.selectFrom("notifications").select(["params"]).where("dedupe_key", "=", input.dedupeKey).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.params).toMatchObject({ title: input.params.title });
    // The key is per organization: another firm may use the same one.
    expect(
      await notifications.notify(app.database.db, clock, {
        ...input,
        orgId: otherAdmin.me.organizationId,
        userId: otherAdmin.me.id,
        email: false,
      }),
    ).toBe(true);
  });

  it("notifyMany: several at once, in order; one already there and a repeat within the call are not new and e-mail nobody", async () => {
    await drain();
    const existing = notifyInput();
    expect(await notifications.notify(app.database.db, clock, existing)).toBe(true);
    const fresh = notifyInput({ params: params({ title: "Eerste van velen" }) });
    const toAdmin = notifyInput({ userId: admin.me.id, params: params({ title: "Voor de beheerder" }) });
    const quiet = notifyInput({ email: false, params: params({ title: "Alleen de bel" }) });
    const repeat = { ...fresh, params: params({ title: "Herhaald" }) };
    const answers = await notifications.notifyMany(app.database.db, clock, [existing, fresh, toAdmin, quiet, repeat]);
    expect(answers).toEqual([false, true, true, true, false]);
    const before = sink.messages.length;
    await deliver();
    const subjects = sink.messages.slice(before).map((m) => `${m.to} ${m.subject}`);
    expect(subjects).toHaveLength(3); // the first notify's own e-mail, fresh, toAdmin
    expect(subjects.filter((s) => s.includes("Eerste van velen"))).toHaveLength(1);
    expect(subjects.filter((s) => s.includes("Voor de beheerder") && s.includes(admin.me.email))).toHaveLength(1);
    expect(subjects.some((s) => s.includes("Herhaald") || s.includes("Alleen de bel"))).toBe(false);
  });

  it("queueEmail: the same dedupe key twice queues one e-mail", async () => {
    const input = emailInput();
    expect(await notifications.queueEmail(app.database.db, clock, input)).toBe(true);
    expect(await notifications.queueEmail(app.database.db, clock, { ...input, subject: "Nog een keer" })).toBe(false);
    const before = sink.messages.length;
    expect((await deliver()).sent).toBe(1);
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    expect(mail?.subject).toBe("Nieuwe termijn voor uw jaarrekening");
    expect(mail?.text).toBe(input.text);
    expect(mail?.envelope.to).toEqual(["klant@jansen.example"]);
  });

  it("without email: only the bell", async () => {
    const input = notifyInput({ email: false });
    expect(await notifications.notify(app.database.db, clock, input)).toBe(true);
    const rows = await app.database.db
      .selectFrom("deliveries")
      .select("id")
      .where("dedupe_key", "=", `notification:${input.dedupeKey}`)
      .execute();
    expect(rows).toEqual([]);
  });

  it("inside a transaction that rolls back, leaves neither notification nor e-mail", async () => {
    const input = notifyInput();
    await expect(
      app.database.db.transaction().execute(async (trx) => {
        expect(await notifications.notify(trx, clock, input)).toBe(true);
        throw new Error("the sweep failed further on");
      }),
    ).rejects.toThrow("the sweep failed further on");
    expect(await app.database.db.selectFrom("notifications").select("id").where("dedupe_key", "=", input.dedupeKey).execute()).toEqual([]);
    expect(
      await app.database.db.selectFrom("deliveries").select("id").where("dedupe_key", "=", `notification:${input.dedupeKey}`).execute(),
    ).toEqual([]);
    // And the same key works afterwards.
    expect(await notifications.notify(app.database.db, clock, input)).toBe(true);
    await drain();
  });
});

describe("when the SMTP server is down", () => {
  it("retries with backoff (1, 5, 15, 60, 240 minutes), logs every failure, shows it failed after the last attempt; a retry sends it once SMTP is back", async () => {
    await drain();
    const input = emailInput();
    await notifications.queueEmail(app.database.db, clock, input);
    sink.setDown(true);
    const refusedBefore = sink.refusals;
    const sentBefore = sink.messages.length;

    const waits = [1, 5, 15, 60, 240];
    for (const [index, wait] of waits.entries()) {
      expect(await deliver()).toMatchObject({ sent: 0, retried: 1, failed: 0 });
      const row = await deliveryRow(app, input.dedupeKey);
      expect(row).toMatchObject({ status: "queued", attempts: index + 1 });
      expect(row.last_error).toMatch(/421/);
      expect(row.next_attempt_at.getTime() - clock.now().getTime()).toBe(wait * 60_000);
      // Not due yet: nothing is tried.
      minutes(wait - 0.5);
      expect(await deliver()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
      minutes(0.5);
    }
    expect(await deliver()).toMatchObject({ sent: 0, retried: 0, failed: 1 });
    // Every attempt reached the server (the pooled transport may try a fresh connection once more after a 421).
    expect(sink.refusals - refusedBefore).toBeGreaterThanOrEqual(6);
    const failed = await deliveryRow(app, input.dedupeKey);
    expect(failed).toMatchObject({ status: "failed", attempts: 6, sent_at: null });
    // Nothing failed silently.
    const warnings = log.lines.filter((l) => l.level === 40 && l.deliveryId === failed.id);
    expect(warnings).toHaveLength(5);
    expect(log.lines.filter((l) => l.level === 50 && l.deliveryId === failed.id)).toHaveLength(1);
    // Given up: later sweeps leave it alone.
    minutes(24 * 60);
    expect(await deliver()).toMatchObject({ sent: 0, retried: 0, failed: 0 });

    const api = as(app, admin);
    const status = (await api.get("/api/v1/system/status")).json();
    expect(status.mail).toEqual({ mode: "smtp" });
    expect(status.deliveries.failed).toBeGreaterThanOrEqual(1);
    const listed = (await api.get("/api/v1/system/deliveries?status=failed")).json().items;
    const shown = listed.find((d: { id: string }) => d.id === failed.id);
    expect(shown).toMatchObject({
      status: "failed",
      attempts: 6,
      maxAttempts: 6,
      to: "klant@jansen.example",
      lastError: expect.stringMatching(/421/),
    });

    const retried = await app.server.inject({
      method: "POST",
      url: `/api/v1/system/deliveries/${failed.id}/retry`,
      headers: { cookie: admin.cookie },
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: failed.id, status: "queued", attempts: 0, nextAttemptAt: clock.now().toISOString() });
    sink.setDown(false);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(sink.messages.length).toBe(sentBefore + 1);
    expect(sink.messages.at(-1)?.subject).toBe(input.subject);
    expect(await deliveryRow(app, input.dedupeKey)).toMatchObject({ status: "sent", attempts: 1 });

    // Sent cannot be sent again by hand: 409 in the caller's language.
    for (const language of LANGUAGES) {
      expectError(
        await as(app, admin, language).post(`/api/v1/system/deliveries/${failed.id}/retry`),
        409,
        "deliveries.not_retryable",
        language,
      );
    }
  });

  it("a refusal followed by success: the e-mail arrives once, a minute later", async () => {
    await drain();
    const input = emailInput();
    await notifications.queueEmail(app.database.db, clock, input);
    sink.failNext(1);
    const before = sink.messages.length;
    expect(await deliver()).toMatchObject({ retried: 1 });
    expect((await deliveryRow(app, input.dedupeKey)).last_error).toMatch(/451/);
    minutes(1);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(sink.messages.length).toBe(before + 1);
    expect(await deliveryRow(app, input.dedupeKey)).toMatchObject({ status: "sent", attempts: 2, last_error: null });
  });

  it("a server that does not answer at all fails fast", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: "Test <t@example.test>" });
    const started = Date.now();
    await expect(mailer.send({ to: "a@example.test", subject: "x", text: "y", language: "en" })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    mailer.close();
  });

  it("a delivery left 'sending' by an instance that stopped is not resent: after 5 minutes it is marked uncertain for an administrator", async () => {
    await drain();
    const input = emailInput();
    await notifications.queueEmail(app.database.db, clock, input);
    const crashedAt = clock.now();
    await app.database.db
      .updateTable("deliveries")
      .set({ status: "sending", claimed_at: crashedAt, attempts: 1 })
      .where("dedupe_key", "=", input.dedupeKey)
      .execute();
    const before = sink.messages.length;
    minutes(4);
    expect(await deliver()).toMatchObject({ sent: 0, uncertain: 0 });
    expect((await deliveryRow(app, input.dedupeKey)).status).toBe("sending");
    minutes(2);
    expect(await deliver()).toMatchObject({ sent: 0, uncertain: 1 });
    minutes(24 * 60);
    expect(await deliver()).toMatchObject({ sent: 0, uncertain: 0 });
    expect(sink.messages.length).toBe(before);
    expect(await deliveryRow(app, input.dedupeKey)).toMatchObject({ status: "uncertain", attempts: 1, claimed_at: null, sent_at: null });
    expect(log.lines.some((line) => line.level === 50 && /uncertain/.test(line.msg))).toBe(true);
  });

  it("an e-mail that waited too long behind slow sends is handed back untried, not sent when another instance may have taken it over", async () => {
    await drain();
    const inputs = Array.from({ length: 12 }, (_, i) => emailInput({ subject: `Traag ${i}` }));
    await notifications.queueEmails(app.database.db, clock, inputs);
    // The first send to finish takes 3 minutes: the ten that started with it go on, the two behind them must not start.
    let slow = true;
    const slowMailer = {
      ...app.mailer,
      send: async (message: Parameters<typeof app.mailer.send>[0]) => {
        await app.mailer.send(message);
        if (slow) {
          slow = false;
          minutes(3);
        }
      },
    };
    const before = sink.messages.length;
    const result = await notifications.deliverDue({ db: app.database.db, clock, mailer: slowMailer, logger: log.logger });
    expect(result).toMatchObject({ sent: 10, handedBack: 2, retried: 0, failed: 0 });
    expect(sink.messages.length).toBe(before + 10);
    expect(log.lines.some((line) => line.level === 40 && /queued again untried/.test(line.msg))).toBe(true);
    const rows = await Promise.all(inputs.map((input) => deliveryRow(app, input.dedupeKey)));
    const back = rows.filter((row) => row.status === "queued");
    expect(back).toHaveLength(2);
    for (const row of back) {
      // Not an attempt: nothing was tried, so no retry is used up and it is due at once.
      expect(row).toMatchObject({ attempts: 0, claimed_at: null, sent_at: null, last_error: null });
      expect(new Date(row.next_attempt_at).getTime()).toBe(clock.now().getTime());
    }
    expect(await deliver()).toMatchObject({ sent: 2, handedBack: 0 });
    const sentSubjects = sink.messages.slice(before).map((message) => message.subject);
    expect(new Set(sentSubjects).size).toBe(12);
  });

  it("a batch with refusals in it: each outcome written to its own row (sent, or queued again with its error)", async () => {
    await drain();
    const inputs = Array.from({ length: 12 }, (_, i) => emailInput({ subject: `Gemengd ${i}` }));
    await notifications.queueEmails(app.database.db, clock, inputs);
    sink.failNext(3);
    const result = await deliver();
    expect(result).toMatchObject({ sent: 9, retried: 3, failed: 0 });
    const rows = await Promise.all(inputs.map((input) => deliveryRow(app, input.dedupeKey)));
    const sent = rows.filter((row) => row.status === "sent");
    const retried = rows.filter((row) => row.status === "queued");
    expect(sent).toHaveLength(9);
    expect(retried).toHaveLength(3);
    for (const row of sent) expect(row).toMatchObject({ attempts: 1, last_error: null, claimed_at: null });
    for (const row of sent) expect(row.sent_at).not.toBeNull();
    for (const row of retried) {
      expect(row).toMatchObject({ attempts: 1, claimed_at: null, sent_at: null });
      expect(row.last_error).toMatch(/451/);
      expect(new Date(row.next_attempt_at).getTime()).toBe(clock.now().getTime() + 60_000);
    }
  });

  it("an outcome is not written over a claim another instance has taken over since", async () => {
    await drain();
    const input = emailInput();
    await notifications.queueEmail(app.database.db, clock, input);
    const row = await deliveryRow(app, input.dedupeKey);
    const firstClaim = new Date(clock.now().getTime() - 6 * 60_000);
    const takenOverAt = clock.now();
    await app.database.db
      .updateTable("deliveries")
      .set({ status: "sending", claimed_at: takenOverAt, attempts: 2 })
      .where("dedupe_key", "=", input.dedupeKey)
      .execute();
    const settled = await repo.settleAttempts(app.database.db, [
      { orgId: row.org_id, id: row.id, claimedAt: firstClaim, outcome: { status: "failed", error: "late" } },
    ]);
    expect(settled.size).toBe(0);
    expect(await deliveryRow(app, input.dedupeKey)).toMatchObject({ status: "sending", attempts: 2, last_error: null });
    const ours = await repo.settleAttempts(app.database.db, [
      { orgId: row.org_id, id: row.id, claimedAt: takenOverAt, outcome: { status: "sent", sentAt: takenOverAt } },
    ]);
    expect([...ours]).toEqual([row.id]);
    expect(await deliveryRow(app, input.dedupeKey)).toMatchObject({ status: "sent", claimed_at: null });
  });

  it("two senders at the same moment never send one e-mail twice", async () => {
    await drain();
    const keys = Array.from({ length: 30 }, () => `mail:${randomUUID()}`);
    for (const [i, key] of keys.entries()) {
      await notifications.queueEmail(app.database.db, clock, emailInput({ dedupeKey: key, subject: `Gelijktijdig ${i}` }));
    }
    const before = sink.messages.length;
    const results = await Promise.all([deliver(app, { limit: 7 }), deliver(app, { limit: 7 }), deliver(), deliver()]);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    const subjects = sink.messages.slice(before).map((m) => m.subject);
    expect(subjects).toHaveLength(30);
    expect(new Set(subjects).size).toBe(30);
  });
});

describe("without SMTP settings", () => {
  let outboxAdmin: Session;
  beforeAll(async () => {
    outboxAdmin = await signup(outboxApp, { name: "Otto Outbox", organizationName: "Geen Mail BV" });
  });

  it("e-mails go to the outbox, visible to the administrator, and are not sent", async () => {
    const input = emailInput({ orgId: outboxAdmin.me.organizationId });
    await notifications.queueEmail(outboxApp.database.db, clock, input);
    const before = sink.messages.length;
    expect(outboxApp.mailer.mode).toBe("outbox");
    expect(await deliver(outboxApp)).toEqual({ sent: 0, failed: 0, retried: 0, outbox: 1, handedBack: 0, uncertain: 0 });
    expect(await deliveryRow(outboxApp, input.dedupeKey)).toMatchObject({ status: "outbox", attempts: 0 });
    expect(log.lines.some((l) => l.level === 30 && /outbox/.test(l.msg))).toBe(true);

    const api = as(outboxApp, outboxAdmin);
    const status = await api.get("/api/v1/system/status");
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json()).toEqual({
      mail: { mode: "outbox" },
      lastSweep: null,
      deliveries: { queued: 0, sending: 0, failed: 0, outbox: 1, uncertain: 0, sentLast24h: 0 },
    });
    const outbox = (await api.get("/api/v1/system/deliveries?status=outbox")).json();
    expect(outbox.items).toHaveLength(1);
    expect(outbox.items[0]).toMatchObject({ status: "outbox", to: input.to, subject: input.subject, text: input.text, language: "nl" });

    // Sending by hand while still without SMTP: back in the queue, and into the outbox again.
    const retried = await api.post(`/api/v1/system/deliveries/${outbox.items[0].id}/retry`);
    expect(retried.json().status).toBe("queued");
    expect((await deliver(outboxApp)).outbox).toBe(1);

    // Once SMTP is configured (an instance started with TRUSTLEDGER_SMTP_URL), a retry sends it.
    expect((await api.post(`/api/v1/system/deliveries/${outbox.items[0].id}/retry`)).statusCode).toBe(200);
    const configured = createMailer({ smtpUrl: sink.url, from: "Trustledger <no-reply@localhost>" });
    const result = await notifications.deliverDue({ db: outboxApp.database.db, clock, mailer: configured, logger: log.logger });
    configured.close();
    expect(result.sent).toBe(1);
    expect(sink.messages.length).toBe(before + 1);
    expect(sink.messages.at(-1)?.subject).toBe(input.subject);
    expect((await api.get("/api/v1/system/status")).json().deliveries).toEqual({
      queued: 0,
      sending: 0,
      failed: 0,
      outbox: 0,
      uncertain: 0,
      sentLast24h: 1,
    });
  });
});

describe("the System API", () => {
  it.each(LANGUAGES)("is for administrators only: an advisor gets 403 (%s)", async (language) => {
    await notifications.queueEmail(app.database.db, clock, emailInput());
    const [someDelivery] = (await as(app, admin).get("/api/v1/system/deliveries?limit=1")).json().items;
    const api = as(app, advisor, language);
    expectError(await api.get("/api/v1/system/status"), 403, "auth.forbidden", language);
    expectError(await api.get("/api/v1/system/deliveries"), 403, "auth.forbidden", language);
    expectError(await api.post(`/api/v1/system/deliveries/${someDelivery.id}/retry`), 403, "auth.forbidden", language);
    await drain();
  });

  it("shows only the organization's own deliveries; another organization's id is 404 exactly like a missing one", async () => {
    const ours = emailInput({ subject: "Alleen voor Meldingen BV" });
    await notifications.queueEmail(app.database.db, clock, ours);
    sink.setDown(true);
    await deliver();
    minutes(1);
    const mine = await deliveryRow(app, ours.dedupeKey);
    const other = as(app, otherAdmin);
    const list = await other.get("/api/v1/system/deliveries?limit=200");
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(mine.id);
    expect(list.body).not.toContain("Meldingen BV");
    expect((await other.get("/api/v1/system/status")).json().deliveries).toEqual({
      queued: 0,
      sending: 0,
      failed: 0,
      outbox: 0,
      uncertain: 0,
      sentLast24h: 0,
    });
    for (const language of LANGUAGES) {
      const foreign = await as(app, otherAdmin, language).post(`/api/v1/system/deliveries/${mine.id}/retry`);
      const missing = await as(app, otherAdmin, language).post(`/api/v1/system/deliveries/${randomUUID()}/retry`);
      expectError(foreign, 404, "deliveries.not_found", language);
      expect(foreign.json()).toEqual(missing.json());
    }
    expect((await deliveryRow(app, ours.dedupeKey)).attempts).toBe(1);
    await drain();
  });

  it("a queued e-mail cannot be retried by hand (409): it is on its way", async () => {
    sink.setDown(true);
    const input = emailInput();
    await notifications.queueEmail(app.database.db, clock, input);
    const row = await deliveryRow(app, input.dedupeKey);
    expectError(await as(app, admin, "nl").post(`/api/v1/system/deliveries/${row.id}/retry`), 409, "deliveries.not_retryable", "nl");
    await drain();
  });

  it("lists deliveries newest first, page by page, filtered by status", async () => {
    const fresh = await createTestApp({ clock });
    try {
      const owner = await signup(fresh, { name: "Pagina Beheer", organizationName: "Pagina BV" });
      const keys: string[] = [];
      for (let i = 0; i < 5; i++) {
        minutes(1);
        const key = `mail:${randomUUID()}`;
        keys.push(key);
        await notifications.queueEmail(
          fresh.database.db,
          clock,
          emailInput({ orgId: owner.me.organizationId, dedupeKey: key, subject: `Nummer ${i}` }),
        );
      }
      await deliver(fresh); // no SMTP here: all five to the outbox
      await fresh.database.db
        .updateTable("deliveries")
        .set({ status: "failed" })
        .where("dedupe_key", "in", [keys[1] ?? "", keys[3] ?? ""])
        .execute();
      const api = as(fresh, owner);
      const seen: string[] = [];
      let url = "/api/v1/system/deliveries?limit=2";
      for (let page = 0; page < 5; page++) {
        const body = (await api.get(url)).json();
        seen.push(...body.items.map((d: { subject: string }) => d.subject));
        if (!body.nextCursor) break;
        url = `/api/v1/system/deliveries?limit=2&cursor=${encodeURIComponent(body.nextCursor)}`;
      }
      expect(seen).toEqual(["Nummer 4", "Nummer 3", "Nummer 2", "Nummer 1", "Nummer 0"]);
      const failed = (await api.get("/api/v1/system/deliveries?status=failed")).json();
      expect(failed.items.map((d: { subject: string }) => d.subject)).toEqual(["Nummer 3", "Nummer 1"]);
      expect(failed.nextCursor).toBeNull();
      const outbox = (await api.get("/api/v1/system/deliveries?status=outbox&limit=2")).json();
      expect(outbox.items.map((d: { subject: string }) => d.subject)).toEqual(["Nummer 4", "Nummer 2"]);
      const rest = (
        await api.get(`/api/v1/system/deliveries?status=outbox&limit=2&cursor=${encodeURIComponent(outbox.nextCursor)}`)
      ).json();
      expect(rest.items.map((d: { subject: string }) => d.subject)).toEqual(["Nummer 0"]);
    } finally {
      await fresh.close();
    }
  });
});

describe("the bell", () => {
  it("shows only my own notifications; marking read is mine alone, 404 for anyone else's", async () => {
    const mine = notifyInput({ email: false, kind: "commitment.assigned" });
    await notifications.notify(app.database.db, clock, mine);
    const id = (await as(app, advisor).get("/api/v1/notifications?unread=true&limit=100"))
      .json()
      .items.find((n: { params: { link: string } }) => n.params.link === mine.params.link).id;

    // An administrator of the same organization neither sees nor marks it.
    expect((await as(app, admin).get("/api/v1/notifications?limit=100")).body).not.toContain(id);
    for (const language of LANGUAGES) {
      const foreign = await as(app, admin, language).post(`/api/v1/notifications/${id}/read`);
      const missing = await as(app, admin, language).post(`/api/v1/notifications/${randomUUID()}/read`);
      expectError(foreign, 404, "notifications.not_found", language);
      expect(foreign.json()).toEqual(missing.json());
      expectError(await as(app, otherAdmin, language).post(`/api/v1/notifications/${id}/read`), 404, "notifications.not_found", language);
    }
    expect((await as(app, admin).post("/api/v1/notifications/read-all")).statusCode).toBe(200);
    const stillUnread = (await as(app, advisor).get("/api/v1/notifications?unread=true&limit=100")).json();
    expect(stillUnread.items.map((n: { id: string }) => n.id)).toContain(id);

    // The owner marks it read: the first time counts, a second time changes nothing.
    const unreadBefore = stillUnread.unreadCount;
    const read = await app.server.inject({ method: "POST", url: `/api/v1/notifications/${id}/read`, headers: { cookie: advisor.cookie } });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id, readAt: clock.now().toISOString() });
    minutes(1);
    expect((await as(app, advisor).post(`/api/v1/notifications/${id}/read`)).json().readAt).toBe(read.json().readAt);
    const after = (await as(app, advisor).get("/api/v1/notifications?unread=true&limit=100")).json();
    expect(after.unreadCount).toBe(unreadBefore - 1);
    expect(after.items.map((n: { id: string }) => n.id)).not.toContain(id);
    expect((await as(app, advisor).get("/api/v1/notifications?limit=100")).json().items.map((n: { id: string }) => n.id)).toContain(id);
  });

  it("marks all my notifications read, newest first in the list, unread count over all of them", async () => {
    const person = await addMember(app, admin, "frontdesk", { name: "Fien Balie" });
    for (let i = 0; i < 3; i++) {
      minutes(1);
      await notifications.notify(
        app.database.db,
        clock,
        notifyInput({ userId: person.me.id, email: false, params: params({ title: `Melding ${i}` }) }),
      );
    }
    const list = (await as(app, person).get("/api/v1/notifications?limit=2")).json();
    expect(list.items.map((n: { params: { title: string } }) => n.params.title)).toEqual(["Melding 2", "Melding 1"]);
    expect(list.unreadCount).toBe(3);
    // Without any body, as the browser sends it.
    const marked = await app.server.inject({ method: "POST", url: "/api/v1/notifications/read-all", headers: { cookie: person.cookie } });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ marked: 3 });
    expect((await as(app, person).get("/api/v1/notifications?unread=true")).json()).toEqual({ items: [], unreadCount: 0 });
    expect((await as(app, person).post("/api/v1/notifications/read-all")).json()).toEqual({ marked: 0 });
  });
});

describe.each(LANGUAGES)("bad input on the new routes, answered in %s", (language) => {
  const cases: [
    method: "GET" | "POST",
    url: string,
    body: unknown,
    code: "request.validation_failed" | "request.unknown_field" | "request.invalid_cursor",
    field?: string,
  ][] = [
    ["GET", "/api/v1/system/deliveries?status=sent-ish", undefined, "request.validation_failed", "status"],
    ["GET", "/api/v1/system/deliveries?status=", undefined, "request.validation_failed", "status"],
    ["GET", "/api/v1/system/deliveries?limit=0", undefined, "request.validation_failed", "limit"],
    ["GET", "/api/v1/system/deliveries?limit=abc", undefined, "request.validation_failed", "limit"],
    ["GET", "/api/v1/system/deliveries?orgId=x", undefined, "request.unknown_field", "orgId"],
    ["GET", "/api/v1/system/deliveries?cursor=garbage", undefined, "request.invalid_cursor"],
    ["GET", "/api/v1/system/status?verbose=1", undefined, "request.unknown_field", "verbose"],
    ["GET", "/api/v1/notifications?unread=maybe", undefined, "request.validation_failed", "unread"],
    ["GET", "/api/v1/notifications?limit=101", undefined, "request.validation_failed", "limit"],
    ["GET", "/api/v1/notifications?userId=someone", undefined, "request.unknown_field", "userId"],
    ["POST", "/api/v1/notifications/not-a-uuid/read", {}, "request.validation_failed", "id"],
    ["POST", "/api/v1/notifications/1%3B%20drop%20table%20notifications/read", {}, "request.validation_failed", "id"],
    ["POST", `/api/v1/notifications/${randomUUID()}/read`, { readAt: "2020-01-01" }, "request.unknown_field", "readAt"],
    ["POST", "/api/v1/notifications/read-all", { userId: "someone" }, "request.unknown_field", "userId"],
    ["POST", "/api/v1/notifications/read-all", [], "request.validation_failed"],
    ["POST", "/api/v1/system/deliveries/123/retry", {}, "request.validation_failed", "id"],
    ["POST", `/api/v1/system/deliveries/${randomUUID()}/retry`, { attempts: 0 }, "request.unknown_field", "attempts"],
  ];
  it.each(cases)("%s %s %j → 400 %s", async (method, url, body, code, field) => {
    const response = await app.server.inject({
      method,
      url,
      headers: { cookie: admin.cookie, "accept-language": language },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const error = expectError(response, 400, code, language);
    if (field) expect(fieldPaths(error)).toContain(field);
  });

  it("a cursor signed for another list is refused", async () => {
    const clients = await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Cursor BV" });
    expect(clients.statusCode).toBe(201);
    await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Cursor Twee BV" });
    const page = (await as(app, admin).get("/api/v1/clients?limit=1")).json();
    expectError(
      await as(app, admin, language).get(`/api/v1/system/deliveries?cursor=${encodeURIComponent(page.nextCursor)}`),
      400,
      "request.invalid_cursor",
      language,
    );
  });
});
