import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * POST /contracts/import: a CSV of contracts as a spreadsheet saves it (BOM,
 * semicolons, decimal commas, Windows-1252, Dutch or English headers), all or
 * nothing, every bad line named with its number in the caller's language.
 */
const clock = fixedClock(new Date("2026-12-04T14:00:00Z"));
let app: App;
let admin: Session;
let frontdesk: Session;
let other: Session;
let garage: { id: string };
let cafe: { id: string };
let cpi: { id: string };

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Eerlijk & Zn" });
  frontdesk = await addMember(app, admin, "frontdesk", { name: "Frida Balie" });
  other = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  garage = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Veenstra" })).json();
  cafe = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Café Rénée" })).json();
  cpi = (await as(app, admin).get("/api/v1/index-series")).json().items.find((s: { code: string | null }) => s.code === "cbs-cpi");
});
afterAll(() => app.close());

const send = (session: Session, payload: string | Buffer, language: "nl" | "en" = "en") =>
  app.server.inject({
    method: "POST",
    url: "/api/v1/contracts/import",
    headers: { cookie: session.cookie, "content-type": "text/csv", "accept-language": language },
    payload,
  });

describe("importing contracts from CSV", () => {
  it("imports a Dutch file with a BOM, semicolons, decimal commas and DD-MM-YYYY dates, with and without a clause", async () => {
    const csv =
      "\uFEFFKlant;Titel;Startdatum;Jaarprijs (€);Reeks;Methode;Vertraging;Maximum %;Minimum %\r\n" +
      "garage veenstra;Jaarcontract administratie;01-01-2019;200.000,00;cbs-cpi;jaargemiddelden;0;5;0\r\n" +
      "GARAGE VEENSTRA;Loonadministratie;2021-03-01;1234,5;;;;;\r\n";
    const response = await send(admin, Buffer.from(csv, "utf8"));
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result.imported).toBe(2);
    expect(result.contracts).toHaveLength(2);
    const [first, second] = await Promise.all(
      result.contracts.map(async (id: string) => (await as(app, admin).get(`/api/v1/contracts/${id}`)).json()),
    );
    expect(first).toMatchObject({
      clientId: garage.id,
      title: "Jaarcontract administratie",
      startsOn: "2019-01-01",
      annualPriceCents: 20_000_000,
      indexation: { seriesId: cpi.id, method: "annual_average", lagMonths: 0, capPct: 5, floorPct: 0 },
    });
    expect(second).toMatchObject({ clientId: garage.id, startsOn: "2021-03-01", annualPriceCents: 123_450, indexation: null });
  });

  it("reads a Windows-1252 file with English headers and commas; a clause without a series takes the shipped CPI", async () => {
    const csv = "client,title,start,annual price,method,lag months\r\nCafe Renee,Kassabeheer,2020-02-01,1500.75,yoy,4\r\n";
    const bytes = Buffer.from(csv.replace("Cafe Renee", "Café Rénée"), "latin1");
    expect(bytes.includes(0xe9)).toBe(true);
    const response = await send(admin, bytes);
    expect(response.statusCode, response.body).toBe(201);
    const contract = (await as(app, admin).get(`/api/v1/contracts/${response.json().contracts[0]}`)).json();
    expect(contract).toMatchObject({
      clientId: cafe.id,
      clientName: "Café Rénée",
      annualPriceCents: 150_075,
      indexation: { seriesId: cpi.id, method: "yoy", lagMonths: 4 },
    });
  });

  it("refuses the whole file when one line is bad: every problem with its line, in Dutch, nothing imported", async () => {
    const before = await snapshotData(app);
    const csv =
      "klant;titel;start;jaarprijs;methode;maximum;minimum\n" +
      "Garage Veenstra;Goed;2020-01-01;100,00;;;\n" +
      "Bakkerij Onbekend;Fout;2020-01-01;100,00;;;\n" +
      "Garage Veenstra;Datum;31-02-2020;12,345;;;\n" +
      "Garage Veenstra;Clausule;2020-01-01;100,00;maandelijks;1;2\n" +
      "Garage Veenstra;Cap;2020-01-01;100,00;yoy;1;2\n";
    const response = await send(admin, csv, "nl");
    expectError(response, 400, "contracts.import_invalid", "nl");
    const rows = response.json().error.details.rows as { line: number; code: string; message: string }[];
    expect(rows.map((row) => [row.line, row.code])).toEqual([
      [3, "contracts.import.unknown_client"],
      [4, "contracts.import.bad_date"],
      [4, "contracts.import.bad_amount"],
      [5, "contracts.import.unknown_method"],
      [6, "contracts.import.invalid"],
    ]);
    expect(rows[0]?.message).toBe('Regel 3: er is geen klant met de naam "Bakkerij Onbekend".');
    expect(response.json().error.message).toContain("3, 4, 5, 6");
    expect(await snapshotData(app)).toEqual(before);
  });

  it("refuses a file without the required columns, an empty file and JSON", async () => {
    expectError(await send(admin, "naam;prijs\nx;1\n"), 400, "contracts.import_missing_column", "en");
    expectError(await send(admin, "klant;titel;start;jaarprijs\n"), 400, "contracts.import_no_data", "en");
    expectError(
      await app.server.inject({
        method: "POST",
        url: "/api/v1/contracts/import",
        headers: { cookie: admin.cookie, "content-type": "application/json" },
        payload: { client: "Garage Veenstra" },
      }),
      415,
      "contracts.import_unsupported_media_type",
      "en",
    );
  });

  it("matches clients only within the caller's organization, and keeps the front desk out", async () => {
    const before = await snapshotData(app);
    const csv = "klant;titel;start;jaarprijs\nGarage Veenstra;Overgenomen;2020-01-01;100,00\n";
    const response = await send(other, csv);
    expectError(response, 400, "contracts.import_invalid", "en");
    expect(response.json().error.details.rows).toEqual([expect.objectContaining({ line: 2, code: "contracts.import.unknown_client" })]);
    expectError(await send(frontdesk, csv), 403, "auth.forbidden", "en");
    expect(await snapshotData(app)).toEqual(before);
    expect((await as(app, other).get("/api/v1/contracts")).json().items).toEqual([]);
  });

  it("takes an API token with the write scope, and refuses a read token before reading the file", async () => {
    const token = async (scopes: string[]) =>
      (await as(app, admin).post("/api/v1/api-tokens", { name: `Import ${scopes.join()}`, scopes })).json().token as string;
    const csv = "klant;titel;start;jaarprijs\nGarage Veenstra;Via token;2022-01-01;10,00\n";
    const byToken = async (value: string) =>
      app.server.inject({
        method: "POST",
        url: "/api/v1/contracts/import",
        headers: { authorization: `Bearer ${value}`, "content-type": "text/csv" },
        payload: csv,
      });
    expectError(await byToken(await token(["read"])), 403, "tokens.scope_missing", "en");
    const written = await byToken(await token(["write"]));
    expect(written.statusCode, written.body).toBe(201);
    expect(written.json().imported).toBe(1);
    const letterByRead = await app.server.inject({
      method: "GET",
      url: `/api/v1/contracts/${written.json().contracts[0]}/correction-letter`,
      headers: { authorization: `Bearer ${await token(["read"])}` },
    });
    // Read scope suffices for the letter: this contract has no clause, so it is refused as such, not for the scope.
    expectError(letterByRead, 400, "contracts.not_indexed", "en");
  });
});
