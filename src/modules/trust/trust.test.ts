import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { fixedClock } from "../../shared/clock.ts";
import * as trust from "./trust.usecases.ts";

/**
 * The trust ledger end to end over HTTP: promises closing become evidence in
 * the same transaction, scores explain themselves exactly, observations are
 * attributable, a reopen takes evidence back, settings re-weigh with a
 * preview, and the backfill yields exactly what was written as things happened.
 */
// Wednesday 2 December 2026, 10:00 in Amsterdam.
const clock = fixedClock(new Date("2026-12-02T09:00:00Z"));
let app: App;
let owner: Session;
let anna: Session;
let desk: Session;
let other: Session;
let clientId: string;
let orgId: string;

const later = (days: number) => clock.set(addDaysToInstant(clock.now(), days));

beforeAll(async () => {
  app = await createTestApp({ clock });
  owner = await signup(app, { name: "Olga Owner", organizationName: "Ledger BV" });
  anna = await addMember(app, owner, "advisor", { name: "Anna" });
  desk = await addMember(app, owner, "frontdesk", { name: "Dirk" });
  other = await signup(app, { name: "Otto Other", organizationName: "Elsewhere BV" });
  const client = (await as(app, owner).post("/api/v1/clients", { kind: "company", name: "Alfa BV" })).json();
  clientId = client.id;
  orgId = owner.me.organizationId;
});
afterAll(() => app.close());

