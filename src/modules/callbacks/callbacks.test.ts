import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import { createCursorCodec } from "../../shared/cursor.ts";
import * as commitments from "../commitments/commitments.usecases.ts";
import { rerouteUnaccepted } from "./callbacks.sweep.ts";

// Monday 23 November 2026, 10:00 in Amsterdam.
const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let app: App;
let admin: Session;
let desk: Session;
let anna: Session;
let bram: Session;
let lotte: Session;
let clientId: string;
let contactId: string;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Sanne Beheer", organizationName: "Terugbel BV" });
  desk = await addMember(app, admin, "frontdesk", { name: "Fatima Balie" });
  anna = await addMember(app, admin, "advisor", { name: "Anna de Vries" });
  bram = await addMember(app, admin, "advisor", { name: "Bram Bakker" });
  lotte = await addMember(app, admin, "lead", { name: "Lotte Leider" });
  await as(app, admin).put(`/api/v1/members/${anna.me.id}/expertise`, { topics: ["loonbelasting", "jaarrekening"] });
  await as(app, admin).put(`/api/v1/members/${bram.me.id}/expertise`, { topics: ["loonbelasting"] });
  clientId = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Smit", phone: "020 555 1234" })).json().id;
  contactId = (await as(app, admin).post(`/api/v1/clients/${clientId}/contacts`, { name: "Kees Smit", email: "kees@smit.example" })).json()
    .id;
});
afterAll(() => app.close());

const reroute = () =>
  rerouteUnaccepted({
    db: app.database.db,
    clock,
    logger: app.logger,
    baseUrl: "http://127.0.0.1:3000",
    cursor: createCursorCodec("x".repeat(40)),
  });

function intake(overrides: Record<string, unknown> = {}) {
  return {
    clientId,
    contactId,
    question: "Moet ik loonheffing inhouden over de kerstbonus van mijn monteurs?",
    readBack: true,
    topic: "loonbelasting",
    ...overrides,
  };
}

