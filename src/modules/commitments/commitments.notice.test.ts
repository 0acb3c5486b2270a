import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "../../../test/helpers/smtp-sink.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import { deliverDue } from "../notifications/notifications.usecases.ts";

const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let sink: SmtpSink;
let app: App;
let anna: Session;
let clientId: string;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await createTestApp({ clock, smtpUrl: sink.url });
  anna = await signup(app, { name: "Anna de Vries", organizationName: "Eerlijk Advies" });
  clientId = (await as(app, anna).post("/api/v1/clients", { kind: "company", name: "Bouwbedrijf Smit" })).json().id;
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

describe("telling the client before a promise slips", () => {
  it("drafts the message in the firm's language, sends it to the contact and records a renegotiation with notice", async () => {
    const contact = (
      await as(app, anna).post(`/api/v1/clients/${clientId}/contacts`, { name: "Els Smit", email: "els@smit.example" })
    ).json();
    const item = (
      await as(app, anna).post("/api/v1/commitments", {
        clientId,
        contactId: contact.id,
        title: "het plan van aanpak",
        doneWhen: "Els heeft het plan",
        ownerId: anna.me.id,
        dueAt: "2026-11-27T17:00:00+01:00",
        source: "meeting",
      })
    ).json();
    clock.set(new Date("2026-11-26T09:00:00Z"));
    const draft = await as(app, anna).get(`/api/v1/commitments/${item.id}/client-notice?dueAt=2026-12-02T17:00:00%2B01:00`);
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ to: { name: "Els Smit", email: "els@smit.example" }, language: "nl" });
    expect(draft.json().text).toContain("Beste Els Smit");
    expect(draft.json().text).toContain("2 december");
    const english = (await as(app, anna).get(`/api/v1/commitments/${item.id}/client-notice?language=en`)).json();
    expect(english.text).toContain("Dear Els Smit");

    const sent = await as(app, anna).post(`/api/v1/commitments/${item.id}/client-notice`, {
      dueAt: "2026-12-02T17:00:00+01:00",
      reason: "De vergunningsaanvraag duurt langer",
      subject: draft.json().subject,
      text: `${draft.json().text}\n\nPS: excuses voor het ongemak.`,
      language: "nl",
      version: item.version,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ status: "renegotiated", dueAt: "2026-12-02T16:00:00.000Z" });
    const kinds = sent.json().events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(["created", "renegotiated", "client_informed"]);
    expect(sent.json().events[1].data).toMatchObject({
      clientInformed: true,
      informedBeforeDue: true,
      reason: "De vergunningsaanvraag duurt langer",
    });

    await deliverDue({ db: app.database.db, clock, mailer: app.mailer, logger: app.logger });
    const [message] = await sink.waitFor(1);
    expect(message?.to).toContain("els@smit.example");
    expect(message?.text).toContain("excuses voor het ongemak");
  });

  it("without a contact e-mail it says so and changes nothing", async () => {
    const other = (await as(app, anna).post("/api/v1/clients", { kind: "person", name: "Jan zonder mail" })).json();
    const item = (
      await as(app, anna).post("/api/v1/commitments", {
        clientId: other.id,
        title: "the report",
        doneWhen: "sent",
        ownerId: anna.me.id,
        dueAt: "2026-12-04T17:00:00+01:00",
        source: "call",
      })
    ).json();
    const refused = await as(app, anna).post(`/api/v1/commitments/${item.id}/client-notice`, {
      dueAt: "2026-12-08T17:00:00+01:00",
      reason: "busy",
      subject: "s",
      text: "t",
      language: "en",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("commitments.no_client_email");
    const read = (await as(app, anna).get(`/api/v1/commitments/${item.id}`)).json();
    expect(read).toMatchObject({ status: "open", version: 1 });
  });
});
