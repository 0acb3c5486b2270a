import type { BrowserContext, Locator, Page } from "playwright-core";
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

/** What the field's accessible description says: its hint and, once there is one, its error beside it. */
function besides(input: Locator): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? "") : ""))
      .join(" | "),
  );
}

/** An instant on the firm's wall clock, as "dd/mm/yyyy, hh:mm". */
function wallIn(timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
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

const AUTH = {
  nl: {
    locale: "nl-NL",
    email: "E-mailadres",
    password: "Wachtwoord",
    name: "Uw naam",
    organization: "Naam van uw kantoor",
    signIn: "Aanmelden",
    signUp: "Account aanmaken",
    required: "Vul dit in.",
    badEmail: "Vul een e-mailadres in, zoals anna@voorbeeld.nl.",
    short: "Gebruik minstens 8 tekens.",
  },
  en: {
    locale: "en-GB",
    email: "E-mail address",
    password: "Password",
    name: "Your name",
    organization: "Name of your firm",
    signIn: "Sign in",
    signUp: "Create account",
    required: "Fill this in.",
    badEmail: "Enter an e-mail address such as anna@example.nl.",
    short: "Use at least 8 characters.",
  },
} as const;

describe.each(["nl", "en"] as const)("signing in and up in %s", (language) => {
  const words = AUTH[language];
  it("says what is missing beside each field in the UI's language, before anything is sent, never with the browser's bubbles", async () => {
    const guest = await harness.newContext(words.locale);
    try {
      const tab = await guest.newPage();
      const sent: string[] = [];
      tab.on("request", (request) => {
        if (request.method() !== "GET") sent.push(new URL(request.url()).pathname);
      });
      await tab.goto("/signin");
      const signInForm = tab.locator("form").filter({ has: tab.getByRole("button", { name: words.signIn, exact: true }) });
      expect(await signInForm.evaluate((form) => (form as HTMLFormElement).noValidate)).toBe(true);
      await tab.getByRole("button", { name: words.signIn, exact: true }).click();
      await expect.poll(() => besides(field(tab, words.email))).toContain(words.required);
      expect(await besides(field(tab, words.password))).toContain(words.required);
      await field(tab, words.email).fill("anna@");
      await tab.getByRole("button", { name: words.signIn, exact: true }).click();
      await expect.poll(() => besides(field(tab, words.email))).toContain(words.badEmail);

      await tab.goto("/signup");
      const signUpForm = tab.locator("form").filter({ has: tab.getByRole("button", { name: words.signUp }) });
      expect(await signUpForm.evaluate((form) => (form as HTMLFormElement).noValidate)).toBe(true);
      await field(tab, words.name).fill("Anna de Vries");
      await field(tab, words.email).fill("anna@");
      await field(tab, words.password).fill("kort");
      await tab.getByRole("button", { name: words.signUp }).click();
      await expect.poll(() => besides(field(tab, words.password))).toContain(words.short);
      expect(await besides(field(tab, words.email))).toContain(words.badEmail);
      expect(await besides(field(tab, words.organization))).toContain(words.required);
      expect(await besides(field(tab, words.name))).not.toContain(words.required);
      expect(sent).toEqual([]);
    } finally {
      await guest.close();
    }
  });
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
    expect(wallIn(timeZone, saved?.dueAt ?? "")).toBe(`15/06/${year}, 14:30`);
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

/**
 * The other forms in Dutch, each checked with the API's own schema before it
 * sends: the catalog's sentence beside the field, and the form itself lets no
 * browser bubble show. The due time of a move and of the notice to the client
 * is typed as dd-mm-jjjj uu:mm, like the New promise form's.
 */
describe("the other forms in Dutch", () => {
  const year = new Date().getFullYear() + 1;
  let clientId = "";
  let commitmentId = "";
  const posted: string[] = [];
  const noValidate = (form: Locator) => form.evaluate((element) => (element as HTMLFormElement).noValidate);

  beforeAll(async () => {
    await useLanguage("nl");
    page.on("request", (request) => {
      if (request.method() !== "GET") posted.push(new URL(request.url()).pathname);
    });
  });

  it("contact form", async () => {
    clientId = (await api<{ id: string }>("POST", "/api/v1/clients", { name: `Scheepswerf ${stamp}`, kind: "company" })).id;
    await page.goto(`/clients/${clientId}`);
    await page.getByRole("button", { name: "Contactpersoon toevoegen" }).click();
    const dialog = page.getByRole("dialog", { name: "Contactpersoon toevoegen" });
    expect(await noValidate(dialog.locator("form"))).toBe(true);
    await field(dialog, "Telefoon").fill("bel maar");
    posted.length = 0;
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => besides(field(dialog, "Naam"))).toContain("Vul dit in.");
    expect(await besides(field(dialog, "Telefoon"))).toContain("Dit staat niet in de verwachte vorm.");
    expect(posted).toEqual([]);
    await field(dialog, "Naam").fill("Anna de Vries");
    await field(dialog, "E-mail").fill("anna@scheepswerf.example");
    await field(dialog, "Telefoon").fill("+31 20 123 4567");
    await dialog.getByRole("button", { name: "Opslaan" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("Anna de Vries", { exact: true }).first().waitFor();
  });

  it("SLA policy form", async () => {
    await page.goto("/settings/sla-policies");
    await page.getByRole("button", { name: "Nieuwe servicetermijn" }).click();
    const dialog = page.getByRole("dialog", { name: "Nieuwe servicetermijn" });
    expect(await noValidate(dialog.locator("form"))).toBe(true);
    await field(dialog, "Binnen").fill("");
    posted.length = 0;
    await dialog.getByRole("button", { name: "Servicetermijn aanmaken" }).click();
    await expect.poll(() => besides(field(dialog, "Naam"))).toContain("Vul dit in.");
    expect(await besides(field(dialog, "Binnen"))).toContain("Vul dit in.");
    expect(posted).toEqual([]);
    await field(dialog, "Naam").fill(`Terugbellen ${stamp}`);
    await field(dialog, "Binnen").fill("2");
    await dialog.getByRole("button", { name: "Servicetermijn aanmaken" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText(`Terugbellen ${stamp}`, { exact: true }).waitFor();
  });

  it("team and invitation forms", async () => {
    await page.goto("/settings/teams");
    const create = page.getByRole("button", { name: "Team aanmaken" });
    expect(await noValidate(page.locator("form").filter({ has: create }))).toBe(true);
    posted.length = 0;
    await create.click();
    await expect.poll(() => besides(field(page, "Teamnaam"))).toContain("Vul dit in.");
    expect(posted).toEqual([]);
    await field(page, "Teamnaam").fill(`Fiscaal ${stamp}`);
    await create.click();
    await page.getByRole("heading", { name: `Fiscaal ${stamp}` }).waitFor();

    await page.goto("/settings/members");
    const invite = page.getByRole("button", { name: "Uitnodiging maken" });
    expect(await noValidate(page.locator("form").filter({ has: invite }))).toBe(true);
    await field(page, "E-mailadres").fill("collega@");
    posted.length = 0;
    await invite.click();
    await expect.poll(() => besides(field(page, "E-mailadres"))).toContain("Vul een e-mailadres in, zoals anna@voorbeeld.nl.");
    expect(posted).toEqual([]);
  });

  it("a new due time is typed as dd-mm-jjjj uu:mm on a 24-hour clock", async () => {
    const me = await api<{ id: string }>("GET", "/api/v1/me");
    commitmentId = (
      await api<{ id: string }>("POST", "/api/v1/commitments", {
        clientId,
        title: `Loonaangifte ${stamp}`,
        doneWhen: "Ingediend bij de Belastingdienst",
        ownerId: me.id,
        dueIn: { amount: 2, unit: "working_days" },
        source: "meeting",
        kind: "deliverable",
      })
    ).id;
    await page.goto(`/commitments/${commitmentId}`);
    await page.getByRole("button", { name: "Nieuwe termijn afspreken" }).click();
    const dialog = page.getByRole("dialog", { name: "Nieuwe termijn afspreken" });
    expect(await noValidate(dialog.locator("form"))).toBe(true);
    await field(dialog, "Nieuwe termijn").fill(`31-02-${year} 10:00`);
    posted.length = 0;
    await dialog.getByRole("button", { name: "Nieuwe termijn vastleggen" }).click();
    await expect.poll(() => besides(field(dialog, "Nieuwe termijn"))).toContain("Typ een datum en tijd als dd-mm-jjjj uu:mm.");
    expect(await besides(field(dialog, "Reden"))).toContain("Geef een reden.");
    expect(posted).toEqual([]);
    await field(dialog, "Nieuwe termijn").fill(`05-01-${year} 14:30`);
    await dialog.getByText(/5 januari.*14:30/).waitFor();
    await field(dialog, "Reden").fill("De stukken van de klant komen later");
    await dialog.getByRole("radio", { name: "Ja" }).check();
    await dialog.getByRole("button", { name: "Nieuwe termijn vastleggen" }).click();
    await dialog.waitFor({ state: "detached" });
    const { timeZone } = await api<{ timeZone: string }>("GET", "/api/v1/settings/working-time");
    const moved = await api<{ dueAt: string }>("GET", `/api/v1/commitments/${commitmentId}`);
    expect(wallIn(timeZone, moved.dueAt)).toBe(`05/01/${year}, 14:30`);
  });

  it("the notice to the client takes a typed due time too, and is drafted anew for it", async () => {
    await page.getByRole("button", { name: "Klant informeren" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Klant informeren" });
    const message = field(dialog, "Bericht");
    await expect.poll(() => message.inputValue()).toMatch(/5 (januari|January)/);
    expect(await noValidate(dialog.locator("form"))).toBe(true);
    await field(dialog, "Nieuwe termijn").fill(`12-01-${year} 9:15`);
    // The message is in the client's language, whichever that is.
    await expect.poll(() => message.inputValue()).toMatch(/12 (januari|January)/);
    expect(await message.inputValue()).toContain("09:15");
    await field(dialog, "Nieuwe termijn").fill(`6-1-${year} 25:00`);
    posted.length = 0;
    await dialog.getByRole("button", { name: "Versturen en termijn verschuiven" }).click();
    await expect.poll(() => besides(field(dialog, "Nieuwe termijn"))).toContain("Typ een datum en tijd als dd-mm-jjjj uu:mm.");
    expect(await besides(field(dialog, "Reden"))).toContain("Geef een reden.");
    expect(posted).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("breaking a promise asks for a reason beside the field, and records whether the client was told", async () => {
    const me = await api<{ id: string }>("GET", "/api/v1/me");
    const broken = await api<{ id: string }>("POST", "/api/v1/commitments", {
      clientId,
      title: `Btw-aangifte ${stamp}`,
      doneWhen: "Ingediend",
      ownerId: me.id,
      dueIn: { amount: 3, unit: "working_days" },
      source: "meeting",
      kind: "deliverable",
    });
    await page.goto(`/commitments/${broken.id}`);
    await page.getByRole("button", { name: "Niet nagekomen", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Niet nagekomen" });
    expect(await noValidate(dialog.locator("form"))).toBe(true);
    posted.length = 0;
    await dialog.getByRole("button", { name: "Vastleggen als niet nagekomen" }).click();
    await expect.poll(() => besides(field(dialog, "Reden"))).toContain("Geef een reden.");
    expect(posted).toEqual([]);
    await field(dialog, "Reden").fill("De klant heeft een ander kantoor gevraagd");
    await dialog.getByRole("checkbox", { name: "De klant is ingelicht dat het niet doorgaat" }).check();
    await dialog.getByRole("button", { name: "Vastleggen als niet nagekomen" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await api<{ status: string }>("GET", `/api/v1/commitments/${broken.id}`)).toMatchObject({ status: "broken" });
    const kinds = async () =>
      (
        await api<{ items: { kind: string; source: { id: string } }[] }>("GET", `/api/v1/clients/${clientId}/trust/evidence?core=integrity`)
      ).items
        .filter((item) => item.source.id === broken.id)
        .map((item) => item.kind);
    await expect.poll(kinds).toEqual(["commitment_broken_disclosed"]);
    expect(errors).toEqual([]);
  });
});
