import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * Engagements over the API (PRODUCT.md C4): a request in the client's words,
 * the gate before contracting (analysis and second look), stages one step at
 * a time, the honest no (decline with referral, advice against our own
 * revenue), disagreements, the pull ratio, trust evidence and the timeline;
 * bad input refused with nothing saved.
 */
const clock = fixedClock(new Date("2026-12-04T14:00:00Z"));
let app: App;
let admin: Session;
let advisor: Session;
let frontdesk: Session;
let other: Session;
let client: { id: string };
let team: { id: string };

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Eerlijk & Zn" });
  advisor = await addMember(app, admin, "advisor", { name: "Victor Adviseur" });
  frontdesk = await addMember(app, admin, "frontdesk", { name: "Frida Balie" });
  other = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  client = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Veenstra" })).json();
  team = (await as(app, admin).post("/api/v1/teams", { name: "Advies" })).json();
});
afterAll(() => app.close());

const engagement = (extra: Record<string, unknown> = {}) => ({
  clientId: client.id,
  title: "Nieuw boekhoudsysteem",
  request: "We willen een nieuw boekhoudsysteem, het oude is te traag.",
  initiatedBy: "client",
  ownerId: advisor.me.id,
  teamId: team.id,
  valueCents: 1_500_000,
  ...extra,
});
const analysis = {
  realNeed: "Sneller inzicht in de cijfers voor de maandafsluiting.",
  rootCauses: "Handmatige invoer van bonnen.",
  risks: "Een nieuw systeem lost de handmatige invoer niet op.",
  advice: "Eerst de invoer automatiseren.",
};

async function create(extra: Record<string, unknown> = {}, session = admin) {
  const response = await as(app, session).post("/api/v1/engagements", engagement(extra));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; stage: string };
}

