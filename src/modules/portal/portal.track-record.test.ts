import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, fieldPaths } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * The track record in the client portal: off until the account owner, a lead
 * or an admin turns it on for the client; then the portal shows how we kept
 * our promises to this client over the last 12 months — counts by outcome and
 * the closed promises with title, due, closed and outcome — and nothing
 * internal, nothing of owners' evidence, nothing of other clients or contacts.
 */
// Wednesday 2 December 2026, 10:00 in Amsterdam.
const clock = fixedClock(new Date("2026-12-02T09:00:00Z"));
let app: App;
let admin: Session;
let owner: Session;
let colleague: Session;
let lead: Session;
let other: Session;
let clientId: string;
let greet: string;
let piet: string;
let elsewhere: string;
let portalPath: string;
let ip = 0;

async function past(client: string, title: string, outcome: string, dueAt: string, closedAt: string, contactId?: string) {
  const response = await as(app, owner).post("/api/v1/commitments", {
    clientId: client,
    ...(contactId ? { contactId } : {}),
    title,
    doneWhen: "Done",
    ownerId: owner.me.id,
    dueAt,
    source: "meeting",
    pastPromise: true,
    outcome,
    closedAt,
  });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Open Boek BV" });
  owner = await addMember(app, admin, "advisor", { name: "Olaf Owner" });
  colleague = await addMember(app, admin, "advisor", { name: "Cor Collega" });
  lead = await addMember(app, admin, "lead", { name: "Lies Lead" });
  other = await signup(app, { name: "Otto Other", organizationName: "Elders BV" });
  clientId = (
    await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Hoveniers Groen", accountOwnerId: owner.me.id })
  ).json().id;
  greet = (await as(app, admin).post(`/api/v1/clients/${clientId}/contacts`, { name: "Greet Groen" })).json().id;
  piet = (await as(app, admin).post(`/api/v1/clients/${clientId}/contacts`, { name: "Piet Groen" })).json().id;
  elsewhere = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Ander Bedrijf BV" })).json().id;

  await past(clientId, "Offerte onderhoud", "kept", "2026-03-10T17:00:00+01:00", "2026-03-09T12:00:00+01:00", greet);
  await past(clientId, "Jaarrekening 2025", "kept_late", "2026-05-01T17:00:00+02:00", "2026-05-04T10:00:00+02:00");
  await past(clientId, "Subsidieaanvraag", "broken", "2026-06-15T17:00:00+02:00", "2026-06-16T09:00:00+02:00", greet);
  await past(clientId, "Bezoek kwekerij", "cancelled", "2026-07-20T10:00:00+02:00", "2026-07-10T10:00:00+02:00");
  // Outside the 12 months, to another contact, and to another client: never in Greet's track record.
  await past(clientId, "Oude belofte van vorig jaar", "kept", "2025-10-01T17:00:00+02:00", "2025-09-30T17:00:00+02:00", greet);
  await past(clientId, "Alleen voor Piet", "kept", "2026-08-01T17:00:00+02:00", "2026-07-31T17:00:00+02:00", piet);
  await past(elsewhere, "Belofte aan een andere klant", "kept", "2026-08-01T17:00:00+02:00", "2026-07-31T17:00:00+02:00");

  // A promise moved with Greet told in advance, then delivered.
  const made = await as(app, owner).post("/api/v1/commitments", {
    clientId,
    contactId: greet,
    title: "Snoeiplan",
    doneWhen: "Greet heeft het plan",
    ownerId: owner.me.id,
    dueAt: "2026-12-04T17:00:00+01:00",
    source: "call",
  });
  const id = made.json().id;
  const moved = await as(app, owner).post(`/api/v1/commitments/${id}/renegotiate`, {
    dueAt: "2026-12-11T17:00:00+01:00",
    reason: "INTERN: de kweker levert later",
    clientInformed: true,
  });
  expect(moved.statusCode, moved.body).toBe(200);
  expect((await as(app, owner).post(`/api/v1/commitments/${id}/complete`, {})).statusCode).toBe(200);
  // Still open: not part of the track record.
  await as(app, owner).post("/api/v1/commitments", {
    clientId,
    title: "Nog te doen",
    doneWhen: "Klaar",
    ownerId: owner.me.id,
    dueIn: { amount: 3, unit: "working_days" },
    source: "call",
  });

  const link = await as(app, owner).post(`/api/v1/clients/${clientId}/portal-links`, { contactId: greet, expiresInDays: 365 });
  portalPath = `/api/v1/portal/${new URL(link.json().url).pathname.split("/").at(-1)}`;
});
afterAll(() => app.close());

const visit = () =>
  app.server.inject({
    method: "GET",
    url: portalPath,
    remoteAddress: `10.8.${Math.floor(ip / 250)}.${ip++ % 250}`,
    headers: { "accept-language": "nl" },
  });
const settingsUrl = (id = clientId) => `/api/v1/clients/${id}/portal-settings`;

