import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * The correction letter drafted from the audit (GET /contracts/:id/correction-letter):
 * the seed's case on the shipped CPI (2025 left as it was: charged too much again), in Dutch and English, with amounts formatted in
 * the letter's language and the refund defaulting to what is not yet corrected.
 */
const clock = fixedClock(new Date("2026-12-04T14:00:00Z"));
let app: App;
let admin: Session;
let frontdesk: Session;
let other: Session;
let contractId: string;
let fairId: string;

/** Whitespace in formatted amounts may be a (narrow) no-break space: compare with plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Eerlijk & Zn" });
  frontdesk = await addMember(app, admin, "frontdesk", { name: "Frida Balie" });
  other = await signup(app, { name: "Bob", organizationName: "Bob BV" });
  const api = as(app, admin);
  const client = (await api.post("/api/v1/clients", { kind: "company", name: "Garage Veenstra" })).json();
  const cpi = (await api.get("/api/v1/index-series")).json().items.find((s: { code: string | null }) => s.code === "cbs-cpi");
  const body = {
    clientId: client.id,
    title: "Jaarcontract administratie",
    startsOn: "2019-01-01",
    annualPriceCents: 20_000_000,
    indexation: { seriesId: cpi.id, method: "annual_average", lagMonths: 0 },
  };
  contractId = (await api.post("/api/v1/contracts", body)).json().id;
  for (const [effectiveOn, appliedPct] of [
    ["2020-01-01", 6.6],
    ["2021-01-01", 1.3],
    ["2022-01-01", 2.7],
    ["2023-01-01", 10],
    ["2024-01-01", 3.8],
  ] as const) {
    await api.post(`/api/v1/contracts/${contractId}/increases`, { effectiveOn, appliedPct });
  }
  fairId = (await api.post("/api/v1/contracts", { ...body, title: "Eerlijk" })).json().id;
  await api.post(`/api/v1/contracts/${fairId}/increases`, { effectiveOn: "2020-01-01", appliedPct: 2.6 });
});
afterAll(() => app.close());

describe("the correction letter", () => {
  it("drafts the Dutch letter: client, contract, each year charged too much with both prices, the total and the refund", async () => {
    const response = await as(app, admin).get(`/api/v1/contracts/${contractId}/correction-letter?language=nl`);
    expect(response.statusCode, response.body).toBe(200);
    const letter = response.json();
    expect(letter.language).toBe("nl");
    expect(letter.refundCents).toBe(4_454_402);
    expect(letter.subject).toContain("Jaarcontract administratie");
    const body = plain(letter.body);
    expect(body).toMatch(/^Beste Garage Veenstra,/);
    expect(body).toContain("Jaarcontract administratie");
    expect(body).toContain("- vanaf 1 januari 2020: toegestaan € 205.200,00 per jaar, gerekend € 213.200,00, € 8.000,00 te veel");
    expect(body).toContain("- vanaf 1 januari 2025: toegestaan € 251.795,30 per jaar, gerekend € 253.254,47, € 1.459,17 te veel");
    expect(body.match(/^- vanaf/gm)).toHaveLength(6);
    expect(body).toContain("In totaal hebben wij u € 44.544,02 te veel gerekend.");
    expect(body).toContain("Wij betalen u € 44.544,02 terug");
  });

  it("drafts the English letter with a chosen refund, and defaults the refund to what is not yet corrected", async () => {
    const api = as(app, admin);
    const en = (await api.get(`/api/v1/contracts/${contractId}/correction-letter?language=en&refundCents=4000000`)).json();
    expect(en.language).toBe("en");
    expect(en.refundCents).toBe(4_000_000);
    const body = plain(en.body);
    expect(body).toMatch(/^Dear Garage Veenstra,/);
    expect(body).toContain("- from 1 January 2020: allowed €205,200.00 a year, charged €213,200.00, €8,000.00 too much");
    expect(body).toContain("In total we charged you €44,544.02 too much.");
    expect(body).toContain("We will refund or credit €40,000.00 to you.");

    const note = `${en.subject}\n\n${en.body}`;
    const saved = await api.post(`/api/v1/contracts/${contractId}/corrections`, { raisedBy: "us", refundCents: 4_000_000, note });
    expect(saved.statusCode, saved.body).toBe(201);
    expect((await api.get(`/api/v1/contracts/${contractId}`)).json().corrections[0].note).toBe(note);
    const rest = (await api.get(`/api/v1/contracts/${contractId}/correction-letter?language=en`)).json();
    expect(rest.refundCents).toBe(454_402);
    expect(plain(rest.body)).toContain("We will refund or credit €4,544.02 to you.");
  });

  it("refuses a letter where nothing was charged too much, a bad language or refund, the front desk and another organization", async () => {
    expectError(await as(app, admin, "nl").get(`/api/v1/contracts/${fairId}/correction-letter`), 409, "contracts.nothing_to_correct", "nl");
    expectError(
      await as(app, admin).get(`/api/v1/contracts/${contractId}/correction-letter?language=de`),
      400,
      "request.validation_failed",
      "en",
    );
    expectError(
      await as(app, admin).get(`/api/v1/contracts/${contractId}/correction-letter?refundCents=-5`),
      400,
      "request.validation_failed",
      "en",
    );
    expectError(await as(app, frontdesk).get(`/api/v1/contracts/${contractId}/correction-letter`), 403, "auth.forbidden", "en");
    expectError(await as(app, other).get(`/api/v1/contracts/${contractId}/correction-letter`), 404, "contracts.not_found", "en");
  });
});