describe("engagements", () => {
  it("takes a request in the client's words and refuses to contract it until the analysis and the second look", async () => {
    const api = as(app, admin, "nl");
    const created = await create();
    expect(created).toMatchObject({
      stage: "request",
      initiatedBy: "client",
      ownerName: "Victor Adviseur",
      teamId: team.id,
      valueCents: 1_500_000,
      analysis: null,
      canContract: false,
      nextStage: "analysis",
    });
    const id = created.id;
    const refused = await api.post(`/api/v1/engagements/${id}/stage`, { stage: "contracted" });
    expectError(refused, 409, "engagements.analysis_required", "nl");
    expect(refused.json().error.details).toEqual({ reason: "no_analysis" });

    expect((await api.post(`/api/v1/engagements/${id}/stage`, { stage: "analysis" })).statusCode).toBe(200);
    const recorded = await api.put(`/api/v1/engagements/${id}/analysis`, analysis);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ analysis: { ...analysis, secondLook: false, stakeholders: null }, canContract: false });
    expect((await api.post(`/api/v1/engagements/${id}/stage`, { stage: "proposal" })).json().stage).toBe("proposal");
    const noSecondLook = await api.post(`/api/v1/engagements/${id}/stage`, { stage: "contracted" });
    expectError(noSecondLook, 409, "engagements.analysis_required", "nl");
    expect(noSecondLook.json().error.details).toEqual({ reason: "no_second_look" });

    const looked = await api.put(`/api/v1/engagements/${id}/analysis`, {
      ...analysis,
      stakeholders: "Directeur, boekhouder",
      successLooksLike: "Afsluiting binnen vijf dagen.",
      secondLook: true,
    });
    expect(looked.json()).toMatchObject({ canContract: true, analysis: { secondLook: true, stakeholders: "Directeur, boekhouder" } });
    const contracted = await api.post(`/api/v1/engagements/${id}/stage`, { stage: "contracted" });
    expect(contracted.statusCode, contracted.body).toBe(200);
    expect(contracted.json()).toMatchObject({ stage: "contracted", nextStage: "delivering" });

    const timeline = (await api.get(`/api/v1/clients/${client.id}/timeline?limit=100`)).json();
    const types = JSON.stringify(timeline);
    expect(types).toContain("engagement.created");
    expect(types).toContain("engagement.stage_changed");
  });

  it("refuses a skipped or backward stage, a stage after the end, and leaves the engagement as it was", async () => {
    const api = as(app, advisor);
    const { id } = await create();
    const before = await snapshotData(app);
    const skipped = await api.post(`/api/v1/engagements/${id}/stage`, { stage: "proposal" });
    expectError(skipped, 409, "engagements.stage_skipped", "en");
    expect(skipped.json().error.details).toEqual({ reason: "skipped", next: "analysis" });
    expectError(await api.post(`/api/v1/engagements/${id}/stage`, { stage: "request" }), 409, "engagements.stage_backwards", "en");
    expectError(
      await as(app, advisor, "nl").post(`/api/v1/engagements/${id}/stage`, { stage: "request" }),
      409,
      "engagements.stage_backwards",
      "nl",
    );
    expectError(await api.post(`/api/v1/engagements/${id}/stage`, { stage: "declined" }), 400, "request.validation_failed", "en");
    expectError(await api.post(`/api/v1/engagements/${id}/stage`, { stage: "won" }), 400, "request.validation_failed", "en");
    expect(await snapshotData(app)).toEqual(before);
    await api.post(`/api/v1/engagements/${id}/stage`, { stage: "analysis" });
    expectError(await api.post(`/api/v1/engagements/${id}/stage`, { stage: "request" }), 409, "engagements.stage_backwards", "en");
  });

  it("declines with a reason and a referral (+Intent, +Integrity), and refuses a decline without a reason", async () => {
    const api = as(app, advisor);
    const { id } = await create({ title: "Loonadministratie", initiatedBy: "us" });
    const before = await snapshotData(app);
    expectError(await api.post(`/api/v1/engagements/${id}/decline`, { referral: "Bureau Loon" }), 400, "request.validation_failed", "en");
    expectError(await api.post(`/api/v1/engagements/${id}/decline`, { reason: "   " }), 400, "request.validation_failed", "en");
    expect(await snapshotData(app)).toEqual(before);

    const declined = await api.post(`/api/v1/engagements/${id}/decline`, {
      reason: "Loonadministratie is niet ons vak.",
      referral: "Bureau Loon & Co",
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({
      stage: "declined",
      decline: { reason: "Loonadministratie is niet ons vak.", referral: "Bureau Loon & Co" },
    });
    expectError(await api.post(`/api/v1/engagements/${id}/stage`, { stage: "analysis" }), 409, "engagements.stage_final", "en");
    expectError(await api.post(`/api/v1/engagements/${id}/decline`, { reason: "Nog eens" }), 409, "engagements.cannot_decline", "en");
    expectError(await api.put(`/api/v1/engagements/${id}/analysis`, analysis), 409, "engagements.closed", "en");

    const evidence = (await api.get(`/api/v1/clients/${client.id}/trust/evidence?sort=recent&limit=500`)).json().items as Array<{
      kind: string;
      core: string;
      weight: number;
      source: { id: string };
    }>;
    const ofThis = evidence.filter((item) => item.source.id === id).map(({ kind, core, weight }) => ({ kind, core, weight }));
    expect(ofThis).toEqual(
      expect.arrayContaining([
        { kind: "engagement_declined_with_referral", core: "intent", weight: 1.5 },
        { kind: "engagement_declined_with_referral", core: "integrity", weight: 1 },
      ]),
    );
    // We proposed it: no "client asked" evidence.
    expect(ofThis.some((item) => item.kind === "engagement_requested_by_client")).toBe(false);
  });

  it("records advice against our own revenue and disagreements as trust evidence", async () => {
    const api = as(app, advisor);
    const { id } = await create({ title: "CRM-koppeling" });
    const advised = await api.post(`/api/v1/engagements/${id}/advice`, {
      advice: "Koop dit systeem niet bij ons, het helpt u niet.",
      againstOwnRevenue: true,
      revenueForgoneCents: 900_000,
    });
    expect(advised.statusCode, advised.body).toBe(201);
    expect(advised.json().adviceGiven).toMatchObject([{ againstOwnRevenue: true, revenueForgoneCents: 900_000 }]);
    expect((await api.post(`/api/v1/engagements/${id}/disagreements`, { summary: "Meerwerk", resolvedBy: "contract" })).statusCode).toBe(
      201,
    );
    const both = await api.post(`/api/v1/engagements/${id}/disagreements`, { summary: "Planning", resolvedBy: "dialogue" });
    // The clock stands still here: both have the same moment, so compare without order.
    expect(
      both
        .json()
        .disagreements.map((item: { resolvedBy: string }) => item.resolvedBy)
        .sort(),
    ).toEqual(["contract", "dialogue"]);
    expectError(
      await api.post(`/api/v1/engagements/${id}/disagreements`, { summary: "X", resolvedBy: "lawyer" }),
      400,
      "request.validation_failed",
      "en",
    );

    const evidence = (await api.get(`/api/v1/clients/${client.id}/trust/evidence?sort=recent&limit=500`)).json().items as Array<{
      kind: string;
      core: string;
      weight: number;
      source: { id: string };
    }>;
    const kinds = evidence.filter((item) => item.source.id === id).map(({ kind, core, weight }) => ({ kind, core, weight }));
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: "engagement_requested_by_client", core: "intent", weight: 0.5 },
        { kind: "advice_against_own_revenue", core: "intent", weight: 1.5 },
        { kind: "advice_against_own_revenue", core: "integrity", weight: 1 },
        { kind: "disagreement_settled_by_contract", core: "intent", weight: -1.5 },
      ]),
    );
    expect(kinds.filter((item) => item.kind === "disagreement_settled_by_contract")).toHaveLength(1);
  });

  it("lists and filters by client, owner, team and stage", async () => {
    const api = as(app, admin);
    const mine = await create({ ownerId: admin.me.id, teamId: undefined, title: "Van Anna" });
    const byOwner = (await api.get(`/api/v1/engagements?ownerId=${admin.me.id}`)).json().items;
    expect(byOwner.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    const byTeam = (await api.get(`/api/v1/engagements?teamId=${team.id}`)).json().items;
    expect(byTeam.length).toBeGreaterThan(0);
    expect(byTeam.every((item: { teamId: string }) => item.teamId === team.id)).toBe(true);
    const declined = (await api.get("/api/v1/engagements?stage=declined")).json().items;
    expect(declined.every((item: { stage: string }) => item.stage === "declined")).toBe(true);
    expect((await api.get(`/api/v1/engagements?clientId=${client.id}`)).json().items.length).toBeGreaterThanOrEqual(4);
  });

  it("works out the pull ratio per team, owner and client", async () => {
    const api = as(app, admin);
    const byTeam = (await api.get("/api/v1/pull-ratio?groupBy=team")).json();
    const advies = byTeam.groups.find((group: { id: string | null }) => group.id === team.id);
    const list = (await api.get(`/api/v1/engagements?teamId=${team.id}`)).json().items as Array<{ initiatedBy: string }>;
    const asked = list.filter((item) => item.initiatedBy === "client").length;
    expect(advies).toMatchObject({ name: "Advies", clientInitiated: asked, weInitiated: list.length - asked, falling: false });
    expect(advies.ratio).toBeCloseTo(asked / list.length);
    expect(advies.quarters).toEqual([
      { quarter: "2026-Q4", clientInitiated: asked, weInitiated: list.length - asked, ratio: advies.ratio },
    ]);
    const byClient = (await api.get("/api/v1/pull-ratio?groupBy=client")).json();
    expect(byClient.groups).toMatchObject([{ id: client.id, name: "Garage Veenstra" }]);
    const byOwner = (await api.get("/api/v1/pull-ratio?groupBy=owner")).json();
    expect(byOwner.groups.map((group: { id: string }) => group.id).sort()).toEqual([admin.me.id, advisor.me.id].sort());
    expectError(await api.get("/api/v1/pull-ratio?groupBy=planet"), 400, "request.validation_failed", "en");
  });

  it("lets the front desk take a request in without its value, but not analyse, move, decline or see the pull ratio", async () => {
    const desk = as(app, frontdesk);
    const taken = await create({ title: "Telefoontje", valueCents: 5_000 }, frontdesk);
    expect(taken).toMatchObject({ valueCents: null });
    expect((await as(app, admin).get(`/api/v1/engagements/${taken.id}`)).json().valueCents).toBeNull();
    const seen = (await desk.get("/api/v1/engagements")).json().items as Array<{ valueCents: number | null }>;
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((item) => item.valueCents === null)).toBe(true);
    const before = await snapshotData(app);
    expectError(await desk.put(`/api/v1/engagements/${taken.id}/analysis`, analysis), 403, "auth.forbidden", "en");
    expectError(await desk.post(`/api/v1/engagements/${taken.id}/stage`, { stage: "analysis" }), 403, "auth.forbidden", "en");
    expectError(await desk.post(`/api/v1/engagements/${taken.id}/decline`, { reason: "Nee" }), 403, "auth.forbidden", "en");
    expectError(await desk.post(`/api/v1/engagements/${taken.id}/advice`, { advice: "Nee" }), 403, "auth.forbidden", "en");
    expectError(
      await desk.post(`/api/v1/engagements/${taken.id}/disagreements`, { summary: "X", resolvedBy: "dialogue" }),
      403,
      "auth.forbidden",
      "en",
    );
    expectError(await desk.get("/api/v1/pull-ratio"), 403, "auth.forbidden", "en");
    expect(await snapshotData(app)).toEqual(before);
  });

  it("treats another organization's ids as unknown and refuses an owner or team from elsewhere", async () => {
    const { id } = await create();
    const theirs = as(app, other);
    const before = await snapshotData(app);
    expectError(await theirs.get(`/api/v1/engagements/${id}`), 404, "engagements.not_found", "en");
    expectError(await theirs.put(`/api/v1/engagements/${id}/analysis`, analysis), 404, "engagements.not_found", "en");
    expectError(await theirs.post(`/api/v1/engagements/${id}/stage`, { stage: "analysis" }), 404, "engagements.not_found", "en");
    expectError(await theirs.post(`/api/v1/engagements/${id}/decline`, { reason: "Nee" }), 404, "engagements.not_found", "en");
    expectError(
      await theirs.post("/api/v1/engagements", { ...engagement(), ownerId: other.me.id, teamId: undefined }),
      404,
      "clients.not_found",
      "en",
    );
    expectError(await theirs.get(`/api/v1/engagements?clientId=${client.id}`), 404, "clients.not_found", "en");
    expect((await theirs.get("/api/v1/engagements")).json().items).toEqual([]);
    expect((await theirs.get("/api/v1/pull-ratio?groupBy=client")).json().groups).toEqual([]);
    const api = as(app, admin);
    expectError(await api.post("/api/v1/engagements", engagement({ ownerId: other.me.id })), 400, "engagements.owner_not_member", "en");
    const otherTeam = (await as(app, other).post("/api/v1/teams", { name: "Elders" })).json();
    const afterTeam = await snapshotData(app);
    expectError(await api.post("/api/v1/engagements", engagement({ teamId: otherTeam.id })), 400, "teams.not_found", "en");
    expectError(await api.post("/api/v1/engagements", engagement({ initiatedBy: "them" })), 400, "request.validation_failed", "en");
    expectError(await api.post("/api/v1/engagements", engagement({ request: "" })), 400, "request.validation_failed", "en");
    expect(await snapshotData(app)).toEqual(afterTeam);
    expect(before).toBeDefined();
  });
});
