import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDaysToInstant, dateInZone } from "../../src/core/dates.ts";
import { field, type Harness, screenshotDir, screenshotOf, startHarness } from "./harness.ts";

/**
 * The at-risk list and the pulse in the browser, in Dutch, as the administrator
 * of a new firm: a promise broken without telling the client puts the client on
 * the at-risk page with the Dutch reason, its evidence and next step, and
 * acknowledging it hides it; the client page's rhythm line and team pulse; a
 * pulse link asked for on the client page is answered on a 390 px phone with the
 * keyboard alone, and a second visit says it was answered already; a past promise
 * brought in with its outcome. The at-risk page and the pulse page against axe.
 */
const stamp = Date.now().toString(36);
const clientName = `Bakkerij Veenstra ${stamp}`;
const brokenTitle = `Offerte sturen ${stamp}`;
const contactName = "Anouk de Boer";
let harness: Harness;
let context: BrowserContext;
let page: Page;
let clientId = "";
let pulseUrl = "";
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

async function expectAccessible(target: Page, name: string) {
  await target.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
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

/** A date and time as Dutch is typed (dd-mm-jjjj uu:mm), on the organization's clock (Europe/Amsterdam). */
function dutchTyped(at: Date, hour: number) {
  const [year, month, day] = dateInZone("Europe/Amsterdam", at).split("-");
  return `${day}-${month}-${year} ${String(hour).padStart(2, "0")}:00`;
}

const riskCard = () => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: clientName }) });

