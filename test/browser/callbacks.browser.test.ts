import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Callback } from "../../src/modules/callbacks/callbacks.schemas.ts";
import { field, type Harness, screenshotDir, startHarness } from "./harness.ts";

/**
 * Taking a callback at the front desk, in Dutch, with the keyboard only once
 * the page is open — timed in keystrokes, not seconds: every character typed
 * and every key pressed (each key of a chord) is counted, and the count must
 * stay within the typed text plus a few navigation keys. Then the colleague
 * it went to accepts it, records a call attempt and the answer.
 */
const screenshots = screenshotDir;
const QUESTION = "Moet ik btw betalen over de nieuwe behandelstoel?";
/** A contact of a demo client, found by the phone number the caller gives. */
const CALLER = {
  phone: "076 475 4899",
  name: "Lotte de Wit",
  email: "lotte@tandartspraktijkbrouwerv.example",
  client: "Tandartspraktijk Brouwer V.O.F.",
};
/** Navigation keys allowed on top of the typed text for one callback. */
const NAVIGATION_BUDGET = 15;
/** Waiting costs no keystroke; a busy machine may take a while to search and route. */
const WAIT = { timeout: 15_000 };
let harness: Harness;
let context: BrowserContext;
let page: Page;
let callbackId = "";
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  harness = await startHarness({ demo: true });
  context = await harness.newContext("nl-NL");
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

async function expectAccessible(name: string) {
  // Colours measured mid-transition are not the colours a person reads.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious, name).toEqual([]);
}

/** The keyboard, counting: a typed character is one keystroke, a chord like Control+Enter is one per key. */
function countingKeyboard(target: Page) {
  const counts = { typed: 0, navigation: 0 };
  return {
    counts,
    total: () => counts.typed + counts.navigation,
    reset: () => {
      counts.typed = 0;
      counts.navigation = 0;
    },
    type: async (text: string) => {
      counts.typed += [...text].length;
      await target.keyboard.type(text);
    },
    press: async (key: string) => {
      counts.navigation += key.split("+").length;
      await target.keyboard.press(key);
    },
  };
}

/** The focused element: its role, its label and its value. */
const focused = () =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    return {
      role: element?.getAttribute("role") ?? element?.tagName.toLowerCase() ?? "",
      label: element?.labels?.[0]?.textContent?.replace(/\s*\*$/, "") ?? element?.textContent ?? "",
      value: element?.value ?? "",
    };
  });

/** An API client signed in as `email` (demo password). */
async function signedInApi(email: string): Promise<APIRequestContext> {
  const other = await harness.newContext("nl-NL");
  const response = await other.request.post("/api/v1/session", { data: { email, password: "trustledger-demo" } });
  expect(response.status()).toBe(200);
  return other.request;
}

const keys = () => countingKeyboard(page);

