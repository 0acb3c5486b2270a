import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_WORKING_TIME, type WorkingTimeSettings } from "../working-time.ts";
import { effectivePolicy, escalationDeadlines, isWithinPolicy, oneWorkingDayHours, workingHoursToDisclosure } from "./disclosure.ts";
import { disclosureDraft } from "./draft.ts";

const nineToFive = DEFAULT_WORKING_TIME;
const shortFriday: WorkingTimeSettings = {
  ...nineToFive,
  hours: { ...nineToFive.hours, 5: { start: "09:00", end: "13:00" }, 6: null },
};

describe("disclosure rules", () => {
  it("takes one working day as the organization's own day: 8 hours for 9–17, less with a short Friday", () => {
    expect(oneWorkingDayHours(nineToFive)).toBe(8);
    expect(oneWorkingDayHours(shortFriday)).toBe(7.2);
    expect(effectivePolicy(nineToFive, { discloseWithinHours: null, adminsAfterHours: null })).toEqual({
      discloseWithinHours: 8,
      adminsAfterHours: 8,
    });
    expect(effectivePolicy(nineToFive, { discloseWithinHours: 4, adminsAfterHours: null })).toEqual({
      discloseWithinHours: 4,
      adminsAfterHours: 8,
    });
  });

  it.each([
    // Friday 4 December 2026 15:00 Amsterdam → Monday 7 December 10:00: 2 + 1 working hours across the weekend.
    ["2026-12-04T14:00:00Z", "2026-12-07T09:00:00Z", 3],
    // Discovered on a Saturday, told Monday 11:30: only Monday's 2.5 hours count.
    ["2026-12-05T10:00:00Z", "2026-12-07T10:30:00Z", 2.5],
    // Told within the same hour.
    ["2026-12-07T09:00:00Z", "2026-12-07T09:20:00Z", 0.33],
    // Told before work started: nothing elapsed.
    ["2026-12-05T09:00:00Z", "2026-12-06T20:00:00Z", 0],
  ])("working hours from %s to %s: %d", (discovered, disclosed, hours) => {
    expect(workingHoursToDisclosure(nineToFive, new Date(discovered), new Date(disclosed))).toBe(hours);
  });

  it("works out the lead's deadline and the admins' after it, across the weekend", () => {
    const policy = effectivePolicy(nineToFive, { discloseWithinHours: null, adminsAfterHours: 4 });
    // Friday 15:00 Amsterdam: 2 hours on Friday and 6 on Monday → Monday 15:00; 4 more → Tuesday 11:00.
    const { discloseBy, adminsBy } = escalationDeadlines(nineToFive, policy, new Date("2026-12-04T14:00:00Z"));
    expect(discloseBy.toISOString()).toBe("2026-12-07T14:00:00.000Z");
    expect(adminsBy.toISOString()).toBe("2026-12-08T10:00:00.000Z");
    expect(isWithinPolicy(new Date("2026-12-07T14:00:00Z"), discloseBy)).toBe(true);
    expect(isWithinPolicy(new Date("2026-12-07T14:00:01Z"), discloseBy)).toBe(false);
  });

  it("drafts the message in Dutch and English from the error's own fields", () => {
    const input = {
      clientName: "Bakkerij Jansen",
      title: "Wrong VAT rate on the Q3 return",
      description: "we filed the Q3 return with 21% instead of 9% on bread.",
      remedy: null,
      discoveredOn: "4 December 2026",
      senderName: "Anna",
      senderOrganization: "Kantoor",
    };
    const nl = disclosureDraft("nl", input);
    expect(nl.subject).toBe("Een fout van onze kant: Wrong VAT rate on the Q3 return");
    expect(nl.message).toContain("Beste Bakkerij Jansen,");
    expect(nl.message).toContain("we filed the Q3 return with 21% instead of 9% on bread.");
    expect(nl.message).toContain("laten u zo snel mogelijk weten");
    const en = disclosureDraft("en", { ...input, remedy: "We file a correction this week." });
    expect(en.message).toContain("What we are doing about it: We file a correction this week.");
    expect(en.message.endsWith("Anna\nKantoor")).toBe(true);
  });
});

describe("working hours to disclosure (generated)", () => {
  const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms));
  it("is never negative, never more than the hours on the wall clock, and adds up across any moment between", () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [from, middle, to] = [a, b, c].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        const whole = workingHoursToDisclosure(nineToFive, from, to);
        expect(whole).toBeGreaterThanOrEqual(0);
        expect(whole).toBeLessThanOrEqual((to.getTime() - from.getTime()) / 3_600_000 + 0.01);
        const parts = workingHoursToDisclosure(nineToFive, from, middle) + workingHoursToDisclosure(nineToFive, middle, to);
        // Each part is rounded to two decimals.
        expect(Math.abs(whole - parts)).toBeLessThanOrEqual(0.011);
      }),
      { numRuns: 200 },
    );
  });

  it("a disclosure at the policy's deadline took exactly the policy's working hours", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (discovered, hours) => {
        const policy = { discloseWithinHours: hours, adminsAfterHours: 8 };
        const { discloseBy } = escalationDeadlines(nineToFive, policy, discovered);
        expect(workingHoursToDisclosure(nineToFive, discovered, discloseBy)).toBe(hours);
        expect(isWithinPolicy(discloseBy, discloseBy)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
