import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

// Wednesday 25 November 2026, 10:00 in Amsterdam (UTC+1).
const clock = fixedClock(new Date("2026-11-25T09:00:00Z"));
let app: App;
let lead: Session;
let anna: Session;
let bram: Session;
let clientA: string;
let clientB: string;

beforeAll(async () => {
  app = await createTestApp({ clock });
  lead = await signup(app, { name: "Lotte Leider", organizationName: "Figures BV" });
  anna = await addMember(app, lead, "advisor", { name: "Anna" });
  bram = await addMember(app, lead, "advisor", { name: "Bram" });
  clientA = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Alfa BV" })).json().id;
  clientB = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Beta BV" })).json().id;
  const team = (await as(app, lead).post("/api/v1/teams", { name: "Belastingadvies" })).json();
  await as(app, lead).put(`/api/v1/teams/${team.id}/members`, { userIds: [anna.me.id, bram.me.id] });
});
afterAll(() => app.close());

/** Records promises as `by` (a lead of the organization), owned by whoever is given. */
function createAs(by: Session) {
  return async (owner: Session, clientId: string, dueAt: string, extra: Record<string, unknown> = {}) => {
    const response = await as(app, by).post("/api/v1/commitments", {
      clientId,
      title: `Promise due ${dueAt}`,
      doneWhen: "done",
      ownerId: owner.me.id,
      dueAt,
      source: "meeting",
      ...extra,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id as string;
  };
}
const create = (...args: Parameters<ReturnType<typeof createAs>>) => createAs(lead)(...args);

describe("My day", () => {
  it("sorts my open promises into overdue, today, this week and callbacks, in the organization's time zone", async () => {
    clock.set(new Date("2026-11-23T08:00:00Z"));
    const overdue = await create(anna, clientA, "2026-11-24T12:00:00+01:00");
    const today = await create(anna, clientA, "2026-11-25T23:30:00+01:00");
    const sunday = await create(anna, clientA, "2026-11-29T23:00:00+01:00");
    const nextMonday = await create(anna, clientA, "2026-11-30T00:30:00+01:00");
    const callback = await create(anna, clientB, "2026-11-25T14:00:00+01:00", { kind: "callback", source: "call" });
    const someoneElses = await create(bram, clientA, "2026-11-25T12:00:00+01:00");
    const done = await create(anna, clientA, "2026-11-25T12:00:00+01:00");
    await as(app, anna).post(`/api/v1/commitments/${done}/complete`);
    clock.set(new Date("2026-11-25T09:00:00Z"));

    const day = (await as(app, anna).get("/api/v1/my-day")).json();
    const ids = (list: { id: string }[]) => list.map((item) => item.id);
    expect(day.today).toBe("2026-11-25");
    expect(day.timeZone).toBe("Europe/Amsterdam");
    expect(ids(day.overdue)).toEqual([overdue]);
    expect(ids(day.dueToday)).toEqual([today]);
    expect(ids(day.dueThisWeek)).toEqual([sunday]);
    expect(ids(day.waitingCallbacks)).toEqual([callback]);
    const everything = [...day.overdue, ...day.dueToday, ...day.dueThisWeek, ...day.waitingCallbacks].map((c: { id: string }) => c.id);
    expect(everything).not.toContain(nextMonday);
    expect(everything).not.toContain(someoneElses);
    expect(day.overdue[0].overdue).toBe(true);
  });
});

describe("reliability figures", () => {
  it("kept-on-time rate per owner, client and team over a period, overdue counts and a weekly trend", async () => {
    clock.set(new Date("2026-12-01T08:00:00Z"));
    const a1 = await create(anna, clientA, "2026-12-02T12:00:00+01:00");
    const a2 = await create(anna, clientA, "2026-12-02T12:00:00+01:00");
    const a3 = await create(anna, clientB, "2026-12-02T12:00:00+01:00");
    const b1 = await create(bram, clientB, "2026-12-02T12:00:00+01:00");
    const b2 = await create(bram, clientB, "2026-12-02T12:00:00+01:00");
    const b3 = await create(bram, clientB, "2026-12-03T12:00:00+01:00");
    clock.set(new Date("2026-12-02T09:00:00Z"));
    await as(app, anna).post(`/api/v1/commitments/${a1}/complete`);
    await as(app, anna).post(`/api/v1/commitments/${a2}/complete`);
    await as(app, bram).post(`/api/v1/commitments/${b1}/complete`);
    clock.set(new Date("2026-12-02T15:00:00Z"));
    await as(app, anna).post(`/api/v1/commitments/${a3}/complete`);
    await as(app, bram).post(`/api/v1/commitments/${b2}/break`, { reason: "Could not get the data" });
    await as(app, bram).post(`/api/v1/commitments/${b3}/cancel`, { reason: "Not needed", clientAgreed: true });

    const period = "from=2026-12-01&to=2026-12-06";
    const byOwner = (await as(app, lead).get(`/api/v1/reliability?${period}&groupBy=owner`)).json();
    const row = (name: string, figures: { groups: { name: string }[] }) => figures.groups.find((g) => g.name === name);
    expect(row("Anna", byOwner)).toMatchObject({ kept: 2, keptLate: 1, broken: 0, keptOnTimeRate: 2 / 3 });
    expect(row("Bram", byOwner)).toMatchObject({ kept: 1, keptLate: 0, broken: 1, cancelled: 1, keptOnTimeRate: 0.5 });
    expect(byOwner.total).toMatchObject({ kept: 3, keptLate: 1, broken: 1, keptOnTimeRate: 0.6 });
    expect(byOwner.trend).toEqual([{ weekStart: "2026-11-30", closed: 6, keptOnTimeRate: 0.6 }]);

    const byClient = (await as(app, lead).get(`/api/v1/reliability?${period}&groupBy=client`)).json();
    expect(row("Alfa BV", byClient)).toMatchObject({ kept: 2, keptOnTimeRate: 1 });
    expect(row("Beta BV", byClient)).toMatchObject({ kept: 1, keptLate: 1, broken: 1 });

    const byTeam = (await as(app, lead).get(`/api/v1/reliability?${period}&groupBy=team`)).json();
    expect(row("Belastingadvies", byTeam)).toMatchObject({ kept: 3, keptLate: 1, broken: 1, keptOnTimeRate: 0.6 });

    // An advisor sees only their own promises.
    const own = (await as(app, anna).get(`/api/v1/reliability?${period}&groupBy=owner`)).json();
    expect(own.groups.map((g: { name: string }) => g.name)).toEqual(["Anna"]);

    // Outside the period nothing counts.
    const before = (await as(app, lead).get("/api/v1/reliability?from=2026-10-01&to=2026-10-31")).json();
    expect(before.total.keptOnTimeRate).toBeNull();
  });

  it("counts renegotiations (with notice only when told before the old due time), the median callback time, overdue now; a person in two teams counts in both, never twice in the total", async () => {
    // An organization of its own, so that the totals are exactly this test's; dates before today's
    // real date, since sessions are made in real time and must not have expired at the test's moments.
    clock.set(new Date("2026-11-09T08:00:00Z")); // Monday 09:00 in Amsterdam
    const lead = await signup(app, { name: "Lieke Leider", organizationName: "Two Teams BV" });
    const anna = await addMember(app, lead, "advisor", { name: "Anna" });
    const bram = await addMember(app, lead, "advisor", { name: "Bram" });
    const clientA = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Alfa BV" })).json().id;
    const clientB = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Beta BV" })).json().id;
    const first = (await as(app, lead).post("/api/v1/teams", { name: "Belastingadvies" })).json();
    await as(app, lead).put(`/api/v1/teams/${first.id}/members`, { userIds: [anna.me.id, bram.me.id] });
    const second = (await as(app, lead).post("/api/v1/teams", { name: "Tweede team" })).json();
    await as(app, lead).put(`/api/v1/teams/${second.id}/members`, { userIds: [anna.me.id] });
    const create = createAs(lead);
    const toldInTime = await create(anna, clientA, "2026-11-10T12:00:00+01:00");
    const toldLate = await create(bram, clientB, "2026-11-10T12:00:00+01:00");
    const callback1 = await create(anna, clientA, "2026-11-09T13:00:00+01:00", { kind: "callback", source: "call" });
    const callback2 = await create(anna, clientB, "2026-11-09T13:00:00+01:00", { kind: "callback", source: "call" });
    await create(bram, clientB, "2026-11-12T12:00:00+01:00"); // never done: overdue when asked

    const ok = (response: { statusCode: number; body: string }) => expect(response.statusCode, response.body).toBe(200);
    clock.set(new Date("2026-11-09T09:30:00Z"));
    ok(await as(app, anna).post(`/api/v1/commitments/${callback1}/complete`)); // after 90 minutes
    ok(
      await as(app, anna).post(`/api/v1/commitments/${toldInTime}/renegotiate`, {
        dueAt: "2026-11-11T12:00:00+01:00",
        reason: "Waiting for the bank",
        clientInformed: true,
      }),
    );
    clock.set(new Date("2026-11-09T10:30:00Z"));
    ok(await as(app, anna).post(`/api/v1/commitments/${callback2}/complete`)); // after 150 minutes
    clock.set(new Date("2026-11-10T09:00:00Z"));
    ok(await as(app, anna).post(`/api/v1/commitments/${toldInTime}/complete`));
    clock.set(new Date("2026-11-10T13:00:00Z")); // an hour after the old due time
    ok(
      await as(app, bram).post(`/api/v1/commitments/${toldLate}/renegotiate`, {
        dueAt: "2026-11-12T12:00:00+01:00",
        reason: "Forgot",
        clientInformed: true,
      }),
    );
    clock.set(new Date("2026-11-16T09:00:00Z"));
    ok(await as(app, bram).post(`/api/v1/commitments/${toldLate}/complete`)); // late, in the next week

    clock.set(new Date("2026-11-17T09:00:00Z"));
    const period = "from=2026-11-09&to=2026-11-22";
    const byOwner = (await as(app, lead).get(`/api/v1/reliability?${period}&groupBy=owner`)).json();
    const row = (name: string, figures: { groups: { name: string }[] }) => figures.groups.find((g) => g.name === name);
    expect(row("Anna", byOwner)).toMatchObject({
      kept: 3,
      keptLate: 0,
      renegotiated: 1,
      renegotiatedWithNotice: 1,
      medianCallbackMinutes: 120,
    });
    expect(row("Bram", byOwner)).toMatchObject({
      kept: 0,
      keptLate: 1,
      renegotiated: 1,
      renegotiatedWithNotice: 0,
      medianCallbackMinutes: null,
    });
    expect(byOwner.total).toMatchObject({ kept: 3, keptLate: 1, renegotiated: 2, renegotiatedWithNotice: 1, medianCallbackMinutes: 120 });
    expect(byOwner.trend).toEqual([
      { weekStart: "2026-11-09", closed: 3, keptOnTimeRate: 1 },
      { weekStart: "2026-11-16", closed: 1, keptOnTimeRate: 0 },
    ]);
    // Overdue now: Bram's unfinished promise.
    expect(row("Bram", byOwner)).toMatchObject({ overdueNow: 1 });
    expect(row("Anna", byOwner)).toMatchObject({ overdueNow: 0 });
    expect(byOwner.total.overdueNow).toBe(1);

    const byTeam = (await as(app, lead).get(`/api/v1/reliability?${period}&groupBy=team`)).json();
    expect(row("Belastingadvies", byTeam)).toMatchObject({ kept: 3, keptLate: 1, renegotiated: 2, overdueNow: 1 });
    expect(row("Tweede team", byTeam)).toMatchObject({ kept: 3, keptLate: 0, renegotiatedWithNotice: 1, medianCallbackMinutes: 120 });
    expect(byTeam.total).toEqual(byOwner.total);
    expect(byTeam.trend).toEqual(byOwner.trend);

    const byClient = (await as(app, lead).get(`/api/v1/reliability?${period}&groupBy=client`)).json();
    expect(row("Alfa BV", byClient)).toMatchObject({ kept: 2, medianCallbackMinutes: 90 });
    expect(row("Beta BV", byClient)).toMatchObject({ kept: 1, keptLate: 1, medianCallbackMinutes: 150 });
  });

  it("the daily tally the database keeps equals a recount from the promises, and moves to other days with the time zone", async () => {
    clock.set(new Date("2026-11-02T08:00:00Z"));
    const admin = await signup(app, { name: "Zara Zone", organizationName: "Zones BV" });
    const orgId = admin.me.organizationId;
    const client = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Gamma BV" })).json().id;
    const make = async (dueAt: string, kind = "deliverable") => {
      const response = await as(app, admin).post("/api/v1/commitments", {
        clientId: client,
        title: `Zone ${dueAt}`,
        doneWhen: "done",
        ownerId: admin.me.id,
        dueAt,
        source: kind === "callback" ? "call" : "meeting",
        kind,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const late = await make("2026-11-02T12:00:00+01:00");
    const evening = await make("2026-11-03T12:00:00+01:00");
    const callback = await make("2026-11-02T18:00:00+01:00", "callback");
    const broken = await make("2026-11-04T12:00:00+01:00");
    clock.set(new Date("2026-11-02T09:15:00Z"));
    await as(app, admin).post(`/api/v1/commitments/${callback}/complete`); // 75 minutes
    clock.set(new Date("2026-11-02T22:30:00Z")); // 23:30 on Monday in Amsterdam, 07:30 on Tuesday in Tokyo
    await as(app, admin).post(`/api/v1/commitments/${evening}/complete`);
    await as(app, admin).post(`/api/v1/commitments/${late}/complete`);
    await as(app, admin).post(`/api/v1/commitments/${broken}/break`, { reason: "Too much work" });

    const tally = async () =>
      (
        await sql<Record<string, unknown>>`select day::text, owner_id, kept, kept_late, broken, cancelled, renegotiated,
          renegotiated_with_notice, callback_seconds from commitment_figures_daily where org_id = ${orgId} order by day, owner_id`.execute(
          app.database.db,
        )
      ).rows;
    const kept = await tally();
    expect(kept).toEqual([expect.objectContaining({ day: "2026-11-02", kept: 2, kept_late: 1, broken: 1, callback_seconds: [75 * 60] })]);
    await sql`select commitment_figures_rebuild(${orgId})`.execute(app.database.db);
    expect(await tally()).toEqual(kept);

    const on = async (day: string) =>
      (await as(app, admin).get(`/api/v1/reliability?from=${day}&to=${day}&groupBy=owner`)).json().total as Record<string, unknown>;
    expect(await on("2026-11-02")).toMatchObject({ kept: 2, keptLate: 1, broken: 1, medianCallbackMinutes: 75 });
    expect(await on("2026-11-03")).toMatchObject({ kept: 0, keptLate: 0, broken: 0 });

    const time = (await as(app, admin).get("/api/v1/settings/working-time")).json();
    const moved = await as(app, admin).put("/api/v1/settings/working-time", {
      timeZone: "Asia/Tokyo",
      businessHours: time.businessHours,
      holidayCountry: "NL",
      holidayChoices: {},
      language: "nl",
      version: time.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    // In Tokyo the callback (09:15 UTC) closed on Monday evening, the other three on Tuesday morning.
    expect(await on("2026-11-02")).toMatchObject({ kept: 1, keptLate: 0, broken: 0, medianCallbackMinutes: 75 });
    expect(await on("2026-11-03")).toMatchObject({ kept: 1, keptLate: 1, broken: 1, medianCallbackMinutes: null });
  });

  it("refuses a period that ends before it starts, or is not a date", async () => {
    const reversed = await as(app, lead, "nl").get("/api/v1/reliability?from=2026-12-06&to=2026-12-01");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe("reliability.invalid_period");
    const notADate = await as(app, lead).get("/api/v1/reliability?from=yesterday&to=2026-12-01");
    expect(notADate.statusCode).toBe(400);
  });
});
