import { describe, expect, it } from "vitest";
import {
  broken,
  callback,
  cancelledAgreed,
  interaction,
  kept,
  keptLate,
  ledgerOf,
  observation,
  pulse,
  renegotiated,
  teamPulse,
  times,
} from "./scenario-ledger.ts";

/**
 * The frozen set: scenarios the weight table is never tuned against. When a
 * change of weights makes one fail, the failure is reported (docs/trust.md),
 * not "fixed" by editing the scenario.
 */
const neutral = 0.5;

const scenarios: Array<[string, () => void]> = [
  [
    "a firm that renegotiates everything with notice stays above neutral but below one that keeps",
    () => {
      const told = ledgerOf(times(6, (d) => renegotiated(true, d))).integrity.score;
      expect(told).toBeGreaterThan(neutral);
      expect(told).toBeLessThan(ledgerOf(times(6, kept)).integrity.score);
    },
  ],
  [
    "many cancellations with agreement leave the score where it was",
    () => {
      expect(ledgerOf([...times(3, kept), ...times(5, cancelledAgreed)]).integrity.score).toBeCloseTo(
        ledgerOf(times(3, kept)).integrity.score,
        12,
      );
    },
  ],
  [
    "a broken promise two years ago matters less than one last month",
    () => {
      expect(ledgerOf([...times(4, kept), broken(false, 730)]).integrity.score).toBeGreaterThan(
        ledgerOf([...times(4, kept), broken(false, 30)]).integrity.score,
      );
    },
  ],
  [
    "a client who keeps inviting us but whose callbacks we miss: Intent signals conflict, Integrity falls",
    () => {
      const l = ledgerOf([interaction({ clientInvitation: true }, 20), callback("broken", 10), callback("broken", 3)]);
      expect(l.integrity.score).toBeLessThan(neutral);
    },
  ],
  [
    "a late delivery told in advance is better than a late delivery not told",
    () => {
      expect(ledgerOf([renegotiated(true, 4), kept()]).integrity.score).toBeGreaterThan(
        ledgerOf([renegotiated(false, 4), kept()]).integrity.score,
      );
    },
  ],
  [
    "two undisclosed breaks are worse than four late deliveries",
    () => {
      expect(ledgerOf([broken(false, 2), broken(false)]).integrity.score).toBeLessThan(ledgerOf(times(4, keptLate, 1)).integrity.score);
    },
  ],
  [
    "a pulse full of fives does not outweigh an undisclosed break on Integrity",
    () => {
      expect(ledgerOf([pulse({ integrity: 5 }), broken(false)]).integrity.score).toBeLessThan(neutral);
    },
  ],
  [
    "a warm team pulse nudges Intent up only a little",
    () => {
      const warm = ledgerOf([teamPulse(4.6)]).intent.score;
      expect(warm).toBeGreaterThan(neutral);
      expect(warm).toBeLessThan(ledgerOf([interaction({ clientRaisedProblem: true })]).intent.score);
    },
  ],
  [
    "the client raising problems and inviting us makes them ready to share problems",
    () => {
      const l = ledgerOf([interaction({ clientRaisedProblem: true }, 40), interaction({ clientInvitation: true }, 10), ...times(3, kept)]);
      expect(l.readiness.shareProblems.score).toBeGreaterThan(0.6);
    },
  ],
  [
    "competence without results evidence keeps doing business uncertain",
    () => {
      const l = ledgerOf(times(3, (d) => interaction({ clientRaisedProblem: true }, d)));
      expect(l.readiness.doBusiness.uncertainty).toBe(1);
    },
  ],
  [
    "a strong negative observation on Intent outweighs a callback returned in time",
    () => {
      expect(ledgerOf([callback("kept"), observation("intent", "negative", 1, 2)]).intent.score).toBeLessThan(neutral);
    },
  ],
  [
    "with a longer half-life an old break still weighs more",
    () => {
      const short = ledgerOf([broken(false, 365)], { halfLifeDays: 90 }).integrity.score;
      const long = ledgerOf([broken(false, 365)], { halfLifeDays: 720 }).integrity.score;
      expect(long).toBeLessThan(short);
    },
  ],
];

describe("trust scenarios (frozen set, never tuned against)", () => {
  it.each(scenarios)("%s", (_name, check) => check());
});
