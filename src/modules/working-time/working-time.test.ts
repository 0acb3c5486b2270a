import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { addWorkingHours } from "../../core/working-time.ts";
import { fixedClock } from "../../shared/clock.ts";

const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let app: App;
let admin: Session;
let advisor: Session;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { organizationName: "Werktijd BV" });
  advisor = await addMember(app, admin, "advisor");
});
afterAll(() => app.close());

type Holiday = { key: string; date: string; name: { nl: string; en: string }; closed: boolean; closedByDefault: boolean };

describe("working time", () => {
  it("starts with Amsterdam office hours, Dutch holidays and the starter SLA policies", async () => {
    const time = (await as(app, advisor).get("/api/v1/settings/working-time")).json();
    expect(time).toMatchObject({
      timeZone: "Europe/Amsterdam",
      holidayCountry: "NL",
      language: "nl",
      businessHours: { "1": { start: "09:00", end: "17:00" }, "5": { start: "09:00", end: "17:00" }, "6": null, "7": null },
    });
    const kingsDay = time.holidays.find((h: Holiday) => h.date === "2027-04-27");
    expect(kingsDay).toMatchObject({ closed: true, closedByDefault: true });
    const goodFriday = time.holidays.find((h: Holiday) => h.date === "2027-03-26");
    expect(goodFriday).toMatchObject({ closed: false, closedByDefault: false });
    const policies = (await as(app, advisor).get("/api/v1/sla-policies")).json().items;
    expect(policies.map((p: { kind: string; amount: number; unit: string }) => `${p.kind} ${p.amount} ${p.unit}`).sort()).toEqual([
      "callback 4 working_hours",
      "deliverable 5 working_days",
    ]);
  });

  it("a firm that closes on Good Friday gets later due times over Easter", async () => {
    const from = "2027-03-25T16:00:00+01:00"; // Thursday before Easter, one hour before closing
    const before = (await as(app, advisor).post("/api/v1/working-time/due", { from, amount: 2, unit: "working_hours" })).json();
    expect(before.dueAt).toBe("2027-03-26T09:00:00.000Z"); // Friday 10:00
    const time = (await as(app, admin).get("/api/v1/settings/working-time")).json();
    const goodFriday = time.holidays.find((h: Holiday) => h.date === "2027-03-26");
    const saved = await as(app, admin).put("/api/v1/settings/working-time", {
      timeZone: time.timeZone,
      businessHours: time.businessHours,
      holidayCountry: "NL",
      holidayChoices: { [goodFriday.key]: true },
      language: "nl",
      version: time.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = (await as(app, advisor).post("/api/v1/working-time/due", { from, amount: 2, unit: "working_hours" })).json();
    expect(after.dueAt).toBe("2027-03-30T08:00:00.000Z"); // Tuesday 10:00 (CEST): Friday closed, Monday is Easter Monday

    // The version read before the save is stale now.
    const stale = await as(app, admin).put("/api/v1/settings/working-time", {
      timeZone: time.timeZone,
      businessHours: time.businessHours,
      holidayCountry: "NL",
      holidayChoices: {},
      language: "nl",
      version: time.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("working_time.version_conflict");
  });

  it("refuses invalid time zones and hours with a translated message; only admins change it", async () => {
    const time = (await as(app, admin).get("/api/v1/settings/working-time")).json();
    const body = {
      timeZone: time.timeZone,
      businessHours: time.businessHours,
      holidayCountry: "NL",
      holidayChoices: {},
      language: "nl",
      version: time.version,
    };
    for (const zone of ["Mars/Olympus", "Europe/Amsterdam; drop table", "UTC+25"]) {
      const refused = await as(app, admin, "nl").put("/api/v1/settings/working-time", { ...body, timeZone: zone });
      expect(refused.statusCode, zone).toBe(400);
      expect(refused.json().error.message).toMatch(/tijdzone/);
    }
    const backwards = await as(app, admin).put("/api/v1/settings/working-time", {
      ...body,
      businessHours: { ...time.businessHours, "1": { start: "17:00", end: "09:00" } },
    });
    expect(backwards.statusCode).toBe(400);
    const closedAllWeek = await as(app, admin).put("/api/v1/settings/working-time", {
      ...body,
      businessHours: { "1": null, "2": null, "3": null, "4": null, "5": null, "6": null, "7": null },
    });
    expect(closedAllWeek.json().error.code).toBe("working_time.no_open_day");
    expect((await as(app, advisor).put("/api/v1/settings/working-time", body)).statusCode).toBe(403);
    const unchanged = (await as(app, admin).get("/api/v1/settings/working-time")).json();
    expect(unchanged.version).toBe(time.version);
  });

  describe("the work one organization can ask of the server is bounded", () => {
    const oneMinuteOnMondays = { "1": { start: "09:00", end: "09:01" }, "2": null, "3": null, "4": null, "5": null, "6": null, "7": null };

    it("refuses working hours below an hour a week, translated", async () => {
      const time = (await as(app, admin).get("/api/v1/settings/working-time")).json();
      const body = { timeZone: time.timeZone, holidayCountry: "NL", holidayChoices: {}, language: "nl", version: time.version };
      for (const [language, text] of [
        ["nl", /minstens 1 uur per week/],
        ["en", /at least 1 hour a week/],
      ] as const) {
        const refused = await as(app, admin, language).put("/api/v1/settings/working-time", { ...body, businessHours: oneMinuteOnMondays });
        expect(refused.statusCode, refused.body).toBe(400);
        expect(refused.json().error).toMatchObject({ code: "working_time.too_little", message: expect.stringMatching(text) });
      }
      // Exactly an hour a week is allowed.
      const hour = { ...oneMinuteOnMondays, "1": { start: "09:00", end: "10:00" } };
      const saved = await as(app, admin).put("/api/v1/settings/working-time", { ...body, businessHours: hour });
      expect(saved.statusCode, saved.body).toBe(200);
      const due = await as(app, advisor).post("/api/v1/working-time/due", {
        from: "2026-11-23T09:00:00+01:00",
        amount: 1000,
        unit: "working_hours",
      });
      expect(due.statusCode, due.body).toBe(200);
      // About 1,000 Mondays later (Easter Monday and the other holidays skipped), as the rules of core compute it.
      const settings = { timeZone: time.timeZone, hours: { 1: hour["1"] }, holidayCountry: "NL", holidayChoices: {} };
      expect(due.json().dueAt).toBe(addWorkingHours(settings, new Date("2026-11-23T08:00:00Z"), 1000).toISOString());
      expect(new Date(due.json().dueAt).getUTCFullYear()).toBeGreaterThan(2045);
      const restored = await as(app, admin).put("/api/v1/settings/working-time", {
        ...body,
        version: saved.json().version,
        businessHours: time.businessHours,
      });
      expect(restored.statusCode, restored.body).toBe(200);
    });

    it("refuses more than 1,000 working hours or days, translated", async () => {
      for (const unit of ["working_hours", "working_days"]) {
        const refused = await as(app, advisor, "nl").post("/api/v1/working-time/due", { amount: 1001, unit });
        expect(refused.statusCode, refused.body).toBe(400);
        expect(refused.json().error.details.fields).toEqual([{ path: "amount", code: "too_big", message: "Maximaal 1000." }]);
      }
      const policy = await as(app, admin, "en").post("/api/v1/sla-policies", {
        name: "Too long",
        kind: "other",
        amount: 5000,
        unit: "working_days",
      });
      expect(policy.statusCode).toBe(400);
      expect(policy.json().error.details.fields[0].message).toBe("At most 1000.");
    });

    it("working hours stored below the minimum (before it existed) give a clear 400 where a due time is computed", async () => {
      const orgId = admin.me.organizationId;
      const db = app.database.db;
      const before = await db.selectFrom("org_settings").select("business_hours").where("org_id", "=", orgId).executeTakeFirstOrThrow();
      await db
        .updateTable("org_settings")
        .set({ business_hours: JSON.stringify(oneMinuteOnMondays) })
        .where("org_id", "=", orgId)
        .execute();
      try {
        const due = await as(app, advisor, "nl").post("/api/v1/working-time/due", { amount: 1000, unit: "working_hours" });
        expect(due.statusCode, due.body).toBe(400);
        expect(due.json().error).toMatchObject({ code: "working_time.too_little", message: expect.stringMatching(/Werktijden/) });
        const text = "Ik bel u binnen 2000 werkuren terug.";
        const suggested = await as(app, advisor, "en").post("/api/v1/commitments/suggestions", { text });
        // Suggestions compute in core directly: the search horizon stops them, and the proposal comes without a due time.
        expect(suggested.statusCode, suggested.body).toBe(200);
        expect(suggested.json().items[0].dueAt).toBeNull();
      } finally {
        await db
          .updateTable("org_settings")
          .set({ business_hours: JSON.stringify(before.business_hours) })
          .where("org_id", "=", orgId)
          .execute();
      }
    });
  });

  it("SLA policies: one default per kind, unique names, leads and admins only", async () => {
    const created = await as(app, admin).post("/api/v1/sla-policies", {
      name: "Spoed",
      kind: "callback",
      amount: 1,
      unit: "working_hours",
      isDefault: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const policies = (await as(app, admin).get("/api/v1/sla-policies")).json().items;
    expect(policies.filter((p: { kind: string; isDefault: boolean }) => p.kind === "callback" && p.isDefault)).toHaveLength(1);
    const duplicate = await as(app, admin).post("/api/v1/sla-policies", { name: "spoed", kind: "other", amount: 2, unit: "working_days" });
    expect(duplicate.statusCode).toBe(409);
    expect(
      (await as(app, advisor).post("/api/v1/sla-policies", { name: "Mine", kind: "other", amount: 2, unit: "working_days" })).statusCode,
    ).toBe(403);
    expect((await as(app, admin).delete(`/api/v1/sla-policies/${created.json().id}`)).statusCode).toBe(204);
    expect((await as(app, admin).delete(`/api/v1/sla-policies/${created.json().id}`)).statusCode).toBe(404);
  });
});
