import { describe, expect, it } from "vitest";
import { afterFailedAttempt, canSeeSystem, retryDelayMinutes, sendMayHaveSucceeded } from "./notifications.ts";
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

describe("sendMayHaveSucceeded", () => {
  const smtpError = (fields: object) => Object.assign(new Error("x"), fields);
  it.each([
    ["a refusal with a reply code", smtpError({ code: "EENVELOPE", responseCode: 451, command: "MAIL FROM" }), false],
    ["a refusal of the message itself", smtpError({ code: "EMESSAGE", responseCode: 554, command: "DATA" }), false],
    ["no connection", smtpError({ code: "ECONNECTION", command: "CONN" }), false],
    ["a failed login", smtpError({ code: "EAUTH", command: "AUTH PLAIN" }), false],
    ["a recipient refused before the message", smtpError({ code: "EENVELOPE", command: "RCPT TO" }), false],
    ["a timeout while the message went over", smtpError({ code: "ETIMEDOUT", command: "DATA" }), true],
    ["a socket closed with no command known", smtpError({ code: "ESOCKET" }), true],
    ["an unknown error", new Error("something"), true],
    ["not an error at all", "boom", true],
  ])("%s → %s", (_name, error, expected) => {
    expect(sendMayHaveSucceeded(error)).toBe(expected);
  });
});
