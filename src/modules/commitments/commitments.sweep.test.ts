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
  await deliver(); // the invitation e-mails of the set-up: the tests count only their own
  sink.messages.length = 0;
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

  it("tells each breach in one batch to the right people: the owner's team leads, else the client's team's, else the admins", async () => {
    clock.set(new Date("2026-11-26T09:00:00Z"));
    // Owners without a team of their own; one client belongs to a team with a lead, the other to no team.
    const loner = await addMember(app, admin, "advisor", { name: "Lars Loner" });
    const otherLead = await addMember(app, admin, "lead", { name: "Olga Overzicht" });
    const zuid = (await as(app, admin).post("/api/v1/teams", { name: "Team Zuid" })).json();
    await as(app, admin).put(`/api/v1/teams/${zuid.id}/members`, { userIds: [otherLead.me.id] });
    const teamClient = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Bakkerij Zuid", teamId: zuid.id })).json()
      .id;
    const noTeamClient = (await as(app, admin).post("/api/v1/clients", { kind: "person", name: "Mevrouw Zonder Team" })).json().id;
    const promise = async (owner: Session, client: string, title: string) => {
      const response = await as(app, admin).post("/api/v1/commitments", {
        clientId: client,
        title,
        doneWhen: "done",
        ownerId: owner.me.id,
        dueAt: "2026-11-26T11:00:00+01:00",
        source: "meeting",
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const viaOwnTeam = await promise(advisor, noTeamClient, "Breach A: owner in Team Noord");
    const viaClientTeam = await promise(loner, teamClient, "Breach B: client in Team Zuid");
    const viaAdmins = await promise(loner, noTeamClient, "Breach C: nobody's team");
    const ownedByAdmin = await promise(admin, noTeamClient, "Breach D: the admin's own");

    await deliver(); // the "assigned to you" e-mails, so that only the sweep's are counted below
    const before = sink.messages.length;
    clock.set(new Date("2026-11-26T10:30:00Z"));
    // Batches of 2: the four breaches (and the loan application of the test before, overdue since yesterday)
    // are written in three set-based batches, with the same outcome as one by one.
    const swept = await sweepCommitments({ db: app.database.db, clock, logger: app.logger, baseUrl: "http://x.test" }, { batch: 2 });
    expect(swept.escalated).toBe(5);

    const escalatedTitles = async (session: Session) =>
      (await notificationsOf(session))
        .filter((n) => n.kind === "commitment.escalated" && n.params.title?.startsWith("Breach"))
        .map((n) => n.params.title)
        .sort();
    expect(await escalatedTitles(lead)).toEqual(["Breach A: owner in Team Noord"]);
    expect(await escalatedTitles(otherLead)).toEqual(["Breach B: client in Team Zuid"]);
    // The admins hear of C; the admin who owns D is not told of their own breach, and there is no other admin.
    expect(await escalatedTitles(admin)).toEqual(["Breach C: nobody's team"]);
    const overdueTitles = (await notificationsOf(loner)).filter((n) => n.kind === "commitment.overdue").map((n) => n.params.title);
    expect(overdueTitles.sort()).toEqual(["Breach B: client in Team Zuid", "Breach C: nobody's team"]);

    const leadsRecorded = async (id: string, session: Session) => {
      const events = (await as(app, session).get(`/api/v1/commitments/${id}`)).json().events as {
        kind: string;
        data: { leads?: string[] };
      }[];
      return events.find((e) => e.kind === "escalated")?.data.leads;
    };
    expect(await leadsRecorded(viaOwnTeam, admin)).toEqual([lead.me.id]);
    expect(await leadsRecorded(viaClientTeam, admin)).toEqual([otherLead.me.id]);
    expect(await leadsRecorded(viaAdmins, admin)).toEqual([admin.me.id]);
    expect(await leadsRecorded(ownedByAdmin, admin)).toEqual([]);

    // Every notification that asked for an e-mail got exactly one: 4 to owners, 3 to leads/admins.
    for (let i = 0; i < 5; i++) await deliver();
    const breachMails = sink.messages.slice(before).filter((m) => m.text.includes("Breach"));
    expect(breachMails).toHaveLength(7);
  });
});
