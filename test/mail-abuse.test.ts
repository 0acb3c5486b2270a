import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { SEND_LIMITS } from "../src/core/notifications.ts";
import * as notifications from "../src/modules/notifications/notifications.usecases.ts";
import { fixedClock } from "../src/shared/clock.ts";
import { expectError, LANGUAGES } from "./helpers/errors.ts";
import { type SmtpSink, startSmtpSink } from "./helpers/smtp-sink.ts";
import { as, confirmEmail, createTestApp, type Session, signup, uniqueEmail, verificationToken } from "./helpers/test-app.ts";

/**
 * Outgoing e-mail cannot be abused from a fresh sign-up: nothing goes out for
 * an organization until its owner confirmed their address (except that
 * confirmation), what people send by hand is limited per person and per
 * organization in the database, and a notice to a client is the firm's frame
 * around the sender's quoted words. Real database, real HTTP, real SMTP on 127.0.0.1.
 */
const clock = fixedClock(new Date("2026-03-02T09:00:00Z"));
const minutes = (n: number) => clock.set(new Date(clock.now().getTime() + n * 60_000));

let sink: SmtpSink;
let app: App;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await createTestApp({ clock, smtpUrl: sink.url });
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

const deliver = () => notifications.deliverDue({ db: app.database.db, clock, mailer: app.mailer, logger: app.logger });
const sentTo = (address: string) => sink.messages.filter((message) => message.envelope.to.includes(address));

