import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

// Monday 23 November 2026, 10:00 in Amsterdam (UTC+1).
const MONDAY_10 = new Date("2026-11-23T09:00:00Z");
const clock = fixedClock(MONDAY_10);
let app: App;
let admin: Session;
let advisor: Session;
let clientId: string;
let contactId: string;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Anna de Vries", organizationName: "De Vries Advies" });
  advisor = await addMember(app, admin, "advisor", { name: "Bram Bakker" });
  const client = await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen" });
  clientId = client.json().id;
  const contact = await as(app, admin).post(`/api/v1/clients/${clientId}/contacts`, { name: "Els Jansen", email: "els@jansen.example" });
  contactId = contact.json().id;
});
afterAll(() => app.close());

const at = (iso: string) => {
  clock.set(new Date(iso));
};

function promise(overrides: Record<string, unknown> = {}) {
  return {
    clientId,
    contactId,
    title: "Send the draft annual accounts",
    doneWhen: "Els has the PDF in her inbox",
    ownerId: advisor.me.id,
    dueAt: "2026-11-25T17:00:00+01:00",
    source: "call",
    ...overrides,
  };
}

async function create(session: Session, overrides: Record<string, unknown> = {}) {
  const response = await as(app, session).post("/api/v1/commitments", promise(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe("recording a promise", () => {
  it("records what, done when, owner, due time and source, with its first event", async () => {
    at("2026-11-23T09:00:00Z");
    const created = await create(admin);
    expect(created).toMatchObject({
      clientId,
      clientName: "Bakkerij Jansen",
      contact: { id: contactId, name: "Els Jansen" },
      title: "Send the draft annual accounts",
      owner: { id: advisor.me.id, name: "Bram Bakker" },
      source: "call",
      status: "open",
      dueAt: "2026-11-25T16:00:00.000Z",
      originalDueAt: "2026-11-25T16:00:00.000Z",
      recordedAfterDue: false,
      overdue: false,
      version: 1,
    });
    expect(created.events.map((e: { kind: string }) => e.kind)).toEqual(["created"]);
    expect(created.events[0].actor).toEqual({ id: admin.me.id, name: "Anna de Vries" });
    const read = await as(app, advisor).get(`/api/v1/commitments/${created.id}`);
    expect(read.json()).toEqual(created);
  });

  it("computes 'in 4 working hours' on working time: Friday 15:00 → Monday 11:00", async () => {
    at("2026-11-27T14:00:00Z");
    const created = await create(admin, { dueAt: undefined, dueIn: { amount: 4, unit: "working_hours" } });
    expect(created.dueAt).toBe("2026-11-30T10:00:00.000Z");
  });

  it("takes the due time from the SLA policy, and from the client's own agreement when there is one", async () => {
    at("2026-11-23T09:00:00Z");
    const policies = (await as(app, admin).get("/api/v1/sla-policies")).json().items;
    const callback = policies.find((p: { kind: string; isDefault: boolean }) => p.kind === "callback" && p.isDefault);
    expect(callback).toMatchObject({ amount: 4, unit: "working_hours" });
    const byDefault = await create(admin, { dueAt: undefined, kind: "callback", title: "Call Els back about the invoice" });
    expect(byDefault.dueAt).toBe("2026-11-23T13:00:00.000Z");
    expect(byDefault.slaPolicyId).toBe(callback.id);
    const agreed = await as(app, admin).put(`/api/v1/clients/${clientId}/sla-overrides/${callback.id}`, {
      amount: 2,
      unit: "working_hours",
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    const withOverride = await create(admin, { dueAt: undefined, slaPolicyId: callback.id, kind: "callback" });
    expect(withOverride.dueAt).toBe("2026-11-23T11:00:00.000Z");
    await as(app, admin).delete(`/api/v1/clients/${clientId}/sla-overrides/${callback.id}`);
  });

  it("refuses a due time in the past unless it records a past promise, which is flagged", async () => {
    at("2026-11-23T09:00:00Z");
    const refused = await as(app, admin, "nl").post("/api/v1/commitments", promise({ dueAt: "2026-11-20T12:00:00+01:00" }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("commitments.due_in_past_on_create");
    expect(refused.json().error.message).toMatch(/verstreken/);
    const recorded = await create(admin, { dueAt: "2026-11-20T12:00:00+01:00", pastPromise: true });
    expect(recorded).toMatchObject({ recordedAfterDue: true, overdue: true, status: "open" });
  });

  it("refuses an owner from outside the organization, a contact of another client, and two due times at once", async () => {
    const outsider = await signup(app, { organizationName: "Elders BV" });
    const cases = [
      [{ ownerId: outsider.me.id }, "commitments.owner_not_member"],
      [{ ownerId: "no-such-user" }, "commitments.owner_not_member"],
      [{ dueIn: { amount: 2, unit: "working_days" } }, "commitments.due_ambiguous"],
      [{ dueAt: undefined }, "commitments.due_required"],
    ] as const;
    for (const [overrides, code] of cases) {
      const response = await as(app, admin).post("/api/v1/commitments", promise(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(response.json().error.code).toBe(code);
    }
    const other = (await as(app, admin).post("/api/v1/clients", { kind: "person", name: "Piet Pieters" })).json();
    const wrongContact = await as(app, admin).post("/api/v1/commitments", promise({ clientId: other.id }));
    expect(wrongContact.json().error.code).toBe("commitments.contact_not_of_client");
    const count = await sql<{ n: number }>`select count(*)::int as n from commitments where client_id = ${other.id}`.execute(
      app.database.db,
    );
    expect(count.rows[0]?.n).toBe(0);
  });
});

describe("the lifecycle", () => {
  it("done before the due time is kept; after it, kept late — computed, not typed", async () => {
    at("2026-11-23T09:00:00Z");
    const early = await create(admin);
    const late = await create(admin);
    at("2026-11-25T15:59:59Z");
    const kept = await as(app, advisor).post(`/api/v1/commitments/${early.id}/complete`);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ status: "kept", closedAt: "2026-11-25T15:59:59.000Z" });
    at("2026-11-25T16:00:01Z");
    const keptLate = await as(app, advisor).post(`/api/v1/commitments/${late.id}/complete`, { version: 1 });
    expect(keptLate.json()).toMatchObject({ status: "kept_late" });
    expect(keptLate.json().events.at(-1)).toMatchObject({ kind: "completed", data: { status: "kept_late", onTime: false } });
  });

  it("moving the due time is a renegotiation with a reason, recording whether the client was told in time", async () => {
    at("2026-11-23T09:00:00Z");
    const item = await create(admin);
    const noReason = await as(app, advisor, "nl").post(`/api/v1/commitments/${item.id}/renegotiate`, {
      dueAt: "2026-11-27T17:00:00+01:00",
      reason: "   ",
      clientInformed: true,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toBeTruthy();
    const moved = await as(app, advisor).post(`/api/v1/commitments/${item.id}/renegotiate`, {
      dueAt: "2026-11-27T17:00:00+01:00",
      reason: "Waiting for the bank statements",
      clientInformed: true,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      status: "renegotiated",
      dueAt: "2026-11-27T16:00:00.000Z",
      originalDueAt: "2026-11-25T16:00:00.000Z",
      renegotiationCount: 1,
    });
    expect(moved.json().events.at(-1)).toMatchObject({
      kind: "renegotiated",
      data: { fromDueAt: "2026-11-25T16:00:00.000Z", toDueAt: "2026-11-27T16:00:00.000Z", clientInformed: true, informedBeforeDue: true },
    });
    // After the new due time has passed, telling the client no longer counts as in time.
    at("2026-11-27T18:00:00Z");
    const late = await as(app, advisor).post(`/api/v1/commitments/${item.id}/renegotiate`, {
      dueAt: "2026-12-01T17:00:00+01:00",
      reason: "Still waiting",
      clientInformed: true,
    });
    expect(late.json().events.at(-1).data).toMatchObject({ informedBeforeDue: false });
    expect(late.json().events.map((e: { kind: string }) => e.kind)).toEqual(["created", "renegotiated", "renegotiated"]);
  });

  it("cancelling needs the client's agreement; a cancelled promise cannot be marked done", async () => {
    at("2026-11-23T09:00:00Z");
    const item = await create(admin);
    const refused = await as(app, advisor).post(`/api/v1/commitments/${item.id}/cancel`, {
      reason: "No longer needed",
      clientAgreed: false,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("commitments.cancel_needs_client_agreement");
    const cancelled = await as(app, advisor).post(`/api/v1/commitments/${item.id}/cancel`, {
      reason: "No longer needed",
      clientAgreed: true,
    });
    expect(cancelled.json().status).toBe("cancelled");
    const done = await as(app, advisor, "nl").post(`/api/v1/commitments/${item.id}/complete`);
    expect(done.statusCode).toBe(409);
    expect(done.json().error).toMatchObject({ code: "commitments.closed" });
    expect(done.json().error.message).toMatch(/afgesloten/);
    const read = (await as(app, advisor).get(`/api/v1/commitments/${item.id}`)).json();
    expect(read.status).toBe("cancelled");
  });

  it("breaking needs a reason and closes the promise", async () => {
    at("2026-11-23T09:00:00Z");
    const item = await create(admin);
    const broken = await as(app, advisor).post(`/api/v1/commitments/${item.id}/break`, { reason: "The client went elsewhere" });
    expect(broken.json()).toMatchObject({ status: "broken" });
    const again = await as(app, advisor).post(`/api/v1/commitments/${item.id}/renegotiate`, {
      dueAt: "2026-12-01T17:00:00+01:00",
      reason: "try again",
      clientInformed: false,
    });
    expect(again.statusCode).toBe(409);
  });

  it("two changes of one promise at once: one wins, the other gets a clear 409, nothing is lost", async () => {
    at("2026-11-23T09:00:00Z");
    const item = await create(admin);
    const [first, second] = await Promise.all([
      as(app, advisor).post(`/api/v1/commitments/${item.id}/renegotiate`, {
        dueAt: "2026-11-26T17:00:00+01:00",
        reason: "first",
        clientInformed: true,
        version: 1,
      }),
      as(app, admin).post(`/api/v1/commitments/${item.id}/renegotiate`, {
        dueAt: "2026-11-30T17:00:00+01:00",
        reason: "second",
        clientInformed: true,
        version: 1,
      }),
    ]);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json().error.code).toBe("commitments.version_conflict");
    const read = (await as(app, admin).get(`/api/v1/commitments/${item.id}`)).json();
    expect(read.version).toBe(2);
    expect(read.events.filter((e: { kind: string }) => e.kind === "renegotiated")).toHaveLength(1);
  });

  it("only the owner, a lead or an admin changes a promise", async () => {
    at("2026-11-23T09:00:00Z");
    const frontdesk = await addMember(app, admin, "frontdesk");
    const item = await create(frontdesk);
    const refused = await as(app, frontdesk).post(`/api/v1/commitments/${item.id}/complete`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("commitments.not_yours");
  });

  it("history is append-only, even for the database's own users", async () => {
    at("2026-11-23T09:00:00Z");
    const item = await create(admin);
    await expect(sql`update commitment_events set data = '{}' where commitment_id = ${item.id}`.execute(app.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from commitment_events where commitment_id = ${item.id}`.execute(app.database.db)).rejects.toThrow(
      /append-only/,
    );
    const read = (await as(app, admin).get(`/api/v1/commitments/${item.id}`)).json();
    expect(read.events).toHaveLength(1);
  });

  it("reassigning records the change; the new owner must be a member", async () => {
    at("2026-11-23T09:00:00Z");
    const item = await create(admin);
    const moved = await as(app, admin).post(`/api/v1/commitments/${item.id}/reassign`, { ownerId: admin.me.id });
    expect(moved.json()).toMatchObject({ owner: { id: admin.me.id } });
    expect(moved.json().events.at(-1)).toMatchObject({ kind: "reassigned", data: { fromOwnerId: advisor.me.id, toOwnerId: admin.me.id } });
    await as(app, admin).post(`/api/v1/commitments/${item.id}/reassign`, { ownerId: advisor.me.id });
  });
});

describe("finding promises", () => {
  it("lists by client, owner and status, in pages", async () => {
    at("2026-11-23T09:00:00Z");
    const client = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Lijstjes BV" })).json();
    const ids: string[] = [];
    for (let day = 24; day <= 28; day++) {
      ids.push((await create(admin, { clientId: client.id, contactId: null, dueAt: `2026-11-${day}T12:00:00+01:00` })).id);
    }
    await as(app, advisor).post(`/api/v1/commitments/${ids[0]}/complete`);
    const page1 = (await as(app, admin).get(`/api/v1/commitments?clientId=${client.id}&state=active&limit=2`)).json();
    expect(page1.items.map((c: { id: string }) => c.id)).toEqual(ids.slice(1, 3));
    const page2 = (
      await as(app, admin).get(`/api/v1/commitments?clientId=${client.id}&state=active&limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items.map((c: { id: string }) => c.id)).toEqual(ids.slice(3, 5));
    expect(page2.nextCursor).toBeNull();
    const kept = (await as(app, admin).get(`/api/v1/commitments?clientId=${client.id}&status=kept`)).json();
    expect(kept.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    const mine = (await as(app, advisor).get(`/api/v1/commitments?clientId=${client.id}&ownerId=me&order=due_desc`)).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
    const bad = await as(app, admin).get("/api/v1/commitments?status=done");
    expect(bad.statusCode).toBe(400);
  });

  it("another organization's promise answers 404, exactly like a missing one", async () => {
    at("2026-11-23T09:00:00Z");
    const item = await create(admin);
    const stranger = await signup(app, { organizationName: "Concurrent BV" });
    const theirs = await as(app, stranger).get(`/api/v1/commitments/${item.id}`);
    const missing = await as(app, stranger).get("/api/v1/commitments/00000000-0000-4000-8000-000000000000");
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toEqual(missing.json());
    const complete = await as(app, stranger).post(`/api/v1/commitments/${item.id}/complete`);
    expect(complete.statusCode).toBe(404);
    expect((await as(app, stranger).get(`/api/v1/commitments?clientId=${clientId}`)).json().items).toEqual([]);
  });
});
