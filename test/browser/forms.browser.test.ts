import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, signUpInEnglish, startHarness } from "./harness.ts";

/**
 * The New promise form in Dutch and in English, on a fresh organization of its
 * own: the client is picked with the keyboard alone, empty fields get the
 * catalog's sentences (never the browser's bubbles), and the due time is typed
 * in the language's format. The date typed is derived from today (next year),
 * and the check reads the saved instant back in the firm's zone.
 */
let harness: Harness;
let context: BrowserContext;
let page: Page;
const stamp = Date.now().toString(36);
const errors: string[] = [];

const WORDS = {
  nl: {
    myDay: "Mijn dag",
    newPromise: "Nieuwe toezegging",
    client: "Klant",
    title: "Wat is toegezegd",
    doneWhen: "Klaar als",
    due: "Uiterlijk",
    record: "Toezegging vastleggen",
    required: "Vul dit in.",
    badDate: "Typ een datum en tijd als dd-mm-jjjj uu:mm.",
    separator: "-",
    newClient: "Nieuwe klant",
    name: "Naam",
    save: "Opslaan",
    email: "Vul een e-mailadres in, zoals anna@voorbeeld.nl.",
    url: "Vul een webadres in dat begint met https://.",
  },
  en: {
    myDay: "My day",
    newPromise: "New promise",
    client: "Client",
    title: "What was promised",
    doneWhen: "Done when",
    due: "Due",
    record: "Record promise",
    required: "Fill this in.",
    badDate: "Type a date and time as dd/mm/yyyy hh:mm.",
    separator: "/",
    newClient: "New client",
    name: "Name",
    save: "Save",
    email: "Enter an e-mail address such as anna@example.nl.",
    url: "Enter a web address starting with https://.",
  },
} as const;

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

async function useLanguage(language: "nl" | "en") {
  await page.evaluate((value) => localStorage.setItem("trustledger.language", value), language);
  await page.reload();
}

beforeAll(async () => {
  harness = await startHarness();
  context = await harness.newContext("en-GB");
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  await signUpInEnglish(page, { name: "Lotte Visser", email: `lotte-${stamp}@example.nl`, organization: `Visser Advies ${stamp}` });
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

describe.each(["nl", "en"] as const)("New promise in %s", (language) => {
  const words = WORDS[language];
  const clientName = `Zeilmakerij ${language.toUpperCase()} ${stamp}`;
  const promiseTitle = `Jaarrekening ${language} ${stamp}`;

  it("picks the client with the keyboard: type, arrow down, Enter", async () => {
    await useLanguage(language);
    for (const name of [clientName, `${clientName} Noord`]) {
      expect(await api("POST", "/api/v1/clients", { name, kind: "company" })).toMatchObject({ name });
    }
    await page.getByRole("link", { name: words.myDay }).click();
    await page.getByRole("button", { name: words.newPromise }).click();
    const dialog = page.getByRole("dialog", { name: words.newPromise });
    const client = field(dialog, words.client);
    await client.pressSequentially(clientName.slice(0, 16));
    // Once the search has settled, only the two matches are offered and the first is highlighted as one types;
    // the arrow moves the highlight, and Enter picks the highlighted one.
    await expect.poll(() => page.getByRole("option").count()).toBe(2);
    const highlighted = page.locator("[data-combobox-selected]");
    await expect.poll(() => highlighted.textContent({ timeout: 2000 }).catch(() => null)).toBe(clientName);
    await client.press("ArrowDown");
    await expect.poll(() => highlighted.textContent()).toBe(`${clientName} Noord`);
    await client.press("Enter");
    await field(dialog, words.title).waitFor();
    expect(await client.inputValue()).toBe(`${clientName} Noord`);
  });

  it("says what is missing in the UI's language, not with the browser's bubbles", async () => {
    const dialog = page.getByRole("dialog", { name: words.newPromise });
    expect(await dialog.locator("form").evaluate((form) => (form as HTMLFormElement).noValidate)).toBe(true);
    await dialog.getByRole("button", { name: words.record }).click();
    await expect.poll(() => dialog.getByText(words.required, { exact: true }).count()).toBeGreaterThanOrEqual(2);
    await field(dialog, words.title).fill(promiseTitle);
    await field(dialog, words.doneWhen).fill("Getekend retour");
    await field(dialog, words.due).fill(`31${words.separator}02${words.separator}2031 10:00`);
    await dialog.getByRole("button", { name: words.record }).click();
    await dialog.getByText(words.badDate, { exact: true }).waitFor();
    expect(await dialog.getByText(/\b(AM|PM)\b/).count()).toBe(0);
  });

  it("takes a typed due date and time in the language's format, on a 24-hour clock", async () => {
    const dialog = page.getByRole("dialog", { name: words.newPromise });
    const year = new Date().getFullYear() + 1;
    const s = words.separator;
    await field(dialog, words.due).fill(`15${s}06${s}${year} 14:30`);
    await dialog.getByText(/14:30/).waitFor();
    await dialog.getByRole("button", { name: words.record }).click();
    await dialog.waitFor({ state: "detached" });
    const { timeZone } = await api<{ timeZone: string }>("GET", "/api/v1/settings/working-time");
    const list = await api<{ items: { title: string; dueAt: string }[] }>("GET", "/api/v1/commitments?ownerId=me&limit=200");
    const saved = list.items.find((item) => item.title === promiseTitle);
    expect(saved).toBeDefined();
    const wall = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    }).format(new Date(saved?.dueAt ?? 0));
    expect(wall).toBe(`15/06/${year}, 14:30`);
  });

  it("the client form checks with the same schema and says it in the UI's language", async () => {
    await page.goto("/clients");
    await page.getByRole("button", { name: words.newClient }).click();
    const dialog = page.getByRole("dialog", { name: words.newClient });
    await field(dialog, "E-mail").fill("anna@");
    await field(dialog, "Website").fill("voorbeeld.nl");
    await dialog.getByRole("button", { name: words.save }).click();
    await dialog.getByText(words.required, { exact: true }).waitFor();
    await dialog.getByText(words.email, { exact: true }).waitFor();
    await dialog.getByText(words.url, { exact: true }).waitFor();
    await field(dialog, words.name).fill(`Rietdekkersbedrijf ${language} ${stamp}`);
    await field(dialog, "E-mail").fill("info@rietdekker.example");
    await field(dialog, "Website").fill("https://rietdekker.example");
    await dialog.getByRole("button", { name: words.save }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("opening hours are the app's own 24-hour fields, never the browser's time inputs (AM/PM in a Dutch UI)", async () => {
    await page.goto("/settings/working-time");
    const monday = new Intl.DateTimeFormat(language === "nl" ? "nl-NL" : "en-GB", { weekday: "long", timeZone: "UTC" }).format(
      new Date(Date.UTC(2024, 0, 1)),
    );
    await page.getByRole("rowheader", { name: monday, exact: true }).waitFor();
    expect(await page.locator('input[type="time"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
