import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let app: App;
let admin: Session;
let owner: Session;
let other: Session;
let clientId: string;
let contactId: string;
let ip = 0;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Open Kaart BV" });
  owner = await addMember(app, admin, "advisor", { name: "Olaf Owner" });
  other = await addMember(app, admin, "advisor", { name: "Andere Adviseur" });
  clientId = (
    await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Hoveniers Groen", accountOwnerId: owner.me.id })
  ).json().id;
  contactId = (
    await as(app, admin).post(`/api/v1/clients/${clientId}/contacts`, { name: "Greet Groen", email: "greet@groen.example" })
  ).json().id;
  for (const [title, dueAt] of [
    ["Offerte onderhoudscontract", "2026-11-27T17:00:00+01:00"],
    ["Jaarcijfers bespreken", "2026-12-03T10:00:00+01:00"],
  ]) {
    await as(app, owner).post("/api/v1/commitments", {
      clientId,
      title,
      doneWhen: "Greet heeft het",
      ownerId: owner.me.id,
      dueAt,
      source: "meeting",
    });
  }
  const items = (await as(app, owner).get(`/api/v1/commitments?clientId=${clientId}`)).json().items;
  await as(app, owner).post(`/api/v1/commitments/${items[1].id}/renegotiate`, {
    dueAt: "2026-12-10T10:00:00+01:00",
    reason: "INTERN: de klant betaalt traag, eerst de factuur",
    clientInformed: true,
  });
});
afterAll(() => app.close());

/** An anonymous visitor, each from a fresh address unless told otherwise. */
const visit = (path: string, remoteAddress = `10.9.${Math.floor(ip / 250)}.${ip++ % 250}`) =>
  app.server.inject({ method: "GET", url: path, remoteAddress, headers: { "accept-language": "nl" } });
const apiPath = (url: string) => `/api/v1/portal/${new URL(url).pathname.split("/").at(-1)}`;

describe("the client portal", () => {
  it("shows the client what was promised, by whom, when and its status — nothing internal — and logs the visit", async () => {
    const created = await as(app, owner).post(`/api/v1/clients/${clientId}/portal-links`, { contactId, expiresInDays: 14 });
    expect(created.statusCode, created.body).toBe(201);
    const link = created.json();
    expect(link).toMatchObject({ contact: { id: contactId, name: "Greet Groen" }, expiresAt: "2026-12-07T09:00:00.000Z", views: 0 });
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/portal\/tlp_[\w-]+\.[\w-]+$/);

    const view = await visit(apiPath(link.url));
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      organizationName: "Open Kaart BV",
      clientName: "Hoveniers Groen",
      contactName: "Greet Groen",
      language: "nl",
    });
    expect(view.json().items.map((i: { title: string; ownerName: string }) => [i.title, i.ownerName])).toEqual([
      ["Offerte onderhoudscontract", "Olaf Owner"],
      ["Jaarcijfers bespreken", "Olaf Owner"],
    ]);
    expect(view.json().items[1]).toMatchObject({ status: "renegotiated", dueAt: "2026-12-10T09:00:00.000Z" });
    expect(view.body).not.toContain("INTERN");
    expect(view.body).not.toContain(owner.me.id);
    expect(view.body).not.toContain(clientId);

    const links = (await as(app, owner).get(`/api/v1/clients/${clientId}/portal-links`)).json().items;
    expect(links[0]).toMatchObject({ id: link.id, views: 1, lastOpenedAt: "2026-11-23T09:00:00.000Z" });
  });

  it("a contact's link shows the promises made to that contact and to the client as a whole, never those made to another contact", async () => {
    const firm = (
      await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Bouwbedrijf Berg", accountOwnerId: owner.me.id })
    ).json();
    const contact = async (name: string) =>
      (await as(app, admin).post(`/api/v1/clients/${firm.id}/contacts`, { name, email: `${name.toLowerCase()}@berg.example` })).json().id;
    const [ilse, joost] = [await contact("Ilse"), await contact("Joost")];
    for (const [title, contactId] of [
      ["Loonstroken voor Ilse", ilse],
      ["Privé-aangifte van Joost", joost],
      ["Jaarrekening Berg", null],
    ] as const) {
      const made = await as(app, owner).post("/api/v1/commitments", {
        clientId: firm.id,
        ...(contactId && { contactId }),
        title,
        doneWhen: "verstuurd",
        ownerId: owner.me.id,
        dueAt: "2026-12-01T12:00:00+01:00",
        source: "call",
      });
      expect(made.statusCode, made.body).toBe(201);
    }
    const shown = async (contactId: string) => {
      const link = (await as(app, owner).post(`/api/v1/clients/${firm.id}/portal-links`, { contactId })).json();
      const view = await visit(apiPath(link.url));
      expect(view.statusCode, view.body).toBe(200);
      return view
        .json()
        .items.map((i: { title: string }) => i.title)
        .sort();
    };
    expect(await shown(ilse)).toEqual(["Jaarrekening Berg", "Loonstroken voor Ilse"]);
    expect(await shown(joost)).toEqual(["Jaarrekening Berg", "Privé-aangifte van Joost"]);
  });

  it("expired, revoked, altered or guessed links all answer the same 404", async () => {
    const make = async () =>
      (await as(app, owner).post(`/api/v1/clients/${clientId}/portal-links`, { contactId, expiresInDays: 1 })).json();
    const revoked = await make();
    expect((await as(app, owner).delete(`/api/v1/clients/${clientId}/portal-links/${revoked.id}`)).statusCode).toBe(204);
    const expiring = await make();
    const working = await make();
    const token = apiPath(working.url).split("/").at(-1) as string;
    const altered = `/api/v1/portal/${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    const unsigned = `/api/v1/portal/${token.split(".")[0]}`;
    const guessed = "/api/v1/portal/tlp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAA";
    expect((await visit(apiPath(working.url))).statusCode).toBe(200);
    clock.set(new Date("2026-11-24T09:00:01Z"));
    const answers = await Promise.all(
      [apiPath(revoked.url), apiPath(expiring.url), altered, unsigned, guessed, "/api/v1/portal/x"].map((p) => visit(p)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]?.json().error.message).toMatch(/werkt niet/);
    clock.set(new Date("2026-11-23T09:00:00Z"));
  });

  it("limits lookups per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await visit("/api/v1/portal/tlp_guess", "10.99.0.1")).statusCode);
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
    expect((await visit("/api/v1/portal/tlp_guess", "10.99.0.2")).statusCode).toBe(404);
  });

  it("only the account owner, leads and admins hand out or revoke links; another organization's client is not found", async () => {
    const refused = await as(app, other).post(`/api/v1/clients/${clientId}/portal-links`, { contactId });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("portal.not_allowed");
    expect((await as(app, admin).post(`/api/v1/clients/${clientId}/portal-links`, { contactId })).statusCode).toBe(201);
    const stranger = await signup(app, { organizationName: "Nieuwsgierig BV" });
    const foreign = await as(app, stranger).post(`/api/v1/clients/${clientId}/portal-links`, { contactId });
    expect(foreign.statusCode).toBe(404);
    expect((await as(app, stranger).get(`/api/v1/clients/${clientId}/portal-links`)).statusCode).toBe(404);
    const otherClient = (await as(app, admin).post("/api/v1/clients", { kind: "person", name: "Zonder Contact" })).json();
    const wrongContact = await as(app, admin).post(`/api/v1/clients/${otherClient.id}/portal-links`, { contactId });
    expect(wrongContact.json().error.code).toBe("commitments.contact_not_of_client");
  });
});