describe("callback intake", () => {
  it("suggests who knows, computes the promised time and says it as a sentence to read to the caller", async () => {
    const preview = await as(app, desk).get(`/api/v1/callbacks/preview?topic=loonbelasting&clientId=${clientId}`);
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body.experts.map((e: { name: string }) => e.name).sort()).toEqual(["Anna de Vries", "Bram Bakker"]);
    expect(body.routedToLead).toBe(false);
    expect(body.dueAt).toBe("2026-11-23T13:00:00.000Z");
    expect(body.sentence).toBe(`U wordt vóór maandag 23 november 14:00 teruggebeld door ${body.expert.name}.`);
    expect(body.context).toMatchObject({ clientName: "Garage Smit", openPromises: [] });
    const english = (await as(app, desk).get(`/api/v1/callbacks/preview?topic=loonbelasting&language=en`)).json();
    expect(english.sentence).toMatch(/^You will be called back before Monday 23 November 14:00 by (Anna de Vries|Bram Bakker)\.$/);
  });

  it("takes the callback: a promise to the caller, owned by the expert, with the confirmation e-mail queued", async () => {
    const created = await as(app, desk).post("/api/v1/callbacks", intake({ confirmationEmail: true }));
    expect(created.statusCode, created.body).toBe(201);
    const callback = created.json();
    expect(callback).toMatchObject({
      callerName: "Kees Smit",
      callerPhone: "020 555 1234",
      callerEmail: "kees@smit.example",
      topic: "loonbelasting",
      routedToLead: false,
      confirmationSent: true,
      acceptBy: "2026-11-23T09:30:00.000Z",
      commitment: { kind: "callback", source: "call", status: "open", dueAt: "2026-11-23T13:00:00.000Z", clientId },
    });
    expect(["Anna de Vries", "Bram Bakker"]).toContain(callback.commitment.owner.name);
    const mail = await app.database.db
      .selectFrom("deliveries")
      .select(["to_address", "subject", "body_text"])
      .where("dedupe_key", "=", `callback-confirmation:${callback.commitment.id}`)
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe("kees@smit.example");
    expect(mail.body_text).toContain(callback.sentence);
    expect(mail.body_text).toContain("kerstbonus");

    // The next one on the same topic goes to the other expert: fewest callbacks waiting.
    const second = (await as(app, desk).post("/api/v1/callbacks", intake())).json();
    expect(second.commitment.owner.id).not.toBe(callback.commitment.owner.id);
  });

  it("a new caller becomes a client with a contact; a topic nobody knows goes to the team lead", async () => {
    const created = await as(app, desk).post("/api/v1/callbacks", {
      newCaller: { name: "Ria Jansen", phone: "06 1234 5678", company: "Bloemenhuis Jansen" },
      question: "Wij willen een tweede vestiging openen: hoe financieren we dat?",
      readBack: true,
      topic: "vestigingsfinanciering",
    });
    expect(created.statusCode, created.body).toBe(201);
    const callback = created.json();
    expect(callback).toMatchObject({ callerName: "Ria Jansen", callerPhone: "06 1234 5678", routedToLead: true });
    expect(callback.commitment.owner).toEqual({ id: lotte.me.id, name: "Lotte Leider" });
    expect(callback.commitment.clientName).toBe("Bloemenhuis Jansen");
    const contacts = (await as(app, desk).get(`/api/v1/clients/${callback.commitment.clientId}/contacts`)).json().items;
    expect(contacts.map((c: { name: string }) => c.name)).toEqual(["Ria Jansen"]);
  });

  it("refuses a callback without a question, not read back, without a way to reach the caller — and saves nothing", async () => {
    const countClients = async () => (await app.database.db.selectFrom("clients").select("id").execute()).length;
    const countPromises = async () => (await app.database.db.selectFrom("commitments").select("id").execute()).length;
    const [clientsBefore, promisesBefore] = [await countClients(), await countPromises()];
    const cases: [Record<string, unknown>, string][] = [
      [intake({ question: undefined }), "request.validation_failed"],
      [intake({ question: "  " }), "request.validation_failed"],
      [intake({ readBack: false }), "request.validation_failed"],
      [{ newCaller: { name: "Onbekend" }, question: "Bel me terug", readBack: true }, "callbacks.no_way_to_reach"],
      [{ question: "Wie ben ik?", readBack: true }, "callbacks.caller_required"],
      [intake({ newCaller: { name: "Dubbel", phone: "0201234567" } }), "callbacks.caller_ambiguous"],
      [
        { newCaller: { name: "Zonder mail", phone: "0201234567" }, question: "Vraag", readBack: true, confirmationEmail: true },
        "callbacks.no_email_for_confirmation",
      ],
      [intake({ expertId: "no-such-user" }), "callbacks.expert_not_member"],
    ];
    for (const [body, code] of cases) {
      const response = await as(app, desk, "nl").post("/api/v1/callbacks", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe(code);
      expect(response.json().error.message.length).toBeGreaterThan(5);
    }
    expect(await countClients()).toBe(clientsBefore);
    expect(await countPromises()).toBe(promisesBefore);
  });
});

