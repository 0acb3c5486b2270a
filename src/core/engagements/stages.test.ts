import { describe, expect, it } from "vitest";
import { pullRatios, quarterOf } from "./pull-ratio.ts";
import { canDecline, type EngagementStage, gateRefusal, type Stage, stageRefusal } from "./stages.ts";

const open = { analysisRecorded: true, secondLook: true };
const noAnalysis = { analysisRecorded: false, secondLook: false };
const noSecondLook = { analysisRecorded: true, secondLook: false };

describe("stage rules", () => {
  it.each<[EngagementStage, Stage, typeof open, string | null]>([
    ["request", "analysis", noAnalysis, null],
    ["analysis", "proposal", noAnalysis, null],
    ["proposal", "contracted", open, null],
    ["contracted", "delivering", open, null],
    ["delivering", "closed", open, null],
    ["request", "proposal", noAnalysis, "engagements.stage_skipped"],
    ["request", "closed", open, "engagements.stage_skipped"],
    ["analysis", "contracted", open, "engagements.stage_skipped"],
    ["proposal", "analysis", open, "engagements.stage_backwards"],
    ["delivering", "request", open, "engagements.stage_backwards"],
    ["proposal", "proposal", open, "engagements.stage_backwards"],
    ["closed", "delivering", open, "engagements.stage_final"],
    ["declined", "analysis", open, "engagements.stage_final"],
    // The gate speaks before the order: contracting a bare request names the analysis.
    ["request", "contracted", noAnalysis, "engagements.analysis_required"],
    ["proposal", "contracted", noAnalysis, "engagements.analysis_required"],
    ["proposal", "contracted", noSecondLook, "engagements.analysis_required"],
    ["analysis", "proposal", noSecondLook, null],
  ])("%s → %s: %s", (from, to, gate, code) => {
    expect(stageRefusal(from, to, gate)?.code ?? null).toBe(code);
  });

  it("says why the gate is shut: the analysis first, then the second look", () => {
    expect(gateRefusal(noAnalysis)).toBe("no_analysis");
    expect(gateRefusal({ analysisRecorded: false, secondLook: true })).toBe("no_analysis");
    expect(gateRefusal(noSecondLook)).toBe("no_second_look");
    expect(gateRefusal(open)).toBeNull();
    expect(stageRefusal("proposal", "contracted", noSecondLook)).toEqual({
      code: "engagements.analysis_required",
      reason: "no_second_look",
    });
    expect(stageRefusal("request", "proposal", noAnalysis)).toEqual({
      code: "engagements.stage_skipped",
      reason: "skipped",
      next: "analysis",
    });
  });

  it.each<[EngagementStage, boolean]>([
    ["request", true],
    ["analysis", true],
    ["proposal", true],
    ["contracted", false],
    ["delivering", false],
    ["closed", false],
    ["declined", false],
  ])("declining at %s: %s", (stage, allowed) => {
    expect(canDecline(stage)).toBe(allowed);
  });
});

describe("pull ratio", () => {
  it.each([
    ["2026-01-01", "2026-Q1"],
    ["2026-03-31", "2026-Q1"],
    ["2026-04-01", "2026-Q2"],
    ["2026-09-30", "2026-Q3"],
    ["2026-12-31", "2026-Q4"],
  ])("%s is in %s", (date, quarter) => {
    expect(quarterOf(date)).toBe(quarter);
  });

  it("counts per group and quarter, and warns when the share the client asked for falls", () => {
    const facts = [
      { group: "team-a", initiatedBy: "client", quarter: "2026-Q1" },
      { group: "team-a", initiatedBy: "client", quarter: "2026-Q1" },
      { group: "team-a", initiatedBy: "client", quarter: "2026-Q2" },
      { group: "team-a", initiatedBy: "us", quarter: "2026-Q2" },
      { group: "team-b", initiatedBy: "us", quarter: "2026-Q1" },
      { group: "team-b", initiatedBy: "client", quarter: "2026-Q3" },
    ] as const;
    const [a, b] = pullRatios(facts);
    expect(a).toEqual({
      group: "team-a",
      clientInitiated: 3,
      weInitiated: 1,
      ratio: 0.75,
      quarters: [
        { quarter: "2026-Q1", clientInitiated: 2, weInitiated: 0, ratio: 1 },
        { quarter: "2026-Q2", clientInitiated: 1, weInitiated: 1, ratio: 0.5 },
      ],
      falling: true,
    });
    expect(b).toMatchObject({ group: "team-b", ratio: 0.5, falling: false });
    expect(pullRatios([])).toEqual([]);
  });

  it.each([
    [[1, 0.9], true],
    [[1, 0.95], false],
    [[0.5, 0.5], false],
    [[0.2, 0.8], false],
    [[1], false],
  ])("ratios %j falling: %s", (ratios, falling) => {
    const facts = ratios.flatMap((ratio, index) => {
      const quarter = `2026-Q${index + 1}`;
      const client = Math.round(ratio * 20);
      return [
        ...Array.from({ length: client }, () => ({ group: "g", initiatedBy: "client" as const, quarter })),
        ...Array.from({ length: 20 - client }, () => ({ group: "g", initiatedBy: "us" as const, quarter })),
      ];
    });
    expect(pullRatios(facts)[0]?.falling).toBe(falling);
  });
});
