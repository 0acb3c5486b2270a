import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, fieldPaths } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * Errors and disclosure: recorded for one or several clients, told per client
 * with the working hours it took (the headline figure), refused when the
 * dates cannot be true, never told only when a second person approves — and
 * every step is a fact on the client's timeline and evidence in its ledger.
 */
// Friday 4 December 2026, 15:00 in Amsterdam.
const clock = fixedClock(new Date("2026-12-04T14:00:00Z"));
let app: App;
let admin: Session;
let lead: Session;
let advisor: Session;
let other: Session;
let bakery: string;
let garage: string;
let orgId: string;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Olga Owner", organizationName: "Eerlijk & Co" });
  lead = await addMember(app, admin, "lead", { name: "Lotte Leider" });
  advisor = await addMember(app, admin, "advisor", { name: "Bram Bakker" });
  other = await signup(app, { name: "Otto Other", organizationName: "Elders BV" });
  bakery = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen" })).json().id;
  garage = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Pietersen" })).json().id;
  orgId = admin.me.organizationId;
});
afterAll(() => app.close());

const record = (session: Session, body: Record<string, unknown>, language = "en") =>
  as(app, session, language).post("/api/v1/incidents", body);
const base = {
  title: "Wrong VAT rate on the Q3 return",
  discoveredAt: "2026-12-04T15:00:00+01:00",
  foundBy: "us",
  severity: "high",
  description: "We filed the Q3 return with 21% instead of 9% on bread.",
};
const evidenceOf = (clientId: string) =>
  app.database.db
    .selectFrom("trust_evidence")
    .select(["kind", "core", "weight", "label"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("source_type", "=", "incident")
    .orderBy("kind")
    .orderBy("core")
    .execute();

describe("errors and disclosure", () => {
  it("records an error for several clients, each with the policy's deadline of one working day", async () => {
    clock.set(new Date("2026-12-04T14:00:00Z"));
    const response = await record(advisor, { ...base, clientIds: [bakery, garage], rootCause: "The rate table was not updated" });
    expect(response.statusCode, response.body).toBe(201);
    const incident = response.json();
    expect(incident).toMatchObject({
      title: base.title,
      discoveredAt: "2026-12-04T14:00:00.000Z",
      foundBy: "us",
      severity: "high",
      rootCause: "The rate table was not updated",
      remedy: null,
      recordedBy: { id: advisor.me.id, name: "Bram Bakker" },
      undisclosedCount: 2,
      workingHoursToDisclosure: null,
    });
    // Friday 15:00 + 8 working hours = Monday 15:00 (2 on Friday, 6 on Monday).
    expect(incident.clients.map((c: { clientName: string }) => c.clientName)).toEqual(["Bakkerij Jansen", "Garage Pietersen"]);
    for (const client of incident.clients) {
      expect(client).toMatchObject({ status: "undisclosed", discloseBy: "2026-12-07T14:00:00.000Z", overdue: false, disclosure: null });
    }
    const events = await app.database.db
      .selectFrom("domain_events")
      .select(["client_id", "type", "payload"])
      .where("org_id", "=", orgId)
      .where("subject_id", "=", incident.id)
      .execute();
    expect(events.map((e) => [e.type, e.client_id]).sort()).toEqual(
      [
        ["incident.recorded", bakery],
        ["incident.recorded", garage],
      ].sort(),
    );
    expect(events[0]?.payload).toMatchObject({ foundBy: "us", title: base.title });
  });

  it("counts the working hours to disclosure across the weekend, within the policy: quick disclosure is evidence", async () => {
    clock.set(new Date("2026-12-04T14:00:00Z"));
    const { id } = (await record(advisor, { ...base, clientIds: [bakery] })).json();
    clock.set(new Date("2026-12-07T09:30:00Z"));
    // Told Monday 10:00: 2 hours on Friday and 1 on Monday.
    const told = await as(app, advisor).post(`/api/v1/incidents/${id}/disclosures`, {
      clientId: bakery,
      disclosedAt: "2026-12-07T10:00:00+01:00",
      channel: "call",
      message: "Called Mr Jansen and explained the error.",
    });
    expect(told.statusCode, told.body).toBe(201);
    const client = told.json().clients[0];
    expect(client).toMatchObject({
      status: "disclosed",
      workingHoursSoFar: 3,
      disclosure: { channel: "call", workingHoursToDisclosure: 3, withinPolicy: true, disclosedBy: { id: advisor.me.id } },
    });
    expect(told.json().workingHoursToDisclosure).toBe(3);
    expect(told.json().undisclosedCount).toBe(0);
    const evidence = (await evidenceOf(bakery)).filter((e) => e.kind.startsWith("incident_disclosed"));
    expect(evidence).toEqual([
      { kind: "incident_disclosed_quickly", core: "capabilities", weight: -0.5, label: base.title },
      { kind: "incident_disclosed_quickly", core: "integrity", weight: 1.5, label: base.title },
    ]);
    const event = await app.database.db
      .selectFrom("domain_events")
      .select("payload")
      .where("org_id", "=", orgId)
      .where("type", "=", "incident.disclosed")
      .where("subject_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ clientId: bakery, foundBy: "us", workingHoursToDisclosure: 3, withinPolicy: true });
  });

  it("takes the server's now when disclosedAt is left out, so a browser whose clock runs ahead is never refused", async () => {
    clock.set(new Date("2026-12-04T14:00:00Z"));
    const { id } = (await record(advisor, { ...base, clientIds: [bakery] })).json();
    clock.set(new Date("2026-12-04T15:30:00Z"));
    const told = await as(app, advisor).post(`/api/v1/incidents/${id}/disclosures`, {
      clientId: bakery,
      channel: "call",
      message: "Called and explained the error.",
    });
    expect(told.statusCode, told.body).toBe(201);
    expect(told.json().clients[0].disclosure).toMatchObject({ disclosedAt: "2026-12-04T15:30:00.000Z", workingHoursToDisclosure: 1.5 });
  });

  it("takes the server's now when discoveredAt is left out, so a browser whose clock runs ahead is never refused", async () => {
    clock.set(new Date("2026-12-04T14:20:00Z"));
    const { discoveredAt: _left, ...withoutMoment } = base;
    const recorded = await record(advisor, { ...withoutMoment, clientIds: [bakery] });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().discoveredAt).toBe("2026-12-04T14:20:00.000Z");
  });

  it("an error the client found is strong evidence against our Integrity, from the moment it is recorded", async () => {
    clock.set(new Date("2026-12-07T12:00:00Z"));
    const before = (await evidenceOf(garage)).length;
    const response = await record(lead, {
      ...base,
      title: "Missed the objection deadline",
      clientIds: [garage],
      foundBy: "client",
      discoveredAt: "2026-12-07T11:00:00Z",
    });
    expect(response.statusCode, response.body).toBe(201);
    const evidence = (await evidenceOf(garage)).filter((e) => e.kind === "incident_found_by_client");
    expect(evidence).toEqual([
      { kind: "incident_found_by_client", core: "capabilities", weight: -0.5, label: "Missed the objection deadline" },
      { kind: "incident_found_by_client", core: "integrity", weight: -3, label: "Missed the objection deadline" },
    ]);
    expect((await evidenceOf(garage)).length).toBe(before + 2);
    const trust = (await as(app, admin).get(`/api/v1/clients/${garage}/trust`)).json();
    expect(trust.cores.integrity.score).toBeLessThan(0.5);
  });

  it("refuses a disclosure dated before the discovery or in the future, for a client the error does not touch, or twice — saving nothing", async () => {
    clock.set(new Date("2026-12-08T09:00:00Z"));
    const { id } = (await record(advisor, { ...base, clientIds: [bakery], discoveredAt: "2026-12-07T16:00:00+01:00" })).json();
    const before = await snapshotData(app);
    const disclose = (body: Record<string, unknown>, language = "nl") =>
      as(app, advisor, language).post(`/api/v1/incidents/${id}/disclosures`, {
        clientId: bakery,
        disclosedAt: "2026-12-08T09:30:00+01:00",
        channel: "email",
        message: "Dear Mr Jansen, …",
        ...body,
      });
    expectError(await disclose({ disclosedAt: "2026-12-07T15:59:00+01:00" }), 400, "incidents.disclosed_before_discovery", "nl");
    expectError(await disclose({ disclosedAt: "2026-12-07T15:59:00+01:00" }, "en"), 400, "incidents.disclosed_before_discovery", "en");
    expectError(await disclose({ disclosedAt: "2026-12-08T11:00:00+01:00" }), 400, "incidents.disclosed_in_future", "nl");
    expectError(await disclose({ clientId: garage }), 400, "incidents.client_not_affected", "nl");
    expectError(await disclose({ clientId: "00000000-0000-4000-8000-000000000000" }), 400, "incidents.client_not_affected", "nl");
    const badChannel = expectError(await disclose({ channel: "pigeon" }), 400, "request.validation_failed", "nl");
    expect(fieldPaths(badChannel)).toEqual(["channel"]);
    expectError(await disclose({ message: " " }, "en"), 400, "request.validation_failed", "en");
    expect(await snapshotData(app)).toEqual(before);
    expect((await disclose({})).statusCode).toBe(201);
    expectError(await disclose({}), 409, "incidents.already_disclosed", "nl");
  });

  it("refuses an error discovered in the future, without clients, or with a client of another organization — nothing half-saved", async () => {
    clock.set(new Date("2026-12-08T09:00:00Z"));
    const foreign = (await as(app, other).post("/api/v1/clients", { kind: "company", name: "Elders Klant" })).json().id;
    const before = await snapshotData(app);
    expectError(
      await record(advisor, { ...base, clientIds: [bakery], discoveredAt: "2026-12-09T09:00:00Z" }, "nl"),
      400,
      "incidents.in_future",
      "nl",
    );
    const none = expectError(await record(advisor, { ...base, clientIds: [] }, "nl"), 400, "request.validation_failed", "nl");
    expect(fieldPaths(none)).toEqual(["clientIds"]);
    expectError(await record(advisor, { ...base, clientIds: [bakery, foreign] }, "nl"), 404, "clients.not_found", "nl");
    const wrongFoundBy = expectError(
      await record(advisor, { ...base, clientIds: [bakery], foundBy: "auditor" }),
      400,
      "request.validation_failed",
      "en",
    );
    expect(fieldPaths(wrongFoundBy)).toEqual(["foundBy"]);
    expectError(await record(advisor, { ...base, clientIds: [bakery], secret: 1 }), 400, "request.unknown_field", "en");
    expect(await snapshotData(app)).toEqual(before);
  });

  it("keeps another organization out with the same 404 as an error that does not exist", async () => {
    const { id } = (await record(advisor, { ...base, clientIds: [bakery] })).json();
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const target of [id, missing]) {
      expectError(await as(app, other, "nl").get(`/api/v1/incidents/${target}`), 404, "incidents.not_found", "nl");
      expectError(await as(app, other).patch(`/api/v1/incidents/${target}`, { lesson: "x" }), 404, "incidents.not_found", "en");
      expectError(
        await as(app, other).post(`/api/v1/incidents/${target}/disclosures`, {
          clientId: bakery,
          disclosedAt: "2026-12-08T09:30:00+01:00",
          channel: "call",
          message: "Hello there",
        }),
        404,
        "incidents.not_found",
        "en",
      );
    }
    const list = (await as(app, other).get("/api/v1/incidents")).json();
    expect(list.items).toEqual([]);
  });

  it("completes the texts later and keeps the facts of discovery", async () => {
    const { id } = (await record(advisor, { ...base, clientIds: [bakery] })).json();
    const patched = await as(app, lead).patch(`/api/v1/incidents/${id}`, {
      remedy: "We file a corrected return this week",
      lesson: "Check the rate table at every change of year",
      description: "",
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      remedy: "We file a corrected return this week",
      lesson: "Check the rate table at every change of year",
      description: null,
      discoveredAt: "2026-12-04T14:00:00.000Z",
    });
    expectError(
      await as(app, lead).patch(`/api/v1/incidents/${id}`, { discoveredAt: "2026-12-01T10:00:00Z" }),
      400,
      "request.unknown_field",
      "en",
    );
  });

  it("drafts the message to the client in Dutch and English from the error's fields", async () => {
    const { id } = (await record(advisor, { ...base, clientIds: [bakery, garage], remedy: "We file a correction." })).json();
    const nl = await as(app, advisor).get(`/api/v1/incidents/${id}/disclosure-draft?clientId=${garage}&language=nl`);
    expect(nl.statusCode, nl.body).toBe(200);
    expect(nl.json()).toMatchObject({ clientId: garage, language: "nl", subject: `Een fout van onze kant: ${base.title}` });
    expect(nl.json().message).toContain("Beste Garage Pietersen,");
    expect(nl.json().message).toContain("4 december 2026");
    expect(nl.json().message).toContain("Bram Bakker\nEerlijk & Co");
    const en = (await as(app, advisor).get(`/api/v1/incidents/${id}/disclosure-draft?clientId=${bakery}&language=en`)).json();
    expect(en.message).toContain("Dear Bakkerij Jansen,");
    expect(en.message).toContain("What we are doing about it: We file a correction.");
    const foreign = (await as(app, other).post("/api/v1/clients", { kind: "company", name: "Nog een" })).json().id;
    expectError(
      await as(app, advisor).get(`/api/v1/incidents/${id}/disclosure-draft?clientId=${foreign}`),
      400,
      "incidents.client_not_affected",
      "en",
    );
  });

  it("marks a client 'not to be told' only when a second person with lead rights approves", async () => {
    const { id } = (await record(advisor, { ...base, clientIds: [bakery, garage] })).json();
    const proposed = await as(app, advisor).post(`/api/v1/incidents/${id}/non-disclosures`, {
      clientId: garage,
      reason: "The garage's return was not affected in the end",
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const nid = proposed.json().id;
    expect(proposed.json()).toMatchObject({ proposedBy: { id: advisor.me.id }, approvedBy: null, approvedAt: null });
    // Not yet settled: still untold.
    expect((await as(app, admin).get(`/api/v1/incidents/${id}`)).json().undisclosedCount).toBe(2);
    const advisor2 = await addMember(app, admin, "advisor", { name: "Anna Adviseur" });
    expectError(
      await as(app, advisor2, "nl").post(`/api/v1/incidents/${id}/non-disclosures/${nid}/approve`),
      403,
      "incidents.approve_needs_lead",
      "nl",
    );
    const own = (
      await as(app, lead).post(`/api/v1/incidents/${id}/non-disclosures`, { clientId: bakery, reason: "I think it is fine" })
    ).json();
    expectError(
      await as(app, lead, "nl").post(`/api/v1/incidents/${id}/non-disclosures/${own.id}/approve`),
      403,
      "incidents.approve_own_proposal",
      "nl",
    );
    const approved = await as(app, lead).post(`/api/v1/incidents/${id}/non-disclosures/${nid}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ approvedBy: { id: lead.me.id, name: "Lotte Leider" } });
    expectError(
      await as(app, admin).post(`/api/v1/incidents/${id}/non-disclosures/${nid}/approve`),
      409,
      "incidents.non_disclosure_already_approved",
      "en",
    );
    const incident = (await as(app, admin).get(`/api/v1/incidents/${id}`)).json();
    const garageRow = incident.clients.find((c: { clientId: string }) => c.clientId === garage);
    expect(garageRow.status).toBe("not_to_be_disclosed");
    expect(incident.undisclosedCount).toBe(1);
    expectError(
      await as(app, admin).post(`/api/v1/incidents/${id}/disclosures`, {
        clientId: garage,
        disclosedAt: clock.now().toISOString(),
        channel: "call",
        message: "Told after all",
      }),
      409,
      "incidents.already_settled",
      "en",
    );
    expectError(
      await as(app, admin).post(`/api/v1/incidents/${id}/non-disclosures/00000000-0000-4000-8000-000000000000/approve`),
      404,
      "incidents.non_disclosure_not_found",
      "en",
    );
  });

  it("lists untold errors first, with filters, and shows them on each client's timeline", async () => {
    const all = (await as(app, admin).get("/api/v1/incidents")).json();
    expect(all.policy).toEqual({ discloseWithinHours: 8, adminsAfterHours: 8 });
    const untoldFirst = all.items.map((item: { undisclosedCount: number }) => item.undisclosedCount > 0);
    expect(untoldFirst).toEqual([...untoldFirst].sort((a, b) => Number(b) - Number(a)));
    const open = (await as(app, admin).get("/api/v1/incidents?status=open")).json().items;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((item: { clients: { status: string }[] }) => item.clients.some((c) => c.status === "undisclosed"))).toBe(true);
    expect(open.length).toBeLessThan(all.items.length);
    const forGarage = (await as(app, admin).get(`/api/v1/incidents?clientId=${garage}`)).json().items;
    expect(forGarage.every((item: { clients: { clientId: string }[] }) => item.clients.some((c) => c.clientId === garage))).toBe(true);
    expectError(await as(app, admin).get("/api/v1/incidents?status=closed"), 400, "request.validation_failed", "en");
    const timeline = (await as(app, admin).get(`/api/v1/clients/${bakery}/timeline?limit=100`)).json();
    const types = new Set(timeline.items.map((item: { type: string }) => item.type));
    expect(types).toContain("incident.recorded");
    expect(types).toContain("incident.disclosed");
  });

  it("lets an administrator set the policy; errors recorded after it get the new deadline", async () => {
    expectError(
      await as(app, lead).put("/api/v1/incident-policy", { discloseWithinHours: 4, adminsAfterHours: null }),
      403,
      "auth.forbidden",
      "en",
    );
    const saved = await as(app, admin).put("/api/v1/incident-policy", { discloseWithinHours: 4, adminsAfterHours: null });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({
      discloseWithinHours: 4,
      adminsAfterHours: 8,
      isDefault: { discloseWithinHours: false, adminsAfterHours: true },
    });
    clock.set(new Date("2026-12-04T14:00:00Z"));
    const incident = (await record(advisor, { ...base, clientIds: [bakery] })).json();
    // Friday 15:00 + 4 working hours = Monday 11:00.
    expect(incident.clients[0].discloseBy).toBe("2026-12-07T10:00:00.000Z");
    await as(app, admin).put("/api/v1/incident-policy", { discloseWithinHours: null, adminsAfterHours: null });
  });

  it("puts a client with an untold error on the at-risk list until it is told", async () => {
    clock.set(new Date("2026-12-09T10:00:00Z"));
    const notary = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Notaris Vos" })).json().id;
    const { id } = (await record(advisor, { ...base, clientIds: [notary], discoveredAt: "2026-12-09T10:00:00+01:00" })).json();
    const entryOf = async () =>
      (await as(app, admin, "nl").get("/api/v1/at-risk")).json().items.find((item: { clientId: string }) => item.clientId === notary);
    const entry = await entryOf();
    expect(entry?.reasons[0]).toMatchObject({
      code: "undisclosed_incident",
      params: { count: 1, overdue: 0 },
      message: "1 fout van ons waarover de klant nog niet is ingelicht",
      evidence: [{ label: base.title, source: { type: "incident", id } }],
    });
    expect(entry?.nextStep).toBe("disclose_error");
    await as(app, advisor).post(`/api/v1/incidents/${id}/disclosures`, {
      clientId: notary,
      disclosedAt: "2026-12-09T10:30:00+01:00",
      channel: "call",
      message: "Called the notary straight away.",
    });
    const after = await entryOf();
    expect(after?.reasons.some((reason: { code: string }) => reason.code === "undisclosed_incident") ?? false).toBe(false);
  });
});
