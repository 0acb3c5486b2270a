import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysToInstant } from "../../src/core/dates.ts";
import { field, type Harness, screenshotDir, screenshotOf, startHarness } from "./harness.ts";

/**
 * The trust ledger in the browser, in Dutch, as the administrator of a new
 * firm: a client with one promise kept on time and one broken without telling
 * (recorded as history through the API) shows Integrity below 50 %, the
 * evidence says why in Dutch and adds up to the score, an observation moves
 * the score, the charts have their tables, the weight settings preview and
 * save a change; every screen against axe.
 */
const stamp = Date.now().toString(36);
const kept = `Jaarrekening opsturen ${stamp}`;
const broken = `Offerte sturen ${stamp}`;
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

async function api<T>(method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(url, { method, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The whole number of a percentage as the page shows it ("29%" → 29). */
async function percentOf(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? "";
  const match = /(\d+)\s*%/.exec(text);
  if (!match) throw new Error(`no percentage in "${text}"`);
  return Number(match[1]);
}

const integrityScore = () => page.getByTestId("trust-core-integrity-score");
const evidence = () => page.getByRole("region", { name: "Waarom: het bewijs" });

describe("trust ledger (nl)", () => {
  it("signs up in Dutch and records a client with a kept and a broken promise", async () => {
    await page.goto("/signup");
    await field(page, "Uw naam").fill("Marieke Jansen");
    await field(page, "E-mailadres").fill(`marieke.${stamp}@example.test`);
    await field(page, "Wachtwoord").fill("een-lang-wachtwoord");
    await field(page, "Naam van uw kantoor").fill(`Jansen Advies ${stamp}`);
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Klanten" }).waitFor();

    const me = await api<{ id: string }>("GET", "/api/v1/me");
    const client = await api<{ id: string }>("POST", "/api/v1/clients", { kind: "company", name: `Bakkerij Veenstra ${stamp}` });
    clientId = client.id;
    const now = Date.now();
    const history = (title: string, dueDaysAgo: number, closedDaysAgo: number, outcome: "kept" | "broken") =>
      api("POST", "/api/v1/commitments", {
        clientId,
        ownerId: me.id,
        title,
        doneWhen: "De klant heeft het per e-mail",
        source: "call",
        pastPromise: true,
        dueAt: addDaysToInstant(new Date(now), -dueDaysAgo).toISOString(),
        closedAt: addDaysToInstant(new Date(now), -closedDaysAgo).toISOString(),
        outcome,
      });
    await history(kept, 20, 21, "kept");
    // Recorded afterwards as broken: the client was not told.
    await history(broken, 6, 5, "broken");
  });

  it("shows Integrity below 50 % with its uncertainty, the readinesses and what holds them back", async () => {
    await page.goto(`/clients/${clientId}`);
    await page.getByRole("heading", { level: 2, name: "Vertrouwen" }).waitFor();
    await integrityScore().waitFor();
    const integrity = await percentOf(integrityScore());
    expect(integrity).toBeLessThan(50);
    const row = page.getByTestId("trust-core-integrity");
    await expect(row.textContent()).resolves.toMatch(/tussen \d+% en \d+%/);
    await expect(row.textContent()).resolves.toContain("Op grond van 2 bewijsstukken");
    await expect(row.textContent()).resolves.toMatch(/↓ \d+ procentpunt gedaald in 30 dagen/);
    const share = page.getByTestId("trust-readiness-shareProblems");
    await expect(share.textContent()).resolves.toContain("Klaar om problemen te delen");
    await expect(share.textContent()).resolves.toContain("Beperkt door Integriteit");
    await expect(page.getByTestId("trust-readiness-doBusiness").textContent()).resolves.toContain("Klaar om zaken te doen");
    // Intent has no evidence: the whole range is possible.
    await expect(page.getByTestId("trust-core-intent").textContent()).resolves.toContain("tussen 0% en 100%");
  });

  it("says in Dutch why: the broken promise, its date and contribution, adding up to the score", async () => {
    const list = evidence();
    await list.getByRole("cell", { name: new RegExp(`Integriteit daalde: afspraak “${broken}” werd gebroken zonder melding`) }).waitFor();
    await list.getByRole("cell", { name: new RegExp(`Integriteit steeg: afspraak “${kept}” werd op tijd nagekomen`) }).waitFor();
    // The source links to the promise.
    await expect(list.getByRole("link", { name: broken }).getAttribute("href")).resolves.toMatch(/^\/commitments\/[0-9a-f-]{36}$/);
    // Contributions are signed Dutch percentage points; 50 % plus them is the score.
    const brokenRow = list.getByRole("row").filter({ hasText: broken });
    await expect(brokenRow.textContent()).resolves.toMatch(/-\d+,\d procentpunt/);
    const sum = (await page.getByTestId("trust-sum").textContent()) ?? "";
    const match = /^Integriteit: 50% − (\d+,\d) procentpunt = (\d+,\d)%$/.exec(sum);
    expect(match, sum).not.toBeNull();
    const shown = (text: string) => Number(text.replace(",", "."));
    expect(50 - shown(match?.[1] ?? "")).toBeCloseTo(shown(match?.[2] ?? ""), 5);
    expect(Math.round(shown(match?.[2] ?? ""))).toBe(await percentOf(integrityScore()));

    // Largest effect first puts the broken promise on top.
    await list.getByText("Grootste effect eerst").click();
    await expect.poll(async () => (await list.getByRole("row").nth(1).textContent()) ?? "").toContain("werd gebroken zonder melding");
    await expectAccessible("client page with trust");
    await screenshotOf(page, "trust-client-nl.png", { fullPage: true });
  });

  it("gives each chart a table: the radar's cores and the trend per week", async () => {
    const radar = page.getByRole("img", { name: /^Radar van de vier kernen\. Op grond van het bewijs: Integriteit \d+%/ });
    await radar.waitFor();
    const trend = page.getByRole("img", {
      name: /^De score van elke kern per dag over de afgelopen 180 dagen: Integriteit van 50% naar \d+%/,
    });
    await trend.waitFor();
    const toggles = page.getByText("Als tabel tonen");
    expect(await toggles.count()).toBe(2);
    await toggles.nth(0).click();
    await toggles.nth(1).click();
    const radarTable = page.getByRole("region", { name: "Radar van de vier kernen" }).getByRole("table");
    const integrityRow = radarTable.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Integriteit" }) });
    await expect(percentOf(integrityRow.getByRole("cell").first())).resolves.toBe(await percentOf(integrityScore()));
    const trendTable = page.getByRole("region", { name: "Verloop over 180 dagen" }).getByRole("table");
    await expect(trendTable.getByRole("columnheader", { name: "Resultaten" }).count()).resolves.toBe(1);
    expect(await trendTable.getByRole("row").count()).toBeGreaterThan(20);
    await expectAccessible("charts with their tables open");
    await screenshotOf(page.getByRole("region", { name: "Vertrouwen" }), "trust-section-nl.png");
  });

  it("records an observation: Dutch errors first, then the score moves", async () => {
    const before = await percentOf(integrityScore());
    await page.getByRole("button", { name: "Waarneming vastleggen" }).click();
    const dialog = page.getByRole("dialog", { name: "Waarneming vastleggen" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Vastleggen" }).click();
    await dialog.getByText("Kies een van de mogelijkheden.").waitFor();
    await dialog.getByText("Vul dit in.").waitFor();
    await expectAccessible("observation form with errors");

    await expect(dialog.getByRole("radio", { name: "Integriteit" }).isChecked()).resolves.toBe(true);
    await dialog.getByRole("radio", { name: "Bouwt vertrouwen op" }).check();
    await dialog.getByRole("radio", { name: "3 · Sterk" }).check();
    await field(dialog, "Wat heeft u waargenomen?").fill("Belde zelf om een fout in onze offerte te melden");
    await dialog.getByRole("button", { name: "Vastleggen" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("status").filter({ hasText: "Waarneming vastgelegd." }).waitFor();
    await expect.poll(() => percentOf(integrityScore())).toBeGreaterThan(before);
    await evidence()
      .getByRole("cell", { name: /Integriteit steeg: een collega merkte op: “Belde zelf om een fout in onze offerte te melden”/ })
      .waitFor();
    await expect(page.getByTestId("trust-core-integrity").textContent()).resolves.toContain("Op grond van 3 bewijsstukken");
  });

  it("previews a change of weight with the client's before and after, then saves it", async () => {
    await page.goto("/settings/trust");
    await page.getByRole("heading", { level: 2, name: "Vertrouwensregister" }).waitFor();
    const cell = page.getByLabel("Afspraak gebroken zonder melding — Integriteit (kost vertrouwen)");
    await expect(cell.inputValue()).resolves.toBe("4");
    await cell.fill("1");
    await page.getByRole("button", { name: "Voorbeeld" }).click();
    await page.getByRole("status").filter({ hasText: "Bij 1 klant zouden scores veranderen:" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: `Bakkerij Veenstra ${stamp}` });
    await expect(row.textContent()).resolves.toMatch(/Integriteit\d+,\d%→ \d+,\d%/);
    await expectAccessible("trust settings with a preview");
    await screenshotOf(page, "trust-settings-nl.png", { fullPage: true });
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();
    await expect(page.getByLabel("Afspraak gebroken zonder melding — Integriteit (kost vertrouwen)").inputValue()).resolves.toBe("1");

    await page.goto(`/clients/${clientId}`);
    await integrityScore().waitFor();
    // 1 kept + 3 observed against 1 broken: above 50 % now.
    await expect.poll(() => percentOf(integrityScore())).toBeGreaterThan(50);
    expect(errors).toEqual([]);
  });
});
