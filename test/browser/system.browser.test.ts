import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as notifications from "../../src/modules/notifications/notifications.usecases.ts";
import { field, type Harness, screenshotDir, startHarness } from "./harness.ts";

/**
 * The notifications bell and the administrator's System page, on the demo
 * organization of an app started as `npm start` starts it: the job runner on,
 * no SMTP server configured, so e-mail waits in the outbox.
 */
const screenshots = screenshotDir;
let harness: Harness;
let context: BrowserContext;
let page: Page;
let orgId: string;
let adminId: string;
const errors: string[] = [];
const subject = "Uw aangifte: nieuwe termijn";

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  harness = await startHarness({ demo: true });
  const db = harness.app.database.db;
  const admin = await db
    .selectFrom("user")
    .innerJoin("member", "member.userId", "user.id")
    .select(["user.id", "member.organizationId"])
    .where("user.email", "=", "sanne@vandijk-dewit.example")
    .executeTakeFirstOrThrow();
  orgId = admin.organizationId;
  adminId = admin.id;
  // An e-mail to a client, through the use-case, and the administrator's own notification (with its e-mail).
  await notifications.queueEmail(db, harness.app.clock, {
    orgId,
    to: "info@bakkerij-jansen.example",
    language: "nl",
    subject,
    text: "Beste klant,\n\nDe aangifte komt een week later.\n",
    kind: "client.message",
    dedupeKey: "browser-test-mail",
  });
  await notifications.notify(db, harness.app.clock, {
    orgId,
    userId: adminId,
    kind: "commitment.overdue",
    params: {
      title: "Jaarrekening nasturen",
      clientName: "Bakkerij Jansen",
      dueAt: new Date(Date.now() - 3_600_000).toISOString(),
      link: `${harness.baseUrl}/settings/members`,
    },
    language: "en",
    timeZone: "Europe/Amsterdam",
    dedupeKey: "browser-test-notification",
    email: true,
  });
  // What the sweep does without SMTP, now rather than within the minute.
  await notifications.deliverDue({ db, clock: harness.app.clock, mailer: harness.app.mailer, logger: harness.app.logger });
  context = await harness.newContext("en-GB");
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
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