describe("after the intake", () => {
  it("not accepted in time: rerouted to the next expert, then to the lead, never back", async () => {
    clock.set(new Date("2026-11-23T09:00:00Z"));
    const callback = (await as(app, desk).post("/api/v1/callbacks", intake({ expertId: anna.me.id }))).json();
    expect(callback.commitment.owner.id).toBe(anna.me.id);
    clock.set(new Date("2026-11-23T09:29:00Z"));
    expect((await reroute()).rerouted).toBe(0);
    clock.set(new Date("2026-11-23T09:31:00Z"));
    // The earlier tests' callbacks are waiting too: they move on as well, once each.
    expect((await reroute()).rerouted).toBeGreaterThanOrEqual(1);
    expect((await reroute()).rerouted).toBe(0);
    let now = (await as(app, admin).get(`/api/v1/callbacks/${callback.commitment.id}`)).json();
    expect(now.commitment.owner.id).toBe(bram.me.id);
    expect(now.acceptBy).toBe("2026-11-23T10:01:00.000Z");
    clock.set(new Date("2026-11-23T10:02:00Z"));
    await reroute();
    now = (await as(app, admin).get(`/api/v1/callbacks/${callback.commitment.id}`)).json();
    expect(now).toMatchObject({ routedToLead: true, commitment: { owner: { id: lotte.me.id } } });
    expect(now.commitment.events.filter((e: { kind: string }) => e.kind === "rerouted")).toHaveLength(2);

    // Lotte accepts: no more rerouting.
    const refused = await as(app, anna).post(`/api/v1/callbacks/${callback.commitment.id}/accept`);
    expect(refused.statusCode).toBe(403);
    const accepted = await as(app, lotte).post(`/api/v1/callbacks/${callback.commitment.id}/accept`);
    expect(accepted.json().acceptedAt).toBe("2026-11-23T10:02:00.000Z");
    clock.set(new Date("2026-11-23T12:00:00Z"));
    await reroute();
    now = (await as(app, admin).get(`/api/v1/callbacks/${callback.commitment.id}`)).json();
    expect(now.commitment.owner.id).toBe(lotte.me.id);
  });

  it("records attempts and the outcome: reached before the promised time is a kept promise", async () => {
    clock.set(new Date("2026-11-23T09:00:00Z"));
    const callback = (await as(app, desk).post("/api/v1/callbacks", intake({ expertId: bram.me.id }))).json();
    const id = callback.commitment.id;
    clock.set(new Date("2026-11-23T10:00:00Z"));
    const missed = await as(app, bram).post(`/api/v1/callbacks/${id}/attempts`, { reached: false, note: "Voicemail ingesproken" });
    expect(missed.json()).toMatchObject({ attempts: 1, reachedAt: null });
    clock.set(new Date("2026-11-23T11:00:00Z"));
    await as(app, bram).post(`/api/v1/callbacks/${id}/attempts`, { reached: true });
    const done = await as(app, bram).post(`/api/v1/callbacks/${id}/outcome`, {
      outcome: "Ja, inhouden via de werkkostenregeling; uitleg gemaild.",
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ attempts: 2, reachedAt: "2026-11-23T11:00:00.000Z", commitment: { status: "kept" } });
    expect(done.json().commitment.events.map((e: { kind: string }) => e.kind)).toEqual([
      "created",
      "routed",
      "callback_attempt",
      "callback_attempt",
      "completed",
    ]);
    // The answer is part of the promise's history, written with the completion.
    expect(done.json().commitment.events.at(-1).data).toMatchObject({
      status: "kept",
      answer: "Ja, inhouden via de werkkostenregeling; uitleg gemaild.",
    });
    const again = await as(app, bram).post(`/api/v1/callbacks/${id}/attempts`, { reached: true });
    expect(again.statusCode).toBe(409);
  });

  it("the answer and the completion are saved together or not at all", async () => {
    clock.set(new Date("2026-11-23T09:00:00Z"));
    const id = (await as(app, desk).post("/api/v1/callbacks", intake({ expertId: bram.me.id }))).json().commitment.id;
    const deps = { db: app.database.db, clock, cursor: createCursorCodec("test-secret-test-secret-test-secret"), baseUrl: "http://x.test" };
    const actor = { userId: bram.me.id, orgId: bram.me.organizationId, role: "advisor" as const, via: "session" as const };
    const failing = commitments.completeCommitment(deps, actor, id, { answer: "Lost" }, async () => {
      throw new Error("the callback's own row could not be written");
    });
    await expect(failing).rejects.toThrow("could not be written");
    const still = (await as(app, bram).get(`/api/v1/callbacks/${id}`)).json();
    expect(still.commitment.status).toBe("open");
    expect(still.commitment.events.map((e: { kind: string }) => e.kind)).toEqual(["created", "routed"]);
  });

  it("another organization's callback is not found", async () => {
    const callback = (await as(app, desk).post("/api/v1/callbacks", intake())).json();
    const stranger = await signup(app, { organizationName: "Buren BV" });
    for (const [method, path] of [
      ["GET", ""],
      ["POST", "/accept"],
      ["POST", "/outcome"],
    ] as const) {
      const url = `/api/v1/callbacks/${callback.commitment.id}${path}`;
      const response =
        method === "GET"
          ? await as(app, stranger).get(url)
          : await as(app, stranger).post(url, path === "/outcome" ? { outcome: "x" } : {});
      expect(response.statusCode, url).toBe(404);
    }
    const preview = await as(app, stranger).get(`/api/v1/callbacks/preview?clientId=${clientId}`);
    expect(preview.statusCode).toBe(404);
  });
});
