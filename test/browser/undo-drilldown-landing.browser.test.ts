import type { APIRequestContext, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dateInZone } from "../../src/core/dates.ts";
import { field, type Harness, startHarness } from "./harness.ts";

/**
 * Issue 9, items 10, 11 and 14, in Dutch and English, on the demo
 * organization: "Mark done" shows what done means and can be undone; every
 * figure of the Team page opens the promises behind it; each role lands on its
 * own page. The promises checked here are created by the test; what the demo
 * holds besides is read from the API, never assumed, so the day it runs on
 * does not matter.
 */
const PASSWORD = "trustledger-demo";
const USERS = {
  frontdesk: "fatima@vandijk-dewit.example",
  advisor: "anna@vandijk-dewit.example",
  lead: "pieter@vandijk-dewit.example",
};
const ZONE = "Europe/Amsterdam";
const stamp = Date.now().toString(36);
const WAIT = { timeout: 20_000 };

type Language = "en" | "nl";
const TEXT = {
  en: {
    locale: "en-GB",
    email: "E-mail address",
    password: "Password",
    signIn: "Sign in",
    intake: "Take a callback",
    myDay: "My day",
    team: "Team",
    markDone: "Mark done",
    confirm: "Yes, it is done",
    means: "Done means: ",
    undo: "Undo",
    kept: "Kept",
    open: "Open",
    reopened: /undid closing it: it is to be done again\.$/,
    filters: "Filters",
    removeStatus: /^Remove filter: Status: /,
    ownerChip: "Owner: Anna de Vries",
  },
  nl: {
    locale: "nl-NL",
    email: "E-mailadres",
    password: "Wachtwoord",
    signIn: "Aanmelden",
    intake: "Terugbelverzoek aannemen",
    myDay: "Mijn dag",
    team: "Team",
    markDone: "Afronden",
    confirm: "Ja, het is klaar",
    means: "Klaar als: ",
    undo: "Ongedaan maken",
    kept: "Nagekomen",
    open: "Open",
    reopened: /heeft het afsluiten ongedaan gemaakt: de toezegging staat weer open\.$/,
    filters: "Filters",
    removeStatus: /^Filter verwijderen: Status: /,
    ownerChip: "Eigenaar: Anna de Vries",
  },
} as const;

let harness: Harness;
let lead: APIRequestContext;
let leadContext: BrowserContext;
const contexts: BrowserContext[] = [];
const errors: string[] = [];

beforeAll(async () => {
  harness = await startHarness({ demo: true });
  leadContext = await harness.newContext("en-GB");
  lead = leadContext.request;
  expect((await lead.post("/api/v1/session", { data: { email: USERS.lead, password: PASSWORD } })).status()).toBe(200);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await leadContext?.close();
  await harness?.close();
});

async function newPage(language: Language): Promise<Page> {
  const context = await harness.newContext(TEXT[language].locale);
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  return page;
}

async function signIn(page: Page, language: Language, email: string) {
  const text = TEXT[language];
  await page.goto("/signin");
  await page.getByLabel(text.email).fill(email);
  await field(page, text.password).fill(PASSWORD);
  await page.getByRole("button", { name: text.signIn }).click();
}

async function memberId(name: string): Promise<string> {
  const members = (await (await lead.get("/api/v1/members")).json()).items as { id: string; name: string }[];
  const member = members.find((m) => m.name === name);
  if (!member) throw new Error(`no member ${name}`);
  return member.id;
}

