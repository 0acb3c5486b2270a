import { describe, expect, it } from "vitest";
import { afterFailedAttempt, canSeeSystem, retryDelayMinutes } from "./notifications.ts";
import type { Role } from "./roles.ts";

describe("canSeeSystem", () => {
  it.each<[Role, boolean]>([
    ["admin", true],
    ["lead", false],
    ["advisor", false],
    ["frontdesk", false],
  ])("%s → %s", (role, expected) => {
    expect(canSeeSystem(role)).toBe(expected);
  });
});

describe("retryDelayMinutes", () => {
  it.each([
    [1, 1],
    [2, 5],
    [3, 15],
    [4, 60],
    [5, 240],
    [6, 240],
    [50, 240],
    // Nonsense attempts count as the first.
    [0, 1],
    [-3, 1],
    [1.9, 1],
  ])("after attempt %s: %s minutes", (attempt, minutes) => {
    expect(retryDelayMinutes(attempt)).toBe(minutes);
  });
});

describe("afterFailedAttempt", () => {
  const now = new Date("2026-03-02T09:00:00Z");
  it.each([
    [1, 6, "2026-03-02T09:01:00.000Z"],
    [2, 6, "2026-03-02T09:05:00.000Z"],
    [5, 6, "2026-03-02T13:00:00.000Z"],
    [1, 2, "2026-03-02T09:01:00.000Z"],
  ])("attempt %s of %s → queued until %s", (attempt, max, at) => {
    expect(afterFailedAttempt(attempt, max, now)).toEqual({ status: "queued", nextAttemptAt: new Date(at) });
  });

  it.each([
    [6, 6],
    [7, 6],
    [1, 1],
  ])("attempt %s of %s → failed", (attempt, max) => {
    expect(afterFailedAttempt(attempt, max, now)).toEqual({ status: "failed" });
  });
});
