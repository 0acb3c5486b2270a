import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { snapshotData } from "../../../test/helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/** Monday 23 November 2026, 10:00 in Amsterdam. */
const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
const URL = "/api/v1/commitments/suggestions";
let app: App;
let admin: Session;
let frontdesk: Session;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { organizationName: "Voorstel & Co" });
  frontdesk = await addMember(app, admin, "frontdesk");
});
afterAll(() => app.close());

const NOTE = [
  "Verslag overleg Bakkerij Jansen",
  "- Ik stuur u vrijdag het plan van aanpak.",
  "- Kunt u mij de jaarcijfers sturen?",
  "We'll call you back tomorrow before noon.",
  "We sent the invoice last week.",
].join("\n");

describe("POST /api/v1/commitments/suggestions", () => {
  it("suggests the promises of a note on the organization's working time, stores nothing", async () => {
    const before = await snapshotData(app);
    const response = await as(app, frontdesk).post(URL, { text: NOTE });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      items: [
        {
          text: "Ik stuur u vrijdag het plan van aanpak.",
          title: "plan van aanpak sturen",
          dueAt: "2026-11-27T17:00:00+01:00",
          dueHasTime: false,
          kind: "deliverable",
        },
        {
          text: "We'll call you back tomorrow before noon.",
          title: "call back",
          dueAt: "2026-11-24T12:00:00+01:00",
          dueHasTime: true,
          kind: "callback",
        },
      ],
      truncated: false,
    });
    expect(await snapshotData(app)).toEqual(before);
  });

  it("counts from the given moment, reads times in the given zone, and in the given language", async () => {
    const api = as(app, admin);
    const fromFriday = (await api.post(URL, { text: "We bellen u morgen terug.", now: "2026-11-27T15:00:00+01:00" })).json();
    expect(fromFriday.items[0].dueAt).toBe("2026-11-30T17:00:00+01:00"); // Saturday → Monday
    const london = (await api.post(URL, { text: "I'll call you tomorrow at 9.", timeZone: "Europe/London" })).json();
    expect(london.items[0].dueAt).toBe("2026-11-24T09:00:00+00:00");
    const forcedEnglish = (await api.post(URL, { text: "We bellen u morgen terug.", language: "en" })).json();
    expect(forcedEnglish.items).toEqual([]);
  });

  it("follows the organization's own working time: its zone and business hours", async () => {
    const api = as(app, admin);
    const time = (await api.get("/api/v1/settings/working-time")).json();
    const saved = await api.put("/api/v1/settings/working-time", {
      timeZone: "America/New_York",
      businessHours: { ...time.businessHours, "5": { start: "08:00", end: "12:00" } },
      holidayCountry: "US",
      holidayRegion: null,
      holidayChoices: {},
      language: time.language,
      version: time.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    try {
      const found = (await api.post(URL, { text: "I will send you the draft by Friday." })).json();
      expect(found.items[0].dueAt).toBe("2026-11-27T12:00:00-05:00");
    } finally {
      const current = (await api.get("/api/v1/settings/working-time")).json();
      await api.put("/api/v1/settings/working-time", {
        timeZone: time.timeZone,
        businessHours: time.businessHours,
        holidayCountry: time.holidayCountry,
        holidayRegion: time.holidayRegion,
        holidayChoices: time.holidayChoices,
        language: time.language,
        version: current.version,
      });
    }
  });

  it("reads the first 100 KB of a longer text, quickly, and says so", async () => {
    let text = "";
    while (text.length < 300 * 1024) text += `${NOTE}\n`;
    const started = performance.now();
    const response = await as(app, admin).post(URL, { text });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.truncated).toBe(true);
    expect(body.items.length).toBeGreaterThan(100);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("refuses a body over the server's limit with 413", async () => {
    expectError(await as(app, admin).post(URL, { text: "x".repeat(2 * 1024 * 1024) }), 413, "request.too_large", "en");
  });

  it("refuses empty text, an unknown time zone and unknown fields, in the caller's language", async () => {
    for (const language of ["en", "nl"] as const) {
      const api = as(app, admin, language);
      expectError(await api.post(URL, { text: "" }), 400, "suggestions.empty_text", language);
      expectError(await api.post(URL, { text: "  \n " }), 400, "suggestions.empty_text", language);
      expectError(await api.post(URL, {}), 400, "request.validation_failed", language);
      expectError(
        await api.post(URL, { text: "Ik bel u morgen.", timeZone: "Mars/Olympus" }),
        400,
        "working_time.invalid_time_zone",
        language,
      );
      expectError(await api.post(URL, { text: "Ik bel u morgen.", timeZone: "+01:00" }), 400, "working_time.invalid_time_zone", language);
      expectError(await api.post(URL, { text: "Ik bel u morgen.", now: "morgen" }), 400, "request.validation_failed", language);
      expectError(await api.post(URL, { text: "Ik bel u morgen.", language: "de" }), 400, "request.validation_failed", language);
      expectError(await api.post(URL, { text: "Ik bel u morgen.", clientId: "x" }), 400, "request.unknown_field", language);
    }
  });

  it("is for signed-in people only", async () => {
    const response = await app.server.inject({ method: "POST", url: URL, payload: { text: NOTE } });
    expectError(response, 401, "auth.unauthenticated", "en");
  });
});
