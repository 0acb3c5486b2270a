import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, screenshotDir, startHarness } from "./harness.ts";

/**
 * Logging an interaction on a client's page in Dutch with the keyboard only
 * (L opens the form, Ctrl+Enter logs it), confirming the promise found in its
 * text, seeing it in the client's timeline, and finding it again from another
 * page through the search in the header ("/" focuses it) with a query that
 * needs stemming and ignores accents.
 */
const SUMMARY = "Offertes voor de verbouwing besproken met Cécile";
const BODY = "Ik stuur u vrijdag de offerte voor de verbouwing.";
/** Navigation keys allowed on top of the typed text for one interaction. */
const NAVIGATION_BUDGET = 20;
const WAIT = { timeout: 15_000 };
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
  const email = `anna.${Date.now()}@example.test`;
  const password = "een-lang-wachtwoord";
  const signup = await context.request.post("/api/v1/signup", {
    data: { email, password, name: "Anna de Boer", organizationName: "De Boer Advies" },
  });
  expect(signup.status()).toBe(202);
  expect((await context.request.post("/api/v1/session", { data: { email, password } })).status()).toBe(200);
  const client = await context.request.post("/api/v1/clients", { data: { kind: "company", name: "Bakkerij Van der Meulen" } });
  clientId = (await client.json()).id;
  await context.request.post(`/api/v1/clients/${clientId}/contacts`, { data: { name: "Cécile Dubois", role: "Eigenaar" } });
  await context.request.post(`/api/v1/clients/${clientId}/contacts`, { data: { name: "René van der Meulen" } });
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

/** The focused element: its role, its label (or aria-label) and its value. */
const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return {
      role: element?.getAttribute("role") ?? element?.getAttribute("type") ?? element?.tagName.toLowerCase() ?? "",
      label: element?.labels?.[0]?.textContent?.replace(/\s*\*$/, "") ?? element?.getAttribute("aria-label") ?? "",
      value: element?.value ?? "",
    };
  });

/** The keyboard, counting: a typed character is one keystroke, a chord one per key. */
function countingKeyboard(target: Page) {
  const counts = { typed: 0, navigation: 0 };
  const press = async (key: string) => {
    counts.navigation += key.split("+").length;
    await target.keyboard.press(key);
  };
  return {
    counts,
    type: async (text: string) => {
      counts.typed += [...text].length;
      await target.keyboard.type(text);
    },
    press,
    /** Tab until the field labelled `label` has the focus. */
    tabTo: async (label: string) => {
      for (let i = 0; i < 6; i++) {
        if ((await focused()).label === label) return;
        await press("Tab");
      }
      expect((await focused()).label).toBe(label);
    },
  };
}

