import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup, uniqueEmail } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { MAX_IMPORT_BYTES } from "../../core/index-series/errors.ts";

const fixtures = path.join(import.meta.dirname, "../../core/index-series/fixtures");
const fixtureText = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
/** Windows-1252 bytes of Latin-1 text. */
const cp1252 = (text: string) => Buffer.from(text, "latin1");

let app: App;
let admin: Session;
let advisor: Session;
let other: Session;

beforeAll(async () => {
  app = await createTestApp();
  admin = await signup(app, { name: "Index Admin", email: uniqueEmail("index-admin"), organizationName: "Index Advies" });
  advisor = await addMember(app, admin, "advisor", { name: "Index Adviseur" });
  other = await signup(app, { name: "Other Admin", email: uniqueEmail("index-other"), organizationName: "Ander Kantoor" });
});
afterAll(async () => {
  await app?.close();
});

function importCsv(session: Session, body: string | Buffer, query = "", language = "en", contentType = "text/csv") {
  return app.server.inject({
    method: "POST",
    url: `/api/v1/index-series/import${query}`,
    headers: { cookie: session.cookie, "accept-language": language, "content-type": contentType },
    payload: body,
  });
}

async function seriesByCode(session: Session, code: string) {
  const list = (await as(app, session).get("/api/v1/index-series")).json().items as { id: string; code: string | null }[];
  return list.find((series) => series.code === code);
}

describe("the shipped CBS CPI", () => {
  it("is in every organization, also one made before the series existed, with the published yearly changes", async () => {
    const list = await as(app, admin).get("/api/v1/index-series");
    expect(list.statusCode).toBe(200);
    const cpi = list.json().items[0];
    expect(cpi).toMatchObject({
      code: "cbs-cpi",
      kind: "yearly_change",
      firstPeriod: "1965",
      lastPeriod: "2024",
      pointCount: 60,
      provisionalCount: 0,
    });
    const detail = (await as(app, advisor).get(`/api/v1/index-series/${cpi.id}`)).json();
    expect(detail.points[0]).toMatchObject({ period: "1965", changePct: 5.2, provisional: false });
    expect(detail.points[0].value).toBeUndefined();
    expect(detail.points.at(-1)).toMatchObject({ period: "2024", changePct: 3.3 });
    expect(detail.source).toMatch(/CBS/);
    // Each organization has its own copy.
    const theirs = await seriesByCode(other, "cbs-cpi");
    expect(theirs?.id).toBeDefined();
    expect(theirs?.id).not.toBe(cpi.id);
  });

  it("is added once to an organization that lacks it, even when asked twice at once", async () => {
    const orgId = admin.me.organizationId;
    await app.database.db.deleteFrom("index_series").where("org_id", "=", orgId).where("code", "=", "cbs-cpi").execute();
    const [one, two] = await Promise.all([as(app, admin).get("/api/v1/index-series"), as(app, advisor).get("/api/v1/index-series")]);
    expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
    const rows = await app.database.db
      .selectFrom("index_series")
      .select("id")
      .where("org_id", "=", orgId)
      .where("code", "=", "cbs-cpi")
      .execute();
    expect(rows).toHaveLength(1);
    expect((await seriesByCode(admin, "cbs-cpi")) as unknown).toMatchObject({ pointCount: 60 });
  });
});

