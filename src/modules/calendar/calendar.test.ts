import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";

let app: App;
let anna: Session;
let bram: Session;
let clientId: string;

beforeAll(async () => {
  app = await createTestApp();
  anna = await signup(app, { name: "Anna de Vries", organizationName: "Agenda BV" });
  bram = await addMember(app, anna, "advisor", { name: "Bram" });
  clientId = (await as(app, anna).post("/api/v1/clients", { kind: "company", name: "Drukkerij Visser" })).json().id;
});
afterAll(() => app.close());

async function promise(owner: Session, title: string, dueAt: string) {
  const response = await as(app, anna).post("/api/v1/commitments", {
    clientId,
    title,
    doneWhen: "done",
    ownerId: owner.me.id,
    dueAt,
    source: "email",
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const path = (url: string) => new URL(url).pathname;

describe("the personal calendar feed", () => {
  it("serves my open promises as ICS behind a secret address that calendar apps can read without signing in", async () => {
    const mine = await promise(anna, "Send the quote for the new press", "2030-03-04T15:00:00+01:00");
    const done = await promise(anna, "Already sent", "2030-03-05T15:00:00+01:00");
    await as(app, anna).post(`/api/v1/commitments/${done.id}/complete`);
    await promise(bram, "Bram's own promise", "2030-03-06T15:00:00+01:00");

    expect((await as(app, anna).get("/api/v1/calendar-feed")).json()).toMatchObject({ active: false });
    // Calendar apps' users click a button: no body at all is a complete request.
    const created = await app.server.inject({ method: "POST", url: "/api/v1/calendar-feed", headers: { cookie: anna.cookie } });
    expect(created.statusCode).toBe(201);
    const { url } = created.json();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/api\/v1\/calendar\/tlcal_[\w-]+\.ics$/);

    const feed = await app.server.inject({ method: "GET", url: path(url) });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => event.summary)).toEqual(["Send the quote for the new press — Drukkerij Visser"]);
    const [event] = events;
    expect(event?.endDate.toJSDate().toISOString()).toBe("2030-03-04T14:00:00.000Z");
    expect(event?.uid).toBe(`${mine.id}@trustledger`);
    expect((await as(app, anna).get("/api/v1/calendar-feed")).json()).toMatchObject({ active: true });
  });

  it("a new address replaces the old one; a revoked, altered or guessed address answers 404 alike", async () => {
    const first = (await as(app, anna).post("/api/v1/calendar-feed")).json().url;
    const second = (await as(app, anna).post("/api/v1/calendar-feed")).json().url;
    expect((await app.server.inject({ method: "GET", url: path(first) })).statusCode).toBe(404);
    expect((await app.server.inject({ method: "GET", url: path(second) })).statusCode).toBe(200);
    const altered = path(second).replace(/.(\.ics)$/, (_m, ext) => `A${ext}`);
    const guessed = "/api/v1/calendar/tlcal_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics";
    expect((await as(app, anna).delete("/api/v1/calendar-feed")).statusCode).toBe(204);
    const answers = await Promise.all(
      [second, altered, guessed, "/api/v1/calendar/nonsense"].map((url) =>
        app.server.inject({ method: "GET", url: url.startsWith("http") ? path(url) : url }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect((await as(app, anna).delete("/api/v1/calendar-feed")).statusCode).toBe(404);
  });

  it("stops working when its owner leaves the organization", async () => {
    const url = (await as(app, bram).post("/api/v1/calendar-feed")).json().url;
    expect((await app.server.inject({ method: "GET", url: path(url) })).statusCode).toBe(200);
    await app.database.db.deleteFrom("member").where("userId", "=", bram.me.id).execute();
    expect((await app.server.inject({ method: "GET", url: path(url) })).statusCode).toBe(404);
  });
});

/** Wall-clock digits of an instant in a zone, as a calendar app in that zone shows them. */
function wallClock(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/**
 * What a calendar app in `viewerZone` shows for an ICS time: an absolute time (UTC, or
 * a TZID the feed defines in a VTIMEZONE) converted to its zone; a floating time
 * (no zone at all) as the digits it holds.
 */
function shownIn(time: ICAL.Time, calendar: ICAL.Component, viewerZone: string): { shown: string; instant: string | null } {
  const floating = time.zone === ICAL.Timezone.localTimezone;
  if (floating) {
    const pad = (n: number) => String(n).padStart(2, "0");
    return { shown: `${time.year}-${pad(time.month)}-${pad(time.day)} ${pad(time.hour)}:${pad(time.minute)}`, instant: null };
  }
  if (time.zone !== ICAL.Timezone.utcTimezone) {
    const tzid = time.zone?.tzid;
    const defined = calendar.getAllSubcomponents("vtimezone").some((zone) => zone.getFirstPropertyValue("tzid") === tzid);
    expect(defined, `TZID ${tzid} has no VTIMEZONE in the feed`).toBe(true);
  }
  const instant = time.toJSDate();
  return { shown: wallClock(instant, viewerZone), instant: instant.toISOString() };
}

describe("the calendar feed's times", () => {
  // A winter (standard time) and a summer (daylight saving time) due date.
  const dues = ["2030-01-15T14:00:00+01:00", "2030-07-16T14:00:00+02:00"];

  it.each(["Europe/Amsterdam", "America/New_York"])(
    "are the promise's due instant, winter and summer, in an organization in %s",
    async (timeZone) => {
      const admin = await signup(app, { name: "Carla Jansen", organizationName: `Tijd ${timeZone}` });
      const settings = (await as(app, admin).get("/api/v1/settings/working-time")).json();
      const saved = await as(app, admin).put("/api/v1/settings/working-time", {
        timeZone,
        businessHours: settings.businessHours,
        holidayCountry: settings.holidayCountry,
        holidayChoices: {},
        language: settings.language,
        version: settings.version,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const client = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Bakkerij Smit" })).json();
      const created = [];
      for (const dueAt of dues) {
        const response = await as(app, admin).post("/api/v1/commitments", {
          clientId: client.id,
          title: `Due ${dueAt}`,
          doneWhen: "done",
          ownerId: admin.me.id,
          dueAt,
          source: "email",
        });
        expect(response.statusCode, response.body).toBe(201);
        created.push(response.json());
      }

      const { url } = (await as(app, admin).post("/api/v1/calendar-feed")).json();
      const feed = await app.server.inject({ method: "GET", url: path(url) });
      const calendar = new ICAL.Component(ICAL.parse(feed.body));
      const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
      expect(events).toHaveLength(dues.length);
      for (const commitment of created) {
        const event = events.find((e) => e.uid === `${commitment.id}@trustledger`);
        if (!event) throw new Error(`no event for ${commitment.id}`);
        const due = new Date(commitment.dueAt);
        // A calendar app in the firm's own zone shows the due time the firm sees in the app.
        const end = shownIn(event.endDate, calendar, timeZone);
        expect(end.shown).toBe(wallClock(due, timeZone));
        expect(end.instant).toBe(due.toISOString());
        const start = shownIn(event.startDate, calendar, timeZone);
        expect(start.instant).toBe(new Date(due.getTime() - 15 * 60_000).toISOString());
      }
    },
  );
});
