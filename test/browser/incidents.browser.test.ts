import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, screenshotDir, startHarness } from "./harness.ts";

/**
 * Our error, in Dutch: recorded from the Errors page (from the navigation),
 * told to the client with the drafted message, the time to disclosure in
 * working hours shown, and the evidence it became on the client's trust section.
 */
const WAIT = { timeout: 15_000 };
const stamp = Date.now();
const TITLE = `Verkeerd btw-tarief in de aangifte ${stamp}`;
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
  const email = `fouten.${stamp}@example.test`;
  const password = "een-lang-wachtwoord";
  const signup = await context.request.post("/api/v1/signup", {
    data: { email, password, name: "Fenna Foutloos", organizationName: `Open Kaart ${stamp}` },
  });
  expect(signup.status()).toBe(202);
  expect((await context.request.post("/api/v1/session", { data: { email, password } })).status()).toBe(200);
  clientId = (await (await context.request.post("/api/v1/clients", { data: { kind: "company", name: "Bakkerij Jansen" } })).json()).id;
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

describe("errors and disclosure (nl)", () => {
  it("records an error from the Errors page", async () => {
    await page.goto("/clients");
    await page.getByRole("navigation").getByRole("link", { name: "Fouten" }).click();
    await page.getByRole("heading", { level: 1, name: "Fouten" }).waitFor(WAIT);
    await page.getByText("Geen fouten vastgelegd.").waitFor(WAIT);
    await page.getByText(/^Beleid: elke klant hoort het binnen 8 werkuren/).waitFor(WAIT);
    // The administrator sets the policy: four working hours, the admins after the default day.
    const policy = page.getByRole("form", { name: "Meldbeleid" });
    await field(policy, "Elke klant inlichten binnen (werkuren)").fill("4");
    await policy.getByRole("button", { name: "Opslaan" }).click();
    await policy.getByText("Opgeslagen; het geldt voor fouten die vanaf nu worden vastgelegd.").waitFor(WAIT);
    await page.getByText(/^Beleid: elke klant hoort het binnen 4 werkuren; .* 8 werkuren later\.$/).waitFor(WAIT);
    await page.getByRole("button", { name: "Fout vastleggen" }).click();
    const form = page.getByRole("form", { name: "Fout vastleggen" });
    // Sent empty: the API's own schema speaks in Dutch first.
    await form.getByRole("button", { name: "Vastleggen" }).click();
    await form.getByText("Vul dit in.").first().waitFor(WAIT);
    await field(form, "Wat ging er mis, in één regel").fill(TITLE);
    await field(form, "Klanten die het raakt").click();
    await page.getByRole("option", { name: "Bakkerij Jansen" }).click();
    await page.keyboard.press("Escape");
    await field(form, "Ernst").click();
    await page.getByRole("option", { name: "Hoog" }).click();
    await field(form, "Wat er gebeurde").fill("wij rekenden 21% btw op brood in plaats van 9%.");
    await field(form, "Herstel").fill("Wij dienen deze week een suppletie in.");
    await expectAccessible("record an error");
    await form.getByRole("button", { name: "Vastleggen" }).click();
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor(WAIT);
    expect(page.url()).toMatch(/\/incidents\/[0-9a-f-]{36}$/);
  });

  it("tells the client with the drafted message and shows the time to disclosure in working hours", async () => {
    const message = field(page, "Wat we de klant vertelden");
    await expect.poll(() => message.inputValue(), WAIT).toContain("Beste Bakkerij Jansen,");
    expect(await message.inputValue()).toContain("Wat wij eraan doen: Wij dienen deze week een suppletie in.");
    // The draft is a start: the user makes it their own.
    await message.fill(`${await message.inputValue()}\n\nIk bel u morgen nog even na.`);
    await expectAccessible("incident page");
    await page.getByRole("button", { name: "Vastleggen dat de klant is ingelicht" }).click();
    await page.getByText(/^Tijd tot melding: [\d,]+ werkuren · Binnen de termijn$/).waitFor(WAIT);
    await page.getByText("Ik bel u morgen nog even na.").waitFor(WAIT);
    await page.screenshot({ path: path.join(screenshotDir, "incident-disclosed-nl.png"), fullPage: true });

    await page.getByRole("link", { name: "Alle fouten" }).click();
    const card = page.getByRole("listitem").filter({ hasText: TITLE });
    await card.getByText("Elke klant ingelicht of afgehandeld").waitFor(WAIT);
    await card.getByText(/Bakkerij Jansen: Gemeld · Tijd tot melding: [\d,]+ werkuren/).waitFor(WAIT);
  });

  it("shows the disclosure as trust evidence and on the timeline of the client", async () => {
    await page.goto(`/clients/${clientId}`);
    const evidence = page.getByRole("region", { name: "Waarom: het bewijs" });
    await evidence
      .getByRole("cell", { name: new RegExp(`Integriteit steeg: onze fout “${TITLE}” werd binnen de termijn aan de klant gemeld`) })
      .waitFor(WAIT);
    await expect(evidence.getByRole("link", { name: TITLE }).first().getAttribute("href")).resolves.toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    await page.getByText("Fout aan de klant gemeld").first().waitFor(WAIT);
    await page.getByText("Fout vastgelegd").first().waitFor(WAIT);
    expect(errors).toEqual([]);
  });
});

