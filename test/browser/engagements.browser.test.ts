import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, screenshotDir, startHarness } from "./harness.ts";

/**
 * An engagement, in Dutch: taken in from the Engagements page (from the
 * navigation), refused when contracted before the analysis (the 409's reason
 * shown), the analysis recorded with the second look, then moved stage by
 * stage to contracted; the client page lists it at the bottom.
 */
const WAIT = { timeout: 15_000 };
const stamp = Date.now();
const TITLE = `Nieuw boekhoudsysteem ${stamp}`;
let harness: Harness;
let context: BrowserContext;
let page: Page;
let clientId = "";
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  harness = await startHarness();
  context = await harness.newContext("nl-NL");
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  const email = `opdracht.${stamp}@example.test`;
  const password = "een-lang-wachtwoord";
  const signup = await context.request.post("/api/v1/signup", {
    data: { email, password, name: "Olga Opdracht", organizationName: `Eerst Luisteren ${stamp}` },
  });
  expect(signup.status()).toBe(202);
  expect((await context.request.post("/api/v1/session", { data: { email, password } })).status()).toBe(200);
  clientId = (await (await context.request.post("/api/v1/clients", { data: { kind: "company", name: "Garage Veenstra" } })).json()).id;
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

async function expectAccessible(name: string) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious, name).toEqual([]);
}

describe("engagements (nl)", () => {
  it("takes a request in from the Engagements page", async () => {
    await page.goto("/clients");
    await page.getByRole("navigation").getByRole("link", { name: "Opdrachten" }).click();
    await page.getByRole("heading", { level: 1, name: "Opdrachten" }).waitFor(WAIT);
    await page.getByText("Nog geen opdrachten.").first().waitFor(WAIT);
    await page.getByRole("button", { name: "Nieuwe opdracht" }).click();
    const form = page.getByRole("form", { name: "Nieuwe opdracht" });
    await field(form, "Klant").click();
    await page.getByRole("option", { name: "Garage Veenstra" }).click();
    await field(form, "Titel").fill(TITLE);
    await field(form, "De vraag, in de woorden van de klant").fill("Ons boekhoudsysteem is te traag, we willen een nieuw.");
    await field(form, "Eigenaar").click();
    await page.getByRole("option", { name: "Olga Opdracht" }).click();
    await expectAccessible("create an engagement");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor(WAIT);
    expect(page.url()).toMatch(/\/engagements\/[0-9a-f-]{36}$/);
    await page.getByText("De klant vroeg erom", { exact: false }).first().waitFor(WAIT);
  });

  it("refuses to contract it before the analysis, with the reason", async () => {
    await page.getByText("Nog niet te contracteren: leg de analyse vast en vink de tweede blik aan.").waitFor(WAIT);
    await page.getByRole("button", { name: "Naar Gecontracteerd" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: /Deze opdracht kan nog niet gecontracteerd worden: leg eerst de behoefteanalyse vast/ })
      .waitFor(WAIT);
    await expectAccessible("engagement refused");
  });

  it("records the analysis with the second look and moves it to contracted", async () => {
    const form = page.getByRole("form", { name: "Behoefteanalyse" });
    await field(form, "De echte behoefte").fill("Sneller inzicht in de cijfers bij de maandafsluiting.");
    await field(form, "Oorzaken").fill("Bonnen worden met de hand ingevoerd.");
    await field(form, "Risico's").fill("Een nieuw systeem lost de handmatige invoer niet op.");
    await field(form, "Gegeven advies").fill("Eerst de invoer automatiseren, dan pas een ander systeem.");
    await form.getByLabel("Tweede blik: het voorstel beantwoordt de echte behoefte, niet alleen de gevraagde").check();
    await form.getByRole("button", { name: "Analyse opslaan" }).click();
    await page.getByText("Analyse opgeslagen.").waitFor(WAIT);
    await page.getByText("De analyse en de tweede blik zijn vastgelegd: deze opdracht mag gecontracteerd worden.").waitFor(WAIT);
    for (const stage of ["Analyse", "Voorstel", "Gecontracteerd"]) {
      await page.getByRole("button", { name: `Naar ${stage}`, exact: true }).click();
      await page
        .locator(".mantine-Badge-root")
        .filter({ hasText: new RegExp(`^${stage}$`) })
        .first()
        .waitFor(WAIT);
    }
    await page.getByRole("button", { name: "Naar In uitvoering" }).waitFor(WAIT);
    await expectAccessible("engagement contracted");
    await page.screenshot({ path: path.join(screenshotDir, "engagement-contracted-nl.png"), fullPage: true });
  });

  it("lists the engagement at the bottom of the client page and its steps on the timeline", async () => {
    await page.goto(`/clients/${clientId}`);
    const section = page.getByRole("region", { name: "Opdrachten" });
    await section.getByRole("link", { name: TITLE }).waitFor(WAIT);
    await section.getByText("Gecontracteerd").waitFor(WAIT);
    await page.getByText("Vraag binnengekomen").first().waitFor(WAIT);
    expect(errors).toEqual([]);
  });
});
