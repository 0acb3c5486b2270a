import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { field, type Harness, signUpInEnglish, startHarness } from "./harness.ts";

/**
 * The app under its Content-Security-Policy: it loads and works with no
 * violation reported (Mantine's inline styles are allowed, inline scripts are
 * not), and so do the API docs. Writes from another origin are refused with a
 * message the user can act on; sign-up answers the same for a taken address.
 */
let harness: Harness;
let context: BrowserContext;
let page: Page;
const violations: string[] = [];
const stamp = Date.now();
const email = `csp.${stamp}@example.test`;

beforeAll(async () => {
  harness = await startHarness();
  context = await harness.newContext("en-GB");
  // Injected by the browser tooling, not by the page: not subject to the page's policy.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      );
    });
  });
  page = await context.newPage();
  page.on("console", (message) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
});
// Each test answers for the violations of its own pages.
beforeEach(() => {
  violations.length = 0;
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

describe("under the Content-Security-Policy", () => {
  it("the app is served with the policy, and signing up, the clients page and the settings work without a violation", async () => {
    const response = await page.goto("/signin");
    const policy = response?.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
    await signUpInEnglish(page, { name: "Cas Policy", email, organization: "Policy BV" });
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("tab", { name: "API tokens" }).click();
    await page.getByText("No API tokens.").waitFor();
    // Mantine's styles applied: a button has its computed background, not the browser's default.
    const background = await page.getByRole("button", { name: "Create token" }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe("rgba(0, 0, 0, 0)");
    expect(violations).toEqual([]);
  });

  it("the API docs load and render under it", async () => {
    await page.goto("/api/docs");
    await page.getByText("Trustledger API", { exact: false }).first().waitFor();
    await page.locator(".opblock").first().waitFor();
    expect(violations).toEqual([]);
  });
});

describe("requests from another origin", () => {
  it("a sign-in from a page on another origin is refused with a message naming the right address", async () => {
    const other = await harness.browser.newContext({ locale: "en-GB" });
    const foreign = await other.newPage();
    // The same server under another name: another origin to the browser.
    const otherOrigin = harness.baseUrl.replace("127.0.0.1", "localhost");
    await foreign.goto(`${otherOrigin}/signin`);
    await foreign.getByLabel("E-mail address").fill(email);
    await field(foreign, "Password").fill("a-long-enough-password");
    await foreign.getByRole("button", { name: "Sign in" }).click();
    await foreign
      .getByRole("alert")
      .getByText(`This request came from another website and was refused. Open Trustledger at ${harness.baseUrl}.`)
      .waitFor();
    await other.close();
  });
});

describe("sign-up with an address that has an account", () => {
  it("changes nothing and says so in the same words as for any sign-up", async () => {
    const fresh = await harness.browser.newContext({ locale: "en-GB", baseURL: harness.baseUrl });
    const tab = await fresh.newPage();
    await tab.goto("/signup");
    await field(tab, "Your name").fill("Someone Else");
    await field(tab, "E-mail address").fill(email);
    await field(tab, "Password").fill("another-long-password");
    await field(tab, "Name of your firm").fill("Other BV");
    await tab.getByRole("button", { name: "Create account" }).click();
    await tab.getByRole("status").getByText("Sign in with this e-mail address and password.", { exact: false }).waitFor();
    expect(tab.url()).toMatch(/\/signup$/);
    await fresh.close();
  });
});
