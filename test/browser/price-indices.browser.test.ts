import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEST_PASSWORD, type Harness, startHarness } from "./harness.ts";

/**
 * The price indices page in Dutch, as the demo firm's administrator: the shipped CBS CPI
 * listed, a CBS download imported through the form with its provisional month marked,
 * a file with a missing month refused with its line, and no serious accessibility issue.
 */
let harness: Harness;
let staff: BrowserContext;
let page: Page;
const fixtures = path.join(import.meta.dirname, "../../src/core/index-series/fixtures");

beforeAll(async () => {
  harness = await startHarness({ demo: true });
  staff = await harness.newContext("nl-NL");
  const signedIn = await staff.request.post("/api/v1/session", {
    data: { email: "sanne@vandijk-dewit.example", password: DEMO_TEST_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  page = await staff.newPage();
});
afterAll(async () => {
  await staff?.close();
  await harness?.close();
});

describe("price indices (nl)", () => {
  it("lists the shipped CPI, imports a CBS download and refuses a file with a missing month", async () => {
    await page.goto("/settings/price-indices");
    await page.getByRole("tab", { name: "Prijsindexen" }).waitFor();
    const list = page.getByRole("region", { name: "Reeksen" });
    await list.getByRole("row").filter({ hasText: "CBS CPI" }).filter({ hasText: "1965 – 2024" }).waitFor();

    const form = page.getByRole("region", { name: "Een reeks importeren" });
    await form.locator('input[type="file"]').setInputFiles(path.join(fixtures, "fixture-83131NED-shape.csv"));
    await form.getByRole("button", { name: "Importeren" }).click();
    await form.getByRole("status").filter({ hasText: "6 cijfers geïmporteerd, 0 herzien." }).waitFor();
    const points = page.getByRole("region", { name: "CBS CPI 2015=100 (83131NED)" });
    const march = points.getByRole("row").filter({ hasText: "2024-03" });
    await march.getByText("Voorlopig").waitFor();
    // Dutch number formatting: a decimal comma.
    await march.getByText("131,8").waitFor();

    await form.locator('input[type="file"]').setInputFiles({
      name: "lonen.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("periode;waarde\n2024-01;100\n2024-03;101\n"),
    });
    await form.getByRole("textbox", { name: "Naam (voor een bestand periode;waarde)" }).fill("CAO-lonen");
    await form.getByRole("button", { name: "Importeren" }).click();
    await form.getByRole("alert").filter({ hasText: "Regel 3: de maand 2024-02 ontbreekt" }).waitFor();
    const names = (await (await staff.request.get("/api/v1/index-series")).json()).items.map((s: { name: string }) => s.name);
    expect(names).not.toContain("CAO-lonen");

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary}`).join("; ")}`),
    ).toEqual([]);
  });
});