async function clientWithCommitment(owner: Session, email: string) {
  const api = as(app, owner);
  const client = (await api.post("/api/v1/clients", { kind: "company", name: `Klant ${randomUUID().slice(0, 6)}` })).json();
  const contact = (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Els Smit", email })).json();
  const item = (
    await api.post("/api/v1/commitments", {
      clientId: client.id,
      contactId: contact.id,
      title: "het plan van aanpak",
      doneWhen: "Els heeft het plan",
      ownerId: owner.me.id,
      dueAt: "2026-03-06T16:00:00Z",
      source: "meeting",
    })
  ).json();
  return item as { id: string; version: number };
}

const phishing = {
  dueAt: "2026-03-09T16:00:00Z",
  reason: "Later",
  subject: "Your account is blocked",
  text: "Dear customer,\nYour bank account is blocked. Log in at https://evil.example/login or www.evil.example now.",
  language: "en",
};

describe("a fresh sign-up whose owner has not confirmed their e-mail address", () => {
  it("gets the confirmation e-mail, and nothing else goes out: invitations and client notices are refused (403, translated)", async () => {
    const owner = await signup(app, { organizationName: "Nieuw BV", verified: false });
    const item = await clientWithCommitment(owner, "els@nieuw.example");
    for (const language of LANGUAGES) {
      expectError(
        await as(app, owner, language).post("/api/v1/invitations", { email: uniqueEmail("target"), role: "advisor" }),
        403,
        "deliveries.owner_unverified",
        language,
      );
      expectError(
        await as(app, owner, language).post(`/api/v1/commitments/${item.id}/client-notice`, { ...phishing, version: item.version }),
        403,
        "deliveries.owner_unverified",
        language,
      );
    }
    // An e-mail the app itself queues for the organization waits; the confirmation goes out.
    await notifications.queueEmail(app.database.db, clock, {
      orgId: owner.me.organizationId,
      to: "someone@nieuw.example",
      language: "nl",
      subject: "Wacht op bevestiging",
      text: "x",
      kind: "client.message",
      dedupeKey: `wait:${randomUUID()}`,
    });
    await deliver();
    const confirmation = sentTo(owner.me.email);
    expect(confirmation).toHaveLength(1);
    expect(confirmation[0]?.text).toMatch(/\/verify-email\?token=/);
    expect(sentTo("someone@nieuw.example")).toHaveLength(0);
    const waiting = await app.database.db
      .selectFrom("deliveries")
      .select("status")
      .where("to_address", "=", "someone@nieuw.example")
      .executeTakeFirstOrThrow();
    expect(waiting.status).toBe("queued");

    // Following the link confirms the address: the waiting e-mail goes out, invitations work.
    await confirmEmail(app, owner.me.organizationId);
    await deliver();
    expect(sentTo("someone@nieuw.example")).toHaveLength(1);
    expect((await as(app, owner).post("/api/v1/invitations", { email: uniqueEmail("colleague"), role: "advisor" })).statusCode).toBe(201);
  });

  it("a forged or altered confirmation link is refused (400, translated) and confirms nothing", async () => {
    const owner = await signup(app, { organizationName: "Vals BV", verified: false });
    const token = await verificationToken(app, owner.me.organizationId);
    const [header, payload] = token.split(".");
    const other = Buffer.from(JSON.stringify({ email: owner.me.email, userId: owner.me.id, exp: 9_999_999_999 })).toString("base64url");
    for (const [language, forged] of [
      ["en", `${header}.${other}.${token.split(".")[2]}`],
      ["nl", `${header}.${payload}.AAAA`],
    ] as const) {
      const response = await app.server.inject({
        method: "POST",
        url: "/api/v1/verify-email",
        headers: { "accept-language": language },
        payload: { token: forged },
      });
      expectError(response, 400, "auth.invalid_verification_link", language);
    }
    expectError(
      await as(app, owner).post("/api/v1/invitations", { email: uniqueEmail(), role: "advisor" }),
      403,
      "deliveries.owner_unverified",
      "en",
    );
  });
});

describe("send limits, counted in the database", () => {
  it(`one person: ${SEND_LIMITS.perUser} e-mails by hand an hour, then 429 (translated); an hour later again`, async () => {
    const owner = await signup(app, { organizationName: "Veel Uitnodigingen BV" });
    const api = as(app, owner);
    for (let i = 0; i < SEND_LIMITS.perUser; i++) {
      const invited = await api.post("/api/v1/invitations", { email: uniqueEmail(`bulk${i}`), role: "advisor" });
      expect(invited.statusCode, invited.body).toBe(201);
    }
    for (const language of LANGUAGES) {
      const refused = await as(app, owner, language).post("/api/v1/invitations", { email: uniqueEmail("one-too-many"), role: "advisor" });
      expectError(refused, 429, "deliveries.user_limit", language);
      expect(refused.json().error.message).toContain(String(SEND_LIMITS.perUser));
    }
    // Nothing of the refused request stayed behind.
    const pending = (await api.get("/api/v1/invitations")).json();
    expect(pending.items).toHaveLength(SEND_LIMITS.perUser);
    const item = await clientWithCommitment(owner, "els@veel.example");
    expectError(
      await api.post(`/api/v1/commitments/${item.id}/client-notice`, { ...phishing, version: item.version }),
      429,
      "deliveries.user_limit",
      "en",
    );
    minutes(61);
    expect((await api.post("/api/v1/invitations", { email: uniqueEmail("next-hour"), role: "advisor" })).statusCode).toBe(201);
  });

  it(`one organization: ${SEND_LIMITS.perOrganization} an hour over all its people`, async () => {
    const owner = await signup(app, { organizationName: "Druk Kantoor BV" });
    // Colleagues sent most of the organization's hour already.
    const perColleague = SEND_LIMITS.perUser - 1;
    const colleagues = Math.ceil(SEND_LIMITS.perOrganization / perColleague);
    let sent = 0;
    for (let c = 0; c < colleagues && sent < SEND_LIMITS.perOrganization; c++) {
      const count = Math.min(perColleague, SEND_LIMITS.perOrganization - sent);
      await notifications.queueEmails(
        app.database.db,
        clock,
        Array.from({ length: count }, (_, i) => ({
          orgId: owner.me.organizationId,
          to: `c${c}-${i}@druk.example`,
          language: "nl" as const,
          subject: "Uitnodiging",
          text: "x",
          kind: "invitation",
          dedupeKey: `colleague:${randomUUID()}`,
          requestedBy: `colleague-${c}`,
        })),
      );
      sent += count;
    }
    for (const language of LANGUAGES) {
      expectError(
        await as(app, owner, language).post("/api/v1/invitations", { email: uniqueEmail("over"), role: "advisor" }),
        429,
        "deliveries.organization_limit",
        language,
      );
    }
    // E-mail the app sends itself (reminders and the like) is not limited.
    expect(
      await notifications.queueEmail(app.database.db, clock, {
        orgId: owner.me.organizationId,
        to: "herinnering@druk.example",
        language: "nl",
        subject: "Herinnering",
        text: "x",
        kind: "commitment.due_soon",
        dedupeKey: `reminder:${randomUUID()}`,
      }),
    ).toBe(true);
  });
});

describe("a notice to a client", () => {
  it("is the firm's frame around the sender's quoted words, naming firm and sender; addresses in it are not links", async () => {
    const owner = await signup(app, { name: "Anna de Vries", organizationName: "Eerlijk Advies" });
    const item = await clientWithCommitment(owner, "els@eerlijk.example");
    const sent = await as(app, owner).post(`/api/v1/commitments/${item.id}/client-notice`, { ...phishing, version: item.version });
    expect(sent.statusCode, sent.body).toBe(200);
    await deliver();
    const [message] = sentTo("els@eerlijk.example");
    expect(message?.subject).toBe("Eerlijk Advies: Your account is blocked");
    const text = message?.text ?? "";
    expect(text).toMatch(/^Anna de Vries \(.+\) of Eerlijk Advies sends you this message through Trustledger:/);
    expect(text).toContain("> Dear customer,\n> Your bank account is blocked.");
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/www\.evil/);
    expect(text).toContain("https[:]//evil.example/login");
    expect(text).toContain("This message was written by Anna de Vries");
  });
});
