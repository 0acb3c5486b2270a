import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import { interactionLoggedPayload } from "./interactions.events.ts";
import { textForSuggestions } from "./interactions.usecases.ts";

/** Monday 23 November 2026, 10:00 in Amsterdam. */
const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let app: App;
let alice: Session;
let frontdesk: Session;
let bob: Session;
let client: { id: string };
let otherClient: { id: string };
let contact: { id: string; name: string };
let bobClient: { id: string };
let bobContact: { id: string };

const valid = () => ({
  clientId: client.id,
  contactId: contact.id,
  kind: "call",
  direction: "outbound",
  initiatedBy: "us",
  occurredAt: "2026-11-23T09:45:00+01:00",
  summary: "Jaarrekening besproken",
});

beforeAll(async () => {
  app = await createTestApp({ clock });
  alice = await signup(app, { name: "Alice Adviseur", organizationName: "Alice & Co" });
  frontdesk = await addMember(app, alice, "frontdesk", { name: "Frida Balie" });
  bob = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  const api = as(app, alice);
  client = (await api.post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen" })).json();
  otherClient = (await api.post("/api/v1/clients", { kind: "company", name: "Slagerij De Vries" })).json();
  contact = (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Jan Jansen" })).json();
  bobClient = (await as(app, bob).post("/api/v1/clients", { kind: "company", name: "Bobs klant" })).json();
  bobContact = (await as(app, bob).post(`/api/v1/clients/${bobClient.id}/contacts`, { name: "Bobs contact" })).json();
});
afterAll(() => app.close());

describe("POST /api/v1/interactions", () => {
  it("logs an interaction with who logged it, and publishes interaction.logged with the payload the timeline and trust need", async () => {
    const response = await as(app, frontdesk).post("/api/v1/interactions", {
      ...valid(),
      kind: "meeting",
      direction: "inbound",
      initiatedBy: "client",
      body: "Jan vertelde uit zichzelf dat de marge onder druk staat.",
      clientRaisedProblem: true,
      clientInvitation: true,
    });
    expect(response.statusCode, response.body).toBe(201);
    const logged = response.json();
    expect(logged).toMatchObject({
      clientId: client.id,
      contact: { id: contact.id, name: "Jan Jansen" },
      kind: "meeting",
      direction: "inbound",
      initiatedBy: "client",
      occurredAt: "2026-11-23T08:45:00.000Z",
      summary: "Jaarrekening besproken",
      body: "Jan vertelde uit zichzelf dat de marge onder druk staat.",
      clientRaisedProblem: true,
      clientInvitation: true,
      loggedBy: { id: frontdesk.me.id, name: "Frida Balie" },
      createdAt: "2026-11-23T09:00:00.000Z",
      suggestions: { items: [], truncated: false },
    });

    const event = await domainEvents.findEvent(app.database.db, alice.me.organizationId, logged.id);
    expect(event).toMatchObject({
      id: logged.id,
      type: "interaction.logged",
      subjectType: "interaction",
      subjectId: logged.id,
      clientId: client.id,
      actorId: frontdesk.me.id,
      occurredAt: new Date("2026-11-23T08:45:00.000Z"),
    });
    expect(interactionLoggedPayload.parse(event?.payload)).toEqual({
      interactionId: logged.id,
      kind: "meeting",
      direction: "inbound",
      initiatedBy: "client",
      summary: "Jaarrekening besproken",
      contactId: contact.id,
      clientRaisedProblem: true,
      clientInvitation: true,
    });

    const read = await as(app, alice).get(`/api/v1/interactions/${logged.id}`);
    expect(read.statusCode).toBe(200);
    const { suggestions: _suggestions, ...stored } = logged;
    expect(read.json()).toEqual(stored);
  });

  it("leaves the flags off and the contact out when not given", async () => {
    const { contactId: _contactId, ...body } = valid();
    const logged = (await as(app, alice).post("/api/v1/interactions", { ...body, kind: "note", direction: "internal" })).json();
    expect(logged).toMatchObject({ contact: null, body: null, clientRaisedProblem: false, clientInvitation: false });
    const event = await domainEvents.findEvent(app.database.db, alice.me.organizationId, logged.id);
    expect(event?.payload).toMatchObject({ contactId: null, clientRaisedProblem: false, clientInvitation: false });
  });

  it("offers the promises in the text as commitments to confirm, counting 'vrijdag' from when it took place", async () => {
    const response = await as(app, alice).post("/api/v1/interactions", {
      ...valid(),
      occurredAt: "2026-11-16T11:00:00+01:00",
      summary: "Belafspraak over de jaarrekening",
      body: "Ik stuur u vrijdag het plan van aanpak.\nDe klant vroeg naar de kosten.",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().suggestions).toEqual({
      items: [
        {
          text: "Ik stuur u vrijdag het plan van aanpak.",
          title: "plan van aanpak sturen",
          dueAt: "2026-11-20T17:00:00+01:00",
          dueHasTime: false,
          kind: "deliverable",
        },
      ],
      truncated: false,
    });
  });

  it("reads only our summary of an inbound e-mail: its body is the client's words, not our promises", async () => {
    const body = "Beste Alice, ik stuur u vrijdag de jaarcijfers. Groet, Jan";
    expect(textForSuggestions({ kind: "email", direction: "inbound", summary: "Mail van Jan", body })).toBe("Mail van Jan");
    expect(textForSuggestions({ kind: "email", direction: "outbound", summary: "Mail aan Jan", body })).toContain("jaarcijfers");
    const response = await as(app, alice).post("/api/v1/interactions", { ...valid(), kind: "email", direction: "inbound", body });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().suggestions.items).toEqual([]);
  });
});

describe("bad input", () => {
  it("refuses a moment in the future beyond a minute of clock difference, translated; a minute ahead is fine", async () => {
    for (const language of ["en", "nl"] as const) {
      const response = await as(app, alice, language).post("/api/v1/interactions", { ...valid(), occurredAt: "2026-11-23T10:01:01+01:00" });
      expectError(response, 400, "interactions.in_future", language);
    }
    const skewed = await as(app, alice).post("/api/v1/interactions", { ...valid(), occurredAt: "2026-11-23T10:01:00+01:00" });
    expect(skewed.statusCode, skewed.body).toBe(201);
  });

  it("takes the server's now when occurredAt is left out, so a browser whose clock runs ahead is never refused", async () => {
    const { occurredAt: _left, ...withoutMoment } = valid();
    const response = await as(app, alice).post("/api/v1/interactions", withoutMoment);
    expect(response.statusCode, response.body).toBe(201);
    expect(new Date(response.json().occurredAt).getTime()).toBe(clock.now().getTime());
  });

  it("caps the body: 5 MB is refused as too large, over 100,000 characters as too long; nothing is saved", async () => {
    const before = await snapshotData(app);
    for (const language of ["en", "nl"] as const) {
      const huge = await as(app, alice, language).post("/api/v1/interactions", { ...valid(), body: "x".repeat(5 * 1024 * 1024) });
      expectError(huge, 413, "request.too_large", language);
      const long = await as(app, alice, language).post("/api/v1/interactions", { ...valid(), body: `${"woord ".repeat(20_000)}x` });
      expectError(long, 400, "request.validation_failed", language);
      expect(long.json().error.details.fields).toEqual([
        { path: "body", code: "too_big", message: language === "en" ? "Too long (at most 100000)." : expect.stringMatching(/100000/) },
      ]);
    }
    const summary = await as(app, alice).post("/api/v1/interactions", { ...valid(), summary: "s".repeat(301) });
    expectError(summary, 400, "request.validation_failed", "en");
    expect(await snapshotData(app)).toEqual(before);
    const atLimit = await as(app, alice).post("/api/v1/interactions", { ...valid(), body: "y".repeat(100_000) });
    expect(atLimit.statusCode, atLimit.body.slice(0, 200)).toBe(201);
  });

  it("another organization's client or contact is not found (404); a contact of another client is a 400", async () => {
    const before = await snapshotData(app);
    expectError(
      await as(app, alice).post("/api/v1/interactions", { ...valid(), clientId: bobClient.id, contactId: undefined }),
      404,
      "clients.not_found",
      "en",
    );
    expectError(
      await as(app, alice, "nl").post("/api/v1/interactions", { ...valid(), contactId: bobContact.id }),
      404,
      "contacts.not_found",
      "nl",
    );
    expectError(
      await as(app, bob).post("/api/v1/interactions", { ...valid(), clientId: bobClient.id, contactId: contact.id }),
      404,
      "contacts.not_found",
      "en",
    );
    expectError(
      await as(app, alice).post("/api/v1/interactions", { ...valid(), clientId: otherClient.id }),
      400,
      "interactions.contact_not_of_client",
      "en",
    );
    expect(await snapshotData(app)).toEqual(before);
  });

  it("refuses unknown kinds, directions and fields", async () => {
    for (const patch of [{ kind: "fax" }, { direction: "sideways" }, { initiatedBy: "them" }, { summary: "   " }, { extra: 1 }]) {
      const response = await as(app, alice).post("/api/v1/interactions", { ...valid(), ...patch });
      expect(response.statusCode, JSON.stringify(patch)).toBe(400);
    }
  });
});

describe("reading interactions", () => {
  it("lists a client's interactions newest first, paged; another organization gets 404 for the list and for each one", async () => {
    const api = as(app, alice);
    const list = (await api.post("/api/v1/clients", { kind: "person", name: "Pagina Klant" })).json();
    const ids: string[] = [];
    for (const day of [10, 12, 11]) {
      const logged = await api.post("/api/v1/interactions", {
        ...valid(),
        clientId: list.id,
        contactId: null,
        occurredAt: `2026-11-${day}T10:00:00Z`,
      });
      ids.push(logged.json().id);
    }
    const first = (await api.get(`/api/v1/clients/${list.id}/interactions?limit=2`)).json();
    expect(first.items.map((i: { occurredAt: string }) => i.occurredAt)).toEqual(["2026-11-12T10:00:00.000Z", "2026-11-11T10:00:00.000Z"]);
    const second = (await api.get(`/api/v1/clients/${list.id}/interactions?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();

    expectError(await as(app, bob).get(`/api/v1/clients/${list.id}/interactions`), 404, "clients.not_found", "en");
    expectError(await as(app, bob, "nl").get(`/api/v1/interactions/${ids[0]}`), 404, "interactions.not_found", "nl");
    expectError(await api.get(`/api/v1/clients/${list.id}/interactions?cursor=garbage`), 400, "request.invalid_cursor", "en");
  });

  it("is append-only: no route changes or removes one, and the database refuses it", async () => {
    const logged = (await as(app, alice).post("/api/v1/interactions", valid())).json();
    expect((await as(app, alice).patch(`/api/v1/interactions/${logged.id}`, { summary: "anders" })).statusCode).toBe(404);
    expect((await as(app, alice).delete(`/api/v1/interactions/${logged.id}`)).statusCode).toBe(404);
    const db = app.database.db;
    await expect(sql`update interactions set summary = 'anders' where id = ${logged.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from interactions where id = ${logged.id}`.execute(db)).rejects.toThrow(/append-only/);
  });

  it("keeps the interaction when its contact is removed, without the contact", async () => {
    const api = as(app, alice);
    const gone = (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Tijdelijk Contact" })).json();
    const logged = (await api.post("/api/v1/interactions", { ...valid(), contactId: gone.id })).json();
    expect((await api.delete(`/api/v1/clients/${client.id}/contacts/${gone.id}`)).statusCode).toBe(204);
    const read = (await api.get(`/api/v1/interactions/${logged.id}`)).json();
    expect(read).toMatchObject({ id: logged.id, contact: null, summary: "Jaarrekening besproken" });
  });

  it("an API token with only the read scope cannot log", async () => {
    const token = (await as(app, alice).post("/api/v1/api-tokens", { name: "Lezer", scopes: ["read"] })).json();
    const response = await as(app, { token: token.token }).post("/api/v1/interactions", valid());
    expectError(response, 403, "tokens.scope_missing", "en");
    expect((await as(app, { token: token.token }).get(`/api/v1/clients/${client.id}/interactions`)).statusCode).toBe(200);
  });
});
