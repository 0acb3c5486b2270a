import type { Actor } from "../../core/actor.ts";
import * as contracts from "../contracts/contracts.usecases.ts";
import { SHIPPED_CPI_CODE } from "../index-series/index-series.schemas.ts";
import * as indexSeries from "../index-series/index-series.usecases.ts";
import * as rateCard from "../rate-card/rate-card.usecases.ts";
import type { DemoClientRef, DemoMember, Deps } from "./demo-commitments.ts";
import { quietClientsOf } from "./demo-trust-stories.ts";

/**
 * Two indexed contracts of the first adviser's, on two of their clients that
 * tell no other story, both on the shipped CBS CPI (year averages), through
 * the same use-cases people use. Their years lie in the published past, so
 * the demo tells the same story whatever day it is loaded on:
 * - the red-face case: in 2020 the firm applied 6.6 % where the CPI allowed
 *   2.6 %, and the CPI after that — about 8,000 euro too much every year since;
 * - a fair one: every year exactly what the clause allowed — but at an hourly
 *   rate far below the firm's rate card (the seed's eighth commandment: a
 *   contract at extremely low prices gets poor service), which the fairness
 *   check flags.
 * The rate card holds three roles from 2019 on; the red-face contract's lines
 * are priced at the card.
 */
const RATE_CARD = [
  ["Partner", 17_500],
  ["Senior adviseur", 12_500],
  ["Adviseur", 9_500],
] as const;
const RED_FACE_INCREASES = [
  ["2020-01-01", 6.6],
  ["2021-01-01", 1.3],
  ["2022-01-01", 2.7],
  ["2023-01-01", 10],
  ["2024-01-01", 3.8],
  ["2025-01-01", 3.3],
] as const;
const FAIR_INCREASES = [
  ["2022-01-01", 2.7],
  ["2023-01-01", 10],
  ["2024-01-01", 3.8],
  ["2025-01-01", 3.3],
] as const;

export async function loadDemoContracts(deps: Deps, orgId: string, members: DemoMember[], clients: DemoClientRef[]): Promise<void> {
  const adviser = members.find((member) => member.role === "advisor");
  // Clients that tell no other story: not the trust stories' four, not the two with an error (demo-incidents.ts).
  const [redFace, fair] = quietClientsOf(members, clients).slice(-4, -2);
  if (!adviser || !redFace || !fair) return;
  const actor: Actor = { userId: adviser.id, orgId, role: adviser.role, via: "session" };
  const cpi = (await indexSeries.listSeries(deps, actor)).items.find((series) => series.code === SHIPPED_CPI_CODE);
  if (!cpi) return;
  const indexation = { seriesId: cpi.id, method: "annual_average" as const, lagMonths: 0 };
  const admin = members.find((member) => member.role === "admin");
  if (admin) {
    const adminActor: Actor = { userId: admin.id, orgId, role: admin.role, via: "session" };
    for (const [role, hourlyRateCents] of RATE_CARD)
      await rateCard.addRate(deps, adminActor, { role, hourlyRateCents, validFrom: "2019-01-01" });
  }

  const overcharged = await contracts.createContract(deps, actor, {
    clientId: redFace.id,
    title: "Jaarcontract administratie en advies",
    startsOn: "2019-01-01",
    annualPriceCents: 20_000_000,
    termMonths: 12,
    renewal: "auto",
    lines: [
      { role: "Partner", hourlyRateCents: 17_500, hoursPerYear: 400 },
      { role: "Senior adviseur", hourlyRateCents: 12_500, hoursPerYear: 1040 },
    ],
    indexation,
  });
  for (const [effectiveOn, appliedPct] of RED_FACE_INCREASES) {
    await contracts.recordIncrease(deps, actor, overcharged.id, { effectiveOn, appliedPct });
  }
  const kept = await contracts.createContract(deps, actor, {
    clientId: fair.id,
    title: "Salarisadministratie",
    startsOn: "2021-01-01",
    annualPriceCents: 1_800_000,
    termMonths: 12,
    renewal: "by_agreement",
    lines: [{ role: "Adviseur", hourlyRateCents: 6_000, hoursPerYear: 300 }],
    indexation,
  });
  for (const [effectiveOn, appliedPct] of FAIR_INCREASES) {
    await contracts.recordIncrease(deps, actor, kept.id, { effectiveOn, appliedPct });
  }
}