describe("at risk (nl)", () => {
  it("signs up in Dutch; a promise is broken without telling the client", async () => {
    await page.goto("/signup");
    await field(page, "Uw naam").fill("Marieke Jansen");
    await field(page, "E-mailadres").fill(`marieke.${stamp}@example.test`);
    await field(page, "Wachtwoord").fill("een-lang-wachtwoord");
    await field(page, "Naam van uw kantoor").fill(`Jansen Advies ${stamp}`);
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Klanten" }).waitFor();

    const me = await api<{ id: string }>("GET", "/api/v1/me");
    clientId = (await api<{ id: string }>("POST", "/api/v1/clients", { kind: "company", name: clientName, accountOwnerId: me.id })).id;
    await api("POST", `/api/v1/clients/${clientId}/contacts`, { name: contactName, email: "anouk@example.test" });
    const promise = await api<{ id: string }>("POST", "/api/v1/commitments", {
      clientId,
      ownerId: me.id,
      title: brokenTitle,
      doneWhen: "De klant heeft de offerte per e-mail",
      source: "call",
      dueAt: addDaysToInstant(new Date(), 30).toISOString(),
    });
    // Broken, and the client was not told.
    await api("POST", `/api/v1/commitments/${promise.id}/break`, { reason: "Niet gelukt" });
  });

  it("My day shows my client at risk, and links to the list", async () => {
    await page.getByRole("link", { name: "Mijn dag" }).click();
    const section = page.getByRole("region", { name: "Uw klanten met risico" });
    await section.getByRole("link", { name: clientName }).waitFor();
    await expect(section.textContent()).resolves.toContain("Volgende stap: Bied excuses aan");
  });

  it("the at-risk page gives the Dutch reason, its evidence and the next step; axe finds nothing serious", async () => {
    await page.getByRole("navigation", { name: "Hoofdnavigatie" }).getByRole("link", { name: "Risico's" }).click();
    await page.getByRole("heading", { level: 1, name: "Klanten met risico" }).waitFor();
    const card = riskCard();
    await card.getByText("1 gebroken afspraak waarover de klant nooit is ingelicht").waitFor();
    await card.getByText("Volgende stap: Bied excuses aan en spreek een nieuwe datum af met de klant").waitFor();
    // The evidence is folded away; opened, the promise links to its own page.
    const reason = card.getByRole("listitem").filter({ hasText: "gebroken afspraak waarover" });
    const toggle = reason.getByRole("button", { name: "Bewijs (1)" });
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("false");
    await toggle.click();
    await expect(toggle.getAttribute("aria-expanded")).resolves.toBe("true");
    await expect(reason.getByRole("link", { name: brokenTitle }).getAttribute("href")).resolves.toMatch(/^\/commitments\/[0-9a-f-]{36}$/);
    await expect(card.textContent()).resolves.toContain("Afspraak gebroken zonder melding");
    await expectAccessible(page, "at-risk page");
    await screenshotOf(page, "at-risk-nl.png", { fullPage: true });
  });

  it("acknowledging asks why (in Dutch, before sending), then hides the client; the toggle shows it again", async () => {
    await riskCard()
      .getByRole("button", { name: `Erkennen: ${clientName}` })
      .click();
    const dialog = page.getByRole("dialog", { name: `${clientName} erkennen` });
    await dialog.getByRole("button", { name: "Erkennen", exact: true }).click();
    await dialog.getByText("Vul dit in.").waitFor();
    await field(dialog, "Waarom").fill("Maandag gebeld, nieuwe datum afgesproken");
    await field(dialog, "Verbergen voor (dagen)").fill("120");
    await dialog.getByRole("button", { name: "Erkennen", exact: true }).click();
    await dialog.getByText("Gebruik 90 of minder.").waitFor();
    await field(dialog, "Verbergen voor (dagen)").fill("30");
    await dialog.getByRole("button", { name: "Erkennen", exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("status").getByText(`${clientName} is erkend en verborgen tot`).waitFor();
    await riskCard().waitFor({ state: "detached" });

    await page.getByRole("checkbox", { name: "Toon ook erkende klanten" }).check();
    await riskCard()
      .getByText(/^Erkend door Marieke Jansen op .*: “Maandag gebeld, nieuwe datum afgesproken”$/)
      .waitFor();
    expect(new URL(page.url()).searchParams.get("acknowledged")).toBe("true");
  });
});

describe("client page: rhythm and pulse (nl)", () => {
  it("says when we were last in touch against the rhythm, and takes the client's own rhythm", async () => {
    await page.goto(`/clients/${clientId}`);
    const rhythm = page.getByTestId("contact-rhythm");
    await rhythm.waitFor();
    expect(await rhythm.textContent()).toMatch(/^Nog geen contact vastgelegd; ritme elke \d+ dagen \(standaard van het kantoor\)$/);
    const section = page.getByRole("region", { name: "Contactritme" });
    await section.getByRole("button", { name: "Ritme wijzigen" }).click();
    await section.getByRole("radio", { name: "Een vast aantal dagen" }).check();
    await field(section, "Elke (dagen)").fill("11");
    await section.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => rhythm.textContent()).toBe("Nog geen contact vastgelegd; ritme elke 11 dagen (ingesteld voor deze klant)");
  });

  it("team pulse: answered privately, shown only from three", async () => {
    const section = page.getByRole("region", { name: "Hoe voelt het om met deze klant te werken?" });
    await section.getByText(/Privé: uw antwoord wordt nooit los getoond/).waitFor();
    await section.getByRole("radio", { name: "4 · prettig" }).check();
    await section.getByRole("button", { name: "Privé antwoorden" }).click();
    await section.getByText(/^U heeft voor \d+e kwartaal \d{4} geantwoord\. Dank u\.$/).waitFor();
    await expect(section.getByTestId("team-pulse-aggregate").textContent()).resolves.toBe("1 van 3 antwoorden — zichtbaar vanaf 3");
  });

  it("asks for a pulse as a link to copy; the same contact again is refused in Dutch", async () => {
    const section = page.getByRole("region", { name: "Klantpeiling" });
    await field(section, "Contactpersoon").click();
    await page.getByRole("option", { name: contactName }).click();
    // A contact with an e-mail address gets it by e-mail unless said otherwise.
    await expect(section.getByRole("radio", { name: "Per e-mail versturen" }).isChecked()).resolves.toBe(true);
    await section.getByRole("radio", { name: "Ik kopieer de link en stuur hem zelf" }).check();
    await section.getByRole("radio", { name: "Nederlands" }).check();
    await section.getByRole("button", { name: "Vraag om een peiling" }).click();
    await section.getByText(`Stuur deze link naar ${contactName}.`, { exact: false }).waitFor();
    pulseUrl = (await section.getByTestId("pulse-link").textContent()) ?? "";
    expect(pulseUrl).toMatch(/\/pulse\/tlq_[A-Za-z0-9_-]{32}$/);
    await section.getByText(/^Respons: 0% \(0 van 1 beantwoord in het afgelopen jaar\)$/).waitFor();

    await field(section, "Contactpersoon").click();
    await page.getByRole("option", { name: contactName }).click();
    await section.getByRole("button", { name: "Vraag om een peiling" }).click();
    await section.getByText(`${contactName} is minder dan`, { exact: false }).waitFor();
  });
});

describe("pulse page on a phone", () => {
  it("is answered with the keyboard alone at 390 px, in the request's language (Dutch in an English browser)", async () => {
    const phone = await harness.browser.newContext({
      locale: "en-GB",
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      baseURL: harness.baseUrl,
      reducedMotion: "reduce",
    });
    const visitor = await phone.newPage();
    visitor.on("pageerror", (error) => errors.push(error.message));
    try {
      await visitor.goto(new URL(pulseUrl).pathname);
      await visitor.getByRole("heading", { level: 1, name: /^Vier korte vragen van Jansen Advies/ }).waitFor();
      await visitor.getByText(`Beste ${contactName}, hoe ervaart u de samenwerking`, { exact: false }).waitFor();
      await expect(visitor.evaluate(() => document.documentElement.lang)).resolves.toBe("nl");
      expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(visitor, "pulse page");
      await screenshotOf(visitor, "pulse-nl.png", { fullPage: true });

      // Sending with nothing chosen says what is missing and puts the focus on the first statement.
      await visitor.getByRole("button", { name: "Antwoorden versturen" }).focus();
      await visitor.keyboard.press("Enter");
      await visitor.getByRole("alert").getByText("Geef bij alle vier de stellingen een antwoord.").waitFor();
      const first = visitor.getByRole("group", { name: "Zij doen wat zij zeggen" });
      await expect
        .poll(() => first.getByRole("radio", { name: "1, helemaal mee oneens" }).evaluate((el) => el === document.activeElement))
        .toBe(true);

      // Arrow keys choose within a statement, Tab goes on to the next.
      const answers: [string, number][] = [
        ["Zij doen wat zij zeggen", 4],
        ["Zij hebben mijn belang voor ogen", 5],
        ["Zij verstaan hun vak", 3],
        ["Zij leveren wat ik nodig heb", 4],
      ];
      for (const [index, [, value]] of answers.entries()) {
        if (index > 0) await visitor.keyboard.press("Tab");
        for (let step = 1; step < value; step++) await visitor.keyboard.press("ArrowRight");
      }
      await expect(first.getByRole("radio", { name: "4, mee eens" }).isChecked()).resolves.toBe(true);
      await expect(
        visitor
          .getByRole("group", { name: "Zij hebben mijn belang voor ogen" })
          .getByRole("radio", { name: "5, helemaal mee eens" })
          .isChecked(),
      ).resolves.toBe(true);
      await expect(
        visitor.getByRole("group", { name: "Zij leveren wat ik nodig heb" }).getByRole("radio", { name: "4, mee eens" }).isChecked(),
      ).resolves.toBe(true);
      await visitor.keyboard.press("Tab");
      await visitor.keyboard.type("Fijne samenwerking, soms wat traag.");
      await visitor.keyboard.press("Tab");
      await visitor.keyboard.press("Enter");
      await visitor.getByRole("heading", { level: 1, name: "Dank u wel!" }).waitFor();

      // A second visit: answered already.
      await visitor.reload();
      await visitor.getByRole("heading", { level: 1, name: "Al beantwoord" }).waitFor();
      await visitor.getByText("U heeft deze vragen al beantwoord. Dank u wel!").waitFor();
    } finally {
      await phone.close();
    }

    // Another device: the link no longer works, said calmly.
    const other = await harness.browser.newContext({ locale: "nl-NL", baseURL: harness.baseUrl, reducedMotion: "reduce" });
    try {
      const stranger = await other.newPage();
      await stranger.goto(new URL(pulseUrl).pathname);
      await stranger.getByRole("heading", { level: 1, name: "Deze link werkt niet meer" }).waitFor();
    } finally {
      await other.close();
    }
  });

  it("the client page shows the answer, the response rate and the client's view", async () => {
    await page.reload();
    const section = page.getByRole("region", { name: "Klantpeiling" });
    await section.getByText(/^Respons: 100% \(1 van 1 beantwoord in het afgelopen jaar\)$/).waitFor();
    const perceived = section.getByTestId("pulse-perceived");
    await expect(perceived.getByRole("row", { name: /Integriteit/ }).textContent()).resolves.toContain("4,0");
    await expect(perceived.getByRole("row", { name: /Intentie/ }).textContent()).resolves.toContain("5,0");
    await section.getByRole("cell", { name: "Fijne samenwerking, soms wat traag." }).waitFor();
  });
});

describe("history on arrival (nl)", () => {
  it("records a past promise with its outcome; an outcome that does not fit the dates is said beside the field", async () => {
    await page.getByRole("region", { name: "Toezeggingen" }).getByRole("button", { name: "Nieuwe toezegging" }).click();
    const form = page.getByRole("dialog", { name: "Nieuwe toezegging" });
    const title = `Jaarrekening ${stamp}`;
    await field(form, "Wat is toegezegd").fill(title);
    await field(form, "Klaar als").fill("De klant heeft de jaarrekening");
    await field(form, "Uiterlijk").fill(dutchTyped(addDaysToInstant(new Date(), -5), 9));
    await form.getByRole("checkbox", { name: "Dit is een eerder gedane toezegging (vastleggen als te laat)" }).check();
    await field(form, "Hoe is het afgelopen?").click();
    await page.getByRole("option", { name: "Op tijd nagekomen" }).click();
    await field(form, "Afgesloten op").fill(dutchTyped(addDaysToInstant(new Date(), -3), 15));
    await form.getByRole("button", { name: "Toezegging vastleggen" }).click();
    await form.getByText("Afgesloten na het afgesproken moment: kies “Te laat nagekomen”.").waitFor();
    await field(form, "Hoe is het afgelopen?").click();
    await page.getByRole("option", { name: "Te laat nagekomen" }).click();
    await form.getByRole("button", { name: "Toezegging vastleggen" }).click();
    await form.waitFor({ state: "detached" });
    const saved = await api<{ items: { title: string; status: string; closedAt: string | null }[] }>(
      "GET",
      `/api/v1/commitments?clientId=${clientId}&state=closed&limit=50`,
    );
    const found = saved.items.find((item) => item.title === title);
    expect(found?.status).toBe("kept_late");
    expect(found?.closedAt).not.toBeNull();
    expect(errors).toEqual([]);
  });
});
