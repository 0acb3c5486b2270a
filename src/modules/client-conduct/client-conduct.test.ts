import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, fieldPaths } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * How the client keeps its side: recorded by anyone in the firm, attributable
 * and append-only, summarized per aspect, published through the one door —
 * and never mixed into our own trust scores.
 */
const clock = fixedClock(new Date("2026-12-02T09:00:00Z"));
let app: App;
let owner: Session;
let anna: Session;
let desk: Session;
let other: Session;
let clientId: string;
let orgId: string;

beforeAll(async () => {
  app = await createTestApp({ clock });
  owner = await signup(app, { name: "Olga Owner", organizationName: "Wederzijds BV" });
  anna = await addMember(app, owner, "advisor", { name: "Anna Adviseur" });
  desk = await addMember(app, owner, "frontdesk", { name: "Dirk Balie" });
  other = await signup(app, { name: "Otto Other", organizationName: "Elders BV" });
  clientId = (await as(app, owner).post("/api/v1/clients", { kind: "company", name: "Traag Betaler BV" })).json().id;
  orgId = owner.me.organizationId;
});
afterAll(() => app.close());

const conduct = (session: Session, body: Record<string, unknown>, language = "en", id = clientId) =>
  as(app, session, language).post(`/api/v1/clients/${id}/conduct`, body);
const trustOf = async () => (await as(app, owner).get(`/api/v1/clients/${clientId}/trust`)).json();

