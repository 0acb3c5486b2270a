import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, startHarness } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness?.close());

/** The texts the flow looks for, per language: the UI must really be in that language. */
const TEXTS = {
  "nl-NL": {
    signupTitle: "Account aanmaken",
    name: "Uw naam",
    email: "E-mailadres",
    password: "Wachtwoord",
    organization: "Naam van uw kantoor",
    submit: "Account aanmaken",
    clientsTitle: "Klanten",
    newClient: "Nieuwe klant",
    clientName: "Naam",
    save: "Opslaan",
    search: "Klanten zoeken",
    allClients: "Alle klanten",
    notFound: "Geen klanten gevonden.",
    companyBadge: "Bedrijf",
    foundVia: "Gevonden via Femke Hoogeveen",
  },
  "en-GB": {
    signupTitle: "Create your account",
    name: "Your name",
    email: "E-mail address",
    password: "Password",
    organization: "Name of your firm",
    submit: "Create account",
    clientsTitle: "Clients",
    newClient: "New client",
    clientName: "Name",
    save: "Save",
    search: "Search clients",
    allClients: "All clients",
    notFound: "No clients found.",
    companyBadge: "Company",
    foundVia: "Found via Femke Hoogeveen",
  },
} as const;

async function signUp(page: Page, text: (typeof TEXTS)[keyof typeof TEXTS], email: string) {
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(text.signupTitle);
  await field(page, text.name).fill("Marieke Jansen");
  await field(page, text.email).fill(email);
  await field(page, text.password).fill("een-lang-wachtwoord");
  await field(page, text.organization).fill("Jansen Advies");
  await page.getByRole("button", { name: text.submit }).click();
  await page.getByRole("heading", { level: 1, name: text.clientsTitle }).waitFor();
}

describe.each(Object.entries(TEXTS))("sign up, create a client, find it (%s)", (locale, text) => {
  it("works end to end in the browser's language", async () => {
    const context = await harness.newContext(locale as "nl-NL" | "en-GB");
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await signUp(page, text, `marieke.${locale}.${Date.now()}@example.test`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale.slice(0, 2));

    const clientName = `Kaasmakerij Zuidwolde ${locale}`;
    await page.getByRole("button", { name: text.newClient }).click();
    const dialog = page.getByRole("dialog");
    await field(dialog, text.clientName).fill(clientName);
    await dialog.getByRole("button", { name: text.save }).click();
    await page.getByRole("heading", { level: 1, name: clientName }).waitFor();
    await expect(page.getByText(text.companyBadge, { exact: true }).count()).resolves.toBeGreaterThan(0);

    // A contact, added through the API with this session: the search finds the client through her and says so.
    const clientId = new URL(page.url()).pathname.split("/").at(-1);
    const contact = await context.request.post(`/api/v1/clients/${clientId}/contacts`, { data: { name: "Femke Hoogeveen" } });
    expect(contact.status()).toBe(201);

    await page.getByRole("link", { name: text.allClients }).click();
    const search = field(page, text.search);
    await search.fill("zuidwold");
    await page.getByRole("link", { name: clientName }).waitFor();
    await expect(page.getByText(text.foundVia).count()).resolves.toBe(0);
    await search.fill("hoogeveen");
    await page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: clientName }) })
      .getByText(text.foundVia)
      .waitFor();
    await search.fill("bestaat-niet-xyz");
    await page.getByText(text.notFound).waitFor();
    await expect(page.getByRole("link", { name: clientName }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

it("switches language in the header and shows server errors in that language", async () => {
  const context = await harness.newContext("en-GB");
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByText("NL", { exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Aanmelden bij Trustledger" }).waitFor();
  await page.getByLabel("E-mailadres").fill("niemand@example.test");
  await field(page, "Wachtwoord").fill("verkeerd-wachtwoord");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await page.getByRole("alert").getByText("Het e-mailadres of wachtwoord is onjuist.").waitFor();
  await context.close();
});
