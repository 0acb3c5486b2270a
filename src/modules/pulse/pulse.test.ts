import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { fixedClock } from "../../shared/clock.ts";
import * as risks from "../trust/trust.risks.ts";
import * as pulse from "./pulse.usecases.ts";

/**
 * Client pulse on a link for one contact (once, 14 days, capped per contact)
 * and team pulse (private, shown only from three answers), both feeding the
 * trust ledger: perceived scores, evidence and at-risk reasons.
 */
// Tuesday 6 October 2026, 10:00 in Amsterdam: early in a quarter.
const clock = fixedClock(new Date("2026-10-06T08:00:00Z"));
let app: App;
let lead: Session;
let anna: Session;
let bram: Session;
let other: Session;
let clientId: string;
let contactId: string;
let secondContactId: string;
let otherClientContact: string;

const later = (days: number) => clock.set(addDaysToInstant(clock.now(), days));

beforeAll(async () => {
  app = await createTestApp({ clock });
  lead = await signup(app, { name: "Lotte", organizationName: "Pulse BV" });
  anna = await addMember(app, lead, "advisor", { name: "Anna" });
  bram = await addMember(app, lead, "advisor", { name: "Bram" });
  other = await signup(app, { name: "Otto", organizationName: "Other BV" });
  clientId = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Gamma BV" })).json().id;
  contactId = (
    await as(app, lead).post(`/api/v1/clients/${clientId}/contacts`, { name: "Cécile Jansen", email: "cecile@gamma.example" })
  ).json().id;
  secondContactId = (await as(app, lead).post(`/api/v1/clients/${clientId}/contacts`, { name: "Piet Gamma" })).json().id;
  const otherClient = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Delta BV" })).json().id;
  otherClientContact = (await as(app, lead).post(`/api/v1/clients/${otherClient}/contacts`, { name: "Dirk Delta" })).json().id;
});
afterAll(() => app.close());

const request = (session: Session, contact: string, extra: Record<string, unknown> = {}, language = "en") =>
  as(app, session, language).post(`/api/v1/clients/${clientId}/pulse-requests`, { contactId: contact, ...extra });
const publicCall = (method: "GET" | "POST", token: string, payload?: unknown) =>
  app.server.inject({ method, url: `/api/v1/portal/${token}/pulse`, ...(payload ? { payload: payload as object } : {}) });

