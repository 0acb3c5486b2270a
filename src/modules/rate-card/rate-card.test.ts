import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * The rate card and the fairness of contract lines over the API: rates with
 * their history, the organization's band, lines above, below and in band,
 * the same role charged differently to two clients, reasons recorded, and
 * bad input, roles, other organizations and token scopes refused.
 */
const clock = fixedClock(new Date("2026-12-04T14:00:00Z"));
let app: App;
let admin: Session;
let advisor: Session;
let frontdesk: Session;
let other: Session;
let veenstra: { id: string };
let bakker: { id: string };

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Eerlijk & Zn" });
  advisor = await addMember(app, admin, "advisor", { name: "Adam Adviseur" });
  frontdesk = await addMember(app, admin, "frontdesk", { name: "Frida Balie" });
  other = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  veenstra = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Veenstra" })).json();
  bakker = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Bakkerij Bakker" })).json();
});
afterAll(() => app.close());

type Line = { lineId: string; role: string; flags: string[]; [key: string]: unknown };

describe("the rate card", () => {
  it("keeps a role's rates as history: a later rate does not overwrite the earlier one, and today's is current", async () => {
    const api = as(app, admin);
    const first = await api.post("/api/v1/rate-card", { role: "Senior adviseur", hourlyRateCents: 10_000, validFrom: "2024-01-01" });
    expect(first.statusCode, first.body).toBe(201);
    const second = await api.post("/api/v1/rate-card", { role: "Senior  adviseur ", hourlyRateCents: 12_000, validFrom: "2026-01-01" });
    expect(second.statusCode, second.body).toBe(201);
    const future = await api.post("/api/v1/rate-card", { role: "senior adviseur", hourlyRateCents: 13_000, validFrom: "2027-01-01" });
    expect(future.statusCode, future.body).toBe(201);
    expect((await api.post("/api/v1/rate-card", { role: "Partner", hourlyRateCents: 20_000, validFrom: "2020-01-01" })).statusCode).toBe(
      201,
    );

    const card = await as(app, advisor).get("/api/v1/rate-card");
    expect(card.statusCode, card.body).toBe(200);
    const body = card.json();
    expect(body.today).toBe("2026-12-04");
    expect(body.band).toEqual({ abovePct: 15, belowPct: 15, isDefault: true });
    const senior = body.items.filter((item: { role: string }) => item.role.toLowerCase() === "senior adviseur");
    expect(
      senior.map((r: { hourlyRateCents: number; validFrom: string; supersededFrom: string | null; current: boolean }) => [
        r.hourlyRateCents,
        r.validFrom,
        r.supersededFrom,
        r.current,
      ]),
    ).toEqual([
      [13_000, "2027-01-01", null, false],
      [12_000, "2026-01-01", "2027-01-01", true],
      [10_000, "2024-01-01", "2026-01-01", false],
    ]);
    // A second rate for the same role and day is refused.
    expectError(
      await as(app, admin, "nl").post("/api/v1/rate-card", { role: "SENIOR ADVISEUR", hourlyRateCents: 1, validFrom: "2026-01-01" }),
      409,
      "rate_card.rate_exists",
      "nl",
    );
    // Deleted: the future rate is gone, the others stay.
    const futureId = future.json().id;
    expect((await api.delete(`/api/v1/rate-card/${futureId}`)).statusCode).toBe(204);
    expectError(await api.delete(`/api/v1/rate-card/${futureId}`), 404, "rate_card.not_found", "en");
    expect((await api.get("/api/v1/rate-card")).json().items).toHaveLength(3);
  });

  it("sets the organization's band", async () => {
    const api = as(app, admin);
    const set = await api.put("/api/v1/rate-card/settings", { abovePct: 20, belowPct: 10 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ abovePct: 20, belowPct: 10, isDefault: false });
    expect((await api.get("/api/v1/rate-card")).json().band).toEqual({ abovePct: 20, belowPct: 10, isDefault: false });
    expect((await api.put("/api/v1/rate-card/settings", { abovePct: 15, belowPct: 15 })).json().abovePct).toBe(15);
  });
});

