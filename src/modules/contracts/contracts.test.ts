import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * Contracts and the red-face audit over the API: a contract indexed on the
 * CBS CPI that ships with every organization, the increases the firm applied,
 * the audit to the cent (the same hand-worked case as src/core/indexation),
 * corrections as trust evidence, and bad input refused with nothing saved.
 */
const clock = fixedClock(new Date("2026-12-04T14:00:00Z"));
let app: App;
let admin: Session;
let frontdesk: Session;
let other: Session;
let client: { id: string };
let cpi: { id: string };

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Eerlijk & Zn" });
  frontdesk = await addMember(app, admin, "frontdesk", { name: "Frida Balie" });
  other = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  client = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Veenstra" })).json();
  cpi = (await as(app, admin).get("/api/v1/index-series"))
    .json()
    .items.find((series: { code: string | null }) => series.code === "cbs-cpi");
});
afterAll(() => app.close());

const contract = (extra: Record<string, unknown> = {}) => ({
  clientId: client.id,
  title: "Jaarcontract administratie",
  startsOn: "2019-01-01",
  annualPriceCents: 20_000_000,
  indexation: { seriesId: cpi.id, method: "annual_average", lagMonths: 0 },
  ...extra,
});

describe("contracts and their audit", () => {
  it("audits the red-face case on the shipped CPI: 6.6 % applied where 2.6 % was allowed, 43,084.85 too much over five years", async () => {
    const api = as(app, admin);
    const created = await api.post("/api/v1/contracts", contract());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const [effectiveOn, appliedPct] of [
      ["2020-01-01", 6.6],
      ["2021-01-01", 1.3],
      ["2022-01-01", 2.7],
      ["2023-01-01", 10],
      ["2024-01-01", 3.8],
    ] as const) {
      const increase = await api.post(`/api/v1/contracts/${id}/increases`, { effectiveOn, appliedPct });
      expect(increase.statusCode, increase.body).toBe(201);
    }
    const audit = await api.get(`/api/v1/contracts/${id}/audit`);
    expect(audit.statusCode, audit.body).toBe(200);
    const body = audit.json();
    // 2025 and 2026 take 2024's and 2025's CPI; 2025's is not shipped, so 2026 says which figure is missing.
    expect(body.years.slice(0, 5).map((y: { overchargeCents: number }) => y.overchargeCents)).toEqual([
      800_000, 810_400, 832_280, 915_508, 950_297,
    ]);
    expect(body.years[0]).toMatchObject({
      effectiveOn: "2020-01-01",
      allowedPct: 2.6,
      appliedPct: 6.6,
      allowedPriceCents: 20_520_000,
      chargedPriceCents: 21_320_000,
    });
    expect(body.years[0].figures).toEqual([expect.objectContaining({ period: "2019", changePct: 2.6 })]);
    expect(body.years.at(-1)).toMatchObject({ effectiveOn: "2026-01-01", allowedPriceCents: null, missing: ["2025"] });
    expect(body.complete).toBe(false);
    expect(body.series).toMatchObject({ id: cpi.id, code: "cbs-cpi" });
    expect(body.until).toBe("2026-12-04");
  });

  it("records a correction made unasked as Integrity evidence, and one the client raised as a loss of Integrity and Intent", async () => {
    const api = as(app, admin);
    const id = (await api.post("/api/v1/contracts", contract({ title: "Loonadministratie" }))).json().id;
    // One wrong year, then the CPI as allowed: the 2020 overcharge carries on.
    for (const [effectiveOn, appliedPct] of [
      ["2020-01-01", 6.6],
      ["2021-01-01", 1.3],
      ["2022-01-01", 2.7],
      ["2023-01-01", 10],
      ["2024-01-01", 3.8],
      ["2025-01-01", 3.3],
    ] as const) {
      await api.post(`/api/v1/contracts/${id}/increases`, { effectiveOn, appliedPct });
    }
    const ours = await api.post(`/api/v1/contracts/${id}/corrections`, { raisedBy: "us", refundCents: 800_000 });
    expect(ours.statusCode, ours.body).toBe(201);
    expect(ours.json()).toMatchObject({ raisedBy: "us", refundCents: 800_000 });
    const theirs = await api.post(`/api/v1/contracts/${id}/corrections`, { raisedBy: "client", refundCents: 100 });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const evidence = (await api.get(`/api/v1/clients/${client.id}/trust/evidence?sort=recent&limit=500`)).json().items as Array<{
      kind: string;
      core: string;
      weight: number;
      source: { type: string; id: string };
    }>;
    const fromContract = evidence.filter((item) => item.source.id === id).map(({ kind, core, weight }) => ({ kind, core, weight }));
    expect(fromContract).toEqual(
      expect.arrayContaining([
        { kind: "overcharge_corrected_by_us", core: "integrity", weight: 2 },
        { kind: "overcharge_raised_by_client", core: "integrity", weight: -3 },
        { kind: "overcharge_raised_by_client", core: "intent", weight: -1.5 },
      ]),
    );
    expect((await api.get(`/api/v1/contracts/${id}`)).json().corrections).toHaveLength(2);
    expect((await api.get(`/api/v1/contracts/${id}/audit`)).json().correctedCents).toBe(800_100);
  });

  it("refuses a second increase in one contract year and a correction where nothing was charged too much", async () => {
    const api = as(app, admin);
    const id = (await api.post("/api/v1/contracts", contract({ title: "Eerlijk contract" }))).json().id;
    expect((await api.post(`/api/v1/contracts/${id}/increases`, { effectiveOn: "2020-01-01", appliedPct: 2.6 })).statusCode).toBe(201);
    expectError(
      await as(app, admin, "nl").post(`/api/v1/contracts/${id}/increases`, { effectiveOn: "2020-06-01", appliedPct: 1 }),
      409,
      "contracts.increase_exists",
      "nl",
    );
    expectError(
      await api.post(`/api/v1/contracts/${id}/corrections`, { raisedBy: "us", refundCents: 1 }),
      409,
      "contracts.nothing_to_correct",
      "en",
    );
  });
});