describe("interactions, timeline and search", () => {
  it("logs an interaction from the client page with the keyboard only, within the keystroke budget", async () => {
    await page.goto(`/clients/${clientId}`);
    await page.getByRole("heading", { level: 1, name: "Bakkerij Van der Meulen" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Tijdlijn" }).waitFor();
    await page.getByText("Nog niets vastgelegd.").waitFor();
    const k = countingKeyboard(page);
    const started = Date.now();
    await k.press("l");
    await page.getByRole("dialog", { name: "Een contactmoment vastleggen" }).waitFor();
    await expect.poll(async () => (await focused()).label, WAIT).toBe("Waar ging het over?");
    await k.type(SUMMARY);
    // A meeting, not the default call; the client came to us and started it.
    await k.tabTo("Telefoongesprek");
    await k.press("ArrowRight");
    expect(await focused()).toMatchObject({ label: "Afspraak" });
    await k.tabTo("Naar de klant");
    await k.press("ArrowLeft");
    expect(await focused()).toMatchObject({ label: "Van de klant" });
    await k.tabTo("Wij");
    await k.press("ArrowRight");
    expect(await focused()).toMatchObject({ label: "De klant" });
    await k.tabTo("Met");
    await k.type("céc");
    await k.press("Enter");
    await expect.poll(async () => (await focused()).value, WAIT).toBe("Cécile Dubois (Eigenaar)");
    // "When" keeps its default (now); on to the notes.
    await k.tabTo("Wanneer");
    await k.tabTo("Aantekeningen of het bericht");
    await k.type(BODY);
    await k.tabTo("De klant bracht uit zichzelf een probleem of uitdaging in");
    await k.press("Space");
    await page.screenshot({ path: path.join(screenshotDir, "interaction-log-nl.png") });
    await k.press("Control+Enter");
    await page.getByRole("status").getByText(`Vastgelegd: ${SUMMARY}`).waitFor(WAIT);
    const seconds = (Date.now() - started) / 1000;
    expect(k.counts.navigation, JSON.stringify(k.counts)).toBeLessThanOrEqual(NAVIGATION_BUDGET);
    // Well under half a minute for a person typing this much (the machine's own time is included here).
    expect(seconds).toBeLessThan(30);

    // It is in the timeline, as a meeting the client started, with the contact and the signal.
    const item = page.getByRole("listitem").filter({ hasText: SUMMARY });
    await item.waitFor(WAIT);
    await expect(item.textContent()).resolves.toMatch(/Afspraak/);
    await expect(item.textContent()).resolves.toMatch(/met Cécile Dubois/);
    await expect(item.textContent()).resolves.toMatch(/Van de klant/);
    await expect(item.textContent()).resolves.toMatch(/Bracht zelf een probleem in/);
    await expectAccessible("client page with the logged interaction and its suggested promise");
  });

  it("offers the promise in the text, and records it once confirmed", async () => {
    await page.getByRole("heading", { name: "Een belofte van maken?" }).waitFor();
    const make = page.getByRole("button", { name: /^Belofte van maken: / });
    await expect(make.count()).resolves.toBe(1);
    await make.click();
    const dialog = page.getByRole("dialog", { name: "Een belofte van maken?" });
    await dialog.waitFor();
    // Filled in from the sentence: what, and the due time it named ("vrijdag").
    await expect(dialog.getByRole("textbox", { name: "Wat is toegezegd" }).inputValue()).resolves.toMatch(/offerte/);
    await expect(dialog.getByText(/^Uiterlijk .*vrijdag/i).count()).resolves.toBe(1);
    await dialog.getByRole("button", { name: "Toezegging vastleggen" }).click();
    await page.getByRole("status").getByText("Vastgelegd als belofte.").waitFor(WAIT);
    await expect(make.count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Klaar" }).click();
  });

  it("finds it from another page through the header search, by a stemmed query without accents", async () => {
    await page.goto("/clients");
    await page.getByRole("heading", { level: 1, name: "Klanten" }).waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("/");
    await expect.poll(focused, WAIT).toMatchObject({ role: "combobox", label: "Zoeken" });
    await page.keyboard.type("offerte cecile");
    const results = page.getByRole("listbox", { name: "Zoekresultaten" });
    const interactions = results.getByRole("group", { name: "Contactmomenten" });
    const found = interactions.getByRole("option").filter({ hasText: SUMMARY });
    await found.waitFor(WAIT);
    // The words matched are marked as written: "Offertes" for "offerte", "Cécile" for "cecile".
    await expect(found.locator("mark").allTextContents()).resolves.toEqual(expect.arrayContaining(["Offertes", "Cécile"]));
    await expectAccessible("search results in the header");
    await page.screenshot({ path: path.join(screenshotDir, "search-nl.png") });
    // The first option is the interaction (it holds both words); Enter opens the client's page at it.
    await expect(results.getByRole("option").first().textContent()).resolves.toContain(SUMMARY);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Bakkerij Van der Meulen" }).waitFor(WAIT);
    expect(new URL(page.url()).hash).toMatch(/^#timeline-/);
    expect(errors).toEqual([]);
  });
});
