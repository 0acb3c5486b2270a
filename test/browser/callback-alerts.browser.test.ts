import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rerouteUnaccepted } from "../../src/modules/callbacks/callbacks.sweep.ts";
import { fixedClock } from "../../src/shared/clock.ts";
import { createCursorCodec } from "../../src/shared/cursor.ts";
import { addMember } from "../helpers/members.ts";
import { as, type Session, signup } from "../helpers/test-app.ts";
import { type Harness, startHarness } from "./harness.ts";

/**
 * A callback that lapses through every colleague ends under "callbacks
 * without a person" in My day, where an expert accepts it — in Dutch and in
 * English. Each language gets its own organization and callback, made through
 * the API; the sweep runs with a clock set past each deadline, counted from
 * the app's own now, so nothing depends on the date the test runs on.
 */
let harness: Harness;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const WAIT = { timeout: 15_000 };

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await harness?.close();
});

async function lapsedCallback(organizationName: string) {
  const app = harness.app;
  const admin = await signup(app, { name: "Sanne Beheer", organizationName });
  const desk = await addMember(app, admin, "frontdesk", { name: "Fatima Balie" });
  const anna = await addMember(app, admin, "advisor", { name: "Anna de Vries" });
  const lotte = await addMember(app, admin, "lead", { name: "Lotte Leider" });
  await as(app, admin).put(`/api/v1/members/${anna.me.id}/expertise`, { topics: ["Pensions"] });
  const created = await as(app, desk).post("/api/v1/callbacks", {
    newCaller: { name: "Ria Jansen", phone: "06 1234 5678" },
    question: "Kan mijn pensioen eerder ingaan?",
    readBack: true,
    topic: "pension",
  });
  expect(created.statusCode, created.body).toBe(201);
  const callback = created.json();
  // Anna → Lotte (lead) → Sanne (admin) → nobody: each lets it lapse.
  const start = app.clock.now().getTime();
  for (let step = 1; step <= 4; step++) {
    const clock = fixedClock(new Date(start + step * 31 * 60_000));
    await rerouteUnaccepted({
      db: app.database.db,
      clock,
      logger: app.logger,
      baseUrl: harness.baseUrl,
      cursor: createCursorCodec("x".repeat(40)),
    });
  }
  const now = (await as(app, admin).get(`/api/v1/callbacks/${callback.commitment.id}`)).json();
  expect(now.alertReason).toBe("nobody_left");
  return { anna, lotte, id: callback.commitment.id as string, title: callback.commitment.title as string };
}

async function signedIn(session: Session, locale: "nl-NL" | "en-GB"): Promise<Page> {
  const context = await harness.newContext(locale);
  contexts.push(context);
  await context.addCookies(
    session.cookie.split("; ").map((pair) => {
      const [name = "", ...value] = pair.split("=");
      return { name, value: value.join("="), url: harness.baseUrl };
    }),
  );
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  return page;
}

const cases = [
  {
    locale: "nl-NL" as const,
    organization: "Terugbel Zonder Persoon BV",
    section: "Terugbelverzoeken zonder persoon",
    waiting: "Terugbelverzoeken",
    accept: "Accepteren",
    history: /niemand meer om het aan door te geven: Trustledger heeft Fatima Balie, Lotte Leider gewaarschuwd/,
  },
  {
    locale: "en-GB" as const,
    organization: "Callback Without A Person Ltd",
    section: "Callbacks without a person",
    waiting: "Callbacks waiting",
    accept: "Accept",
    history: /nobody is left to pass it to: Trustledger alerted Fatima Balie, Lotte Leider/,
  },
];

describe.each(cases)("callbacks without a person ($locale)", (c) => {
  it("shows the lapsed callback in My day, where an expert accepts it; its history says who was alerted", async () => {
    const { anna, id, title } = await lapsedCallback(c.organization);
    const page = await signedIn(anna, c.locale);
    await page.goto("/my-day");
    const section = page.getByRole("region", { name: c.section });
    await section.getByRole("link", { name: title }).waitFor(WAIT);
    await section.getByRole("button", { name: `${c.accept}: ${title}` }).click();
    // Accepted: gone from the section (which goes when empty), now among Anna's own callbacks.
    await section.waitFor({ state: "detached", ...WAIT });
    await page.getByRole("region", { name: c.waiting, exact: true }).getByRole("link", { name: title }).waitFor(WAIT);
    const saved = (await as(harness.app, anna).get(`/api/v1/callbacks/${id}`)).json();
    expect(saved.acceptedAt).not.toBeNull();
    expect(saved.commitment.owner.id).toBe(anna.me.id);

    await page.getByRole("link", { name: title }).first().click();
    await page.getByText(c.history).waitFor(WAIT);
    expect(errors).toEqual([]);
  });
});

describe("the alert about a callback without a person", () => {
  it("leads the team lead from the notification to the callback, where she accepts it (nl)", async () => {
    const { lotte, id, title } = await lapsedCallback("Melding Zonder Persoon BV");
    const page = await signedIn(lotte, "nl-NL");
    await page.goto("/my-day");
    await page.getByRole("button", { name: /^Meldingen, \d+ ongelezen$/ }).click();
    await page
      .getByRole("button", { name: new RegExp(`Terugbelverzoek zonder persoon: “${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}”`) })
      .click();
    await page.waitForURL(`**/commitments/${id}`, WAIT);
    await page.getByRole("button", { name: "Accepteren", exact: true }).click();
    await page.getByText("Geaccepteerd: het blijft bij u.").waitFor(WAIT);
    const saved = (await as(harness.app, lotte).get(`/api/v1/callbacks/${id}`)).json();
    expect(saved.acceptedAt).not.toBeNull();
    expect(saved.commitment.owner.id).toBe(lotte.me.id);
    expect(errors).toEqual([]);
  });
});
