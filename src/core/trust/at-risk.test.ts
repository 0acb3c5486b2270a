import { describe, expect, it } from "vitest";
import { contactRhythm, nextStep, type RiskFacts, riskRank, riskReasons } from "./at-risk.ts";

const ref = (kind: string) => ({
  id: kind,
  kind,
  occurredAt: "2026-11-01T10:00:00.000Z",
  label: "x",
  source: { type: "commitment", id: kind },
});
const calm: RiskFacts = {
  undisclosedBreaks: [],
  integrityNow: 0.7,
  integrity30DaysAgo: 0.7,
  integrityLosses: [],
  missedCallbacks: [],
  daysSinceContact: 5,
  rhythmDays: 30,
  pulse: null,
  pulseEvidence: [],
  evidenceScores: { integrity: 0.7, intent: 0.6, capabilities: 0.5, results: 0.6 },
  evidenceUncertainty: { integrity: 0.2, intent: 0.3, capabilities: 1, results: 0.3 },
  teamPulseNow: null,
  teamPulseBefore: null,
};

describe("at-risk rules", () => {
  it("finds nothing wrong with a calm client", () => {
    expect(riskReasons(calm)).toEqual([]);
    expect(nextStep([])).toBeNull();
  });

  it.each([
    [{ undisclosedBreaks: [ref("commitment_broken_undisclosed")] }, "broken_undisclosed", "apologise_and_renegotiate"],
    [{ integrityNow: 0.45, integrity30DaysAgo: 0.7 }, "integrity_drop", "involve_senior"],
    [{ daysSinceContact: 45 }, "silence", "call"],
    [{ missedCallbacks: [ref("callback_never_returned")] }, "callbacks_missed", "call"],
    [
      {
        pulse: { integrity: 2, intent: 2, capabilities: 3, results: 2 },
        evidenceScores: { integrity: 0.3, intent: 0.3, capabilities: 0.5, results: 0.3 },
      },
      "low_pulse",
      "involve_senior",
    ],
    [
      {
        pulse: { integrity: 5, intent: 4, capabilities: 4, results: 4 },
        evidenceScores: { integrity: 0.3, intent: 0.6, capabilities: 0.6, results: 0.6 },
      },
      "perception_gap",
      "ask_for_feedback",
    ],
    [{ teamPulseNow: 2.5, teamPulseBefore: 4 }, "team_pulse_drop", "involve_senior"],
    [{ untoldIncidents: [{ ...ref("undisclosed_incident"), overdue: false }] }, "undisclosed_incident", "disclose_error"],
  ] as const)("gives a reason for %j", (change, code, step) => {
    const reasons = riskReasons({ ...calm, ...change } as RiskFacts);
    expect(reasons.map((reason) => reason.code)).toEqual([code]);
    expect(nextStep(reasons)).toBe(step);
  });

  it("does not let a core we know little about contradict the client", () => {
    const reasons = riskReasons({ ...calm, pulse: { capabilities: 5 }, evidenceScores: { ...calm.evidenceScores, capabilities: 0.5 } });
    expect(reasons).toEqual([]);
  });

  it("does not call a small dip, contact within the rhythm or a never-contacted client silent", () => {
    expect(riskReasons({ ...calm, integrityNow: 0.65 })).toEqual([]);
    expect(riskReasons({ ...calm, daysSinceContact: 30 })).toEqual([]);
    expect(riskReasons({ ...calm, daysSinceContact: null })).toEqual([]);
  });

  it("ranks an undisclosed break above a long silence, and more reasons above fewer", () => {
    const broken = riskReasons({ ...calm, undisclosedBreaks: [ref("a")] });
    const silent = riskReasons({ ...calm, daysSinceContact: 60 });
    const both = riskReasons({ ...calm, undisclosedBreaks: [ref("a")], daysSinceContact: 60 });
    expect(riskRank(broken)).toBeGreaterThan(riskRank(silent));
    expect(riskRank(both)).toBeGreaterThan(riskRank(broken));
    expect(both[0]?.code).toBe("broken_undisclosed");
  });

  it("learns the rhythm from the client's history, unless the client has one of its own", () => {
    expect(contactRhythm({ clientDays: 14, orgDefaultDays: 30, contactGapsDays: [1, 2, 3] })).toEqual({ days: 14, from: "client" });
    expect(contactRhythm({ clientDays: null, orgDefaultDays: 30, contactGapsDays: [10, 12, 20] })).toEqual({ days: 18, from: "learned" });
    expect(contactRhythm({ clientDays: null, orgDefaultDays: 30, contactGapsDays: [10] })).toEqual({ days: 30, from: "organization" });
    expect(contactRhythm({ clientDays: null, orgDefaultDays: 30, contactGapsDays: [1, 1, 2, 2] }).days).toBe(7);
  });

  it("weighs an untold error more once it is past the policy, and shows the errors as its evidence", () => {
    const incident = {
      id: "i1",
      kind: "undisclosed_incident",
      occurredAt: "2026-11-01T10:00:00.000Z",
      label: "Wrong rate",
      source: { type: "incident", id: "i1" },
    };
    const fresh = riskReasons({ ...calm, untoldIncidents: [{ ...incident, overdue: false }] });
    const late = riskReasons({ ...calm, untoldIncidents: [{ ...incident, overdue: true }] });
    expect(fresh[0]).toMatchObject({ code: "undisclosed_incident", params: { count: 1, overdue: 0 }, evidence: [incident] });
    expect(late[0]).toMatchObject({ code: "undisclosed_incident", params: { count: 1, overdue: 1 } });
    expect(riskRank(late)).toBeGreaterThan(riskRank(fresh));
    // Past the policy it comes before an undisclosed broken promise.
    const both = riskReasons({ ...calm, undisclosedBreaks: [ref("a")], untoldIncidents: [{ ...incident, overdue: true }] });
    expect(both.map((reason) => reason.code)).toEqual(["undisclosed_incident", "broken_undisclosed"]);
    expect(nextStep(both)).toBe("disclose_error");
  });
});
