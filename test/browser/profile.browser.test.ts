import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysToInstant } from "../../src/core/dates.ts";
import { DEMO_TEST_PASSWORD, field, type Harness, screenshotOf, startHarness } from "./harness.ts";

/**
 * Three parts of the trust ledger in Dutch, on the demo firm, each checked by
 * axe: how the client keeps its side (its own section on the client page, its
 * form saying what is missing before sending), my trust profile with the
 * self-assessment beside the evidence, and the track record a client sees in
 * the portal on a phone once the firm turned it on.
 */
let harness: Harness;
let staff: BrowserContext;
let page: Page;
let clientId: string;
let contactId: string;

async function expectNoSeriousViolations(target: Page) {
  const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(
    results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary}`).join("; ")}`),
  ).toEqual([]);
}

beforeAll(async () => {
  harness = await startHarness({ demo: true });
  staff = await harness.newContext("nl-NL");
  const signedIn = await staff.request.post("/api/v1/session", {
    data: { email: "sanne@vandijk-dewit.example", password: DEMO_TEST_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  // A client with a promise closed in the last months, and the contact it was made to (or any, for one to the whole client).
  const closed = (await (await staff.request.get("/api/v1/commitments?state=closed&limit=200")).json()).items as {
    clientId: string;
    contact: { id: string } | null;
    closedAt: string;
  }[];
  for (const item of closed.filter((one) => Date.parse(one.closedAt) > addDaysToInstant(new Date(), -300).getTime())) {
    const contacts = (await (await staff.request.get(`/api/v1/clients/${item.clientId}/contacts`)).json()).items as { id: string }[];
    const contact = item.contact?.id ?? contacts[0]?.id;
    if (!contact) continue;
    clientId = item.clientId;
    contactId = contact;
    break;
  }
  if (!clientId) throw new Error("the demo has a client with a contact and a promise closed in the last months");
  page = await staff.newPage();
});
afterAll(async () => {
  await staff?.close();
  await harness?.close();
});

describe("client conduct, trust profile and track record (nl)", () => {
  it("records how the client keeps its side in a section of its own, saying what is missing before sending", async () => {
    await page.goto(`/clients/${clientId}`);
    const section = page.getByRole("region", { name: "Hoe de klant zijn kant nakomt" });
    await section.waitFor();
    await section.getByText("Los van onze vertrouwensscores").waitFor();
    await section.getByRole("button", { name: "Vastleggen" }).click();
    // An unchosen aspect and direction ask for a choice, the empty note to be filled in.
    await expect.poll(() => section.getByText("Kies een van de mogelijkheden.").count()).toBe(2);
    await expect.poll(() => section.getByText("Vul dit in.").count()).toBe(1);
    const before = (await (await staff.request.get(`/api/v1/clients/${clientId}/conduct`)).json()).items.length;
    expect(before).toBe(0);

    await field(section, "Waarover").click();
    await page.getByRole("option", { name: "Betaalt op tijd" }).click();
    await section.getByRole("radio", { name: "Kwam zijn kant niet na" }).check();
    await field(section, "Wat er gebeurde").fill("Factuur 2026-114 veertig dagen te laat betaald");
    await section.getByRole("button", { name: "Vastleggen" }).click();
    await section.getByRole("status").filter({ hasText: "Vastgelegd." }).waitFor();
    await section.getByText("Factuur 2026-114 veertig dagen te laat betaald").waitFor();
    await section.getByText("0 nagekomen · 1 niet nagekomen").waitFor();
    const saved = (await (await staff.request.get(`/api/v1/clients/${clientId}/conduct`)).json()).items;
    expect(saved).toMatchObject([{ aspect: "pays_on_time", direction: "negative" }]);
    await expectNoSeriousViolations(page);
    await screenshotOf(section, "client-conduct.png");
  });

  it("opens my trust profile from the user menu and sets my self-assessment beside the evidence", async () => {
    await page.getByRole("button", { name: /Sanne de Wit/ }).click();
    await page.getByRole("menuitem", { name: "Mijn vertrouwensprofiel" }).click();
    await page.getByRole("heading", { level: 1, name: "Mijn vertrouwensprofiel" }).waitFor();
    const assess = page.getByRole("region", { name: "Zelfbeoordeling" });
    await assess.getByRole("button", { name: "Zelfbeoordeling opslaan" }).click();
    await expect.poll(() => assess.getByText("Vul dit in.").count()).toBe(4);

    for (const [statement, answer] of [
      ["Ik doe wat ik zeg", "2"],
      ["Ik stel het belang van de klant boven het mijne", "3"],
      ["Ik heb de kennis en vaardigheden die het werk vraagt", "5"],
      ["Ik lever wat de klant nodig heeft", "4"],
    ] as const) {
      await assess
        .getByRole("radiogroup", { name: new RegExp(`^${statement}`) })
        .getByRole("radio", { name: answer, exact: true })
        .check();
    }
    await field(assess, "Een notitie voor jezelf (niet verplicht)").fill("Beloftes minder snel verzetten");
    await assess.getByRole("button", { name: "Zelfbeoordeling opslaan" }).click();
    await assess.getByRole("status").filter({ hasText: "Opgeslagen." }).waitFor();

    const compare = page.getByRole("region", { name: "Bewijs en hoe je jezelf ziet" });
    await compare.getByText(/^In je eigen beeld blijft karakter \(integriteit, intentie\) 50 procentpunt achter/).waitFor();
    const table = compare.getByRole("table");
    const integrity = table.getByRole("row", { name: /^Integriteit/ });
    await expect.poll(() => integrity.getByRole("cell").nth(3).textContent()).toBe("25%");
    await page.getByRole("region", { name: "Teamprofiel" }).waitFor();
    const profile = (await (await staff.request.get("/api/v1/me/trust-profile")).json()) as {
      selfAssessment: { latest: { integrity: number; note: string } };
    };
    expect(profile.selfAssessment.latest).toMatchObject({ integrity: 2, note: "Beloftes minder snel verzetten" });
    await expectNoSeriousViolations(page);
    await screenshotOf(page, "trust-profile.png", { fullPage: true });
  });

  it("shows the client our track record in the portal, on a phone, once the switch on the client page is on", async () => {
    await page.goto(`/clients/${clientId}`);
    const toggle = page.getByRole("switch", { name: "Toon deze klant hoe wij onze toezeggingen nakwamen" });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    // By keyboard: sections above it still load (contracts, their audits) and may move it while a click is on its way.
    await toggle.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect
      .poll(async () => (await (await staff.request.get(`/api/v1/clients/${clientId}/portal-settings`)).json()).showTrackRecord)
      .toBe(true);

    const created = await staff.request.post(`/api/v1/clients/${clientId}/portal-links`, { data: { contactId, expiresInDays: 7 } });
    expect(created.status()).toBe(201);
    const phone = await harness.browser.newContext({
      locale: "nl-NL",
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      baseURL: harness.baseUrl,
      reducedMotion: "reduce",
    });
    const portal = await phone.newPage();
    await portal.goto(new URL((await created.json()).url).pathname);
    const record = portal.getByRole("region", { name: "Hoe wij onze toezeggingen aan u nakwamen" });
    await record.waitFor();
    await record.getByText("op tijd nagekomen", { exact: true }).waitFor();
    await record.getByText(/^Over de afgelopen 12 maanden, sinds \d{1,2} \w+ \d{4}\.$/).waitFor();
    expect(await record.getByRole("listitem").count()).toBeGreaterThan(5);
    expect(await portal.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoSeriousViolations(portal);
    await screenshotOf(portal, "portal-track-record.png", { fullPage: true });
    await phone.close();
  });
});
