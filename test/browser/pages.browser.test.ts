import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, screenshotDir, startHarness } from "./harness.ts";

/**
 * Every main page against axe (no serious or critical violations), on the demo
 * organization; the README's screenshots are taken on the way.
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

/** A screenshot without a hover highlight where the last click happened. */
async function shoot(file: string) {
  await page.mouse.move(1279, 799);
  await page.screenshot({ path: path.join(screenshots, file) });
}

describe("main pages", () => {
  it("sign-up page", async () => {
    await page.goto("/signup");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expectAccessible("sign up");
  });

  it("sign-in page, then signing in as the demo administrator", async () => {
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill("sanne@vandijk-dewit.example");
    await field(page, "Password").fill("trustledger-demo");
    await expectAccessible("sign in");
    await shoot("signin.png");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Clients" }).waitFor();
  });

  it("clients list", async () => {
    await page.getByRole("row").nth(10).waitFor();
    expect(await page.getByRole("row").count()).toBe(51); // header + the 50 demo clients
    await expectAccessible("clients");
    await shoot("clients.png");
  });

  it("the keyboard's first stop is the skip link, which leads to the main content", async () => {
    await page.keyboard.press("Tab");
    const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent, id: document.activeElement?.id }));
    expect((await focused()).text).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused()).id).toBe("main");
  });

  it("the new-client form", async () => {
    await page.getByRole("button", { name: "New client" }).click();
    await page.getByRole("dialog").waitFor();
    await expectAccessible("new client");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
  });

  it("client page with contacts", async () => {
    await field(page, "Search clients").fill("bakkerij");
    await page
      .getByRole("link", { name: /^Bakkerij/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 2, name: "Contacts" }).waitFor();
    await page.getByRole("row").nth(1).waitFor();
    await expectAccessible("client");
    await shoot("client.png");
  });

  it("the client and contact forms", async () => {
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await page.getByRole("dialog").waitFor();
    await expectAccessible("edit client");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Add contact" }).click();
    await page.getByRole("dialog").waitFor();
    await expectAccessible("add contact");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
  });

  it("settings: members, teams, expertise, API tokens", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("cell", { name: "Fatima El Amrani" }).waitFor();
    await expectAccessible("members");
    await shoot("members.png");
    for (const [tab, check] of [
      ["Teams", "Belastingadvies"],
      ["My expertise", "jaarrekening"],
      ["API tokens", "No API tokens."],
    ] as const) {
      await page.getByRole("tab", { name: tab }).click();
      await page.getByText(check).first().waitFor();
      await expectAccessible(tab);
    }
  });

  it("the invitation page a new colleague opens", async () => {
    const created = await page.request.post("/api/v1/invitations", { data: { email: "nieuw@example.test", role: "advisor" } });
    expect(created.status()).toBe(201);
    const { acceptPath } = await created.json();
    const invitee = await harness.newContext("nl-NL");
    const invitePage = await invitee.newPage();
    await invitePage.goto(acceptPath);
    await invitePage.getByRole("heading", { level: 1, name: /Van Dijk & De Wit/ }).waitFor();
    const results = await new AxeBuilder({ page: invitePage }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await invitee.close();
  });

  it("the same list in Dutch", async () => {
    await page.getByText("NL", { exact: true }).click();
    await page.getByRole("link", { name: "Klanten" }).click();
    await page.getByRole("heading", { level: 1, name: "Klanten" }).waitFor();
    await page.getByRole("row").nth(10).waitFor();
    expect(await page.getByRole("columnheader", { name: "Accounthouder" }).count()).toBe(1);
    await expectAccessible("klanten");
    await shoot("clients-nl.png");
  });
});
