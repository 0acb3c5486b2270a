import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { sql } from "kysely";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, screenshotDir, startHarness } from "./harness.ts";

/**
 * The Team figures, the Working time, SLA policies and My calendar settings and
 * a client's agreed service levels, on the demo organization as its administrator:
 * what they show, that changes stick, and axe (no serious or critical violations).
 */
const screenshots = screenshotDir;
let harness: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  harness = await startHarness({ demo: true });
  context = await harness.newContext("en-GB");
  page = await context.newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  await page.goto("/signin");
  await page.getByLabel("E-mail address").fill("sanne@vandijk-dewit.example");
  await field(page, "Password").fill("trustledger-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Clients" }).waitFor();
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

/** The whole page in one tall window (the header and navigation stay in place), without a hover highlight. */
async function shoot(file: string) {
  await page.mouse.move(1279, 799);
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 800), 2400) });
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  await page.screenshot({ path: path.join(screenshots, file) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function api<T>(method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(url, { method, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A few promises closed today (kept, kept late, not kept, cancelled) and one overdue, spread over people and clients. */
async function recordPromises() {
  const members = (await api<{ items: { id: string }[] }>("GET", "/api/v1/members")).items;
  const clients = (await api<{ items: { id: string }[] }>("GET", "/api/v1/clients?limit=6")).items;
  const plans = ["kept", "kept", "late", "kept", "broken", "kept", "overdue", "kept", "late", "cancelled", "kept"] as const;
  for (const [index, plan] of plans.entries()) {
    const past = plan === "late" || plan === "overdue";
    const hours = past ? -3 : 30;
    const created = await api<{ id: string }>("POST", "/api/v1/commitments", {
      clientId: clients[index % clients.length]!.id,
      ownerId: members[index % members.length]!.id,
      title: `Send the figures (${index})`,
      doneWhen: "The client has them by e-mail",
      source: "call",
      kind: index % 3 === 0 ? "callback" : "deliverable",
      dueAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
      ...(past ? { pastPromise: true } : {}),
    });
    const id = created.id;
    if (plan === "kept" || plan === "late") await api("POST", `/api/v1/commitments/${id}/complete`, {});
    if (plan === "broken") await api("POST", `/api/v1/commitments/${id}/break`, { reason: "It slipped through" });
    if (plan === "cancelled") await api("POST", `/api/v1/commitments/${id}/cancel`, { reason: "No longer needed", clientAgreed: true });
  }
}

describe("team figures and the settings of promises", () => {
  it("Team page: the demo's figures or the empty state", async () => {
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Team" }).click();
    await page.getByRole("heading", { level: 1, name: "Team" }).waitFor();
    await page
      .getByText("Nothing was due in this period.")
      .or(page.getByRole("heading", { level: 2, name: "Per person" }))
      .first()
      .waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Last 90 days" }).getAttribute("aria-pressed")).toBe("true");
    await expectAccessible("team");
  });

  it("Team page with figures: headline, trend, table per person and per client", async () => {
    await recordPromises();
    await page.reload();
    const perPerson = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: /Person/ }) });
    await perPerson.waitFor();
    await expect.poll(() => perPerson.getByRole("row").count()).toBeGreaterThan(1);
    // The chart is a group of links, one per week (each opens the promises behind it).
    await expect.poll(() => page.getByRole("group", { name: /kept on time over \d+ weeks/ }).count()).toBe(1);
    expect(await page.getByText(/\d+ of \d+ promises that fell due/).count()).toBe(1);
    // Sorting by rate is announced on the column.
    const rate = page.getByRole("columnheader", { name: /On-time rate/ });
    await rate.getByRole("button").click();
    await expect.poll(() => rate.getAttribute("aria-sort")).toBe("descending");
    await expectAccessible("team with figures");
    await shoot("team.png");

    await page.getByText("Client", { exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Per client" }).waitFor();
    expect(page.url()).toContain("groupBy=client");
    await page.getByRole("button", { name: "This year" }).click();
    await expect.poll(() => page.url()).toContain(`from=${new Date().getFullYear()}-01-01`);
    await page.getByRole("heading", { level: 2, name: "Per client" }).waitFor();
  });

  it("Per client in a large firm: the first 200 rows, then more on request", async () => {
    // 210 more clients, each with a promise kept a minute ago, written straight into the database.
    const me = await api<{ id: string; organizationId: string }>("GET", "/api/v1/me");
    const db = harness.app.database.db;
    await sql`
      insert into clients (org_id, id, kind, name, sort_name)
      select ${me.organizationId}, gen_random_uuid(), 'company', 'Zz Bulk ' || lpad(i::text, 3, '0'), 'zz bulk ' || lpad(i::text, 3, '0')
        from generate_series(1, 210) as i`.execute(db);
    await sql`
      insert into commitments (org_id, id, client_id, title, done_when, owner_id, created_by, source, status,
                               due_at, original_due_at, closed_at, created_at)
      select c.org_id, gen_random_uuid(), c.id, 'Bulk', 'done', ${me.id}, ${me.id}, 'note', 'kept',
             now(), now(), now() - interval '1 minute', now() - interval '1 hour'
        from clients c where c.org_id = ${me.organizationId} and c.name like 'Zz Bulk %'`.execute(db);
    await page.reload();
    const perClient = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: /Client/ }) });
    await perClient.waitFor();
    const shownOf = page.getByText(/^Showing 200 of \d+\.$/);
    await shownOf.waitFor();
    const total = Number(/of (\d+)/.exec((await shownOf.textContent()) ?? "")?.[1]);
    expect(total).toBeGreaterThanOrEqual(210);
    expect(await perClient.locator("tbody tr").count()).toBe(200);
    await page.getByRole("button", { name: `Show ${Math.min(200, total - 200)} more` }).click();
    await expect.poll(() => perClient.locator("tbody tr").count()).toBe(Math.min(total, 400));
    if (total <= 400) expect(await page.getByText(/^Showing \d+ of/).count()).toBe(0);
  });

  it("Working time: a holiday choice is saved and kept", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("tab", { name: "Working time" }).click();
    await page.getByRole("heading", { level: 2, name: "Public holidays" }).waitFor();
    await expectAccessible("working time");
    const goodFriday = page.getByRole("switch", { name: "Closed on Good Friday" });
    expect(await goodFriday.isChecked()).toBe(false);
    await goodFriday.check({ force: true });
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Working time saved." }).waitFor();
    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Public holidays" }).waitFor();
    expect(await page.getByRole("switch", { name: "Closed on Good Friday" }).isChecked()).toBe(true);
    const saved = await api<{ holidayChoices: Record<string, boolean> }>("GET", "/api/v1/settings/working-time");
    expect(saved.holidayChoices["good-friday"]).toBe(true);
    await shoot("working-time.png");
  });

  it("SLA policies: the list with live examples, and a new policy", async () => {
    await page.getByRole("tab", { name: "SLA policies" }).click();
    await page
      .getByText(/A callback requested now is due by/)
      .first()
      .waitFor();
    await expectAccessible("SLA policies");
    await page.getByRole("button", { name: "New SLA policy" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByText(/A callback requested now is due by/).waitFor();
    await expectAccessible("new SLA policy");
    await field(dialog, "Name").fill("Urgent callback within 2 working hours");
    await field(dialog, "Within").fill("2");
    await dialog.getByRole("button", { name: "Create policy" }).click();
    await dialog.waitFor({ state: "detached" });
    const row = page.getByRole("row").filter({ hasText: "Urgent callback within 2 working hours" });
    await row.getByText("within 2 working hours", { exact: true }).waitFor();
    await row.getByText(/A callback requested now is due by/).waitFor();
  });

  it("a client's agreed service level", async () => {
    const client = (await api<{ items: { id: string }[] }>("GET", "/api/v1/clients?limit=1")).items[0]!;
    await page.goto(`/clients/${client.id}`);
    await page.getByRole("heading", { level: 2, name: "Agreed service levels" }).waitFor();
    await page.getByRole("button", { name: "Agree a different term" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await field(dialog, "SLA policy").click();
    await page.getByRole("option", { name: "Terugbellen binnen 4 werkuren" }).click();
    await field(dialog, "Within").fill("2");
    await expectAccessible("agree a term");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("listitem").filter({ hasText: "Terugbellen binnen 4 werkuren: within 2 working hours" }).waitFor();
  });

  it("My calendar: a secret address that serves the ICS feed, then stopped", async () => {
    await page.goto("/settings/calendar");
    await page.getByRole("button", { name: "Create calendar address" }).waitFor();
    await expectAccessible("my calendar");
    await page.getByRole("button", { name: "Create calendar address" }).click();
    await page.getByTestId("calendar-url").or(page.getByRole("alert")).first().waitFor();
    expect(await page.getByRole("alert").allTextContents()).toEqual([]);
    const url = (await page.getByTestId("calendar-url").textContent()) ?? "";
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await page.getByText("Your calendar feed is on.").waitFor();
    await expectAccessible("my calendar, created");
    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("text/calendar");
    expect(await feed.text()).toContain("BEGIN:VCALENDAR");

    await page.getByRole("button", { name: "Stop feed" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Stop feed" }).click();
    await page.getByText("You have no calendar address yet.").waitFor();
    expect((await page.request.get(url)).status()).toBe(404);
  });
});
