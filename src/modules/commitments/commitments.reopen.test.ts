import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * Undo of "Mark done": reopening shortly after closing is a new "reopened"
 * event (history is never edited), only within the window, only by whoever
 * closed it or a lead/admin, and the reliability tally is as if it never closed.
 */
// Wednesday 25 November 2026, 10:00 in Amsterdam (UTC+1).
const START = new Date("2026-11-25T09:00:00Z");
const clock = fixedClock(START);
let app: App;
let lead: Session;
let anna: Session;
let bram: Session;
let clientId: string;

beforeAll(async () => {
  app = await createTestApp({ clock });
  lead = await signup(app, { name: "Lotte Leider", organizationName: "Undo BV" });
  anna = await addMember(app, lead, "advisor", { name: "Anna" });
  bram = await addMember(app, lead, "advisor", { name: "Bram" });
  clientId = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Alfa BV" })).json().id;
  const team = (await as(app, lead).post("/api/v1/teams", { name: "Belastingadvies" })).json();
  await as(app, lead).put(`/api/v1/teams/${team.id}/members`, { userIds: [anna.me.id, bram.me.id] });
});
afterAll(() => app.close());

const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

async function create(owner: Session, extra: Record<string, unknown> = {}) {
  const response = await as(app, lead).post("/api/v1/commitments", {
    clientId,
    title: "Send the draft annual accounts",
    doneWhen: "The PDF is in the client's inbox",
    ownerId: owner.me.id,
    dueAt: "2026-11-25T17:00:00+01:00",
    source: "call",
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

const complete = async (by: Session, id: string) => {
  const response = await as(app, by).post(`/api/v1/commitments/${id}/complete`, {});
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const reopen = (by: Session, id: string, body: Record<string, unknown> = { reason: "undo" }, language = "en") =>
  as(app, by, language).post(`/api/v1/commitments/${id}/reopen`, body);

/** Everything the figures are made of: the org's tally rows and the Team page's answer. */
async function figuresNow() {
  const { rows } = await sql<Record<string, unknown>>`
    select day::text, owner_id, kept, kept_late, broken, cancelled, renegotiated, renegotiated_with_notice, callback_seconds
      from commitment_figures_daily where org_id = ${lead.me.organizationId} order by owner_id, day`.execute(app.database.db);
  const answers = [];
  for (const groupBy of ["owner", "team", "client"]) {
    const response = await as(app, lead).get(`/api/v1/reliability?from=2026-11-01&to=2026-11-30&groupBy=${groupBy}`);
    expect(response.statusCode, response.body).toBe(200);
    answers.push(response.json());
  }
  return { rows, answers };
}

describe("reopening a promise (undo of Mark done)", () => {
  it("within the window, by whoever marked it done: back to open, closing and reopening both in the history", async () => {
    clock.set(START);
    const created = await create(anna);
    const done = await complete(anna, created.id);
    expect(done.status).toBe("kept");
    later(90_000);
    const response = await reopen(anna, created.id, { reason: "undo", version: done.version });
    expect(response.statusCode, response.body).toBe(200);
    const reopened = response.json();
    expect(reopened).toMatchObject({ status: "open", closedAt: null, version: done.version + 1 });
    expect(reopened.events.map((e: { kind: string }) => e.kind)).toEqual(["created", "completed", "reopened"]);
    expect(reopened.events[2]).toMatchObject({
      actor: { id: anna.me.id, name: "Anna" },
      data: { reason: "undo", fromStatus: "kept", status: "open", closedAt: done.closedAt },
    });
    // The closing event is still there as written.
    expect(reopened.events[1]).toEqual(done.events[1]);
    // And it can be marked done again.
    expect((await complete(anna, created.id)).status).toBe("kept");
  });

  it("is refused after the window with a translated 409, and the promise stays closed", async () => {
    clock.set(START);
    const created = await create(anna);
    await complete(anna, created.id);
    later(2 * 60_000 + 1_000);
    const english = await reopen(anna, created.id);
    expect(english.statusCode).toBe(409);
    expect(english.json().error).toMatchObject({
      code: "commitments.reopen_too_late",
      message: expect.stringContaining("within 2 minutes"),
    });
    const dutch = await reopen(anna, created.id, {}, "nl");
    expect(dutch.statusCode).toBe(409);
    expect(dutch.json().error.message).toContain("binnen 2 minuten");
    const read = (await as(app, anna).get(`/api/v1/commitments/${created.id}`)).json();
    expect(read.status).toBe("kept");
    expect(read.events.map((e: { kind: string }) => e.kind)).toEqual(["created", "completed"]);
  });

  it("only whoever closed it, or a lead: another advisor is refused; the lead may", async () => {
    clock.set(START);
    const created = await create(anna);
    await complete(lead, created.id);
    const owner = await reopen(anna, created.id);
    expect(owner.statusCode).toBe(403);
    expect(owner.json().error.code).toBe("commitments.reopen_not_yours");
    const other = await reopen(bram, created.id);
    expect(other.statusCode).toBe(403);

    const second = await create(anna);
    await complete(anna, second.id);
    const byLead = await reopen(lead, second.id);
    expect(byLead.statusCode, byLead.body).toBe(200);
    expect(byLead.json().events.at(-1)).toMatchObject({ kind: "reopened", actor: { id: lead.me.id } });
  });

  it("refuses an open promise, a stale version and another reason", async () => {
    clock.set(START);
    const created = await create(anna);
    const open = await reopen(anna, created.id);
    expect(open.statusCode).toBe(409);
    expect(open.json().error.code).toBe("commitments.not_closed");
    const done = await complete(anna, created.id);
    expect((await reopen(anna, created.id, { version: done.version - 1 })).statusCode).toBe(409);
    expect((await reopen(anna, created.id, { reason: "changed my mind" })).statusCode).toBe(400);
  });

  it("a renegotiated promise goes back to renegotiated, and a broken one can be reopened too", async () => {
    clock.set(START);
    const moved = await create(anna);
    const renegotiated = await as(app, anna).post(`/api/v1/commitments/${moved.id}/renegotiate`, {
      dueAt: "2026-11-27T17:00:00+01:00",
      reason: "Bank statements arrive later",
      clientInformed: true,
    });
    expect(renegotiated.statusCode, renegotiated.body).toBe(200);
    await complete(anna, moved.id);
    expect((await reopen(anna, moved.id)).json().status).toBe("renegotiated");

    const broken = await create(anna);
    expect((await as(app, anna).post(`/api/v1/commitments/${broken.id}/break`, { reason: "Forgot" })).statusCode).toBe(200);
    expect((await reopen(anna, broken.id)).json().status).toBe("open");
  });
});

describe("the reliability tally after a reopen", () => {
  it("equals the tally before the close: counts, renegotiations and callback times, per owner, team and client", async () => {
    clock.set(new Date("2026-11-26T09:00:00Z"));
    // Others closed the same day by the same owner: the day's row must keep exactly their share.
    const stays = await create(bram, { dueAt: "2026-11-26T17:00:00+01:00" });
    await complete(bram, stays.id);
    const callbackStays = await create(bram, { kind: "callback", dueAt: "2026-11-26T17:00:00+01:00" });
    later(30 * 60_000);
    await complete(bram, callbackStays.id);

    // The ones to undo: a callback with the same callback time as the one that stays (1800 s), a renegotiated one, a late one.
    clock.set(new Date("2026-11-26T09:00:00Z"));
    const callback = await create(bram, { kind: "callback", dueAt: "2026-11-26T17:00:00+01:00" });
    const moved = await create(bram, { dueAt: "2026-11-26T17:00:00+01:00" });
    await as(app, bram).post(`/api/v1/commitments/${moved.id}/renegotiate`, {
      dueAt: "2026-11-26T18:00:00+01:00",
      reason: "Waiting for the bank",
      clientInformed: true,
    });
    const late = await create(bram, { dueAt: "2026-11-26T10:15:00+01:00" });
    // One owned by someone whose day had nothing else: the row should go away altogether.
    const alone = await create(anna, { dueAt: "2026-11-27T17:00:00+01:00" });
    later(30 * 60_000);
    const before = await figuresNow();

    for (const id of [callback.id, moved.id, late.id]) await complete(bram, id);
    expect(await figuresNow()).not.toEqual(before);
    later(60_000);
    for (const id of [callback.id, moved.id, late.id]) expect((await reopen(bram, id)).statusCode).toBe(200);
    expect(await figuresNow()).toEqual(before);

    // Closed again: counted once, as if the undo never happened.
    for (const id of [callback.id, moved.id, late.id]) await complete(bram, id);
    const closedAgain = await figuresNow();
    const bramRow = closedAgain.rows.find((row) => row.owner_id === bram.me.id && row.day === "2026-11-26");
    expect(bramRow).toMatchObject({ kept: 4, kept_late: 1, renegotiated: 1, renegotiated_with_notice: 1 });
    expect(bramRow?.callback_seconds).toEqual([1800, 1860]);

    // A day with nothing else on it: its row goes away again.
    clock.set(new Date("2026-11-27T09:00:00Z"));
    const annaBefore = await figuresNow();
    await complete(anna, alone.id);
    expect(await figuresNow()).not.toEqual(annaBefore);
    later(60_000);
    expect((await reopen(anna, alone.id)).statusCode).toBe(200);
    expect(await figuresNow()).toEqual(annaBefore);
  });
});
