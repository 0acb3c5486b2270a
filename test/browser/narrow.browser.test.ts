import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, signUpInEnglish, startHarness } from "./harness.ts";

/**
 * Every page on a 390 × 844 phone, in Dutch and in English: nothing scrolls
 * sideways (a wide table may scroll inside its own container, never the page)
 * and no badge is cut off. A fresh organization of its own, with one client,
 * one contact and one promise due next year: nothing depends on today's date.
 */
let harness: Harness;
let context: BrowserContext;
let page: Page;
const stamp = Date.now().toString(36);
const paths: Record<string, string> = {};

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return response.json();
    },
    { method, url, body },
  ) as Promise<T>;
}

beforeAll(async () => {
  harness = await startHarness();
  context = await harness.browser.newContext({
    locale: "en-GB",
    viewport: { width: 390, height: 844 },
    baseURL: harness.baseUrl,
    reducedMotion: "reduce",
  });
  page = await context.newPage();
  await signUpInEnglish(page, { name: "Bram Jansen", email: `bram-${stamp}@example.nl`, organization: `Jansen Belastingadvies ${stamp}` });
  const me = await api<{ id: string }>("GET", "/api/v1/me");
  const client = await api<{ id: string }>("POST", "/api/v1/clients", {
    name: `Hoveniersbedrijf De Groene Vingers ${stamp}`,
    kind: "company",
  });
  await api("POST", `/api/v1/clients/${client.id}/contacts`, { name: "Marieke van den Berg-Hoogstraten", email: "marieke@example.nl" });
  const commitment = await api<{ id: string }>("POST", "/api/v1/commitments", {
    clientId: client.id,
    title: "Aangifte omzetbelasting vierde kwartaal met toelichting op de suppletie",
    doneWhen: "De aangifte is ingediend en de bevestiging staat in het dossier",
    ownerId: me.id,
    source: "call",
    kind: "deliverable",
    dueAt: `${new Date().getFullYear() + 1}-03-15T14:30:00+01:00`,
  });
  const incident = await api<{ id: string }>("POST", "/api/v1/incidents", {
    clientIds: [client.id],
    title: "Voorlopige aanslag vennootschapsbelasting met het verkeerde tarief aangevraagd",
    discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
    foundBy: "third_party",
    severity: "critical",
    description: "De accountant van de bank zag het als eerste.",
  });
  paths.client = `/clients/${client.id}`;
  paths.incident = `/incidents/${incident.id}`;
  paths.commitment = `/commitments/${commitment.id}`;
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

const PAGES = [
  "/clients",
  "client",
  "commitment",
  "/my-day",
  "/commitments",
  "/at-risk",
  "/incidents",
  "incident",
  "/trust-profile",
  "/callbacks/new",
  "/settings/members",
  "/settings/teams",
  "/settings/expertise",
  "/settings/tokens",
  "/settings/team",
  "/settings/working-time",
  "/settings/sla-policies",
  "/settings/calendar",
  "/settings/system",
  "/settings/trust",
  "/settings/rate-card",
];

/** What sticks out: the page's width beyond the viewport, and every badge whose text is cut off. */
async function overflow() {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    truncatedBadges: [...document.querySelectorAll<HTMLElement>(".mantine-Badge-label")]
      .filter((label) => label.scrollWidth > label.clientWidth + 1)
      .map((label) => label.textContent),
  }));
}

describe.each(["nl", "en"] as const)("390 px wide in %s", (language) => {
  it.each(PAGES)("%s: no sideways scrolling, no cut-off badge", async (target) => {
    await page.evaluate((value) => localStorage.setItem("trustledger.language", value), language);
    await page.goto(paths[target] ?? target);
    await page.locator("main h1").first().waitFor();
    await page.waitForLoadState("networkidle");
    await page.waitForFunction(() => document.querySelectorAll(".mantine-Loader-root").length === 0);
    const found = await overflow();
    expect(found.scrollWidth, `${target} in ${language}`).toBeLessThanOrEqual(found.innerWidth);
    expect(found.truncatedBadges, `${target} in ${language}`).toEqual([]);
  });
});

describe("390 px wide, signed out", () => {
  it.each(["/signin", "/signup"])("%s fits", async (target) => {
    const guest = await harness.browser.newContext({ locale: "nl-NL", viewport: { width: 390, height: 844 }, baseURL: harness.baseUrl });
    const guestPage = await guest.newPage();
    try {
      await guestPage.goto(target);
      await guestPage.locator("h1").first().waitFor();
      const width = await guestPage.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(width).toBeLessThanOrEqual(0);
    } finally {
      await guest.close();
    }
  });
});