describe("taking a callback", () => {
  it("signs in as the demo front desk, who finds the intake first in the navigation", async () => {
    await page.goto("/signin");
    await page.getByLabel("E-mailadres").fill("fatima@vandijk-dewit.example");
    await field(page, "Wachtwoord").fill("trustledger-demo");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).waitFor();
    const first = page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link").first();
    await expect.poll(() => first.textContent(), WAIT).toBe("Terugbelverzoek aannemen");
    // The front desk lands on the intake itself after signing in, ready to type.
    await page.getByRole("heading", { level: 1, name: "Terugbelverzoek aannemen" }).waitFor();
    await expect.poll(async () => (await focused()).role, WAIT).toBe("combobox");
    await page.getByRole("option", { name: /^Nieuwe beller/ }).waitFor();
    await expectAccessible("empty intake");
  });

  it("takes a known caller's callback with the keyboard only, within the keystroke budget", async () => {
    const k = keys();
    expect(await focused()).toMatchObject({ role: "combobox", label: "Wie belt er?" });
    // A contact of a client, found by their phone number: the first option, picked with Enter.
    await k.type(CALLER.phone);
    const contact = page.getByRole("option", { name: `${CALLER.name} (${CALLER.client})` });
    await expect.poll(() => contact.getAttribute("aria-selected"), WAIT).toBe("true");
    await k.press("Enter");
    await expect.poll(async () => (await focused()).label, WAIT).toBe("De vraag, in de woorden van de beller");
    // What the firm knows of the caller is in view now.
    await page.getByRole("heading", { level: 2, name: `Wat we weten van ${CALLER.client}` }).waitFor();
    await page.getByText(/^Openstaande toezeggingen \([1-9]\d*\)$/).waitFor();
    await k.type(QUESTION);
    await k.press("Tab");
    expect((await focused()).label).toBe("Ik heb de vraag teruggelezen en de beller heeft die bevestigd");
    await k.press("Space");
    await k.press("Tab");
    expect((await focused()).label).toBe("Onderwerp");
    await k.type("btw");
    // The topic routes it to who knows VAT: the sentence to say follows.
    const sentence = page.getByTestId("callback-sentence");
    await expect.poll(() => sentence.textContent(), WAIT).toMatch(/^U wordt vóór .+ teruggebeld door Anna de Vries\.$/);
    await k.press("Escape"); // closes the topic's suggestions
    await expectAccessible("filled intake");
    await page.mouse.move(1279, 799);
    await page.screenshot({ path: path.join(screenshots, "callback-intake.png"), fullPage: true });

    const created = page.waitForResponse((r) => r.url().endsWith("/api/v1/callbacks") && r.request().method() === "POST");
    await k.press("Control+Enter");
    const response = await created;
    expect(response.status()).toBe(201);
    const saved = (await response.json()) as Callback;
    callbackId = saved.commitment.id;

    await page.getByRole("heading", { level: 2, name: `Terugbelverzoek vastgelegd voor ${CALLER.name}` }).waitFor();
    expect(await page.getByTestId("callback-taken-sentence").textContent()).toMatch(
      /^U wordt vóór \w+ \d{1,2} \w+ \d{2}:\d{2} teruggebeld door Anna de Vries\.$/,
    );
    expect(await focused()).toMatchObject({ label: "Volgend terugbelverzoek aannemen" });

    const typed = [...CALLER.phone].length + [...QUESTION].length + [..."btw"].length;
    console.info(`callback taken in ${k.total()} keystrokes: ${k.counts.typed} typed, ${k.counts.navigation} navigation`);
    expect(k.counts.typed).toBe(typed);
    expect(k.counts.navigation).toBeLessThanOrEqual(NAVIGATION_BUDGET);
    expect(k.total()).toBeLessThanOrEqual(typed + NAVIGATION_BUDGET);
    expect(errors).toEqual([]);
  });

  it("the callback is Anna's: waiting on her day, with the caller, the question and the topic", async () => {
    const anna = await signedInApi("anna@vandijk-dewit.example");
    const callback = (await (await anna.get(`/api/v1/callbacks/${callbackId}`)).json()) as Callback;
    expect(callback).toMatchObject({
      callerName: CALLER.name,
      callerPhone: CALLER.phone,
      callerEmail: CALLER.email,
      question: QUESTION,
      topic: "btw",
      routedToLead: false,
      acceptedAt: null,
      attempts: 0,
    });
    expect(callback.commitment).toMatchObject({ kind: "callback", owner: { name: "Anna de Vries" }, clientName: CALLER.client });
    const day = (await (await anna.get("/api/v1/my-day")).json()) as { waitingCallbacks: { id: string }[] };
    expect(day.waitingCallbacks.map((c) => c.id)).toContain(callbackId);
  });

  it("'Take the next callback' starts afresh in the search; a new caller without phone or e-mail is refused, nothing created", async () => {
    const k = keys();
    await k.press("Enter");
    await expect.poll(focused, WAIT).toMatchObject({ role: "combobox", value: "" });
    await k.type("Jan Testbeller");
    const fresh = page.getByRole("option", { name: /^Nieuwe beller: „Jan Testbeller”/ });
    await expect.poll(() => fresh.getAttribute("aria-selected"), WAIT).toBe("true");
    await k.press("Enter");
    // The typed name is the new caller's name; on to the phone number.
    expect(await field(page, "Naam").inputValue()).toBe("Jan Testbeller");
    expect((await focused()).label).toBe("Telefoon");
    for (let i = 0; i < 3; i++) await k.press("Tab");
    expect((await focused()).label).toBe("De vraag, in de woorden van de beller");
    await k.type("Kan ik mijn aangifte later indienen?");
    await k.press("Tab");
    await k.press("Space");
    const refused = page.waitForResponse((r) => r.url().endsWith("/api/v1/callbacks") && r.request().method() === "POST");
    await k.press("Control+Enter");
    expect((await refused).status()).toBe(400);
    // The server's message, in Dutch, next to the phone field, which has the focus.
    const message = "Hoe bereiken we de beller? Vul een telefoonnummer of e-mailadres in.";
    await page.getByText(message).waitFor();
    await expect.poll(async () => (await focused()).label, WAIT).toBe("Telefoon");
    expect(await field(page, "Telefoon").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible("intake with an error");
    console.info(`refused new caller after ${k.total()} keystrokes: ${k.counts.typed} typed, ${k.counts.navigation} navigation`);
    expect(k.counts.navigation).toBeLessThanOrEqual(NAVIGATION_BUDGET);

    const api = await signedInApi("fatima@vandijk-dewit.example");
    const found = (await (await api.get("/api/v1/clients?q=Testbeller")).json()) as { items: unknown[] };
    expect(found.items).toEqual([]);
  });

  it("Anna accepts it, records an attempt, then the answer: the promise is kept", async () => {
    await context.clearCookies();
    await page.goto("/signin");
    await page.getByLabel("E-mailadres").fill("anna@vandijk-dewit.example");
    await field(page, "Wachtwoord").fill("trustledger-demo");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).waitFor();
    await page.goto(`/commitments/${callbackId}`);
    const panel = page.getByRole("region", { name: "Terugbelverzoek" });
    await panel.waitFor();
    await panel.getByText(QUESTION).waitFor();
    expect(await panel.getByRole("link", { name: CALLER.phone }).getAttribute("href")).toBe("tel:0764754899");
    expect(await panel.getByRole("link", { name: CALLER.email }).getAttribute("href")).toBe(`mailto:${CALLER.email}`);
    await panel.getByText(/^Accepteren vóór /).waitFor();
    await expectAccessible("callback panel");

    await panel.getByRole("button", { name: "Accepteren" }).click();
    await panel.getByRole("status").getByText("Geaccepteerd: het blijft bij u.").waitFor();
    await field(panel, "Notitie bij deze poging (optioneel)").fill("Voicemail ingesproken");
    await panel.getByRole("button", { name: "Gebeld — niet bereikt" }).click();
    await panel.getByRole("status").getByText("Poging vastgelegd: niet bereikt.").waitFor();
    await page.getByText("Anna de Vries heeft de beller gebeld: niet bereikt. Notitie: Voicemail ingesproken").waitFor();
    await expectAccessible("callback panel after an attempt");

    await field(panel, "Wat is geantwoord of afgesproken").fill("Ja, 21% btw; de factuur klopt.");
    await panel.getByRole("button", { name: "Antwoord opslaan en afronden" }).click();
    await panel.getByRole("status").getByText("Antwoord opgeslagen: het terugbelverzoek is afgerond.").waitFor();
    // The answer is shown as text, and the form that took it is gone at once (not after the promise reloads).
    await panel.getByRole("paragraph").filter({ hasText: "Ja, 21% btw; de factuur klopt." }).waitFor();
    expect(await panel.getByRole("textbox", { name: /Wat is geantwoord of afgesproken/ }).count()).toBe(0);

    const anna = await signedInApi("anna@vandijk-dewit.example");
    const callback = (await (await anna.get(`/api/v1/callbacks/${callbackId}`)).json()) as Callback;
    expect(callback).toMatchObject({ attempts: 1, outcome: "Ja, 21% btw; de factuur klopt." });
    expect(callback.acceptedAt).not.toBeNull();
    expect(["kept", "kept_late"]).toContain(callback.commitment.status);
    expect(errors).toEqual([]);
  });
});
