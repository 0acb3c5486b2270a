import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, fieldPaths } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * The personal trust profile: one's own evidence across clients per core,
 * decayed with the organization's half-life, beside one's own self-assessment
 * (kept with its history); where character lags competence; private to the
 * person, and for leads and admins a team's evidence only added together.
 */
// Wednesday 2 December 2026, 10:00 in Amsterdam.
const clock = fixedClock(new Date("2026-12-02T09:00:00Z"));
let app: App;
let admin: Session;
let lead: Session;
let anna: Session;
let bob: Session;
let carl: Session;
let dave: Session;
let desk: Session;
let other: Session;
let alfa: string;
let beta: string;
let teamId: string;

const later = (days: number) => clock.set(addDaysToInstant(clock.now(), days));

async function promise(session: Session, clientId: string, title: string) {
  const response = await as(app, session).post("/api/v1/commitments", {
    clientId,
    title,
    doneWhen: "The client has it",
    ownerId: session.me.id,
    dueIn: { amount: 2, unit: "working_days" },
    source: "call",
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; dueAt: string };
}

async function kept(session: Session, clientId: string, title: string) {
  const made = await promise(session, clientId, title);
  const done = await as(app, session).post(`/api/v1/commitments/${made.id}/complete`, {});
  expect(done.statusCode, done.body).toBe(200);
}

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Ada Admin", organizationName: "Spiegel BV" });
  lead = await addMember(app, admin, "lead", { name: "Lotte Lead" });
  anna = await addMember(app, admin, "advisor", { name: "Anna Adviseur" });
  bob = await addMember(app, admin, "advisor", { name: "Bob Adviseur" });
  carl = await addMember(app, admin, "advisor", { name: "Carl Adviseur" });
  dave = await addMember(app, admin, "advisor", { name: "Dave Adviseur" });
  desk = await addMember(app, admin, "frontdesk", { name: "Dirk Balie" });
  other = await signup(app, { name: "Otto Other", organizationName: "Elders BV" });
  alfa = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Alfa BV" })).json().id;
  beta = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Bèta Holding" })).json().id;
  teamId = (await as(app, admin).post("/api/v1/teams", { name: "Fiscaal" })).json().id;

  // Anna: four promises kept on time (Integrity and Results up), two moved without telling the client (Integrity down).
  for (const [client, title] of [
    [alfa, "Send the draft accounts"],
    [alfa, "Book the review"],
    [beta, "Answer the tax office letter"],
    [beta, "Send the quote"],
  ] as const) {
    await kept(anna, client, title);
  }
  for (const title of ["Payroll check", "Pension overview"]) {
    const made = await promise(anna, beta, title);
    const moved = await as(app, anna).post(`/api/v1/commitments/${made.id}/renegotiate`, {
      dueAt: addDaysToInstant(new Date(made.dueAt), 7).toISOString(),
      reason: "INTERNAL: we were too busy",
      clientInformed: false,
    });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  await kept(bob, alfa, "Bob's promise");
});
afterAll(() => app.close());

const profileOf = (session: Session, language = "en") => as(app, session, language).get("/api/v1/me/trust-profile");