describe("track record in the client portal", () => {
  it("is off until someone turns it on: the portal shows no track record", async () => {
    const settings = await as(app, colleague).get(settingsUrl());
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json()).toEqual({ clientId, showTrackRecord: false, canChange: false });
    expect((await as(app, owner).get(settingsUrl())).json().canChange).toBe(true);
    const view = await visit();
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().trackRecord).toBeNull();
  });

  it("is turned on by the account owner, a lead or an admin — not by another advisor", async () => {
    expectError(await as(app, colleague, "nl").put(settingsUrl(), { showTrackRecord: true }), 403, "portal.not_allowed", "nl");
    expect((await visit()).json().trackRecord).toBeNull();
    const bad = expectError(
      await as(app, owner, "nl").put(settingsUrl(), { showTrackRecord: "ja" }),
      400,
      "request.validation_failed",
      "nl",
    );
    expect(fieldPaths(bad)).toEqual(["showTrackRecord"]);
    expectError(await as(app, owner, "nl").put(settingsUrl(), {}), 400, "request.validation_failed", "nl");
    const lead_ = await as(app, lead).put(settingsUrl(), { showTrackRecord: true });
    expect(lead_.statusCode, lead_.body).toBe(200);
    const saved = await as(app, owner).put(settingsUrl(), { showTrackRecord: true });
    expect(saved.json()).toEqual({ clientId, showTrackRecord: true, canChange: true });
  });

  it("then shows how we kept our promises to this contact over 12 months: counts and the closed promises, nothing internal", async () => {
    const view = await visit();
    expect(view.statusCode, view.body).toBe(200);
    const record = view.json().trackRecord;
    expect(record.from).toBe("2025-12-02T09:00:00.000Z");
    expect(record.counts).toEqual({ keptOnTime: 2, keptLate: 1, renegotiatedWithNotice: 1, broken: 1, cancelledWithAgreement: 1 });
    expect(record.items).toEqual([
      {
        title: "Snoeiplan",
        dueAt: "2026-12-11T16:00:00.000Z",
        closedAt: "2026-12-02T09:00:00.000Z",
        outcome: "kept",
        renegotiatedWithNotice: true,
      },
      {
        title: "Bezoek kwekerij",
        dueAt: "2026-07-20T08:00:00.000Z",
        closedAt: "2026-07-10T08:00:00.000Z",
        outcome: "cancelled",
        renegotiatedWithNotice: false,
      },
      {
        title: "Subsidieaanvraag",
        dueAt: "2026-06-15T15:00:00.000Z",
        closedAt: "2026-06-16T07:00:00.000Z",
        outcome: "broken",
        renegotiatedWithNotice: false,
      },
      {
        title: "Jaarrekening 2025",
        dueAt: "2026-05-01T15:00:00.000Z",
        closedAt: "2026-05-04T08:00:00.000Z",
        outcome: "kept_late",
        renegotiatedWithNotice: false,
      },
      {
        title: "Offerte onderhoud",
        dueAt: "2026-03-10T16:00:00.000Z",
        closedAt: "2026-03-09T11:00:00.000Z",
        outcome: "kept",
        renegotiatedWithNotice: false,
      },
    ]);
    for (const secret of [
      "INTERN",
      "recorded afterwards",
      "Oude belofte",
      "Alleen voor Piet",
      "Ander Bedrijf",
      "andere klant",
      "evidence",
      owner.me.id,
      clientId,
    ]) {
      expect(view.body, secret).not.toContain(secret);
    }
    expect(JSON.stringify(record)).not.toContain("Olaf Owner");
  });

  it("is turned off again, and kept from other organizations (404 as for a client that does not exist)", async () => {
    expect((await as(app, admin).put(settingsUrl(), { showTrackRecord: false })).statusCode).toBe(200);
    expect((await visit()).json().trackRecord).toBeNull();
    expectError(await as(app, other, "nl").put(settingsUrl(), { showTrackRecord: true }), 404, "clients.not_found", "nl");
    expectError(await as(app, other).get(settingsUrl()), 404, "clients.not_found", "en");
    const missing = await as(app, other).get(settingsUrl("00000000-0000-4000-8000-000000000000"));
    expectError(missing, 404, "clients.not_found", "en");
    expect((await as(app, admin).get(settingsUrl())).json().showTrackRecord).toBe(false);
  });

  it("moves with the calendar: months later, the promises of more than a year ago have left it", async () => {
    expect((await as(app, owner).put(settingsUrl(), { showTrackRecord: true })).statusCode).toBe(200);
    clock.set(new Date("2027-03-20T09:00:00Z"));
    const record = (await visit()).json().trackRecord;
    expect(record.from).toBe("2026-03-20T09:00:00.000Z");
    expect(record.counts).toEqual({ keptOnTime: 1, keptLate: 1, renegotiatedWithNotice: 1, broken: 1, cancelledWithAgreement: 1 });
    expect(record.items.map((item: { title: string }) => item.title)).not.toContain("Offerte onderhoud");
  });
});