describe("errors and disclosure (en)", () => {
  it("records an error found by the client, tells the client in English and shows the evidence", async () => {
    const english = await harness.newContext("en-GB");
    const en = await english.newPage();
    en.on("pageerror", (error) => errors.push(error.message));
    // The browser's clock ten minutes ahead of the app's (as under libfaketime, or on a laptop set wrong):
    // the forms must leave "when" to the server rather than send a moment it finds in the future.
    await en.clock.setFixedTime(new Date(Date.now() + 10 * 60_000));
    try {
      const email = `errors.${stamp}@example.test`;
      const password = "a-long-enough-password";
      await english.request.post("/api/v1/signup", { data: { email, password, name: "Erin Open", organizationName: `Candour ${stamp}` } });
      expect((await english.request.post("/api/v1/session", { data: { email, password } })).status()).toBe(200);
      const client = (await (await english.request.post("/api/v1/clients", { data: { kind: "company", name: "Harbour Garage" } })).json())
        .id;
      const title = `Objection filed late ${stamp}`;
      await en.goto("/incidents");
      await en.getByRole("heading", { level: 1, name: "Errors" }).waitFor(WAIT);
      await en.getByRole("button", { name: "Record an error" }).click();
      const form = en.getByRole("form", { name: "Record an error" });
      await field(form, "What went wrong, in a line").fill(title);
      await field(form, "Clients it touches").click();
      await en.getByRole("option", { name: "Harbour Garage" }).click();
      await en.keyboard.press("Escape");
      await field(form, "Found by").click();
      await en.getByRole("option", { name: "Found by the client" }).click();
      await field(form, "Severity").click();
      await en.getByRole("option", { name: "Critical" }).click();
      await form.getByRole("button", { name: "Record" }).click();
      await en.getByRole("heading", { level: 1, name: title }).waitFor(WAIT);
      const message = field(en, "What we told the client");
      await expect.poll(() => message.inputValue(), WAIT).toContain("Dear Harbour Garage,");
      await en.getByRole("button", { name: "Record that the client was told" }).click();
      await en.getByText(/^Time to disclosure: [\d.]+ working hours · Within the policy$/).waitFor(WAIT);

      await en.goto(`/clients/${client}`);
      const evidence = en.getByRole("region", { name: "Why: the evidence" });
      await evidence
        .getByRole("cell", { name: new RegExp(`Integrity fell: the client found our error “${title}” before we told them`) })
        .waitFor(WAIT);
      await evidence
        .getByRole("cell", { name: new RegExp(`Integrity rose: our error “${title}” was told to the client within the policy`) })
        .waitFor(WAIT);
      expect(errors).toEqual([]);
    } finally {
      await english.close();
    }
  });
});