describe("personal trust profile", () => {
  it("shows my own evidence across clients per core, with counts per kind and the most recent items", async () => {
    const response = await profileOf(anna, "nl");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.halfLifeDays).toBe(180);
    // Integrity: r = 4 × 1, s = 2 × 1.5 → (4+1)/(4+3+2); Results: r = 4 → 5/6; Intent and Capabilities: no evidence.
    expect(body.cores.integrity).toMatchObject({ r: 4, s: 3, evidenceCount: 6 });
    expect(body.cores.integrity.score).toBeCloseTo(5 / 9, 12);
    expect(body.cores.integrity.uncertainty).toBeCloseTo(2 / 9, 12);
    expect(body.cores.results.score).toBeCloseTo(5 / 6, 12);
    expect(body.cores.intent).toEqual({ score: 0.5, uncertainty: 1, r: 0, s: 0, evidenceCount: 0 });
    expect(body.kinds).toEqual({ commitment_kept: 4, commitment_renegotiated_without_notice: 2 });
    expect(body.recent).toHaveLength(10);
    expect(new Set(body.recent.map((item: { client: { name: string } }) => item.client.name))).toEqual(
      new Set(["Alfa BV", "Bèta Holding"]),
    );
    const moved = body.recent.find((item: { kind: string }) => item.kind === "commitment_renegotiated_without_notice");
    expect(moved.explanation).toMatch(
      /^Integriteit daalde: afspraak “(Payroll check|Pension overview)” werd verzet zonder de klant op tijd in te lichten/,
    );
    expect(response.body).not.toContain("INTERNAL");
    expect(response.body).not.toContain("Bob's promise");
    // Character (Integrity, Intent) lags competence (Capabilities, Results) in the evidence.
    expect(body.comparison.evidence.character).toBeCloseTo((5 / 9 + 0.5) / 2, 12);
    expect(body.comparison.evidence.competence).toBeCloseTo((0.5 + 5 / 6) / 2, 12);
    expect(body.comparison.evidence.characterLags).toBe(true);
    expect(body.selfAssessment).toEqual({ latest: null, previous: null });
    expect(body.comparison.self).toBeNull();
    expect(body.comparison.cores.integrity).toEqual({ evidence: body.cores.integrity.score, self: null, difference: null });
  });

  it("keeps every self-assessment; the profile shows the latest and the one before, mapped to 0–1 beside the evidence", async () => {
    const first = await as(app, anna).put("/api/v1/me/self-assessment", { integrity: 5, intent: 5, capabilities: 3, results: 3 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().latest).toMatchObject({ integrity: 5, intent: 5, capabilities: 3, results: 3, note: null });
    expect(first.json().previous).toBeNull();
    const second = await as(app, anna).put("/api/v1/me/self-assessment", {
      integrity: 2,
      intent: 3,
      capabilities: 5,
      results: 4,
      note: "PRIVATE: I let dates slide when busy",
    });
    expect(second.json().latest).toMatchObject({
      integrity: 2,
      intent: 3,
      capabilities: 5,
      results: 4,
      note: "PRIVATE: I let dates slide when busy",
    });
    expect(second.json().previous).toMatchObject({ integrity: 5, intent: 5 });

    const body = (await profileOf(anna)).json();
    expect(body.selfAssessment.latest.id).toBe(second.json().latest.id);
    expect(body.selfAssessment.previous.id).toBe(first.json().latest.id);
    expect(body.comparison.cores.integrity.self).toBe(0.25);
    expect(body.comparison.cores.integrity.difference).toBeCloseTo(0.25 - 5 / 9, 12);
    expect(body.comparison.cores.capabilities).toEqual({ evidence: 0.5, self: 1, difference: 0.5 });
    // Self view: character (0.25 + 0.5)/2 lags competence (1 + 0.75)/2.
    expect(body.comparison.self).toEqual({ character: 0.375, competence: 0.875, gap: 0.5, characterLags: true });

    const third = await as(app, anna).put("/api/v1/me/self-assessment", { integrity: 4, intent: 4, capabilities: 4, results: 4 });
    expect(third.json().previous.id).toBe(second.json().latest.id);
    expect((await profileOf(anna)).json().comparison.self.characterLags).toBe(false);
    const rows = await app.database.db.selectFrom("trust_self_assessments").select("id").where("user_id", "=", anna.me.id).execute();
    expect(rows).toHaveLength(3);
  });

  it("refuses answers outside 1–5, fractions, text and missing cores with translated field messages; nothing is kept", async () => {
    const before = await app.database.db.selectFrom("trust_self_assessments").select("id").execute();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ integrity: 0, intent: 3, capabilities: 3, results: 3 }, ["integrity"]],
      [{ integrity: 3, intent: 6, capabilities: 3, results: 3 }, ["intent"]],
      [{ integrity: 3, intent: 3, capabilities: 2.5, results: 3 }, ["capabilities"]],
      [{ integrity: 3, intent: 3, capabilities: 3, results: "4" }, ["results"]],
      [{ integrity: 3, intent: 3, capabilities: 3 }, ["results"]],
      [{ integrity: 3, intent: 3, capabilities: 3, results: 3, note: "x".repeat(2001) }, ["note"]],
    ];
    for (const [body, paths] of cases) {
      const error = expectError(await as(app, anna, "nl").put("/api/v1/me/self-assessment", body), 400, "request.validation_failed", "nl");
      expect(fieldPaths(error), JSON.stringify(body)).toEqual(paths);
    }
    expectError(
      await as(app, anna, "nl").put("/api/v1/me/self-assessment", {
        integrity: 3,
        intent: 3,
        capabilities: 3,
        results: 3,
        userId: bob.me.id,
      }),
      400,
      "request.unknown_field",
      "nl",
    );
    expect(await app.database.db.selectFrom("trust_self_assessments").select("id").execute()).toHaveLength(before.length);
  });

  it("is private: an admin reads only their own profile, with no way to ask for someone else's", async () => {
    const mine = await as(app, admin).get(`/api/v1/me/trust-profile?userId=${anna.me.id}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().cores.integrity.evidenceCount).toBe(0);
    expect(mine.json().selfAssessment).toEqual({ latest: null, previous: null });
    expect(mine.body).not.toContain("PRIVATE");
    expect(mine.body).not.toContain("Send the draft accounts");
    for (const url of [
      `/api/v1/users/${anna.me.id}/trust-profile`,
      `/api/v1/members/${anna.me.id}/trust-profile`,
      `/api/v1/me/trust-profile/${anna.me.id}`,
    ]) {
      expect((await as(app, admin).get(url)).statusCode, url).toBe(404);
    }
    const exported = await as(app, admin).get("/api/v1/export");
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain("PRIVATE");
    // Someone else's self-assessment is never touched by mine.
    await as(app, admin).put("/api/v1/me/self-assessment", { integrity: 1, intent: 1, capabilities: 1, results: 1 });
    expect((await profileOf(anna)).json().selfAssessment.latest).toMatchObject({ integrity: 4 });
  });

  it("shows leads and admins a team's evidence only added together, and only from three members with evidence", async () => {
    await as(app, admin).put(`/api/v1/teams/${teamId}/members`, { userIds: [anna.me.id, bob.me.id, dave.me.id] });
    const below = await as(app, lead).get(`/api/v1/teams/${teamId}/trust-profile`);
    expect(below.statusCode, below.body).toBe(200);
    expect(below.json()).toEqual({
      teamId,
      available: false,
      minimumMembers: 3,
      membersWithEvidence: null,
      cores: null,
      kinds: null,
      lag: null,
    });

    await kept(carl, beta, "Carl's promise");
    await as(app, admin).put(`/api/v1/teams/${teamId}/members`, { userIds: [anna.me.id, bob.me.id, carl.me.id, dave.me.id] });
    const response = await as(app, lead).get(`/api/v1/teams/${teamId}/trust-profile`);
    const body = response.json();
    expect(body).toMatchObject({ teamId, available: true, minimumMembers: 3, membersWithEvidence: 3 });
    expect(body.kinds).toEqual({ commitment_kept: 6, commitment_renegotiated_without_notice: 2 });
    expect(body.cores.integrity.evidenceCount).toBe(8);
    expect(body.cores.integrity.score).toBeGreaterThan(0.5);
    for (const person of [anna, bob, carl, dave]) {
      expect(response.body).not.toContain(person.me.id);
      expect(response.body).not.toContain(person.me.name);
    }
    expect(response.body).not.toContain("PRIVATE");
    expect((await as(app, admin).get(`/api/v1/teams/${teamId}/trust-profile`)).statusCode).toBe(200);
  });

  it("keeps team aggregates from advisors and the front desk, and teams of another organization out", async () => {
    expectError(await as(app, anna, "nl").get(`/api/v1/teams/${teamId}/trust-profile`), 403, "auth.forbidden", "nl");
    expectError(await as(app, desk).get(`/api/v1/teams/${teamId}/trust-profile`), 403, "auth.forbidden", "en");
    const foreign = await as(app, other, "nl").get(`/api/v1/teams/${teamId}/trust-profile`);
    expectError(foreign, 404, "teams.not_found", "nl");
    const missing = await as(app, other, "nl").get("/api/v1/teams/00000000-0000-4000-8000-000000000000/trust-profile");
    expect(foreign.json()).toEqual(missing.json());
    // The other organization's own profile knows nothing of ours.
    const theirs = (await profileOf(other)).json();
    expect(theirs.kinds).toEqual({});
    expect(theirs.recent).toEqual([]);
  });

  it("decays my evidence with the organization's half-life", async () => {
    // Sessions last 14 days: ten days on, everyone is still signed in.
    later(10);
    let body = (await profileOf(anna)).json();
    expect(body.cores.integrity.r).toBeCloseTo(4 * 2 ** (-10 / 180), 9);
    expect(body.cores.integrity.s).toBeCloseTo(3 * 2 ** (-10 / 180), 9);
    const saved = await as(app, admin).put("/api/v1/trust/settings", { halfLifeDays: 90, changes: {}, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    body = (await profileOf(anna)).json();
    expect(body.halfLifeDays).toBe(90);
    expect(body.cores.integrity.r).toBeCloseTo(4 * 2 ** (-10 / 90), 9);
    expect(body.cores.integrity.s).toBeCloseTo(3 * 2 ** (-10 / 90), 9);
  });
});
