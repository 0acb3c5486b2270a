import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, LANGUAGES } from "../../../test/helpers/errors.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/helpers/smtp-sink.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import { createLogger } from "../../shared/logger.ts";
import type { Settlement } from "./notifications.repository.ts";
import { createSettler } from "./notifications.settler.ts";
import * as notifications from "./notifications.usecases.ts";

/**
 * At most once: the real SMTP server on 127.0.0.1 accepts the message while
 * the database write after it fails (the fault is injected where outcomes are
 * written, not in SMTP). The e-mail must arrive exactly once and wait,
 * 'uncertain', for an administrator; nothing resends it by itself.
 */
const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000));
const logger = createLogger("silent");

let sink: SmtpSink;
let app: App;
let admin: Session;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await createTestApp({ clock, smtpUrl: sink.url });
  admin = await signup(app, { name: "Eva Eenmaal", organizationName: "Eenmaal BV" });
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

/** Writes outcomes through the real settler, except those `fail` picks: those throw as a lost connection would. */
function faultySettler(fail: (settlement: Settlement) => boolean) {
  const real = createSettler(app.database.db);
  return {
    settle: (settlement: Settlement) =>
      fail(settlement) ? Promise.reject(new Error("Connection terminated unexpectedly")) : real.settle(settlement),
  };
}

const deliver = (settler?: ReturnType<typeof faultySettler>) =>
  notifications.deliverDue({ db: app.database.db, clock, mailer: app.mailer, logger, ...(settler ? { settler } : {}) });

async function queueOne(subject: string) {
  const dedupeKey = `mail:${randomUUID()}`;
  await notifications.queueEmail(app.database.db, clock, {
    orgId: admin.me.organizationId,
    to: "klant@eenmaal.example",
    language: "nl",
    subject,
    text: "Beste klant,\n\nHet rapport komt morgen.\n",
    kind: "client.message",
    dedupeKey,
  });
  return app.database.db.selectFrom("deliveries").selectAll().where("dedupe_key", "=", dedupeKey).executeTakeFirstOrThrow();
}

const row = (id: string) => app.database.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const received = (subject: string) => sink.messages.filter((message) => message.subject === subject);

describe("the SMTP server accepts the e-mail, recording it fails", () => {
  it("arrives exactly once, ends 'uncertain', and no later run sends it again", async () => {
    const delivery = await queueOne("Eenmaal: schrijven mislukt");
    const result = await deliver(faultySettler((s) => s.outcome.status === "sent"));
    expect(result).toMatchObject({ sent: 0, uncertain: 1 });
    expect(received(delivery.subject)).toHaveLength(1);
    expect(await row(delivery.id)).toMatchObject({ status: "uncertain", claimed_at: null, sent_at: null });
    expect((await row(delivery.id)).last_error).toMatch(/accepted this e-mail, but recording that failed/);
    // Later runs, also after the 5 minutes a claim counts as abandoned, with the database healthy again.
    for (const wait of [1, 6, 60, 24 * 60]) {
      minutes(wait);
      expect(await deliver()).toMatchObject({ sent: 0, uncertain: 0 });
    }
    expect(received(delivery.subject)).toHaveLength(1);
    expect((await row(delivery.id)).status).toBe("uncertain");
  });

  it("when no write works at all, the claim stays 'sending' and becomes 'uncertain' after 5 minutes: still one copy", async () => {
    const delivery = await queueOne("Eenmaal: database weg");
    const down = faultySettler(() => true);
    expect(await deliver(down)).toMatchObject({ sent: 0, uncertain: 1 });
    expect(received(delivery.subject)).toHaveLength(1);
    expect((await row(delivery.id)).status).toBe("sending");
    minutes(4);
    expect(await deliver()).toMatchObject({ sent: 0, uncertain: 0 });
    minutes(2);
    expect(await deliver()).toMatchObject({ sent: 0, uncertain: 1 });
    expect(received(delivery.subject)).toHaveLength(1);
    expect(await row(delivery.id)).toMatchObject({ status: "uncertain", claimed_at: null });
  });
});

describe("an administrator decides about an uncertain e-mail", () => {
  it("finds it in the list filtered on 'uncertain' and counted on the System page; a resend carries the same Message-ID", async () => {
    const delivery = await queueOne("Eenmaal: opnieuw met dezelfde id");
    await deliver(faultySettler((s) => s.outcome.status === "sent"));
    const api = as(app, admin);
    expect((await api.get("/api/v1/system/status")).json().deliveries.uncertain).toBeGreaterThanOrEqual(1);
    const listed = (await api.get("/api/v1/system/deliveries?status=uncertain&limit=100")).json();
    expect(listed.items.map((d: { id: string }) => d.id)).toContain(delivery.id);
    expect(listed.items.every((d: { status: string }) => d.status === "uncertain")).toBe(true);

    const resent = await api.post(`/api/v1/system/deliveries/${delivery.id}/retry`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ status: "queued", attempts: 0 });
    expect(await deliver()).toMatchObject({ sent: 1 });
    const copies = received(delivery.subject);
    expect(copies).toHaveLength(2);
    const [first, second] = copies.map((message) => message.headers["message-id"]);
    expect(first).toMatch(new RegExp(`^<${delivery.id}@`));
    expect(second).toBe(first);
    expect((await row(delivery.id)).status).toBe("sent");
  });

  it("dismisses it: nothing is sent, and it cannot be dismissed or resent twice over (409, translated)", async () => {
    const delivery = await queueOne("Eenmaal: afboeken");
    await deliver(faultySettler((s) => s.outcome.status === "sent"));
    const dismissed = await as(app, admin).post(`/api/v1/system/deliveries/${delivery.id}/dismiss`);
    expect(dismissed.statusCode, dismissed.body).toBe(200);
    expect(dismissed.json()).toMatchObject({ id: delivery.id, status: "dismissed" });
    minutes(60);
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(received(delivery.subject)).toHaveLength(1);
    for (const language of LANGUAGES) {
      expectError(
        await as(app, admin, language).post(`/api/v1/system/deliveries/${delivery.id}/dismiss`),
        409,
        "deliveries.not_dismissable",
        language,
      );
      expectError(
        await as(app, admin, language).post(`/api/v1/system/deliveries/${delivery.id}/retry`),
        409,
        "deliveries.not_retryable",
        language,
      );
    }
  });
});
