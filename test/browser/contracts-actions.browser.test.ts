import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { field, type Harness, screenshotDir, screenshotOf, signUpInEnglish, startHarness } from "./harness.ts";

/**
 * The actions on a contract in the browser, in English: record the increase
 * applied in a year and see the audit change, then correct what was charged too
 * much ourselves with the drafted letter, and see the correction listed (the
 * letter kept with it). Checked against axe.
 */
const stamp = Date.now().toString(36);
const clientName = `Garage Veenstra ${stamp}`;
let harness: Harness;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  harness = await startHarness();
  context = await harness.newContext("en-GB");
  page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
});
afterAll(async () => {
  await context?.close();
  await harness?.close();
});

async function api<T>(method: "GET" | "POST", url: string, data?: unknown): Promise<T> {
  const response = await page.request.fetch(url, { method, ...(data === undefined ? {} : { data }) });
  expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

const euro = (cents: number) => new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR" }).format(cents / 100);

describe("contract actions (en)", () => {
  it("records an increase, sees the audit change, corrects it with the drafted letter and sees the correction", async () => {
    await signUpInEnglish(page, { name: "Mary Johnson", email: `mary.${stamp}@example.test`, organization: `Johnson Advice ${stamp}` });
    const clientId = (await api<{ id: string }>("POST", "/api/v1/clients", { kind: "company", name: clientName })).id;
    const series = await api<{ items: Array<{ id: string; code: string | null }> }>("GET", "/api/v1/index-series");
    const cpi = series.items.find((one) => one.code === "cbs-cpi")?.id as string;
    const contract = await api<{ id: string }>("POST", "/api/v1/contracts", {
      clientId,
      title: "Annual bookkeeping",
      startsOn: "2019-01-01",
      annualPriceCents: 20_000_000,
      indexation: { seriesId: cpi, method: "annual_average", lagMonths: 0 },
    });
    for (const [effectiveOn, appliedPct] of [
      ["2020-01-01", 6.6],
      ["2021-01-01", 1.3],
      ["2022-01-01", 2.7],
      ["2023-01-01", 10],
      ["2024-01-01", 3.8],
    ] as const) {
      await api("POST", `/api/v1/contracts/${contract.id}/increases`, { effectiveOn, appliedPct });
    }
    const auditUrl = `/api/v1/contracts/${contract.id}/audit`;
    const before = (await api<{ totalOverchargeCents: number }>("GET", auditUrl)).totalOverchargeCents;

    await page.goto(`/clients/${clientId}`);
    const section = page.getByRole("region", { name: "Contracts and indexation" });
    await section.getByText(`${euro(before)} too much`).waitFor();

    // 2025: the increase actually applied, as a percentage.
    await section.getByRole("button", { name: "Record increase" }).first().click();
    const increase = section.getByRole("form", { name: "Record the increase applied" });
    await field(increase, "Took effect on").fill("2025-01-01");
    await field(increase, "Increase applied (%)").fill("3.3");
    await increase.getByRole("button", { name: "Record increase" }).press("Enter");
    await increase.getByRole("status").filter({ hasText: "Increase recorded" }).waitFor();
    const after = (await api<{ totalOverchargeCents: number }>("GET", auditUrl)).totalOverchargeCents;
    expect(after).not.toBe(before);
    await section.getByText(`${euro(after)} too much`).waitFor();
    // A second increase in that contract year: the server's refusal shows at the date.
    await field(increase, "Took effect on").fill("2025-06-01");
    await field(increase, "Increase applied (%)").fill("1");
    await increase.getByRole("button", { name: "Record increase" }).press("Enter");
    await increase.getByText("This contract year already has an increase").waitFor();
    await expect.poll(() => field(increase, "Took effect on").getAttribute("aria-invalid")).toBe("true");

    // Corrected by us: the letter is drafted from the audit, in English, to edit.
    await section.getByRole("button", { name: "Correct it ourselves" }).click();
    const correction = section.getByRole("form", { name: "Correct what was charged too much" });
    const letter = field(correction, "Letter to the client");
    await expect.poll(() => letter.inputValue(), { timeout: 10_000 }).toContain(`Dear ${clientName},`);
    const drafted = await letter.inputValue();
    expect(drafted).toContain("Annual bookkeeping");
    expect(drafted).toContain(`In total we charged you ${euro(after)} too much.`);
    expect(drafted).toContain(`We will refund or credit ${euro(after)} to you.`);
    await letter.fill(`${drafted}\nMary Johnson`);

    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    expect(serious).toEqual([]);

    await correction.getByRole("button", { name: "Record correction" }).press("Enter");
    await correction.getByRole("status").filter({ hasText: "Correction recorded." }).waitFor();
    await section
      .getByRole("list", { name: "Corrections" })
      .getByText(`${euro(after)} corrected by us`)
      .waitFor();
    const saved = await api<{ corrections: Array<{ raisedBy: string; refundCents: number; note: string | null }> }>(
      "GET",
      `/api/v1/contracts/${contract.id}`,
    );
    expect(saved.corrections).toEqual([expect.objectContaining({ raisedBy: "us", refundCents: after })]);
    expect(saved.corrections[0]?.note).toContain("Mary Johnson");
    expect(saved.corrections[0]?.note).toContain(`Dear ${clientName},`);
    await screenshotOf(section, "contracts-actions-en.png");
    expect(errors).toEqual([]);
  });

  it("imports contracts from a CSV file: a bad line refuses the file with its line number, a good file comes in", async () => {
    const section = page.getByRole("region", { name: "Contracts and indexation" });
    const upload = async (name: string, text: string) => {
      const chooser = page.waitForEvent("filechooser");
      await section.getByRole("button", { name: "Import from CSV" }).click();
      await (await chooser).setFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
    };
    await upload("bad.csv", "client;title;start;annual price\nNobody Known Ltd;Audit;2020-01-01;1.000,00\n");
    const refused = section.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await refused.getByText('Line 2: there is no client named "Nobody Known Ltd".').waitFor();

    await upload("good.csv", `\uFEFFklant;titel;start;jaarprijs\n${clientName.toUpperCase()};Payroll;01-03-2021;1.234,50\n`);
    await section.getByRole("status").filter({ hasText: "Contracts imported: 1." }).waitFor();
    await section.getByText("Payroll", { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});
