import { describe, expect, it } from "vitest";
import { evidenceFor } from "./evidence-rules.ts";
import { DEFAULT_WEIGHTS } from "./weights.ts";

/** Errors of ours as evidence: told quickly, told late, found by the client. */
describe("evidence of errors and their disclosure", () => {
  it.each([
    [
      { type: "incident.recorded", payload: { foundBy: "client" } },
      [
        ["incident_found_by_client", "integrity", -3],
        ["incident_found_by_client", "capabilities", -0.5],
      ],
    ],
    [{ type: "incident.recorded", payload: { foundBy: "us" } }, []],
    [{ type: "incident.recorded", payload: { foundBy: "third_party" } }, []],
    [
      { type: "incident.disclosed", payload: { withinPolicy: true, workingHoursToDisclosure: 2 } },
      [
        ["incident_disclosed_quickly", "integrity", 1.5],
        ["incident_disclosed_quickly", "capabilities", -0.5],
      ],
    ],
    [
      { type: "incident.disclosed", payload: { withinPolicy: false, workingHoursToDisclosure: 30 } },
      [["incident_disclosed_late", "integrity", -1.5]],
    ],
    [{ type: "incident.disclosed", payload: {} }, []],
    [{ type: "incident.escalated", payload: { level: "lead" } }, []],
  ])("%j", (fact, expected) => {
    expect(evidenceFor(fact, DEFAULT_WEIGHTS).map((item) => [item.kind, item.core, item.weight])).toEqual(expected);
  });

  it("weighs the client finding our error more heavily than our telling it late", () => {
    const found = DEFAULT_WEIGHTS.incident_found_by_client.integrity ?? 0;
    const late = DEFAULT_WEIGHTS.incident_disclosed_late.integrity ?? 0;
    expect(found).toBeLessThan(late);
    expect(late).toBeLessThan(0);
    expect(DEFAULT_WEIGHTS.incident_disclosed_quickly.integrity).toBeGreaterThan(0);
  });
});
