import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { type App, createApp, projectRoot } from "../../src/app.ts";
import { ensureWebBuilt } from "../../src/cli/web-build.ts";
import { loadConfig } from "../../src/config.ts";
import { ensureInstanceSecret } from "../../src/db/instance-secret.ts";
import * as demo from "../../src/modules/demo/demo.usecases.ts";
import { createCursorCodec } from "../../src/shared/cursor.ts";

/**
 * The real app as `npm start` composes it (built web app, embedded database in a
 * fresh temporary TRUSTLEDGER_DATA_DIR, TRUSTLEDGER_DEMO=0, listening on a free
 * 127.0.0.1 port) and a headless Chromium. Chromium's background networking is
 * off: the machine reaches nothing outside it. `close()` removes everything.
 */
export type Harness = {
  app: App;
  baseUrl: string;
  browser: Browser;
  newContext(locale: "nl-NL" | "en-GB"): Promise<BrowserContext>;
  close(): Promise<void>;
};

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Where browser tests put their screenshots: a temporary folder, so a test run never
 * changes the documentation. `npm run screenshots` points it at docs/screenshots.
 */
export const screenshotDir = process.env.TRUSTLEDGER_SCREENSHOTS_DIR
  ? path.resolve(process.env.TRUSTLEDGER_SCREENSHOTS_DIR)
  : path.join(os.tmpdir(), "trustledger-screenshots");

/**
 * Takes a screenshot with the app's header scrolled away with the page: a
 * fixed header otherwise lands in the middle of a full-page or element shot,
 * over what the shot is meant to show. Only the picture changes, not the test.
 */
export async function screenshotOf(target: Page | Locator, file: string, options: { fullPage?: boolean } = {}) {
  const page = "page" in target && typeof target.page === "function" ? target.page() : (target as Page);
  await page.addStyleTag({ content: ".mantine-AppShell-header { position: absolute !important; }" });
  await target.screenshot({ path: path.join(screenshotDir, file), ...(options.fullPage && "goto" in target ? { fullPage: true } : {}) });
}

/** The demo users' password in browser tests (a real start generates one and prints it). */
export const DEMO_TEST_PASSWORD = "trustledger-demo";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startHarness(options: { demo?: boolean } = {}): Promise<Harness> {
  await ensureWebBuilt(projectRoot, () => {});
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "trustledger-browser-"));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      HOST: "127.0.0.1",
      PORT: String(port),
      TRUSTLEDGER_DATA_DIR: dataDir,
      TRUSTLEDGER_DEMO: "0",
      TRUSTLEDGER_BASE_URL: baseUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    });
    const app = await createApp(config);
    cleanups.push(() => app.close());
    if (options.demo) {
      await demo.loadDemo(
        {
          db: app.database.db,
          clock: app.clock,
          auth: app.auth,
          cursor: createCursorCodec(await ensureInstanceSecret(app.database.db)),
        },
        { password: DEMO_TEST_PASSWORD },
      );
    }
    await app.server.listen({ port, host: "127.0.0.1" });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    cleanups.push(() => browser.close());
    return {
      app,
      baseUrl,
      browser,
      // Reduced motion: dialogs appear at once, so no check runs against a half-faded one.
      newContext: (locale) =>
        browser.newContext({ locale, viewport: { width: 1280, height: 800 }, baseURL: baseUrl, reducedMotion: "reduce" }),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * The input labelled `label`: required fields' labels end in " *", and a
 * password field's visibility toggle mentions the label too, so match the start.
 */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return scope.locator("input, textarea").and(scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`)));
}

/** Signs up a new user with a new organization through the UI (English). */
export async function signUpInEnglish(page: Page, input: { name: string; email: string; organization: string }) {
  await page.goto("/signup");
  await field(page, "Your name").fill(input.name);
  await field(page, "E-mail address").fill(input.email);
  await field(page, "Password").fill("a-long-enough-password");
  await field(page, "Name of your firm").fill(input.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { level: 1, name: "Clients" }).waitFor();
}

/**
 * Follows the link of the confirmation e-mail queued for `email`, in the page, as its
 * recipient would: until the owner's address is confirmed, the firm sends no e-mail
 * (invitations are refused). The page lands back on /clients afterwards.
 */
export async function confirmEmailInBrowser(harness: Harness, page: Page, email: string) {
  const mail = await harness.app.database.db
    .selectFrom("deliveries")
    .select("body_text")
    .where("to_address", "=", email)
    .where("kind", "=", "auth.verify_email")
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  const link = /https?:\/\/\S+\/verify-email\?token=\S+/.exec(mail?.body_text ?? "")?.[0];
  if (!link) throw new Error(`no confirmation e-mail was queued for ${email}`);
  await page.goto(new URL(link).pathname + new URL(link).search);
  await page.getByRole("status").filter({ hasText: email }).waitFor();
  await page.goto("/clients");
}