async function promise(title: string, extra: Record<string, unknown> = {}) {
  const response = await as(app, anna).post("/api/v1/commitments", {
    clientId,
    title,
    doneWhen: "The client has it",
    ownerId: anna.me.id,
    dueIn: { amount: 2, unit: "working_days" },
    source: "call",
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; dueAt: string };
}

const trustOf = async (session = owner, id = clientId) => as(app, session).get(`/api/v1/clients/${id}/trust`);
const evidenceOf = async (query = "", language = "en") =>
  as(app, owner, language).get(`/api/v1/clients/${clientId}/trust/evidence${query}`);

describe("trust ledger", () => {
  it("starts neutral and fully uncertain", async () => {
    const response = await trustOf();
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    for (const core of ["integrity", "intent", "capabilities", "results"]) {
      expect(body.cores[core]).toMatchObject({ score: 0.5, uncertainty: 1, r: 0, s: 0, evidenceCount: 0 });
    }
    expect(body.readiness.shareProblems.score).toBe(0.5);
    expect(body.perceived).toBeNull();
  });

  it("turns a kept promise into Integrity and Results evidence, and a break without notice into a larger loss", async () => {
    const kept = await promise("Send the draft annual accounts");
    expect((await as(app, anna).post(`/api/v1/commitments/${kept.id}/complete`, {})).statusCode).toBe(200);
    let body = (await trustOf()).json();
    expect(body.cores.integrity.score).toBeGreaterThan(0.5);
    expect(body.cores.results.score).toBeGreaterThan(0.5);
    expect(body.cores.intent.score).toBe(0.5);

    later(1);
    const broken = await promise("Call back about the VAT return");
    const response = await as(app, anna).post(`/api/v1/commitments/${broken.id}/break`, { reason: "Forgot" });
    expect(response.statusCode, response.body).toBe(200);
    body = (await trustOf()).json();
    expect(body.cores.integrity.score).toBeLessThan(0.5);
    expect(body.cores.integrity.trend).toBeLessThan(0);
  });

  it("explains every score: ½ plus the contributions is the score, with a why in Dutch", async () => {
    later(3);
    const trustNow = (await trustOf()).json();
    const response = await evidenceOf("?core=integrity", "nl");
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json();
    const total = list.items.reduce((sum: number, item: { contribution: number }) => sum + item.contribution, 0.5);
    expect(Math.abs(total - trustNow.cores.integrity.score)).toBeLessThan(1e-12);
    const brokenItem = list.items.find((item: { kind: string }) => item.kind === "commitment_broken_undisclosed");
    expect(brokenItem.explanation).toMatch(
      /^Integriteit daalde: afspraak “Call back about the VAT return” werd gebroken zonder melding, 3 dagen geleden$/,
    );
    expect(brokenItem.source.type).toBe("commitment");
  });

  it("records a colleague's observation on the core it names, attributable, refusing the future", async () => {
    const response = await as(app, anna).post(`/api/v1/clients/${clientId}/evidence`, {
      core: "capabilities",
      direction: "negative",
      strength: 2,
      reason: "Our draft missed the new tax rule",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      core: "capabilities",
      kind: "observation_negative",
      recordedBy: anna.me.id,
      note: "Our draft missed the new tax rule",
    });
    expect(response.json().weight).toBe(-3);
    expect((await trustOf()).json().cores.capabilities.score).toBeLessThan(0.5);
    const future = await as(app, anna, "nl").post(`/api/v1/clients/${clientId}/evidence`, {
      core: "intent",
      direction: "positive",
      reason: "Tomorrow they will like us",
      occurredAt: addDaysToInstant(clock.now(), 1).toISOString(),
    });
    expectError(future, 400, "trust.observation_in_future", "nl");
  });

  it("takes evidence back when a closed promise is reopened", async () => {
    const before = (await trustOf()).json().cores.results.r;
    const done = await promise("Book the meeting room");
    await as(app, anna).post(`/api/v1/commitments/${done.id}/complete`, {});
    expect((await trustOf()).json().cores.results.r).toBeGreaterThan(before);
    expect((await as(app, anna).post(`/api/v1/commitments/${done.id}/reopen`, { reason: "undo" })).statusCode).toBe(200);
    expect((await trustOf()).json().cores.results.r).toBeCloseTo(before, 12);
    const items = (await evidenceOf("?core=results")).json().items;
    expect(items.some((item: { source: { id: string } }) => item.source.id === done.id)).toBe(false);
  });

  it("records history with its real outcome and dates, flagged, and weighs it as of then", async () => {
    const response = await as(app, anna).post("/api/v1/commitments", {
      clientId,
      title: "Year-end review 2025",
      doneWhen: "Review held",
      ownerId: anna.me.id,
      dueAt: "2026-01-15T12:00:00+01:00",
      source: "meeting",
      pastPromise: true,
      outcome: "kept",
      closedAt: "2026-01-14T16:00:00+01:00",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ status: "kept", closedAt: "2026-01-14T15:00:00.000Z", recordedAfterDue: true });
    const item = (await evidenceOf("?core=results")).json().items.find((one: { label: string }) => one.label === "Year-end review 2025");
    expect(item.occurredAt).toBe("2026-01-14T15:00:00.000Z");
    const wrong = await as(app, anna, "nl").post("/api/v1/commitments", {
      clientId,
      title: "Late one",
      doneWhen: "Done",
      ownerId: anna.me.id,
      dueAt: "2026-01-15T12:00:00+01:00",
      source: "meeting",
      pastPromise: true,
      outcome: "kept",
      closedAt: "2026-01-20T16:00:00+01:00",
    });
    expectError(wrong, 400, "commitments.kept_after_due", "nl");
  });

  it("takes the client's own signals from logged interactions as evidence of our character", async () => {
    const before = (await trustOf()).json().cores.intent.score;
    const logged = await as(app, anna).post("/api/v1/interactions", {
      clientId,
      kind: "call",
      direction: "inbound",
      initiatedBy: "client",
      occurredAt: clock.now().toISOString(),
      summary: "Called about trouble with their bank",
      clientRaisedProblem: true,
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const after = (await trustOf()).json();
    expect(after.cores.intent.score).toBeGreaterThan(before);
    const item = (await evidenceOf("?core=intent")).json().items.find((one: { kind: string }) => one.kind === "client_raised_problem");
    expect(item).toMatchObject({ source: { type: "interaction", id: logged.json().id }, label: "Called about trouble with their bank" });
    expect(after.contact.daysSinceContact).toBe(0);
  });

  it("pages the evidence, keeping the sum whole: the page plus the rest is the score; bad paging is a 400", async () => {
    const whole = (await evidenceOf("?sort=impact")).json();
    expect(whole.total).toBeGreaterThan(3);
    expect(whole.rest).toEqual({ count: 0, contribution: 0 });
    const page = (await evidenceOf("?sort=impact&limit=2&offset=1")).json();
    expect(page.total).toBe(whole.total);
    expect(page.items.map((item: { id: string }) => item.id)).toEqual(whole.items.slice(1, 3).map((item: { id: string }) => item.id));
    expect(page.rest.count).toBe(whole.total - 2);
    const pageSum = page.items.reduce((sum: number, item: { contribution: number }) => sum + item.contribution, 0);
    const wholeSum = whole.items.reduce((sum: number, item: { contribution: number }) => sum + item.contribution, 0);
    expect(pageSum + page.rest.contribution).toBeCloseTo(wholeSum, 12);
    for (const query of ["?limit=0", "?limit=501", "?offset=-1", "?limit=abc"]) {
      expectError(await evidenceOf(query), 400, "request.validation_failed", "en");
    }
  });

  it("keeps the ledger from the front desk and from other organizations", async () => {
    expect((await trustOf(desk)).statusCode).toBe(403);
    expect((await trustOf(other)).statusCode).toBe(404);
    expect((await as(app, other).get(`/api/v1/clients/${clientId}/trust/evidence`)).statusCode).toBe(404);
    expect(
      (
        await as(app, other).post(`/api/v1/clients/${clientId}/evidence`, {
          core: "intent",
          direction: "negative",
          reason: "Sabotage attempt",
        })
      ).statusCode,
    ).toBe(404);
  });

  it("previews a change of weights, refuses nonsense, and re-weighs every score when saved", async () => {
    const bad = [{ commitment_kept: { integrity: -1 } }, { commitment_kept: { integrity: 1e6 } }, { made_up: { integrity: 1 } }];
    for (const changes of bad) {
      const response = await as(app, owner, "nl").put("/api/v1/trust/settings", { halfLifeDays: 180, changes });
      expect(response.statusCode, JSON.stringify(changes)).toBe(400);
    }
    const nan = await app.server.inject({
      method: "PUT",
      url: "/api/v1/trust/settings",
      headers: { cookie: owner.cookie, "content-type": "application/json" },
      payload: '{"halfLifeDays":180,"changes":{"commitment_kept":{"integrity":NaN}}}',
    });
    expect(nan.statusCode).toBe(400);
    expect((await as(app, anna).put("/api/v1/trust/settings", { halfLifeDays: 180, changes: {} })).statusCode).toBe(403);

    const before = (await trustOf()).json().cores.integrity.score;
    const changes = { commitment_broken_undisclosed: { integrity: 8 } };
    const preview = (await as(app, owner).post("/api/v1/trust/settings/preview", { halfLifeDays: 180, changes })).json();
    const previewed = preview.changes.find(
      (change: { clientId: string; core: string }) => change.clientId === clientId && change.core === "integrity",
    );
    expect(previewed.before).toBeCloseTo(before, 9);
    expect(previewed.after).toBeLessThan(before);
    expect((await trustOf()).json().cores.integrity.score).toBe(before);

    const saved = await as(app, owner).put("/api/v1/trust/settings", { halfLifeDays: 180, changes, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().weights.commitment_broken_undisclosed.integrity).toBe(-8);
    expect((await trustOf()).json().cores.integrity.score).toBeCloseTo(previewed.after, 9);
    const stale = await as(app, owner).put("/api/v1/trust/settings", { halfLifeDays: 90, changes: {}, version: 0 });
    expect(stale.statusCode).toBe(409);
  });

  it("backfills exactly what was written as things happened", async () => {
    const written = await trust.dumpLedger(app.database, orgId);
    expect(written.evidence.length).toBeGreaterThan(5);
    const response = await as(app, owner).post("/api/v1/trust/backfill", {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().factsPublished).toBe(0);
    const rebuilt = await trust.dumpLedger(app.database, orgId);
    expect(rebuilt.evidence).toEqual(written.evidence);
    expect(rebuilt.scores.length).toBe(written.scores.length);
    rebuilt.scores.forEach((score, index) => {
      const before = written.scores[index];
      expect(score).toMatchObject({ client_id: before?.client_id, core: before?.core, evidence_count: before?.evidence_count });
      expect(score.r).toBeCloseTo(before?.r ?? Number.NaN, 9);
      expect(score.s).toBeCloseTo(before?.s ?? Number.NaN, 9);
    });
  });

  it("backfills promises whose facts were never published (history from before the ledger) to the same ledger", async () => {
    const written = await trust.dumpLedger(app.database, orgId);
    // As before the ledger existed: no evidence, no scores, no facts of promises.
    for (const table of ["trust_score_days", "trust_scores", "trust_evidence"] as const) {
      await app.database.db.deleteFrom(table).where("org_id", "=", orgId).execute();
    }
    const forgotten = await app.database.db
      .deleteFrom("domain_events")
      .where("org_id", "=", orgId)
      .where("type", "like", "commitment.%")
      .executeTakeFirstOrThrow();
    expect(Number(forgotten.numDeletedRows)).toBeGreaterThan(3);
    const response = await as(app, owner).post("/api/v1/trust/backfill", {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().factsPublished).toBe(Number(forgotten.numDeletedRows));
    const rebuilt = await trust.dumpLedger(app.database, orgId);
    expect(rebuilt.evidence).toEqual(written.evidence);
    expect(rebuilt.scores.map(({ client_id, core, evidence_count }) => ({ client_id, core, evidence_count }))).toEqual(
      written.scores.map(({ client_id, core, evidence_count }) => ({ client_id, core, evidence_count })),
    );
    rebuilt.scores.forEach((score, index) => {
      // The facts come back in another order than they happened; the sums agree up to rounding.
      expect(score.r).toBeCloseTo(written.scores[index]?.r ?? Number.NaN, 9);
      expect(score.s).toBeCloseTo(written.scores[index]?.s ?? Number.NaN, 9);
    });
  });
});