describe("client pulse", () => {
  let token: string;

  it("makes a link for one contact, e-mailed on request, and refuses a second within the cap", async () => {
    const response = await request(anna, contactId, { send: true, language: "nl" });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.url.endsWith(`/pulse/${body.token}`)).toBe(true);
    expect(body.emailed).toBe(true);
    token = body.token;
    const { rows } = await sql<{ recipient: string; subject: string; body: string }>`
      select to_address as recipient, subject, body_text as body from deliveries where kind = 'pulse.request'`.execute(app.database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.recipient).toBe("cecile@gamma.example");
    expect(rows[0]?.body).toContain(body.url);
    expectError(await request(anna, contactId, {}, "nl"), 409, "pulse.too_soon", "nl");
    expectError(await request(anna, secondContactId, { send: true }, "nl"), 400, "pulse.no_email", "nl");
    expectError(await request(anna, otherClientContact, {}, "nl"), 400, "pulse.contact_not_of_client", "nl");
    expect((await as(app, other).post(`/api/v1/clients/${clientId}/pulse-requests`, { contactId })).statusCode).toBe(404);
  });

  it("shows the contact their survey and takes one answer, refusing out-of-range numbers", async () => {
    const view = await publicCall("GET", token);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      clientName: "Gamma BV",
      contactName: "Cécile Jansen",
      language: "nl",
      organizationName: "Pulse BV",
    });
    for (const bad of [
      { integrity: 0, intent: 3, capabilities: 3, results: 3 },
      { integrity: 6, intent: 3, capabilities: 3, results: 3 },
      { integrity: 2.5, intent: 3, capabilities: 3, results: 3 },
    ]) {
      expect((await publicCall("POST", token, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const answered = await publicCall("POST", token, { integrity: 5, intent: 5, capabilities: 4, results: 4, comment: "Altijd snel" });
    expect(answered.statusCode, answered.body).toBe(201);
  });

  it("answers a reused, unknown or foreign link with the same 404", async () => {
    const reused = await publicCall("POST", token, { integrity: 1, intent: 1, capabilities: 1, results: 1 });
    const unknown = await publicCall("POST", `tlq_${"A".repeat(32)}`, { integrity: 1, intent: 1, capabilities: 1, results: 1 });
    const garbage = await publicCall("GET", "not-a-token");
    expect(reused.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(garbage.statusCode).toBe(404);
    expect(reused.body).toBe(unknown.body);
    expect((await publicCall("GET", token)).body).toBe(unknown.body);
  });

  it("expires after 14 days", async () => {
    const fresh = (await request(lead, secondContactId)).json();
    later(15);
    const expired = await publicCall("POST", fresh.token, { integrity: 3, intent: 3, capabilities: 3, results: 3 });
    expect(expired.statusCode).toBe(404);
  });

  it("puts perceived scores beside the evidence and the response rate on the client", async () => {
    const trust = (await as(app, lead).get(`/api/v1/clients/${clientId}/trust`)).json();
    expect(trust.perceived).toEqual({ integrity: 5, intent: 5, capabilities: 4, results: 4 });
    expect(trust.cores.integrity.score).toBeGreaterThan(0.5);
    const summary = (await as(app, lead).get(`/api/v1/clients/${clientId}/pulse`)).json();
    expect(summary).toMatchObject({ sent: 2, answered: 1, responseRate: 0.5 });
    expect(summary.requests.find((item: { answer: unknown }) => item.answer)?.answer).toMatchObject({
      integrity: 5,
      comment: "Altijd snel",
    });
  });

  it("makes a large gap between the client's view and our evidence an at-risk reason", async () => {
    // Our evidence says otherwise: two promises broken without a word.
    for (const title of ["Send the plan", "Send the figures"]) {
      const created = await as(app, anna).post("/api/v1/commitments", {
        clientId,
        title,
        doneWhen: "Sent",
        ownerId: anna.me.id,
        dueIn: { amount: 1, unit: "working_days" },
        source: "call",
      });
      await as(app, anna).post(`/api/v1/commitments/${created.json().id}/break`, { reason: "No time" });
    }
    const items = (await as(app, lead).get("/api/v1/at-risk")).json().items;
    const entry = items.find((item: { clientId: string }) => item.clientId === clientId);
    expect(entry.reasons.map((reason: { code: string }) => reason.code)).toContain("perception_gap");
  });
});

describe("team pulse", () => {
  it("shows nothing of fewer than three answers, then only the average and shuffled words", async () => {
    const say = (session: Session, feeling: number, words?: string) =>
      as(app, session).post(`/api/v1/clients/${clientId}/team-pulse`, { feeling, ...(words && { words }) });
    let response = await say(anna, 2, "Demanding");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ respondents: 1, average: null, words: [], answeredByMe: true });
    response = await say(bram, 1);
    expect(response.json()).toMatchObject({ respondents: 2, average: null, words: [] });
    expectError(await say(anna, 5), 409, "pulse.team_already_answered", "en");
    response = await say(lead, 3, "Fine");
    expect(response.json().average).toBe(2);
    expect([...response.json().words].sort()).toEqual(["Demanding", "Fine"]);
  });

  it("keeps who answered apart from what was said: no answer row names a person", async () => {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'team_pulse_answers'`.execute(app.database.db);
    expect(rows.map((row) => row.column_name).sort()).toEqual(["client_id", "feeling", "id", "org_id", "period", "words"]);
  });

  it("turns the quarter's feeling into Intent evidence once, and a drop into an at-risk reason", async () => {
    const evidence = (await as(app, lead).get(`/api/v1/clients/${clientId}/trust/evidence?core=intent`)).json().items;
    expect(evidence.filter((item: { kind: string }) => item.kind === "team_pulse_low")).toHaveLength(1);
    // Sessions do not survive a jump of months on the test clock: the use-cases act for the same people.
    const deps = { db: app.database.db, clock, baseUrl: "http://127.0.0.1" };
    const actorOf = (session: Session) => ({
      userId: session.me.id,
      orgId: session.me.organizationId,
      role: session.me.role as "advisor",
      via: "session" as const,
    });
    // Next quarter the team feels much better; the quarter after, much worse again.
    clock.set(new Date("2027-01-12T09:00:00Z"));
    for (const session of [lead, anna, bram]) await pulse.answerTeamPulse(deps, actorOf(session), clientId, { feeling: 5 });
    clock.set(new Date("2027-04-13T08:00:00Z"));
    for (const session of [lead, anna, bram]) await pulse.answerTeamPulse(deps, actorOf(session), clientId, { feeling: 2 });
    const list = await risks.listAtRisk(deps, actorOf(lead), { includeAcknowledged: true, limit: 100 }, "en");
    const entry = list.items.find((item) => item.clientId === clientId);
    expect(entry?.reasons.map((reason) => reason.code)).toContain("team_pulse_drop");
  });
});
