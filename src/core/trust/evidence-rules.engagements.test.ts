import { describe, expect, it } from "vitest";
import { evidenceFor } from "./evidence-rules.ts";
import { DEFAULT_WEIGHTS } from "./weights.ts";

/** Engagement events as trust evidence (docs/engagements.md). */
describe("engagement evidence", () => {
  it.each([
    ["engagement.created", { initiatedBy: "client" }, [["engagement_requested_by_client", "intent", 0.5]]],
    ["engagement.created", { initiatedBy: "us" }, []],
    [
      "engagement.declined",
      { reason: "Niet ons vak", referral: "Bureau Loon" },
      [
        ["engagement_declined_with_referral", "intent", 1.5],
        ["engagement_declined_with_referral", "integrity", 1],
      ],
    ],
    ["engagement.declined", { reason: "Niet ons vak", referral: null }, []],
    ["engagement.declined", { reason: "Niet ons vak", referral: "  " }, []],
    [
      "engagement.advice_recorded",
      { againstOwnRevenue: true, revenueForgoneCents: 100 },
      [
        ["advice_against_own_revenue", "intent", 1.5],
        ["advice_against_own_revenue", "integrity", 1],
      ],
    ],
    ["engagement.advice_recorded", { againstOwnRevenue: false }, []],
    ["engagement.disagreement_recorded", { resolvedBy: "contract" }, [["disagreement_settled_by_contract", "intent", -1.5]]],
    ["engagement.disagreement_recorded", { resolvedBy: "dialogue" }, []],
    ["engagement.disagreement_recorded", { resolvedBy: "concession" }, []],
    ["engagement.stage_changed", { from: "proposal", to: "contracted" }, []],
  ] as const)("%s %j", (type, payload, expected) => {
    const items = evidenceFor({ type, payload: payload as Record<string, unknown> }, DEFAULT_WEIGHTS).map((item) => [
      item.kind,
      item.core,
      item.weight,
    ]);
    expect(items).toEqual(expected);
  });
});
