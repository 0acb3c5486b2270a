import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, EVIDENCE_KINDS, effectiveWeights, refuseWeightChanges } from "./weights.ts";

describe("the weight table", () => {
  it("has an entry for every kind, and negative evidence weighs more than positive of the same source", () => {
    for (const kind of EVIDENCE_KINDS) expect(DEFAULT_WEIGHTS[kind]).toBeDefined();
    expect(Math.abs(DEFAULT_WEIGHTS.commitment_broken_undisclosed.integrity!)).toBeGreaterThan(DEFAULT_WEIGHTS.commitment_kept.integrity!);
    expect(Math.abs(DEFAULT_WEIGHTS.callback_never_returned.integrity!)).toBeGreaterThan(
      DEFAULT_WEIGHTS.callback_returned_in_time.integrity!,
    );
    expect(Math.abs(DEFAULT_WEIGHTS.pulse_answer_1.intent!)).toBeGreaterThan(DEFAULT_WEIGHTS.pulse_answer_5.intent!);
  });

  it("applies edits as magnitudes with the default's sign", () => {
    const table = effectiveWeights({ commitment_broken_undisclosed: { integrity: 6 }, commitment_kept: { integrity: 2 } });
    expect(table.commitment_broken_undisclosed.integrity).toBe(-6);
    expect(table.commitment_kept.integrity).toBe(2);
    expect(DEFAULT_WEIGHTS.commitment_kept.integrity).toBe(1);
  });

  it.each([
    [{ commitment_kept: { integrity: -1 } }, "negative"],
    [{ commitment_kept: { integrity: Number.NaN } }, "not_a_number"],
    [{ commitment_kept: { integrity: Number.POSITIVE_INFINITY } }, "not_a_number"],
    [{ commitment_kept: { integrity: 1e9 } }, "too_large"],
    [{ commitment_kept: { integrity: "1" } }, "not_a_number"],
    [{ commitment_kept: { honesty: 1 } }, "unknown_core"],
    [{ made_up: { integrity: 1 } }, "unknown_kind"],
  ])("refuses %j (%s)", (changes, reason) => {
    expect(refuseWeightChanges(changes as Record<string, unknown>)?.reason).toBe(reason);
  });

  it("takes sensible edits", () => {
    expect(refuseWeightChanges({ commitment_kept: { integrity: 0, results: 10 } })).toBeNull();
  });
});
