import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmEmailInBrowser, field, type Harness, signUpInEnglish, startHarness } from "./harness.ts";

/**
 * The rest of what a firm does in the app, one administrator's session after
 * another: a client's details and contacts, a concurrent edit, colleagues,
 * teams, expertise, API tokens, and a session that expires mid-work.
 */
let harness: Harness;
let context: BrowserContext;
let page: Page;
const stamp = Date.now();
const adminEmail = `eva.${stamp}@example.test`;
const errors: string[] = [];

beforeAll(async () => {
  harness = await startHarness();
  context = await harness.newContext("en-GB");
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  await signUpInEnglish(page, { name: "Eva Smit", email: adminEmail, organization: "Smit & Partners" });
  // The firm may send invitations once its owner's address is confirmed.
  await confirmEmailInBrowser(harness, page, adminEmail);
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

const dialog = () => page.getByRole("dialog");

async function createClient(name: string) {
  await page.goto("/clients");
  await page.getByRole("button", { name: "New client" }).click();
  await field(dialog(), "Name").fill(name);
  await dialog().getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

describe("a client", () => {
  it("shows field errors next to the fields, in the chosen language", async () => {
    await page.getByText(/^No clients yet\./).waitFor();
    await page.getByText("NL", { exact: true }).click();
    await page.getByRole("button", { name: "Nieuwe klant" }).click();
    await field(dialog(), "Naam").fill("Drukkerij Veenstra");
    await field(dialog(), "E-mail").fill("geen-adres");
    await field(dialog(), "Website").fill("ftp://drukkerij.example");
    await dialog().getByRole("button", { name: "Opslaan" }).click();
    // Checked with the API's own schema before sending, in Dutch, under the fields they are about.
    await dialog()
      .getByText(/Vul een e-mailadres in/)
      .waitFor();
    await dialog()
      .getByText(/Vul een webadres in dat begint met https/)
      .waitFor();
    expect(await field(dialog(), "E-mail").getAttribute("aria-invalid")).toBe("true");
    await page.keyboard.press("Escape");
    await dialog().waitFor({ state: "detached" });
    await page.getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Clients" }).waitFor();
  });

  it("is edited, gets contacts added, changed and removed", async () => {
    await createClient("Drukkerij Veenstra");
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await field(dialog(), "Phone").fill("050 123 4567");
    await field(dialog(), "Notes").fill("Prefers a call in the morning.");
    await dialog().getByRole("button", { name: "Save" }).click();
    await dialog().waitFor({ state: "detached" });
    await page.getByText("Prefers a call in the morning.").waitFor();
    await page.getByRole("link", { name: "050 123 4567" }).waitFor();

    await page.getByText("No contacts yet.").waitFor();
    await page.getByRole("button", { name: "Add contact" }).click();
    await field(dialog(), "Name").fill("Jan Veenstra");
    await field(dialog(), "Role").fill("owner");
    await dialog().getByRole("button", { name: "Save" }).click();
    await page.getByRole("cell", { name: "Jan Veenstra", exact: true }).waitFor();

    await page.getByRole("button", { name: "Edit: Jan Veenstra" }).click();
    await field(dialog(), "Role").fill("director");
    await dialog().getByRole("button", { name: "Save" }).click();
    await page.getByRole("cell", { name: "director", exact: true }).waitFor();

    await page.getByRole("button", { name: "Delete: Jan Veenstra" }).click();
    await dialog().getByRole("button", { name: "Delete" }).click();
    await page.getByText("No contacts yet.").waitFor();
  });

  it("refuses an edit made on an outdated copy, and reloads the saved one", async () => {
    const url = page.url();
    const other = await context.newPage();
    await other.goto(url);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await other.getByRole("button", { name: "Edit", exact: true }).click();
    await field(other.getByRole("dialog"), "Notes").fill("Changed in the other tab.");
    await other.getByRole("dialog").getByRole("button", { name: "Save" }).click();
    await other.getByRole("dialog").waitFor({ state: "detached" });
    await other.close();

    await field(dialog(), "Notes").fill("Changed here.");
    await dialog().getByRole("button", { name: "Save" }).click();
    await dialog()
      .getByRole("alert")
      .getByText(/changed this client/i)
      .waitFor();
    await dialog().getByRole("button", { name: "Reload" }).click();
    await expect.poll(() => field(dialog(), "Notes").inputValue()).toBe("Changed in the other tab.");
    await dialog().getByRole("button", { name: "Cancel" }).click();
  });

  it("is archived, listed under archived, and restored", async () => {
    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByText(/^Archived on /).waitFor();
    await page.getByRole("link", { name: "All clients" }).click();
    await field(page, "Search clients").fill("veenstra");
    await page.getByText("No clients found.").waitFor();
    await page.getByText("Archived", { exact: true }).click();
    await expect.poll(() => page.url()).toContain("archived=true");
    await page.getByRole("link", { name: "Drukkerij Veenstra" }).click();
    await page.getByRole("button", { name: "Restore" }).click();
    await page.getByRole("button", { name: "Archive" }).waitFor();
    // Back returns to the list as it was: the search and the toggle live in the address.
    await page.goBack();
    await expect.poll(() => field(page, "Search clients").inputValue()).toBe("veenstra");
    await page.getByText("No clients found.").waitFor();
  });
});

describe("colleagues", () => {
  let inviteLink = "";

  it("are invited by an administrator, who gets a link to pass on", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("cell", { name: "Eva Smit", exact: true }).waitFor();
    await field(page, "E-mail address").fill(`tom.${stamp}@example.test`);
    await page.getByRole("button", { name: "Send invitation" }).click();
    const status = page.getByRole("status").filter({ hasText: "share this link yourself" });
    inviteLink = (await status.locator("code").textContent()) ?? "";
    expect(inviteLink).toMatch(new RegExp(`^${harness.baseUrl}/invite/`));
    await expect(status.textContent()).resolves.toMatch(/valid until \d{1,2} \w+ \d{4}/);
    await page.getByText(`tom.${stamp}@example.test · Advisor`).waitFor();
  });

  it("accept the invitation with a name and password, and land in the firm", async () => {
    const invitee = await harness.newContext("nl-NL");
    const tab = await invitee.newPage();
    await tab.goto(inviteLink);
    await tab.getByRole("heading", { level: 1, name: "Word lid van Smit & Partners" }).waitFor();
    await tab.getByText(`tom.${stamp}@example.test`, { exact: false }).waitFor();
    await field(tab, "Uw naam").fill("Tom de Groot");
    await field(tab, "Wachtwoord").fill("tom-zijn-wachtwoord");
    await tab.getByRole("button", { name: "Lid worden" }).click();
    await tab.getByRole("heading", { level: 1, name: "Klanten" }).waitFor();
    await tab.getByText("Smit & Partners").waitFor();
    // An advisor sees the members, but neither role pickers nor the invitation form.
    await tab.getByRole("link", { name: "Instellingen" }).click();
    await tab.getByRole("cell", { name: "Tom de Groot", exact: true }).waitFor();
    // (The search in the header is a combobox on every page; the page itself has none.)
    expect(await tab.getByRole("main").getByRole("combobox").count()).toBe(0);
    expect(await tab.getByRole("button", { name: "Uitnodiging maken" }).count()).toBe(0);
    await invitee.close();
  });

  it("get another role from the administrator; a pending invitation can be cancelled", async () => {
    await page.reload();
    await page.getByRole("cell", { name: "Tom de Groot", exact: true }).waitFor();
    await page.getByRole("combobox", { name: "Role of Tom de Groot" }).click();
    await page.getByRole("option", { name: "Team lead" }).click();
    await expect
      .poll(async () => (await page.request.get("/api/v1/members")).json())
      .toMatchObject({
        items: expect.arrayContaining([expect.objectContaining({ name: "Tom de Groot", role: "lead" })]),
      });

    await field(page, "E-mail address").fill(`noor.${stamp}@example.test`);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await page.getByRole("button", { name: `Cancel invitation: noor.${stamp}@example.test` }).click();
    await page.getByRole("button", { name: `Cancel invitation: noor.${stamp}@example.test` }).waitFor({ state: "detached" });
  });
});

describe("teams, expertise and API tokens", () => {
  it("a team is created, renamed, staffed and deleted", async () => {
    await page.getByRole("tab", { name: "Teams" }).click();
    await page.getByText("No teams yet.").waitFor();
    await field(page, "Team name").fill("Audit");
    await page.getByRole("button", { name: "Create team" }).click();
    await page.getByRole("heading", { level: 2, name: "Audit" }).waitFor();

    await page.getByRole("button", { name: "Rename: Audit" }).click();
    await field(dialog(), "Team name").fill("Audit & assurance");
    await dialog().getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { level: 2, name: "Audit & assurance" }).waitFor();

    await page.getByRole("combobox", { name: "Members of Audit & assurance" }).click();
    await page.getByRole("option", { name: "Tom de Groot" }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("tab", { name: "Members" }).click();
    await page
      .getByRole("row", { name: /Tom de Groot/ })
      .getByText("Audit & assurance")
      .waitFor();

    await page.getByRole("tab", { name: "Teams" }).click();
    await page.getByRole("button", { name: "Delete: Audit & assurance" }).click();
    await dialog().getByRole("button", { name: "Delete" }).click();
    await page.getByText("No teams yet.").waitFor();
  });

  it("my expertise is saved and shown with the members", async () => {
    await page.getByRole("tab", { name: "My expertise" }).click();
    const topics = field(page, "Topics");
    await topics.fill("payroll tax");
    await topics.press("Enter");
    await topics.fill("mergers");
    await topics.press("Enter");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").getByText("Saved").waitFor();
    await page.getByRole("tab", { name: "Members" }).click();
    await page
      .getByRole("row", { name: /Eva Smit/ })
      .getByText("payroll tax")
      .waitFor();
  });

  it("an API token is shown once, works, and is revoked", async () => {
    await page.getByRole("tab", { name: "API tokens" }).click();
    await page.getByText("No API tokens.").waitFor();
    await field(page, "Token name").fill("Reporting script");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByRole("status").locator("code").textContent()) ?? "";
    expect(token).toMatch(/^tl_/);
    await page.getByRole("cell", { name: "Reporting script", exact: true }).waitFor();

    const asScript = await harness.browser.newContext({ baseURL: harness.baseUrl });
    const listed = await asScript.request.get("/api/v1/clients?q=veenstra", { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status()).toBe(200);
    expect((await listed.json()).items.map((c: { name: string }) => c.name)).toEqual(["Drukkerij Veenstra"]);
    // Made with the default scope, it may read and nothing more.
    await page
      .getByRole("row", { name: /Reporting script/ })
      .getByRole("cell", { name: "read", exact: true })
      .waitFor();
    const written = await asScript.request.post("/api/v1/clients", {
      headers: { authorization: `Bearer ${token}` },
      data: { kind: "company", name: "Via Script BV" },
    });
    expect(written.status()).toBe(403);
    expect((await written.json()).error.code).toBe("tokens.scope_missing");

    await page.getByRole("button", { name: "Revoke: Reporting script" }).click();
    await dialog().getByRole("button", { name: "Revoke" }).click();
    await page.getByText("No API tokens.").waitFor();
    const refused = await asScript.request.get("/api/v1/clients", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    await asScript.close();
  });
});

describe("a session that ends", () => {
  it("mid-work leads to the sign-in page, and back to the same page afterwards", async () => {
    await page.goto("/clients?q=veenstra");
    await page.getByRole("link", { name: "Drukkerij Veenstra" }).waitFor();
    await context.clearCookies();
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in to Trustledger" }).waitFor();
    expect(new URL(page.url()).searchParams.get("redirect")).toBe("/settings/members");
    await field(page, "E-mail address").fill(adminEmail);
    await field(page, "Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("cell", { name: "Eva Smit", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/settings/members");
  });

  it("by signing out from the header menu", async () => {
    await page.getByRole("button", { name: /Eva Smit/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in to Trustledger" }).waitFor();
    await page.goto("/clients");
    await page.getByRole("heading", { level: 1, name: "Sign in to Trustledger" }).waitFor();
    expect(errors).toEqual([]);
  });
});
