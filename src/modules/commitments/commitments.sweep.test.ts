import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/helpers/smtp-sink.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import { deliverDue } from "../notifications/notifications.usecases.ts";
import { sweepCommitments } from "./commitments.sweep.ts";

// Monday 23 November 2026, 10:00 in Amsterdam (UTC+1).
const clock = fixedClock(new Date("2026-11-23T09:00:00Z"));
let sink: SmtpSink;
let app: App;
let admin: Session;
let lead: Session;
let advisor: Session;
let clientId: string;

const sweep = () => sweepCommitments({ db: app.database.db, clock, logger: app.logger, baseUrl: "http://127.0.0.1:3000" });
const deliver = () => deliverDue({ db: app.database.db, clock, mailer: app.mailer, logger: app.logger });

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await createTestApp({ clock, smtpUrl: sink.url });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Sweep & Co" });
  lead = await addMember(app, admin, "lead", { name: "Lotte Leider" });
  advisor = await addMember(app, admin, "advisor", { name: "Bram Bakker" });
  const team = (await as(app, admin).post("/api/v1/teams", { name: "Team Noord" })).json();
  await as(app, admin).put(`/api/v1/teams/${team.id}/members`, { userIds: [lead.me.id, advisor.me.id] });
  clientId = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Pietersen" })).json().id;
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

async function notificationsOf(session: Session) {
  return (await as(app, session).get("/api/v1/notifications")).json().items as { kind: string; params: Record<string, string> }[];
}

describe("the reminder sweep", () => {
  it("warns the owner at 75 % of the working time, escalates to the team lead at breach, each exactly once", async () => {
    clock.set(new Date("2026-11-23T09:00:00Z"));
    const created = await as(app, admin).post("/api/v1/commitments", {
      clientId,
      title: "Call Mr Pietersen back about the VAT return",
      doneWhen: "He has heard the answer from us",
      ownerId: advisor.me.id,
      dueIn: { amount: 4, unit: "working_hours" },
      source: "call",
      kind: "callback",
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().dueAt).toBe("2026-11-23T13:00:00.000Z");
    await deliver(); // the "assigned to you" e-mail
    const assigned = sink.messages.length;
    expect(assigned).toBe(1);

    // 2 h 59 of 4 working hours: not yet.
    clock.set(new Date("2026-11-23T11:59:00Z"));
    expect(await sweep()).toEqual({ warned: 0, escalated: 0 });

    // 3 of 4 hours: the warning, once, however often the sweep runs.
    clock.set(new Date("2026-11-23T12:00:00Z"));
    expect(await sweep()).toEqual({ warned: 1, escalated: 0 });
    expect(await sweep()).toEqual({ warned: 0, escalated: 0 });
    const atRisk = (await as(app, advisor).get(`/api/v1/commitments/${id}`)).json();
    expect(atRisk.atRisk).toBe(true);
    expect((await notificationsOf(advisor)).filter((n) => n.kind === "commitment.due_soon")).toHaveLength(1);
    await deliver();
    const warning = (await sink.waitFor(assigned + 1)).at(-1);
    expect(warning?.to).toContain(advisor.me.email);
    expect(warning?.text).toContain("Call Mr Pietersen back about the VAT return");
    expect(warning?.text).toContain(`/commitments/${id}`);

    // Past the due time: the owner hears it and the team lead is told.
    clock.set(new Date("2026-11-23T13:01:00Z"));
    expect(await sweep()).toEqual({ warned: 0, escalated: 1 });
    expect(await sweep()).toEqual({ warned: 0, escalated: 0 });
    expect((await notificationsOf(advisor)).map((n) => n.kind)).toContain("commitment.overdue");
    const leadHears = (await notificationsOf(lead)).filter((n) => n.kind === "commitment.escalated");
    expect(leadHears).toHaveLength(1);
    expect(leadHears[0]?.params.ownerName).toBe("Bram Bakker");
    expect((await notificationsOf(admin)).filter((n) => n.kind === "commitment.escalated")).toHaveLength(0);
    await deliver();
    await deliver();
    const all = await sink.waitFor(assigned + 3);
    expect(all.filter((m) => m.to.includes(lead.me.email))).toHaveLength(1);
    expect(sink.messages).toHaveLength(assigned + 3);

    const history = (await as(app, advisor).get(`/api/v1/commitments/${id}`)).json().events.map((e: { kind: string }) => e.kind);
    expect(history).toEqual(["created", "reminder_sent", "escalated"]);
  });

  it("a new due time starts a new warning cycle; a kept promise is never reminded", async () => {
    clock.set(new Date("2026-11-24T09:00:00Z"));
    const item = (
      await as(app, advisor).post("/api/v1/commitments", {
        clientId,
        title: "Send the loan application",
        doneWhen: "Submitted to the bank",
        ownerId: advisor.me.id,
        dueAt: "2026-11-24T14:00:00+01:00",
        source: "meeting",
      })
    ).json();
    const kept = (
      await as(app, advisor).post("/api/v1/commitments", {
        clientId,
        title: "Already done",
        doneWhen: "done",
        ownerId: advisor.me.id,
        dueAt: "2026-11-24T14:00:00+01:00",
        source: "meeting",
      })
    ).json();
    await as(app, advisor).post(`/api/v1/commitments/${kept.id}/complete`);
    clock.set(new Date("2026-11-24T12:10:00Z"));
    expect((await sweep()).warned).toBe(1);
    const moved = await as(app, advisor).post(`/api/v1/commitments/${item.id}/renegotiate`, {
      dueAt: "2026-11-25T14:00:00+01:00",
      reason: "The bank needs one more document",
      clientInformed: true,
    });
    expect(moved.json().atRisk).toBe(false);
    clock.set(new Date("2026-11-25T12:10:00Z"));
    expect(await sweep()).toEqual({ warned: 1, escalated: 0 }); // only the new warning: nothing else came due
  });
});