describe("fairness of contract lines", () => {
  let above: { id: string; lines: { id: string }[] };
  let below: { id: string; lines: { id: string }[] };

  it("records contracts with lines, a term and renewal", async () => {
    const api = as(app, admin);
    const created = await api.post("/api/v1/contracts", {
      clientId: veenstra.id,
      title: "Advies 2026",
      startsOn: "2026-02-01",
      annualPriceCents: 1_500_000,
      termMonths: 12,
      renewal: "auto",
      lines: [
        // The card from 2026-01-01 says 120.00: 150.00 is 25 % above.
        { role: "Senior adviseur", hourlyRateCents: 15_000, hoursPerYear: 80 },
        { role: "Partner", hourlyRateCents: 21_000, hoursPerYear: 12.5 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    above = created.json();
    expect(created.json()).toMatchObject({
      termMonths: 12,
      renewal: "auto",
      lines: [
        { role: "Senior adviseur", hourlyRateCents: 15_000, hoursPerYear: 80, annualCents: 1_200_000 },
        { role: "Partner", hourlyRateCents: 21_000, hoursPerYear: 12.5, annualCents: 262_500 },
      ],
    });
    below = (
      await api.post("/api/v1/contracts", {
        clientId: bakker.id,
        title: "Jaarwerk",
        // Started in 2025: the card then said 100.00; 80.00 is 20 % below.
        startsOn: "2025-06-01",
        annualPriceCents: 400_000,
        lines: [
          { role: "senior adviseur", hourlyRateCents: 8_000, hoursPerYear: 50 },
          { role: "Stagiair", hourlyRateCents: 4_000, hoursPerYear: 10 },
        ],
      })
    ).json();
    const plain = (await api.get(`/api/v1/contracts/${below.id}`)).json();
    expect(plain).toMatchObject({ termMonths: null, renewal: null });
    expect(plain.lines).toHaveLength(2);
  });

  it("flags lines above and below the card at the contract's start, and the same role charged differently to two clients", async () => {
    const response = await as(app, advisor).get("/api/v1/rate-card/fairness");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const byRole = (contractId: string, role: string) =>
      body.items.find((item: Line) => item.contractId === contractId && item.role.toLowerCase() === role.toLowerCase());
    expect(byRole(above.id, "Senior adviseur")).toMatchObject({
      clientName: "Garage Veenstra",
      card: { hourlyRateCents: 12_000, validFrom: "2026-01-01" },
      differenceCents: 3_000,
      differencePct: 25,
      annualDifferenceCents: 240_000,
      flags: ["above_card", "inconsistent"],
      inconsistentWith: [{ contractId: below.id, clientId: bakker.id, clientName: "Bakkerij Bakker", hourlyRateCents: 8_000 }],
      reason: null,
    });
    expect(byRole(above.id, "Partner")).toMatchObject({ differenceCents: 1_000, differencePct: 5, flags: [] });
    expect(byRole(below.id, "Senior adviseur")).toMatchObject({
      card: { hourlyRateCents: 10_000, validFrom: "2024-01-01" },
      differenceCents: -2_000,
      differencePct: -20,
      annualDifferenceCents: -100_000,
      flags: ["below_card", "inconsistent"],
    });
    // No card for the role: said, not guessed.
    expect(byRole(below.id, "Stagiair")).toMatchObject({ card: null, differenceCents: null, flags: ["no_card"] });
    expect(body.flaggedCount).toBe(3);
    const flagged = (await as(app, admin).get("/api/v1/rate-card/fairness?flagged=true")).json();
    expect(flagged.items).toHaveLength(3);
    expect(flagged.items.every((item: Line) => item.flags.length > 0)).toBe(true);
  });

  it("widens the band: the lines fall within it against the card, but 150.00 and 80.00 for the same role stay inconsistent", async () => {
    await as(app, admin).put("/api/v1/rate-card/settings", { abovePct: 30, belowPct: 30 });
    const items = (await as(app, admin).get("/api/v1/rate-card/fairness?flagged=true")).json().items as Line[];
    expect(items.map((item) => [item.role, item.hourlyRateCents, item.flags]).sort()).toEqual([
      ["Senior adviseur", 15_000, ["inconsistent"]],
      ["Stagiair", 4_000, ["no_card"]],
      ["senior adviseur", 8_000, ["inconsistent"]],
    ]);
    await as(app, admin).put("/api/v1/rate-card/settings", { abovePct: 15, belowPct: 15 });
  });

  it("records a reason per line, and replaces it", async () => {
    const lineId = above.lines[0]?.id as string;
    const path = `/api/v1/rate-card/fairness/${above.id}/lines/${lineId}/reason`;
    const recorded = await as(app, advisor).put(path, { reason: "Spoedwerk op verzoek van de klant" });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ contractId: above.id, lineId, reason: "Spoedwerk op verzoek van de klant" });
    await as(app, admin).put(path, { reason: "Spoedwerk; afgesproken in de offerte" });
    const item = (await as(app, admin).get("/api/v1/rate-card/fairness")).json().items.find((i: Line) => i.lineId === lineId);
    expect(item.reason).toMatchObject({
      text: "Spoedwerk; afgesproken in de offerte",
      recordedBy: "Anna Admin",
      recordedAt: "2026-12-04T14:00:00.000Z",
    });
    // A line of another contract is not this contract's.
    expectError(
      await as(app, admin, "nl").put(`/api/v1/rate-card/fairness/${above.id}/lines/${below.lines[0]?.id}/reason`, { reason: "x" }),
      404,
      "rate_card.line_not_found",
      "nl",
    );
  });
});

describe("bad input, roles, other organizations and token scopes", () => {
  it("refuses a negative or fractional rate, an empty role, a bad day and a band out of range; nothing is saved", async () => {
    const api = as(app, admin, "nl");
    const before = await snapshotData(app);
    for (const body of [
      { role: "Partner", hourlyRateCents: -100, validFrom: "2026-01-01" },
      { role: "Partner", hourlyRateCents: 0, validFrom: "2026-01-01" },
      { role: "Partner", hourlyRateCents: 12.5, validFrom: "2026-01-01" },
      { role: "  ", hourlyRateCents: 100, validFrom: "2026-01-01" },
      { role: "Partner", hourlyRateCents: 100, validFrom: "2026-02-30" },
      { role: "Partner", hourlyRateCents: 100 },
    ]) {
      expectError(await api.post("/api/v1/rate-card", body), 400, "request.validation_failed", "nl");
    }
    expectError(await api.put("/api/v1/rate-card/settings", { abovePct: -1, belowPct: 15 }), 400, "request.validation_failed", "nl");
    expectError(await api.put("/api/v1/rate-card/settings", { abovePct: 15, belowPct: 101 }), 400, "request.validation_failed", "nl");
    const contract = { clientId: veenstra.id, title: "Fout", startsOn: "2026-01-01", annualPriceCents: 100 };
    for (const line of [
      { role: "Partner", hourlyRateCents: -1, hoursPerYear: 10 },
      { role: "Partner", hourlyRateCents: 100, hoursPerYear: 0 },
      { role: "", hourlyRateCents: 100, hoursPerYear: 10 },
    ]) {
      expectError(await api.post("/api/v1/contracts", { ...contract, lines: [line] }), 400, "request.validation_failed", "nl");
    }
    expectError(await api.post("/api/v1/contracts", { ...contract, renewal: "forever" }), 400, "request.validation_failed", "nl");
    expectError(await api.post("/api/v1/contracts", { ...contract, termMonths: 0 }), 400, "request.validation_failed", "nl");
    expectError(
      await api.put(`/api/v1/rate-card/fairness/${randomUUID()}/lines/${randomUUID()}/reason`, { reason: "" }),
      400,
      "request.validation_failed",
      "nl",
    );
    expectError(await api.delete("/api/v1/rate-card/not-a-uuid"), 400, "request.validation_failed", "nl");
    expect(await snapshotData(app)).toEqual(before);
  });

  it("treats a role not on the card as unjudged (no_card), never as a match of another role", async () => {
    const api = as(app, admin);
    const created = (
      await api.post("/api/v1/contracts", {
        clientId: veenstra.id,
        title: "Onbekende rol",
        startsOn: "2026-03-01",
        annualPriceCents: 100_000,
        lines: [{ role: "Senior", hourlyRateCents: 12_000, hoursPerYear: 5 }],
      })
    ).json();
    const item = (await api.get("/api/v1/rate-card/fairness")).json().items.find((i: Line) => i.contractId === created.id);
    expect(item).toMatchObject({ role: "Senior", card: null, flags: ["no_card"], inconsistentWith: [] });
  });

  it("lets the front desk neither read nor write prices, and advisors only read the card and record reasons", async () => {
    const desk = as(app, frontdesk, "nl");
    const before = await snapshotData(app);
    expectError(await desk.get("/api/v1/rate-card"), 403, "auth.forbidden", "nl");
    expectError(await desk.get("/api/v1/rate-card/fairness"), 403, "auth.forbidden", "nl");
    expectError(
      await desk.post("/api/v1/rate-card", { role: "Partner", hourlyRateCents: 1, validFrom: "2026-01-01" }),
      403,
      "auth.forbidden",
      "nl",
    );
    expectError(await desk.put("/api/v1/rate-card/settings", { abovePct: 1, belowPct: 1 }), 403, "auth.forbidden", "nl");
    const rateId = (await as(app, admin).get("/api/v1/rate-card")).json().items[0].id;
    expectError(await desk.delete(`/api/v1/rate-card/${rateId}`), 403, "auth.forbidden", "nl");
    const adv = as(app, advisor);
    expectError(
      await adv.post("/api/v1/rate-card", { role: "Partner", hourlyRateCents: 1, validFrom: "2026-01-01" }),
      403,
      "auth.forbidden",
      "en",
    );
    expectError(await adv.put("/api/v1/rate-card/settings", { abovePct: 1, belowPct: 1 }), 403, "auth.forbidden", "en");
    expectError(await adv.delete(`/api/v1/rate-card/${rateId}`), 403, "auth.forbidden", "en");
    const fairness = (await as(app, admin).get("/api/v1/rate-card/fairness")).json().items[0] as Line & { contractId: string };
    expectError(
      await desk.put(`/api/v1/rate-card/fairness/${fairness.contractId}/lines/${fairness.lineId}/reason`, { reason: "Balie" }),
      403,
      "auth.forbidden",
      "nl",
    );
    expect(await snapshotData(app)).toEqual(before);
  });

  it("keeps another organization's rates, lines and contracts out of sight: 404, empty lists, nothing changed", async () => {
    const mine = (await as(app, admin).get("/api/v1/rate-card")).json();
    const line = (await as(app, admin).get("/api/v1/rate-card/fairness?flagged=true")).json().items[0] as Line & { contractId: string };
    const before = await snapshotData(app);
    const bob = as(app, other);
    const theirs = await bob.get("/api/v1/rate-card");
    expect(theirs.json()).toMatchObject({ items: [], band: { abovePct: 15, belowPct: 15, isDefault: true } });
    expect((await bob.get("/api/v1/rate-card/fairness")).json()).toMatchObject({ items: [], flaggedCount: 0 });
    expectError(await bob.delete(`/api/v1/rate-card/${mine.items[0].id}`), 404, "rate_card.not_found", "en");
    expectError(
      await bob.put(`/api/v1/rate-card/fairness/${line.contractId}/lines/${line.lineId}/reason`, { reason: "Overgenomen" }),
      404,
      "contracts.not_found",
      "en",
    );
    // Bob's own contract with our line's id: the line is not his contract's.
    const bobClient = (await bob.post("/api/v1/clients", { kind: "company", name: "Bobs klant" })).json();
    const bobContract = (
      await bob.post("/api/v1/contracts", {
        clientId: bobClient.id,
        title: "Bobs contract",
        startsOn: "2026-01-01",
        annualPriceCents: 100,
        lines: [{ role: "Partner", hourlyRateCents: 100, hoursPerYear: 1 }],
      })
    ).json();
    const beforeReason = await snapshotData(app);
    expectError(
      await bob.put(`/api/v1/rate-card/fairness/${bobContract.id}/lines/${line.lineId}/reason`, { reason: "Overgenomen" }),
      404,
      "rate_card.line_not_found",
      "en",
    );
    expect((await snapshotData(app)).fairnessReasons).toEqual(beforeReason.fairnessReasons);
    // Bob's line is judged against his own (empty) card, never ours.
    expect((await bob.get("/api/v1/rate-card/fairness")).json().items[0]).toMatchObject({
      card: null,
      flags: ["no_card"],
      inconsistentWith: [],
    });
    // Bob's own settings do not touch ours.
    await bob.put("/api/v1/rate-card/settings", { abovePct: 1, belowPct: 1 });
    expect((await as(app, admin).get("/api/v1/rate-card")).json().band).toEqual(mine.band);
    const after = await snapshotData(app);
    expect(after.rateCardRates).toEqual(before.rateCardRates);
    expect(after.fairnessReasons).toEqual(before.fairnessReasons);
  });

  it("needs the right token scope for each route", async () => {
    const tokenWith = async (scopes: string[]) =>
      (await as(app, admin).post("/api/v1/api-tokens", { name: `Token ${scopes.join("+")}`, scopes })).json().token as string;
    const read = as(app, { token: await tokenWith(["read"]) });
    const write = as(app, { token: await tokenWith(["write"]) });
    const adminToken = as(app, { token: await tokenWith(["admin"]) });
    const line = (await as(app, admin).get("/api/v1/rate-card/fairness?flagged=true")).json().items[0] as Line & { contractId: string };
    const reasonPath = `/api/v1/rate-card/fairness/${line.contractId}/lines/${line.lineId}/reason`;
    const rate = { role: "Junior", hourlyRateCents: 6_000, validFrom: "2026-01-01" };

    expect((await read.get("/api/v1/rate-card")).statusCode).toBe(200);
    expect((await read.get("/api/v1/rate-card/fairness")).statusCode).toBe(200);
    expectError(await read.post("/api/v1/rate-card", rate), 403, "tokens.scope_missing", "en");
    expectError(await read.put("/api/v1/rate-card/settings", { abovePct: 15, belowPct: 15 }), 403, "tokens.scope_missing", "en");
    expectError(await read.put(reasonPath, { reason: "Token" }), 403, "tokens.scope_missing", "en");
    expectError(await write.post("/api/v1/rate-card", rate), 403, "tokens.scope_missing", "en");
    expectError(await write.put("/api/v1/rate-card/settings", { abovePct: 15, belowPct: 15 }), 403, "tokens.scope_missing", "en");
    expect((await write.put(reasonPath, { reason: "Via een token" })).statusCode).toBe(200);

    const created = await adminToken.post("/api/v1/rate-card", rate);
    expect(created.statusCode, created.body).toBe(201);
    expectError(await read.delete(`/api/v1/rate-card/${created.json().id}`), 403, "tokens.scope_missing", "en");
    expectError(await write.delete(`/api/v1/rate-card/${created.json().id}`), 403, "tokens.scope_missing", "en");
    expect((await adminToken.put("/api/v1/rate-card/settings", { abovePct: 15, belowPct: 15 })).statusCode).toBe(200);
    expect((await adminToken.delete(`/api/v1/rate-card/${created.json().id}`)).statusCode).toBe(204);
  });
});