/** A promise of the demo client Bakkerij…, owned by `ownerId`, due in three working days. */
async function createPromise(ownerId: string, title: string, doneWhen = "The client has it") {
  const clients = (await (await lead.get("/api/v1/clients?q=bakkerij&limit=1")).json()).items as { id: string }[];
  const response = await lead.post("/api/v1/commitments", {
    data: { clientId: clients[0]?.id, title, doneWhen, ownerId, dueIn: { amount: 3, unit: "working_days" }, source: "meeting" },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string };
}

/** Today in the organization's time zone, and the days around it: a period that surely holds "now". */
function periodAroundToday() {
  const today = dateInZone(ZONE, new Date());
  return { from: addDays(today, -1), to: addDays(today, 1) };
}

describe("Mark done shows what done means, and can be undone (item 10)", () => {
  for (const language of ["en", "nl"] as const) {
    it(`in ${language === "en" ? "English" : "Dutch"}: the criterion before, Undo after, back to open with both events in the story`, async () => {
      const text = TEXT[language];
      const anna = await memberId("Anna de Vries");
      const title = `Send the payroll overview ${language} ${stamp}`;
      const doneWhen = `The overview ${stamp} is in the client's portal`;
      const created = await createPromise(anna, title, doneWhen);
      const page = await newPage(language);
      await signIn(page, language, USERS.advisor);
      await page.getByRole("heading", { level: 1, name: text.myDay }).waitFor(WAIT);
      await page.goto(`/commitments/${created.id}`);
      await page.getByRole("heading", { level: 1, name: title }).waitFor(WAIT);

      await page.getByRole("button", { name: text.markDone, exact: true }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText(`${text.means}${doneWhen}`, { exact: true }).waitFor(WAIT);
      await dialog.getByRole("button", { name: text.confirm }).click();
      await dialog.waitFor({ state: "detached" });
      const details = page.getByRole("region", { name: language === "en" ? "Details" : "Gegevens" });
      await details.getByText(text.kept, { exact: true }).waitFor(WAIT);

      const offer = page.getByRole("status").filter({ hasText: title });
      await offer.getByRole("button", { name: text.undo }).click();
      await offer.waitFor({ state: "detached" });
      await details.getByText(text.open, { exact: true }).waitFor(WAIT);
      await page.getByRole("button", { name: text.markDone, exact: true }).waitFor(WAIT);
      const story = page.getByRole("region", { name: language === "en" ? "What happened" : "Verloop" });
      await story.getByText(text.reopened).waitFor(WAIT);

      const saved = await (await lead.get(`/api/v1/commitments/${created.id}`)).json();
      expect(saved.status).toBe("open");
      expect(saved.events.map((e: { kind: string }) => e.kind)).toEqual(["created", "completed", "reopened"]);
    });
  }
});

describe("every figure on the Team page opens the promises behind it (item 11)", () => {
  let ids: Record<string, string> = {};
  beforeAll(async () => {
    // Anna's promises closed now: kept, broken and cancelled, plus one still open.
    const anna = await memberId("Anna de Vries");
    ids = {};
    for (const name of ["kept", "broken", "cancelled", "open"]) ids[name] = (await createPromise(anna, `Drill ${name} ${stamp}`)).id;
    expect((await lead.post(`/api/v1/commitments/${ids.kept}/complete`, { data: {} })).status()).toBe(200);
    expect((await lead.post(`/api/v1/commitments/${ids.broken}/break`, { data: { reason: "Missed it" } })).status()).toBe(200);
    const cancel = await lead.post(`/api/v1/commitments/${ids.cancelled}/cancel`, { data: { reason: "Not needed", clientAgreed: true } });
    expect(cancel.status()).toBe(200);
  });

  for (const language of ["en", "nl"] as const) {
    it(`in ${language === "en" ? "English" : "Dutch"}: a person's rate lists exactly the promises it counts; a filter can be removed`, async () => {
      const text = TEXT[language];
      const period = periodAroundToday();
      const figures = await (await lead.get(`/api/v1/reliability?${new URLSearchParams({ ...period, groupBy: "owner" })}`)).json();
      const anna = figures.groups.find((group: { name: string }) => group.name === "Anna de Vries");
      const counted = anna.kept + anna.keptLate + anna.broken;
      expect(counted).toBeGreaterThanOrEqual(2);

      const page = await newPage(language);
      await signIn(page, language, USERS.lead);
      await page.getByRole("heading", { level: 1, name: text.team }).waitFor(WAIT);
      await page.goto(`/team?from=${period.from}&to=${period.to}&groupBy=owner`);
      const rate = page.getByRole("link", {
        name: new RegExp(`^Anna de Vries: ${language === "en" ? "kept on time" : "op tijd nagekomen"} `),
      });
      await rate.click();
      await page.getByRole("heading", { level: 1, name: language === "en" ? "Promises" : "Toezeggingen" }).waitFor(WAIT);
      const chips = page.getByRole("group", { name: text.filters });
      await chips.getByText(text.ownerChip).waitFor(WAIT);
      const rows = page.getByRole("row").filter({ has: page.getByRole("link") });
      await expect.poll(() => rows.count(), WAIT).toBe(counted);
      await rows.filter({ hasText: `Drill kept ${stamp}` }).waitFor();
      await rows.filter({ hasText: `Drill broken ${stamp}` }).waitFor();
      expect(await rows.filter({ hasText: `Drill cancelled ${stamp}` }).count()).toBe(0);
      expect(await rows.filter({ hasText: `Drill open ${stamp}` }).count()).toBe(0);
      // Every row is Anna's, closed as kept, kept late or not kept.
      for (const row of await rows.all()) await expect(row.textContent()).resolves.toContain("Anna de Vries");

      // Without the status filter, the cancelled one (closed in the period too) appears; the open one never does.
      await chips.getByRole("button", { name: text.removeStatus }).click();
      await rows.filter({ hasText: `Drill cancelled ${stamp}` }).waitFor(WAIT);
      expect(page.url()).not.toContain("status=");
      expect(await rows.filter({ hasText: `Drill open ${stamp}` }).count()).toBe(0);

      // The overdue figure of the whole organization opens its list, with the same count.
      await page.goto(`/team?from=${period.from}&to=${period.to}&groupBy=owner`);
      const overdue = page.getByRole("link", {
        name: new RegExp(`^${language === "en" ? "Everyone" : "Iedereen"}: ${figures.total.overdueNow} `),
      });
      await overdue.click();
      await chips.waitFor(WAIT);
      await expect.poll(() => rows.count(), WAIT).toBe(Math.min(figures.total.overdueNow, 100));
    });
  }
});

describe("each role lands on its own page (item 14)", () => {
  const landings = [
    { role: "frontdesk", path: "/callbacks/new", heading: (language: Language) => TEXT[language].intake },
    { role: "advisor", path: "/my-day", heading: (language: Language) => TEXT[language].myDay },
    { role: "lead", path: "/team", heading: (language: Language) => TEXT[language].team },
  ] as const;
  for (const language of ["en", "nl"] as const) {
    for (const landing of landings) {
      it(`${landing.role} in ${language === "en" ? "English" : "Dutch"}: after signing in and on /`, async () => {
        const page = await newPage(language);
        await signIn(page, language, USERS[landing.role]);
        await page.getByRole("heading", { level: 1, name: landing.heading(language) }).waitFor(WAIT);
        expect(new URL(page.url()).pathname).toBe(landing.path);
        await page.goto("/clients");
        await page.goto("/");
        await page.getByRole("heading", { level: 1, name: landing.heading(language) }).waitFor(WAIT);
        expect(new URL(page.url()).pathname).toBe(landing.path);
      });
    }
  }

  it("no page errors", () => {
    expect(errors).toEqual([]);
  });
});
