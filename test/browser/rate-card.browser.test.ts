import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TEST_PASSWORD, type Harness, screenshotDir, screenshotOf, startHarness } from "./harness.ts";

/**
 * The rate card in Dutch, as the demo firm's administrator: two rates added
 * through the form, two contracts (made over the API) whose lines are above and
 * below the card, the flags with the difference in euro, a reason recorded, and
 * no serious accessibility issue.
 */
let harness: Harness;
let staff: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(screenshotDir, { recursive: true });
  harness = await startHarness({ demo: true });
  staff = await harness.newContext("nl-NL");
  const signedIn = await staff.request.post("/api/v1/session", {
    data: { email: "sanne@vandijk-dewit.example", password: DEMO_TEST_PASSWORD },
  });
  expect(signedIn.status()).toBe(200);
  page = await staff.newPage();
});
afterAll(async () => {
  await staff?.close();
  await harness?.close();
});

async function addRate(role: string, euro: string, validFrom: string) {
  const form = page.getByRole("region", { name: "Tarief toevoegen" });
  await form.getByRole("textbox", { name: "Rol" }).fill(role);
  await form.getByRole("textbox", { name: "Uurtarief" }).fill(euro);
  await form.getByLabel("Geldig vanaf").fill(validFrom);
  await form.getByRole("button", { name: "Tarief toevoegen" }).click();
  await form.getByRole("status").filter({ hasText: "Tarief toegevoegd." }).waitFor();
  await page.getByRole("region", { name: "Tarieven" }).getByRole("row").filter({ hasText: role }).waitFor();
}

describe("rate card fairness (nl)", () => {
  it("adds two rates, flags lines above and below the card and records a reason", async () => {
    await page.goto("/settings/rate-card");
    await page.getByRole("tab", { name: "Tarievenkaart" }).waitFor();
    await addRate("Belastingadviseur", "120", "2025-01-01");
    await addRate("Vennoot", "200", "2025-01-01");
    const rates = page.getByRole("region", { name: "Tarieven" });
    await rates.getByRole("row").filter({ hasText: "Belastingadviseur" }).filter({ hasText: "120,00" }).waitFor();

    const clients = (await (await staff.request.get("/api/v1/clients?limit=2")).json()).items as { id: string; name: string }[];
    const [high, low] = clients as [{ id: string; name: string }, { id: string; name: string }];
    for (const [client, title, cents] of [
      [high, "Advies met spoedtarief", 15_000],
      [low, "Advies tegen vriendenprijs", 9_000],
    ] as const) {
      const created = await staff.request.post("/api/v1/contracts", {
        data: {
          clientId: client.id,
          title,
          startsOn: "2025-06-01",
          annualPriceCents: cents * 40,
          termMonths: 12,
          renewal: "auto",
          lines: [{ role: "Belastingadviseur", hourlyRateCents: cents, hoursPerYear: 40 }],
        },
      });
      expect(created.status()).toBe(201);
    }

    await page.reload();
    const fairness = page.getByRole("region", { name: "Eerlijkheid van contractregels" });
    const above = fairness.getByRole("row").filter({ hasText: "Advies met spoedtarief" });
    const below = fairness.getByRole("row").filter({ hasText: "Advies tegen vriendenprijs" });
    await above.getByText("Boven de kaart").waitFor();
    await below.getByText("Onder de kaart").waitFor();
    await above.getByText("Klanten verschillend belast").waitFor();
    // The difference in euro (Intl, Dutch) and percent: 150,00 against 120,00 and 90,00 against 120,00.
    await above.getByText(/(\+\s?€|€\s?\+)\s?30,00 \(\+25\s?%\)/).waitFor();
    await below.getByText(/(-\s?€|€\s?-)\s?30,00 \(-25\s?%\)/).waitFor();
    await above.getByText(`Anderen: ${low.name}`, { exact: false }).waitFor();

    const reason = above.getByRole("textbox", { name: `Reden voor Belastingadviseur bij ${high.name}` });
    await reason.fill("Spoedwerk op verzoek van de klant");
    await above.getByRole("button", { name: "Reden opslaan" }).click();
    await above.getByRole("status").filter({ hasText: "Reden opgeslagen." }).waitFor();
    await above.getByText(/Vastgelegd door/).waitFor();
    const stored = (await (await staff.request.get("/api/v1/rate-card/fairness?flagged=true")).json()).items as {
      contractTitle: string;
      reason: { text: string } | null;
    }[];
    expect(stored.find((item) => item.contractTitle === "Advies met spoedtarief")?.reason?.text).toBe("Spoedwerk op verzoek van de klant");

    // The contract card on the client's page shows the line, the term and the renewal.
    await page.goto(`/clients/${high.id}`);
    const contracts = page.getByRole("region", { name: "Contracten en indexering" });
    await contracts.getByText(/Looptijd: 12 maanden · Wordt stilzwijgend verlengd/).waitFor();
    await contracts
      .getByRole("list", { name: "Regels" })
      .getByText(/Belastingadviseur: €\s150,00 per uur × 40 uur = €\s6\.000,00 per jaar/)
      .waitFor();
    // A contract with a line added through the client page's form: a partner at 250,00 against the card's 200,00.
    const form = contracts.getByRole("form", { name: "Contract toevoegen" });
    await form.getByRole("textbox", { name: "Contract", exact: true }).fill("Partneradvies");
    await form.getByLabel("Begint op").fill("2025-03-01");
    await form.getByRole("textbox", { name: "Prijs per jaar (euro)" }).fill("2500");
    await form.getByRole("button", { name: "Regel erbij" }).press("Enter");
    await form.getByRole("textbox", { name: "Rol 1" }).fill("Vennoot");
    await form.getByRole("textbox", { name: "Uurtarief 1 (euro)" }).fill("250");
    await form.getByRole("textbox", { name: "Uren per jaar 1" }).fill("10");
    await form.getByRole("button", { name: "Toevoegen", exact: true }).press("Enter");
    await form.getByRole("status").filter({ hasText: "Contract toegevoegd." }).waitFor();
    await contracts.getByText(/Vennoot: €\s250,00 per uur × 10 uur = €\s2\.500,00 per jaar/).waitFor();

    await page.goto("/settings/rate-card");
    const list = page.getByRole("region", { name: "Eerlijkheid van contractregels" });
    await list.getByRole("row").filter({ hasText: "Advies met spoedtarief" }).waitFor();
    await list.getByRole("row").filter({ hasText: "Partneradvies" }).getByText("Boven de kaart").waitFor();

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(
      results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary}`).join("; ")}`),
    ).toEqual([]);
    await screenshotOf(list, "rate-card-fairness-nl.png");
  });
});