describe("POST /api/v1/index-series/import", () => {
  it("imports the 2015 = 100 CBS download and the 2025 = 100 one as two series", async () => {
    const first = await importCsv(admin, fixtureText("fixture-83131NED-shape.csv"));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ points: 6, revised: 0 });
    const detail = (await as(app, admin).get(`/api/v1/index-series/${first.json().id}`)).json();
    expect(detail).toMatchObject({ code: "cbs-83131NED", kind: "index", base: "2015=100" });
    expect(detail.points.find((p: { period: string }) => p.period === "2024-03")).toMatchObject({
      value: 131.8,
      changePct: 3,
      provisional: true,
    });
    expect(detail.points.find((p: { period: string }) => p.period === "2023")).toMatchObject({ value: 128.5, provisional: false });

    const newer = await importCsv(admin, fixtureText("fixture-86141NED-shape.csv"));
    expect(newer.statusCode, newer.body).toBe(201);
    expect(newer.json().id).not.toBe(first.json().id);
    expect(await seriesByCode(admin, "cbs-86141NED")).toMatchObject({
      firstPeriod: "2025",
      lastPeriod: "2026-02",
      pointCount: 4,
      provisionalCount: 1,
    });
  });

  it("re-importing revises: the old figure and when it changed are kept, provisional becomes definitive", async () => {
    const before = await importCsv(admin, fixtureText("fixture-83131NED-shape.csv"));
    const revisedText = fixtureText("fixture-83131NED-shape.csv").replace('"2024MM03*";"131,80*";"3,0*"', '"2024MM03";"131,95";"3,1"');
    const again = await importCsv(admin, revisedText);
    expect(again.statusCode, again.body).toBe(201);
    // Both tables are in this organization, but they share no period: nothing to chain.
    expect(again.json()).toEqual({ id: before.json().id, points: 6, revised: 1, chained: null });
    const points = (await as(app, admin).get(`/api/v1/index-series/${before.json().id}`)).json().points;
    const march = points.find((p: { period: string }) => p.period === "2024-03");
    expect(march).toMatchObject({ value: 131.95, provisional: false, revisedFrom: 131.8 });
    expect(typeof march.revisedAt).toBe("string");
    expect(points.find((p: { period: string }) => p.period === "2024-02").revisedFrom).toBeUndefined();
    // The same file once more revises nothing and keeps the revision on record.
    const third = await importCsv(admin, revisedText);
    expect(third.json().revised).toBe(0);
    const kept = (await as(app, admin).get(`/api/v1/index-series/${before.json().id}`)).json().points;
    expect(kept.find((p: { period: string }) => p.period === "2024-03")).toMatchObject({ revisedFrom: 131.8, revisedAt: march.revisedAt });
  });

  it("imports a named period;value series, known again by its name", async () => {
    const created = await importCsv(admin, "period;value\n2024-01;101,5\n2024-02;102,0\n", "?name=CAO-lonen", "en", "text/plain");
    expect(created.statusCode, created.body).toBe(201);
    const again = await importCsv(admin, "period;value\n2024-02;102,5\n2024-03;103\n", "?name=cao-lonen");
    expect(again.json()).toMatchObject({ id: created.json().id, points: 2, revised: 1 });
    const detail = (await as(app, admin).get(`/api/v1/index-series/${created.json().id}`)).json();
    expect(detail).toMatchObject({ code: null, name: "CAO-lonen", kind: "index" });
    expect(detail.points.map((p: { period: string; value: number }) => [p.period, p.value])).toEqual([
      ["2024-01", 101.5],
      ["2024-02", 102.5],
      ["2024-03", 103],
    ]);
  });

  it("makes one series of two imports of a new name at once", async () => {
    const body = "period;value\n2024;100\n";
    const [one, two] = await Promise.all([importCsv(admin, body, "?name=Tegelijk"), importCsv(admin, body, "?name=tegelijk")]);
    expect([one.statusCode, two.statusCode]).toEqual([201, 201]);
    expect(one.json().id).toBe(two.json().id);
  });

  it("reads Windows-1252, a byte order mark and commas", async () => {
    const text = fixtureText("fixture-83131NED-shape.csv").replaceAll("Alle bestedingen", "Alle bestedingen (één)");
    const windows = await importCsv(admin, cp1252(text), "", "en", "application/vnd.ms-excel");
    expect(windows.statusCode, windows.body).toBe(201);
    const bom = await importCsv(admin, `\uFEFFperiod;value\n2023;99,5\n2024;100\n`, "?name=Met%20BOM");
    expect(bom.statusCode, bom.body).toBe(201);
    const commas = await importCsv(admin, 'period,value\n2023,99.5\n2024,"100,5"\n', "?name=Komma's");
    expect(commas.statusCode, commas.body).toBe(201);
    const detail = (await as(app, admin).get(`/api/v1/index-series/${commas.json().id}`)).json();
    expect(detail.points.map((p: { value: number }) => p.value)).toEqual([99.5, 100.5]);
  });

  const refusals: [string, string, string, string][] = [
    ["a missing month", "period;value\n2024-01;100\n2024-03;101\n", "index_series.missing_month", "Line 3: the month 2024-02"],
    [
      "a duplicated period",
      "period;value\n2024-01;100\n2024-01;101\n",
      "index_series.duplicate_period",
      "Line 3: the period 2024-01 was given before, on line 2",
    ],
    ["text in a number column", "period;value\n2024-01;100\n2024-02;honderd\n", "index_series.not_a_number", "Line 3: 'honderd'"],
    ["ambiguous commas", "period,value\n2024-01,100\n2024-02,100,5\n", "index_series.ambiguous_delimiter", "Line 3"],
    ["no data lines", "period;value\n", "index_series.no_data", "no lines"],
  ];
  for (const [what, body, code, message] of refusals) {
    it(`refuses ${what} with the line, in both languages, and imports nothing`, async () => {
      const before = await snapshotData(app);
      const en = expectError(await importCsv(admin, body, "?name=Fout"), 400, code as never, "en");
      expect(en.message).toContain(message);
      expectError(await importCsv(admin, body, "?name=Fout", "nl"), 400, code as never, "nl");
      expect(await snapshotData(app)).toEqual(before);
    });
  }

  it("imports nothing of a CBS file whose last line is wrong, also when it revises a known series", async () => {
    await importCsv(admin, fixtureText("fixture-83131NED-shape.csv"));
    const before = await snapshotData(app);
    const broken = fixtureText("fixture-83131NED-shape.csv")
      .replace('"2024MM01";"130,00"', '"2024MM01";"135,00"')
      .replace('"2024MM03*";"131,80*"', '"2024MM03*";"fout"');
    expectError(await importCsv(admin, broken), 400, "index_series.not_a_number", "en");
    expect(await snapshotData(app)).toEqual(before);
  });

  it("refuses a file over 10 MB with 413", async () => {
    const before = await snapshotData(app);
    const line = "2024-01;100\n";
    const huge = `period;value\n${line.repeat(Math.ceil(MAX_IMPORT_BYTES / line.length) + 1)}`;
    const response = await importCsv(admin, huge, "?name=Groot");
    expectError(response, 413, "index_series.too_large", "en");
    // Far larger: refused the same way while it arrives, in Dutch too.
    expectError(await importCsv(admin, Buffer.alloc(3 * MAX_IMPORT_BYTES, "1"), "?name=Groot", "nl"), 413, "index_series.too_large", "nl");
    expect(await snapshotData(app)).toEqual(before);
  });

  it("asks a name for a simple file and refuses JSON", async () => {
    expectError(await importCsv(admin, "period;value\n2024;100\n"), 400, "index_series.name_required", "en");
    const json = await app.server.inject({
      method: "POST",
      url: "/api/v1/index-series/import?name=Json",
      headers: { cookie: admin.cookie, "accept-language": "nl" },
      payload: { period: "2024", value: 100 },
    });
    expectError(json, 415, "index_series.unsupported_media_type", "nl");
  });

  it("is for administrators: an advisor may read but not import", async () => {
    const before = await snapshotData(app);
    expectError(await importCsv(advisor, fixtureText("fixture-86141NED-shape.csv")), 403, "auth.forbidden", "en");
    expect(await snapshotData(app)).toEqual(before);
    expect((await as(app, advisor).get("/api/v1/index-series")).statusCode).toBe(200);
  });
});