describe("client conduct", () => {
  it("records an observation, attributable to who recorded it, dated now unless told", async () => {
    const response = await conduct(anna, { aspect: "pays_on_time", direction: "negative", note: "Invoice 2026-114 paid 40 days late" });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      clientId,
      aspect: "pays_on_time",
      direction: "negative",
      note: "Invoice 2026-114 paid 40 days late",
      occurredAt: "2026-12-02T09:00:00.000Z",
      recordedAt: "2026-12-02T09:00:00.000Z",
      recordedBy: { id: anna.me.id, name: "Anna Adviseur" },
    });
  });

  it("lets the front desk record how the client treats staff", async () => {
    const response = await conduct(desk, {
      aspect: "treats_staff_with_respect",
      direction: "negative",
      note: "Shouted at the reception on the phone",
      occurredAt: "2026-11-30T15:00:00+01:00",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().occurredAt).toBe("2026-11-30T14:00:00.000Z");
  });

  it("summarizes per aspect how often the client kept its side and not, with the latest, newest items first", async () => {
    clock.set(new Date("2026-12-03T09:00:00Z"));
    await conduct(anna, { aspect: "pays_on_time", direction: "positive", note: "Paid the advance the same day" });
    await conduct(owner, {
      aspect: "keeps_appointments",
      direction: "positive",
      note: "On time for the annual review",
      occurredAt: "2026-11-20T10:00:00+01:00",
    });
    const response = await as(app, owner).get(`/api/v1/clients/${clientId}/conduct`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.aspects).toEqual({
      pays_on_time: { positive: 1, negative: 1, last: { direction: "positive", occurredAt: "2026-12-03T09:00:00.000Z" } },
      keeps_appointments: { positive: 1, negative: 0, last: { direction: "positive", occurredAt: "2026-11-20T09:00:00.000Z" } },
      treats_staff_with_respect: { positive: 0, negative: 1, last: { direction: "negative", occurredAt: "2026-11-30T14:00:00.000Z" } },
      provides_information: { positive: 0, negative: 0, last: null },
    });
    expect(body.items.map((item: { note: string }) => item.note)).toEqual([
      "Paid the advance the same day",
      "Invoice 2026-114 paid 40 days late",
      "Shouted at the reception on the phone",
      "On time for the annual review",
    ]);
  });

  it("publishes client_conduct.recorded and never moves our trust scores", async () => {
    const before = await trustOf();
    const recorded = await conduct(anna, { aspect: "provides_information", direction: "negative", note: "Still no bank statements" });
    expect(recorded.statusCode).toBe(201);
    const event = await app.database.db
      .selectFrom("domain_events")
      .select(["type", "subject_type", "client_id", "actor_id", "payload"])
      .where("org_id", "=", orgId)
      .where("id", "=", recorded.json().id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      type: "client_conduct.recorded",
      subject_type: "client_conduct",
      client_id: clientId,
      actor_id: anna.me.id,
      payload: { conductId: recorded.json().id, aspect: "provides_information", direction: "negative" },
    });
    const after = await trustOf();
    expect(after.cores).toEqual(before.cores);
    for (const core of ["integrity", "intent", "capabilities", "results"]) {
      expect(after.cores[core]).toMatchObject({ score: 0.5, uncertainty: 1, r: 0, s: 0, evidenceCount: 0 });
    }
    const evidence = await app.database.db
      .selectFrom("trust_evidence")
      .select("id")
      .where("org_id", "=", orgId)
      .where("source_type", "=", "client_conduct")
      .execute();
    expect(evidence).toEqual([]);
  });

  it("is append-only: the database refuses to change or remove an observation", async () => {
    const { id } = (await conduct(anna, { aspect: "keeps_appointments", direction: "negative", note: "Did not show up" })).json();
    const db = app.database.db;
    await expect(db.updateTable("client_conduct").set({ note: "Was there after all" }).where("id", "=", id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom("client_conduct").where("id", "=", id).execute()).rejects.toThrow(/append-only/);
    const items = (await as(app, owner).get(`/api/v1/clients/${clientId}/conduct`)).json().items;
    expect(items.find((item: { id: string }) => item.id === id).note).toBe("Did not show up");
  });

  it("refuses a future date, an unknown aspect, a missing note and unknown fields, in the caller's language", async () => {
    const tomorrow = addDaysToInstant(clock.now(), 1).toISOString();
    expectError(
      await conduct(anna, { aspect: "pays_on_time", direction: "positive", note: "Will pay tomorrow", occurredAt: tomorrow }, "nl"),
      400,
      "client_conduct.in_future",
      "nl",
    );
    const wrongAspect = expectError(
      await conduct(anna, { aspect: "is_nice", direction: "positive", note: "Brought cake" }, "nl"),
      400,
      "request.validation_failed",
      "nl",
    );
    expect(fieldPaths(wrongAspect)).toEqual(["aspect"]);
    const wrongDirection = expectError(
      await conduct(anna, { aspect: "pays_on_time", direction: "neutral", note: "Paid" }, "en"),
      400,
      "request.validation_failed",
      "en",
    );
    expect(fieldPaths(wrongDirection)).toEqual(["direction"]);
    const noNote = expectError(
      await conduct(anna, { aspect: "pays_on_time", direction: "positive", note: "  " }, "nl"),
      400,
      "request.validation_failed",
      "nl",
    );
    expect(fieldPaths(noNote)).toEqual(["note"]);
    expectError(
      await conduct(anna, { aspect: "pays_on_time", direction: "positive", note: "Paid", score: 5 }, "nl"),
      400,
      "request.unknown_field",
      "nl",
    );
    const count = (await as(app, owner).get(`/api/v1/clients/${clientId}/conduct`)).json().items.length;
    expect(count).toBe(6);
  });

  it("keeps another organization out with the same 404 as a client that does not exist", async () => {
    const foreign = await conduct(other, { aspect: "pays_on_time", direction: "negative", note: "Sabotage" }, "nl");
    expectError(foreign, 404, "clients.not_found", "nl");
    expectError(await as(app, other, "nl").get(`/api/v1/clients/${clientId}/conduct`), 404, "clients.not_found", "nl");
    const missing = await as(app, owner).get("/api/v1/clients/00000000-0000-4000-8000-000000000000/conduct");
    expectError(missing, 404, "clients.not_found", "en");
    expect((await as(app, owner).get(`/api/v1/clients/${clientId}/conduct`)).json().items).toHaveLength(6);
  });
});