describe("bad input", () => {
  it("refuses cap below floor, negative prices, a lag out of range and an increase before the start; nothing is saved", async () => {
    const api = as(app, admin);
    const before = await snapshotData(app);
    for (const body of [
      contract({ indexation: { seriesId: cpi.id, method: "yoy", lagMonths: 4, capPct: 1, floorPct: 2 } }),
      contract({ annualPriceCents: -1 }),
      contract({ annualPriceCents: 12.5 }),
      contract({ indexation: { seriesId: cpi.id, method: "yoy", lagMonths: 40 } }),
      contract({ indexation: { seriesId: cpi.id, method: "monthly", lagMonths: 4 } }),
      contract({ startsOn: "2019-02-30" }),
    ]) {
      const response = await api.post("/api/v1/contracts", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await snapshotData(app)).toEqual(before);
    const id = (await api.post("/api/v1/contracts", contract({ title: "Start" }))).json().id;
    expectError(
      await api.post(`/api/v1/contracts/${id}/increases`, { effectiveOn: "2018-01-01", appliedPct: 1 }),
      400,
      "contracts.increase_before_start",
      "en",
    );
    expect((await api.post(`/api/v1/contracts/${id}/increases`, { effectiveOn: "2020-01-01" })).statusCode).toBe(400);
    expect(
      (await api.post(`/api/v1/contracts/${id}/increases`, { effectiveOn: "2020-01-01", appliedPct: 1, newPriceCents: 5 })).statusCode,
    ).toBe(400);
  });

  it("says a contract without a clause has nothing to audit; keeps contracts from the front desk and other organizations", async () => {
    const api = as(app, admin);
    const plain = (await api.post("/api/v1/contracts", contract({ title: "Zonder indexering", indexation: null }))).json();
    expect(plain.indexation).toBeNull();
    expectError(await as(app, admin, "nl").get(`/api/v1/contracts/${plain.id}/audit`), 400, "contracts.not_indexed", "nl");
    expectError(await as(app, frontdesk).get(`/api/v1/contracts/${plain.id}`), 403, "auth.forbidden", "en");
    expectError(await as(app, other).get(`/api/v1/contracts/${plain.id}`), 404, "contracts.not_found", "en");
    expectError(await as(app, other).post("/api/v1/contracts", contract()), 404, "clients.not_found", "en");
  });
});
