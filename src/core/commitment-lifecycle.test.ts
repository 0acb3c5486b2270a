import { describe, expect, it } from "vitest";
import {
  completionStatus,
  informedBeforeDue,
  isActive,
  keptOnTimeRate,
  refuseTransition,
  type Status,
  warningTime,
} from "./commitment-lifecycle.ts";
import { DEFAULT_WORKING_TIME } from "./working-time.ts";

const at = (iso: string) => new Date(iso);

describe("which actions each status allows", () => {
  it.each<[Status, "complete" | "renegotiate" | "break" | "cancel", string | null]>([
    ["open", "complete", null],
    ["renegotiated", "complete", null],
    ["kept", "complete", "closed"],
    ["kept_late", "renegotiate", "closed"],
    ["broken", "complete", "closed"],
    ["cancelled", "complete", "closed"],
    ["cancelled", "cancel", "closed"],
    ["open", "break", null],
    ["renegotiated", "renegotiate", null],
  ])("%s + %s → %s", (status, action, expected) => {
    const input = {
      reason: "a reason",
      clientAgreed: true,
      newDueAt: at("2026-12-01T10:00:00Z"),
      currentDueAt: at("2026-11-30T10:00:00Z"),
      now: at("2026-11-23T10:00:00Z"),
    };
    expect(refuseTransition(status, action, input)).toBe(expected);
  });

  it.each([
    ["renegotiate without a reason", "renegotiate", { reason: "  " }, "reason_required"],
    ["break without a reason", "break", {}, "reason_required"],
    ["cancel without the client's agreement", "cancel", { reason: "no longer needed", clientAgreed: false }, "client_must_agree"],
    ["cancel with the client's agreement", "cancel", { reason: "no longer needed", clientAgreed: true }, null],
    [
      "renegotiate to the same due time",
      "renegotiate",
      { reason: "r", newDueAt: at("2026-11-30T10:00:00Z"), currentDueAt: at("2026-11-30T10:00:00Z"), now: at("2026-11-23T10:00:00Z") },
      "same_due_time",
    ],
    [
      "renegotiate to a time already past",
      "renegotiate",
      { reason: "r", newDueAt: at("2026-11-22T10:00:00Z"), currentDueAt: at("2026-11-30T10:00:00Z"), now: at("2026-11-23T10:00:00Z") },
      "due_in_past",
    ],
  ] as const)("%s", (_name, action, input, expected) => {
    expect(refuseTransition("open", action, input)).toBe(expected);
  });

  it("only open and renegotiated are active", () => {
    expect((["open", "renegotiated", "kept", "kept_late", "broken", "cancelled"] as const).filter(isActive)).toEqual([
      "open",
      "renegotiated",
    ]);
  });
});

describe("on time or late is computed", () => {
  it.each([
    ["a minute early", "2026-11-23T13:59:00Z", "kept"],
    ["exactly on the due time", "2026-11-23T14:00:00Z", "kept"],
    ["one second late", "2026-11-23T14:00:01Z", "kept_late"],
    ["a day late", "2026-11-24T14:00:00Z", "kept_late"],
  ])("%s → %s", (_name, doneAt, expected) => {
    expect(completionStatus(at(doneAt), at("2026-11-23T14:00:00Z"))).toBe(expected);
  });

  it.each([
    [true, "2026-11-23T13:00:00Z", true],
    [true, "2026-11-23T15:00:00Z", false],
    [false, "2026-11-23T13:00:00Z", false],
  ])("client informed %s, recorded at %s → in time %s", (informed, recordedAt, expected) => {
    expect(informedBeforeDue(informed, at(recordedAt), at("2026-11-23T14:00:00Z"))).toBe(expected);
  });
});

describe("the 75 % warning is counted on working time", () => {
  // Amsterdam, Mon–Fri 09:00–17:00 (UTC+1 in November).
  it.each([
    ["4 working hours from Monday 09:00: warning at 12:00", "2026-11-23T08:00:00Z", "2026-11-23T12:00:00Z", "2026-11-23T11:00:00Z"],
    [
      "from Friday 15:00 to Monday 11:00 (4 working hours): warning Monday 10:00",
      "2026-11-27T14:00:00Z",
      "2026-11-30T10:00:00Z",
      "2026-11-30T09:00:00Z",
    ],
  ])("%s", (_name, from, due, expected) => {
    expect(warningTime(DEFAULT_WORKING_TIME, at(from), at(due), 75)?.toISOString()).toBe(new Date(expected).toISOString());
  });

  it("no warning for something already due", () => {
    expect(warningTime(DEFAULT_WORKING_TIME, at("2026-11-23T12:00:00Z"), at("2026-11-23T10:00:00Z"), 75)).toBeNull();
  });
});

describe("kept-on-time rate", () => {
  it.each([
    [{ kept: 0, keptLate: 0, broken: 0 }, null],
    [{ kept: 3, keptLate: 1, broken: 0 }, 0.75],
    [{ kept: 1, keptLate: 0, broken: 1 }, 0.5],
    [{ kept: 0, keptLate: 2, broken: 2 }, 0],
  ])("%o → %s", (figures, expected) => {
    expect(keptOnTimeRate(figures)).toBe(expected);
  });
});
