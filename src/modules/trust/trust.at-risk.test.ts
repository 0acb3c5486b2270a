import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { addDaysToInstant } from "../../core/dates.ts";
import { fixedClock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as risks from "./trust.risks.ts";

/**
 * The at-risk list over HTTP: reasons with the evidence behind them, a next
 * step, filters, acknowledging with a reason, and silence beyond the rhythm.
 */
const clock = fixedClock(new Date("2026-12-02T09:00:00Z"));
let app: App;
let lead: Session;
let anna: Session;
let desk: Session;
let other: Session;
let alfa: string;
let beta: string;

const later = (days: number) => clock.set(addDaysToInstant(clock.now(), days));

async function client(name: string, ownerId: string) {
  const response = await as(app, lead).post("/api/v1/clients", { kind: "company", name, accountOwnerId: ownerId });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

async function breakPromise(clientId: string, title: string, clientInformed?: boolean) {
  const created = await as(app, anna).post("/api/v1/commitments", {
    clientId,
    title,
    doneWhen: "Sent",
    ownerId: anna.me.id,
    dueIn: { amount: 1, unit: "working_days" },
    source: "call",
  });
  expect(created.statusCode, created.body).toBe(201);
  const broken = await as(app, anna).post(`/api/v1/commitments/${created.json().id}/break`, {
    reason: "Did not make it",
    ...(clientInformed !== undefined && { clientInformed }),
  });
  expect(broken.statusCode, broken.body).toBe(200);
  return created.json().id as string;
}

/** A contact with the client as the interactions module publishes it. */
async function contact(clientId: string, daysAgo: number) {
  await app.database.db.transaction().execute((trx) =>
    domainEvents.publish(trx, {
      orgId: lead.me.organizationId,
      id: newId(),
      type: "interaction.logged",
      subjectType: "interaction",
      subjectId: newId(),
      clientId,
      actorId: anna.me.id,
      payload: { summary: "Phone call", kind: "call" },
      occurredAt: addDaysToInstant(clock.now(), -daysAgo),
    }),
  );
}

const atRisk = async (session = lead, query = "", language = "en") => {
  const response = await as(app, session, language).get(`/api/v1/at-risk${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Array<{
    clientId: string;
    reasons: Array<{ code: string; message: string; evidence: Array<{ source: { id: string } }> }>;
    nextStep: string;
    nextStepText: string;
  }>;
};

beforeAll(async () => {
  app = await createTestApp({ clock });
  lead = await signup(app, { name: "Lotte Lead", organizationName: "Risk BV" });
  anna = await addMember(app, lead, "advisor", { name: "Anna" });
  desk = await addMember(app, lead, "frontdesk", { name: "Dirk" });
  other = await signup(app, { name: "Otto", organizationName: "Other BV" });
  alfa = await client("Alfa BV", anna.me.id);
  beta = await client("Beta BV", lead.me.id);
});
afterAll(() => app.close());

describe("at-risk list", () => {
  it("lists a client with a broken promise the client was never told about, with the evidence and a next step", async () => {
    const promiseId = await breakPromise(alfa, "Send the annual report");
    await breakPromise(beta, "Send the invoice", true);
    const items = await atRisk(lead, "", "nl");
    const entry = items.find((item) => item.clientId === alfa);
    expect(entry?.reasons[0]?.code).toBe("broken_undisclosed");
    expect(entry?.reasons[0]?.evidence.map((item) => item.source.id)).toEqual([promiseId]);
    expect(entry?.reasons[0]?.message).toBe("1 gebroken afspraak waarover de klant nooit is ingelicht");
    expect(entry?.nextStep).toBe("apologise_and_renegotiate");
    // A break the client was told about is no "undisclosed" reason.
    expect(items.find((item) => item.clientId === beta)?.reasons.some((reason) => reason.code === "broken_undisclosed") ?? false).toBe(
      false,
    );
  });

  it("filters by account owner", async () => {
    expect((await atRisk(lead, `?ownerId=${anna.me.id}`)).map((item) => item.clientId)).toEqual([alfa]);
    expect((await atRisk(lead, `?ownerId=${lead.me.id}`)).some((item) => item.clientId === alfa)).toBe(false);
    // "me" is the caller.
    expect((await atRisk(anna, "?ownerId=me")).map((item) => item.clientId)).toEqual([alfa]);
    expect((await atRisk(lead, "?ownerId=me")).some((item) => item.clientId === alfa)).toBe(false);
  });

  it("hides an acknowledged client until a new reason comes up, and audits the acknowledgement", async () => {
    const ack = await as(app, lead).post(`/api/v1/at-risk/${alfa}/acknowledge`, { reason: "Called them, apologised", snoozeDays: 14 });
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await atRisk()).some((item) => item.clientId === alfa)).toBe(false);
    expect((await atRisk(lead, "?includeAcknowledged=true")).some((item) => item.clientId === alfa)).toBe(true);
    const audit = await domainEvents.listForClient(app.database.db, lead.me.organizationId, alfa, {
      types: ["trust.risk_acknowledged"],
      limit: 5,
    });
    expect(audit[0]).toMatchObject({ actorId: lead.me.id, payload: { reason: "Called them, apologised" } });

    // Contacts every week, then silence: a new reason shows the client again despite the snooze.
    for (const daysAgo of [40, 33, 26, 19]) await contact(alfa, daysAgo);
    const items = await atRisk();
    const entry = items.find((item) => item.clientId === alfa);
    expect(entry?.reasons.map((reason) => reason.code)).toContain("silence");
    const contactNow = (await as(app, anna).get(`/api/v1/clients/${alfa}/trust`)).json().contact;
    expect(contactNow).toMatchObject({ daysSinceContact: 19, rhythmDays: 11, rhythmFrom: "learned", daysBeyondRhythm: 8 });
  });

  it("lets a client's own rhythm decide what silence is", async () => {
    await contact(beta, 20);
    expect((await atRisk()).find((item) => item.clientId === beta)?.reasons.some((reason) => reason.code === "silence") ?? false).toBe(
      false,
    );
    const set = await as(app, lead).put(`/api/v1/clients/${beta}/contact-rhythm`, { contactRhythmDays: 14 });
    expect(set.statusCode, set.body).toBe(200);
    expect((await atRisk()).find((item) => item.clientId === beta)?.reasons.map((reason) => reason.code)).toContain("silence");
  });

  it("keeps the list from the front desk and from other organizations", async () => {
    expect((await as(app, desk).get("/api/v1/at-risk")).statusCode).toBe(403);
    expect(await atRisk(other)).toEqual([]);
    expect((await as(app, other).post(`/api/v1/at-risk/${alfa}/acknowledge`, { reason: "not mine at all" })).statusCode).toBe(404);
  });
  it("refreshes with time: an old undisclosed break stops counting after 90 days", async () => {
    later(100);
    const sweep = app.tasks.find((task) => task.name === "trust risks");
    await sweep?.run();
    // Sessions do not survive a jump of 100 days: ask the use-case as the lead directly.
    const actor = { userId: lead.me.id, orgId: lead.me.organizationId, role: "lead" as const, via: "session" as const };
    const list = await risks.listAtRisk({ db: app.database.db, clock }, actor, { includeAcknowledged: true, limit: 100 }, "en");
    const entry = list.items.find((item) => item.clientId === alfa);
    expect(entry?.reasons.some((reason) => reason.code === "broken_undisclosed") ?? false).toBe(false);
  });
});
