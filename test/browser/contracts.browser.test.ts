import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, screenshotDir, screenshotOf, startHarness } from "./harness.ts";

/**
 * A contract and its red-face audit in the browser, in Dutch: the contract is
 * added on the client page with the shipped CPI as its series (year
 * averages), the increases the firm applied are recorded, and the page shows
 * what was charged too much, with the years behind it. Checked against axe.
 */
const stamp = Date.now().toString(36);
const clientName = `Garage Veenstra ${stamp}`;
let harness: Harness;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];
let exposureCents = 0;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  harness = await startHarness();
  context = await harness.newContext("nl-NL");
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

async function api<T>(method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(url, { method, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

describe("contracts (nl)", () => {
  it("adds an indexed contract on the client page and shows what was charged too much, year by year", async () => {
    await page.goto("/signup");
    await field(page, "Uw naam").fill("Marieke Jansen");
    await field(page, "E-mailadres").fill(`marieke.${stamp}@example.test`);
    await field(page, "Wachtwoord").fill("een-lang-wachtwoord");
    await field(page, "Naam van uw kantoor").fill(`Jansen Advies ${stamp}`);
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Klanten" }).waitFor();
    const clientId = (await api<{ id: string }>("POST", "/api/v1/clients", { kind: "company", name: clientName })).id;

    await page.goto(`/clients/${clientId}`);
    const section = page.getByRole("region", { name: "Contracten en indexering" });
    await section.getByText("Nog geen contracten vastgelegd.").waitFor();
    await field(section, "Contract").fill("Jaarcontract administratie");
    await field(section, "Begint op").fill("2019-01-01");
    await field(section, "Prijs per jaar (euro)").fill("200000");
    await field(section, "Indexreeks").click();
    await page
      .getByRole("option", { name: /consumentenprijsindex|CPI/i })
      .first()
      .click();
    await section.getByRole("button", { name: "Toevoegen" }).click();
    await section.getByRole("status").filter({ hasText: "Contract toegevoegd." }).waitFor();

    const contracts = await api<{ items: Array<{ id: string }> }>("GET", `/api/v1/contracts?clientId=${clientId}`);
    const id = contracts.items[0]?.id as string;
    for (const [effectiveOn, appliedPct] of [
      ["2020-01-01", 6.6],
      ["2021-01-01", 1.3],
      ["2022-01-01", 2.7],
      ["2023-01-01", 10],
      ["2024-01-01", 3.8],
      ["2025-01-01", 3.3],
    ] as const) {
      await api("POST", `/api/v1/contracts/${id}/increases`, { effectiveOn, appliedPct });
    }
    await page.reload();
    const audit = await api<{ totalOverchargeCents: number }>("GET", `/api/v1/contracts/${id}/audit`);
    expect(audit.totalOverchargeCents).toBeGreaterThan(4_000_000);
    exposureCents = audit.totalOverchargeCents;
    const expected = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(audit.totalOverchargeCents / 100);
    await section.getByText(`${expected} te veel`).waitFor();
    await section.getByRole("button", { name: "Toon de jaren" }).click();
    await section.getByRole("cell", { name: "2,6 %" }).first().waitFor();
    await section.getByRole("cell", { name: "6,6 %" }).first().waitFor();

    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(serious).toEqual([]);
    await screenshotOf(section, "contracts-audit-nl.png");
    expect(errors).toEqual([]);
  });

  it("shows the exposure on the integrity dashboard, reached from the navigation, in Dutch and in English", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Integriteit" }).click();
    await page.getByRole("heading", { level: 1, name: "Integriteit" }).waitFor();
    const amountNl = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(exposureCents / 100);
    const stat = page.getByRole("region", { name: "Rood-gezicht-risico" });
    await stat.getByText(amountNl, { exact: true }).waitFor();
    await page.getByRole("row", { name: new RegExp(`Jaarcontract administratie ${clientName}`) }).waitFor();
    // The audit was opened on the client page: the contract counts as audited.
    await page.getByText("Elk geïndexeerd contract is minstens één keer gecontroleerd.").waitFor();
    await page.getByText("Elke klant is ingelicht over onze fouten.").waitFor();
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await screenshotOf(page, "integrity-nl.png", { fullPage: true });

    await page.evaluate(() => localStorage.setItem("trustledger.language", "en"));
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Integrity" }).waitFor();
    const amountEn = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(exposureCents / 100);
    await page.getByRole("region", { name: "Red-face exposure" }).getByText(amountEn, { exact: true }).waitFor();
    await page.getByRole("link", { name: clientName }).first().click();
    await page.getByRole("heading", { level: 1, name: clientName }).waitFor();
    // The same figures narrowed to the client, at the bottom of its page.
    const own = page.getByRole("region", { name: "Integrity with this client" });
    await own.getByText(`Our indexation charged ${amountEn} too much; €0.00 paid back, ${amountEn} outstanding.`).waitFor();
    await own.getByText("No error of ours this client still has to hear about.").waitFor();
    expect(errors).toEqual([]);
  });
});
