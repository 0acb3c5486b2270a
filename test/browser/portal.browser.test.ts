import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, screenshotDir, startHarness } from "./harness.ts";

/** The client's own view: a portal link opened on a phone, in Dutch, checked by axe; then revoked. */
let harness: Harness;
let staff: BrowserContext;

beforeAll(async () => {
  harness = await startHarness({ demo: true });
  staff = await harness.newContext("en-GB");
  const signedIn = await staff.request.post("/api/v1/session", {
    data: { email: "sanne@vandijk-dewit.example", password: "trustledger-demo" },
  });
  expect(signedIn.status()).toBe(200);
});
afterAll(async () => {
  await staff?.close();
  await harness?.close();
});

/** A client with a promise still open that was made to one of its contacts: that contact's link shows it. */
async function clientWithPromisesAndContact() {
  const promises = (await (await staff.request.get("/api/v1/commitments?state=active&limit=200")).json()).items as {
    clientId: string;
    contact: { id: string; name: string } | null;
  }[];
  const made = promises.find((p) => p.contact);
  if (made?.contact) return { clientId: made.clientId, contact: made.contact };
  throw new Error("the demo has a client with open promises and a contact");
}

describe("client portal", () => {
  it("a contact opens the link on a phone and sees the promises in Dutch; a revoked link shows only a calm message", async () => {
    const { clientId, contact } = await clientWithPromisesAndContact();
    const created = await staff.request.post(`/api/v1/clients/${clientId}/portal-links`, {
      data: { contactId: contact.id, expiresInDays: 30 },
    });
    expect(created.status()).toBe(201);
    const link = await created.json();

    const phone = await harness.browser.newContext({
      locale: "nl-NL",
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      baseURL: harness.baseUrl,
      reducedMotion: "reduce",
    });
    const page = await phone.newPage();
    await page.goto(new URL(link.url).pathname);
    await page.getByRole("heading", { level: 1, name: "Wat Van Dijk & De Wit Adviseurs u heeft toegezegd" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Nog te doen" }).waitFor();
    expect(await page.getByRole("listitem").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(`Voor ${contact.name}`).count()).toBe(1);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary}`).join("; ")}`),
    ).toEqual([]);
    await page.screenshot({ path: path.join(screenshotDir, "portal.png") });

    const opened = (await (await staff.request.get(`/api/v1/clients/${clientId}/portal-links`)).json()).items[0];
    expect(opened.views).toBeGreaterThan(0);

    expect((await staff.request.delete(`/api/v1/clients/${clientId}/portal-links/${link.id}`)).status()).toBe(204);
    await page.reload();
    await page.getByRole("alert").getByText("Deze link werkt niet (meer)").waitFor();
    await phone.close();
  });
});