describe("notifications and the System page", () => {
  it("the bell shows the unread count; its list is accessible and keyboard-reachable; a click marks read and follows the link", async () => {
    await page.goto("/signin");
    await page.getByLabel("E-mail address").fill("sanne@vandijk-dewit.example");
    await field(page, "Password").fill("trustledger-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    // The demo's own promises may have notified her too (the sweep runs): at least ours is unread.
    const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor();

    await bell.focus();
    await page.keyboard.press("Enter");
    const popover = page.getByRole("dialog");
    await popover.getByText(/Overdue: “Jaarrekening nasturen” for Bakkerij Jansen was due/).waitFor();
    await expectAccessible("notifications popover");
    await page.keyboard.press("Escape");
    await popover.waitFor({ state: "detached" });
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(/^Notifications, \d+ unread$/);

    await bell.click();
    await popover.getByRole("button", { name: /Jaarrekening nasturen/ }).click();
    await page.waitForURL(/\/settings\/members$/);
    await page.getByRole("tab", { name: "Members" }).waitFor();
    await expect
      .poll(
        async () =>
          (
            await harness.app.database.db
              .selectFrom("notifications")
              .select("read_at")
              .where("dedupe_key", "=", "browser-test-notification")
              .executeTakeFirstOrThrow()
          ).read_at,
      )
      .not.toBeNull();
    // Read: the list shows it without the unread mark.
    await bell.or(page.getByRole("button", { name: "Notifications", exact: true })).click();
    await popover.getByRole("button", { name: /^Overdue: “Jaarrekening nasturen”/ }).waitFor();
    await page.keyboard.press("Escape");
  });

  it("the System tab shows the outbox mode, the sweep and the waiting e-mails; Retry sends one back into the queue", async () => {
    await page.getByRole("tab", { name: "System" }).click();
    await page.waitForURL(/\/settings\/system$/);
    await page.getByText("No SMTP server is configured", { exact: false }).waitFor();
    await page.getByText("TRUSTLEDGER_SMTP_URL=smtp://user:password@mail.example.com:587").waitFor();
    // The job runner swept once when the app started.
    await page.getByText(/^Last run .* ago/).waitFor();
    await page.getByText("Everything went well.").waitFor();
    const mailRow = page.getByRole("row").filter({ hasText: subject });
    await mailRow.getByText("In the outbox").waitFor();
    // The administrator's own notification e-mail waits there too.
    await page.getByRole("row").filter({ hasText: "Overdue: Jaarrekening nasturen" }).waitFor();
    await expectAccessible("system");
    await page.mouse.move(1279, 799);
    await page.screenshot({ path: path.join(screenshots, "system.png"), fullPage: true });

    const before = await harness.app.database.db
      .selectFrom("deliveries")
      .select(["id", "next_attempt_at"])
      .where("dedupe_key", "=", "browser-test-mail")
      .executeTakeFirstOrThrow();
    await page.getByRole("button", { name: `Retry: ${subject}` }).click();
    // Back in the queue (then, still without SMTP, into the outbox again by the sweep the retry woke).
    await expect
      .poll(async () => {
        const now = await harness.app.database.db
          .selectFrom("deliveries")
          .select("next_attempt_at")
          .where("id", "=", before.id)
          .executeTakeFirstOrThrow();
        return now.next_attempt_at.getTime() > before.next_attempt_at.getTime();
      })
      .toBe(true);
    await expect.poll(async () => (await page.getByRole("alert").count()) === 0).toBe(true);
    await mailRow.getByText(/In the outbox|Queued/).waitFor();
    expect(errors).toEqual([]);
  });

  it("an e-mail that may have gone out is listed under Uncertain, with Retry and Dismiss; Dismiss leaves it unsent", async () => {
    const maybe = "Misschien al verstuurd";
    await notifications.queueEmail(harness.app.database.db, harness.app.clock, {
      orgId,
      to: "info@bakkerij-jansen.example",
      language: "nl",
      subject: maybe,
      text: "x",
      kind: "client.message",
      dedupeKey: "browser-test-uncertain",
    });
    // As the sender leaves it when recording a send failed.
    await harness.app.database.db
      .updateTable("deliveries")
      .set({ status: "uncertain", attempts: 1, last_error: "The SMTP server accepted this e-mail, but recording that failed." })
      .where("dedupe_key", "=", "browser-test-uncertain")
      .execute();
    await page.reload();
    await page.getByText("Maybe sent: your decision").waitFor();
    await page
      .locator("label")
      .filter({ hasText: /^Uncertain$/ })
      .click();
    await page.getByText("Trustledger never sends them again by itself", { exact: false }).waitFor();
    const row = page.getByRole("row").filter({ hasText: maybe });
    await row.getByText("Maybe sent", { exact: true }).waitFor();
    await row.getByRole("button", { name: `Retry: ${maybe}` }).waitFor();
    await row.getByRole("button", { name: `Dismiss: ${maybe}` }).click();
    await expect
      .poll(
        async () =>
          (
            await harness.app.database.db
              .selectFrom("deliveries")
              .select("status")
              .where("dedupe_key", "=", "browser-test-uncertain")
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe("dismissed");
    await page.locator("label").filter({ hasText: /^All$/ }).click();
    await page.getByRole("row").filter({ hasText: maybe }).getByText("Dismissed").waitFor();
    expect(errors).toEqual([]);
  });

  it("the System page in Dutch, and no System tab for an advisor", async () => {
    await page.getByText("NL", { exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Achtergrondronde" }).waitFor();
    await page.getByText("Er is geen SMTP-server ingesteld", { exact: false }).waitFor();
    await page.getByRole("columnheader", { name: "Onderwerp" }).waitFor();
    await page
      .getByRole("row")
      .filter({ hasText: subject })
      .getByText(/In de outbox|In de wachtrij/)
      .waitFor();
    await page.getByRole("button", { name: "Opnieuw: Overdue: Jaarrekening nasturen" }).waitFor();
    await expectAccessible("systeem");
    await page.getByText("EN", { exact: true }).click();

    const advisor = await harness.newContext("en-GB");
    const advisorPage = await advisor.newPage();
    await advisorPage.goto("/signin");
    const advisorEmail = await harness.app.database.db
      .selectFrom("user")
      .innerJoin("member", "member.userId", "user.id")
      .select("user.email")
      .where("member.organizationId", "=", orgId)
      .where("member.role", "=", "advisor")
      .executeTakeFirstOrThrow();
    await advisorPage.getByLabel("E-mail address").fill(advisorEmail.email);
    await field(advisorPage, "Password").fill("trustledger-demo");
    await advisorPage.getByRole("button", { name: "Sign in" }).click();
    await advisorPage.getByRole("button", { name: /^Notifications/ }).waitFor();
    await advisorPage.goto("/settings/members");
    await advisorPage.getByRole("tab", { name: "Members" }).waitFor();
    expect(await advisorPage.getByRole("tab", { name: "System" }).count()).toBe(0);
    await advisorPage.goto("/settings/system");
    await advisorPage.getByText("Only administrators can see the System page.").waitFor();
    await advisor.close();
  });
});
