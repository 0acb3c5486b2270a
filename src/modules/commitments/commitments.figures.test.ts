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

async function create(owner: Session, clientId: string, dueAt: string, extra: Record<string, unknown> = {}) {
  const response = await as(app, lead).post("/api/v1/commitments", {
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
}

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

  it("refuses a period that ends before it starts, or is not a date", async () => {
    const reversed = await as(app, lead, "nl").get("/api/v1/reliability?from=2026-12-06&to=2026-12-01");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.code).toBe("reliability.invalid_period");
    const notADate = await as(app, lead).get("/api/v1/reliability?from=yesterday&to=2026-12-01");
    expect(notADate.statusCode).toBe(400);
  });
});