describe("GET /api/v1/index-series/:id", () => {
  it("answers 404 for another organization's series and for an unknown id", async () => {
    const mine = await seriesByCode(admin, "cbs-cpi");
    expectError(await as(app, other).get(`/api/v1/index-series/${mine?.id}`), 404, "index_series.not_found", "en");
    expectError(
      await as(app, admin, "nl").get("/api/v1/index-series/00000000-0000-4000-8000-000000000000"),
      404,
      "index_series.not_found",
      "nl",
    );
  });
});

describe("chaining the two CBS bases", () => {
  // Made-up figures in the shape of the two tables, sharing the year 2025 — not CBS figures.
  const olderMonths = ["2024MM09", "2024MM10", "2024MM11", "2024MM12", "2025MM01", "2025MM02", "2025MM03", "2025MM04"];
  const older = [
    '"Consumentenprijzen; prijsindex 2015=100 (83131NED)";;;',
    ";;;",
    '"Bestedingscategorieën";"Perioden";"CPI (2015=100)";"Jaarmutatie CPI (%)"',
    '"000000 Alle bestedingen";"2025JJ00";"125,00";"3,2"',
    ...olderMonths.map((period, n) => `"000000 Alle bestedingen";"${period}";"${120 + n},00";"3,0"`),
    ...["2025MM05", "2025MM06", "2025MM07", "2025MM08"].map((period) => `"000000 Alle bestedingen";"${period}";"127,00";"3,0"`),
    '"000000 Alle bestedingen";"2025MM09";"126,00";"3,5"',
  ].join("\n");
  const newer = [
    '"Consumentenprijzen; prijsindex 2025=100";;;;',
    '"Tabel 86141NED";;;;',
    '"Perioden";"Bestedingen";"Consumentenprijsindex (2025=100)";"Jaarmutatie (%)";"Status"',
    '"2025JJ00";"Alle bestedingen";"100,00";"3,2";"Definitief"',
    '"2025MM09";"Alle bestedingen";"100,80";"3,5";"Definitief"',
    '"2025MM10";"Alle bestedingen";"100,90";"3,4";"Definitief"',
    '"2025MM11";"Alle bestedingen";"101,00";"3,3";"Definitief"',
    '"2025MM12";"Alle bestedingen";"101,20";"3,1";"Definitief"',
    '"2026MM01";"Alle bestedingen";"101,50";"2,6";"Voorlopig"',
  ].join("\n");

  it("links the older table to the newer base at the base year, so an increase across the change of base is measured right", async () => {
    const owner = await signup(app, { name: "Keten Admin", email: uniqueEmail("chain"), organizationName: "Keten Advies" });
    const first = await importCsv(owner, cp1252(older));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().chained).toBeNull();
    const second = await importCsv(owner, newer);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().chained).toMatchObject({ overlapPeriod: "2025", factor: 0.8 });
    const chained = await seriesByCode(owner, "cbs-cpi-chained");
    expect(chained).toMatchObject({ id: second.json().chained.id, kind: "index", base: "2025=100" });
    const points = (await as(app, owner).get(`/api/v1/index-series/${chained?.id}`)).json().points;
    const at = (period: string) => points.find((p: { period: string }) => p.period === period);
    // The newer table as published; the older one's other periods × 100 / 125.
    expect(points).toHaveLength(18);
    expect(at("2024-09")).toMatchObject({ value: 96, source: "CBS StatLine 83131NED × 0.8 (linked at 2025)" });
    expect(at("2025-08")).toMatchObject({ value: 101.6, source: "CBS StatLine 83131NED × 0.8 (linked at 2025)" });
    expect(at("2025")).toMatchObject({ value: 100, source: "CBS StatLine 86141NED" });
    expect(at("2025-09")).toMatchObject({ value: 100.8, source: "CBS StatLine 86141NED" });
    expect(at("2026-01")).toMatchObject({ value: 101.5, provisional: true });

    // Year on year with a four-month lag, taking effect in January 2026: September 2025 against
    // September 2024 — 100.8 / 96 = +5 %, where dividing across the bases (100.8 / 120) would say −16 %.
    const client = (await as(app, owner).post("/api/v1/clients", { kind: "company", name: "Keten BV" })).json();
    const contract = (
      await as(app, owner).post("/api/v1/contracts", {
        clientId: client.id,
        title: "Jaarcontract",
        startsOn: "2025-01-01",
        annualPriceCents: 10_000_000,
        indexation: { seriesId: chained?.id, method: "yoy", lagMonths: 4 },
      })
    ).json();
    const audit = (await as(app, owner).get(`/api/v1/contracts/${contract.id}/audit`)).json();
    expect(audit.years[0]).toMatchObject({ effectiveOn: "2026-01-01", allowedPct: 5, allowedPriceCents: 10_500_000 });
    expect(audit.years[0].figures.map((f: { source: string }) => f.source)).toEqual([
      "CBS StatLine 83131NED × 0.8 (linked at 2025)",
      "CBS StatLine 86141NED",
    ]);
  });
});
