import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { type SmtpSink, startSmtpSink } from "../../../test/helpers/smtp-sink.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import { deliverDue } from "../notifications/notifications.usecases.ts";
import { escalateUndisclosed } from "./incidents.sweep.ts";
import * as incidents from "./incidents.usecases.ts";

/**
 * An error not told to a client within the policy escalates: the team lead of
 * the client's team first, then the admins after a further working day, in the
 * app and by e-mail through the loopback SMTP server — each step once, and
 * nothing more once the client is told.
 */
// Friday 4 December 2026, 15:00 in Amsterdam.
const clock = fixedClock(new Date("2026-12-04T14:00:00Z"));
let sink: SmtpSink;
let app: App;
let admin: Session;
let lead: Session;
let advisor: Session;
let clientId: string;
let orgId: string;

const sweep = () => escalateUndisclosed({ db: app.database.db, clock, logger: app.logger, baseUrl: "http://127.0.0.1:3000" });
const deliver = () => deliverDue({ db: app.database.db, clock, mailer: app.mailer, logger: app.logger });
const notificationsOf = async (session: Session) =>
  ((await as(app, session).get("/api/v1/notifications")).json().items as { kind: string; params: Record<string, string> }[]).filter((n) =>
    n.kind.startsWith("incident."),
  );

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await createTestApp({ clock, smtpUrl: sink.url });
  admin = await signup(app, { name: "Anna Admin", organizationName: "Open Kaart BV" });
  lead = await addMember(app, admin, "lead", { name: "Lotte Leider" });
  advisor = await addMember(app, admin, "advisor", { name: "Bram Bakker" });
  const team = (await as(app, admin).post("/api/v1/teams", { name: "Team Noord" })).json();
  await as(app, admin).put(`/api/v1/teams/${team.id}/members`, { userIds: [lead.me.id, advisor.me.id] });
  clientId = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Garage Pietersen", teamId: team.id })).json().id;
  orgId = admin.me.organizationId;
  await deliver(); // the set-up's own e-mails: the tests count only theirs
  sink.messages.length = 0;
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
});

describe("escalation of untold errors", () => {
  it("tells the team lead at the policy's deadline, then the admins, each once, and stops once the client is told", async () => {
    clock.set(new Date("2026-12-04T14:00:00Z"));
    const recorded = await as(app, advisor).post("/api/v1/incidents", {
      clientIds: [clientId],
      title: "Objection filed a day late",
      discoveredAt: "2026-12-04T15:00:00+01:00",
      foundBy: "us",
      severity: "critical",
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const id = recorded.json().id;

    // Monday 15:00 Amsterdam: 8 working hours (2 on Friday), the deadline itself: not yet.
    clock.set(new Date("2026-12-07T14:00:00Z"));
    expect(await sweep()).toEqual({ lead: 0, admins: 0 });

    // Past it: the team lead hears it, once however often the sweep runs.
    clock.set(new Date("2026-12-07T14:01:00Z"));
    expect(await sweep()).toEqual({ lead: 1, admins: 0 });
    expect(await sweep()).toEqual({ lead: 0, admins: 0 });
    expect((await notificationsOf(lead)).map((n) => n.kind)).toEqual(["incident.escalated_to_lead"]);
    expect(await notificationsOf(admin)).toEqual([]);
    expect(await notificationsOf(advisor)).toEqual([]);
    await deliver();
    const [toLead] = await sink.waitFor(1);
    expect(toLead?.to).toContain(lead.me.email);
    expect(toLead?.subject).toBe("Fout nog niet aan de klant gemeld: Objection filed a day late");
    expect(toLead?.text).toContain("Garage Pietersen");
    expect(toLead?.text).toContain(`/incidents/${id}`);
    const incident = (await as(app, admin).get(`/api/v1/incidents/${id}`)).json();
    expect(incident.clients[0]).toMatchObject({ overdue: true, escalatedToLeadAt: "2026-12-07T14:01:00.000Z", escalatedToAdminsAt: null });

    // One more working day (Tuesday 15:00): the admins.
    clock.set(new Date("2026-12-08T14:00:00Z"));
    expect(await sweep()).toEqual({ lead: 0, admins: 0 });
    clock.set(new Date("2026-12-08T14:01:00Z"));
    expect(await sweep()).toEqual({ lead: 0, admins: 1 });
    expect(await sweep()).toEqual({ lead: 0, admins: 0 });
    expect((await notificationsOf(admin)).map((n) => n.kind)).toEqual(["incident.escalated_to_admins"]);
    await deliver();
    const messages = await sink.waitFor(2);
    expect(messages[1]?.to).toContain(admin.me.email);
    expect(messages[1]?.subject).toBe("Fout nog steeds niet aan de klant gemeld: Objection filed a day late");

    // Told on Tuesday 16:00: late (17 working hours: 2 on Friday, 8 on Monday, 7 on Tuesday), evidence against Integrity; no more escalation.
    clock.set(new Date("2026-12-08T15:00:00Z"));
    const told = await as(app, lead).post(`/api/v1/incidents/${id}/disclosures`, {
      clientId,
      disclosedAt: "2026-12-08T16:00:00+01:00",
      channel: "meeting",
      message: "We explained the late objection and what we do about it.",
    });
    expect(told.statusCode, told.body).toBe(201);
    expect(told.json().clients[0].disclosure).toMatchObject({ workingHoursToDisclosure: 17, withinPolicy: false });
    const evidence = await app.database.db
      .selectFrom("trust_evidence")
      .select(["kind", "core", "weight"])
      .where("org_id", "=", orgId)
      .where("client_id", "=", clientId)
      .where("source_type", "=", "incident")
      .execute();
    expect(evidence).toEqual([{ kind: "incident_disclosed_late", core: "integrity", weight: -1.5 }]);
    clock.set(new Date("2026-12-15T14:00:00Z"));
    expect(await sweep()).toEqual({ lead: 0, admins: 0 });
    await deliver();
    expect(sink.messages).toHaveLength(2);

    // Each step is a fact on the client's timeline.
    const steps = await app.database.db
      .selectFrom("domain_events")
      .select("payload")
      .where("org_id", "=", orgId)
      .where("type", "=", "incident.escalated")
      .where("subject_id", "=", id)
      .orderBy("occurred_at")
      .execute();
    expect(steps.map((step) => (step.payload as { level: string }).level)).toEqual(["lead", "admins"]);
  });

  it("never escalates an error told in time, nor one whose non-disclosure was approved", async () => {
    clock.set(new Date("2026-12-14T09:00:00Z"));
    const first = (
      await as(app, advisor).post("/api/v1/incidents", {
        clientIds: [clientId],
        title: "Wrong name on the letter",
        discoveredAt: "2026-12-14T10:00:00+01:00",
        foundBy: "us",
        severity: "low",
      })
    ).json();
    const second = (
      await as(app, advisor).post("/api/v1/incidents", {
        clientIds: [clientId],
        title: "Internal draft mislabelled",
        discoveredAt: "2026-12-14T10:00:00+01:00",
        foundBy: "us",
        severity: "low",
      })
    ).json();
    clock.set(new Date("2026-12-14T10:00:00Z"));
    await as(app, advisor).post(`/api/v1/incidents/${first.id}/disclosures`, {
      clientId,
      disclosedAt: "2026-12-14T11:00:00+01:00",
      channel: "email",
      message: "A corrected letter is on its way.",
    });
    const proposal = (
      await as(app, advisor).post(`/api/v1/incidents/${second.id}/non-disclosures`, { clientId, reason: "Never left the office" })
    ).json();
    expect((await as(app, lead).post(`/api/v1/incidents/${second.id}/non-disclosures/${proposal.id}/approve`)).statusCode).toBe(200);
    const before = sink.messages.length;
    clock.set(new Date("2026-12-21T10:00:00Z"));
    expect(await sweep()).toEqual({ lead: 0, admins: 0 });
    await deliver();
    expect(sink.messages.length).toBe(before);
  });

  it("runs in the background sweep as its own task", () => {
    expect(app.tasks.map((task) => task.name)).toContain("incidents");
  });

  it("a step that fails half-way leaves nothing behind and is taken whole by the next sweep", async () => {
    clock.set(new Date("2026-12-22T09:00:00Z"));
    // Through the use-case: the set-up's sessions have expired by this date.
    const { id } = await incidents.recordIncident(
      { db: app.database.db, clock },
      { userId: admin.me.id, orgId, role: "admin", via: "session" },
      {
        clientIds: [clientId],
        title: "Payroll run with last year's tax table",
        discoveredAt: "2026-12-22T10:00:00+01:00",
        foundBy: "third_party",
        severity: "high",
        description: null,
        rootCause: null,
        remedy: null,
        lesson: null,
      },
    );
    // Something inside the step's transaction fails after the claim and the notifications were written.
    domainEvents.consumeInTransaction("crash test", async (_trx, event) => {
      if (event.type === "incident.escalated") throw new Error("the process died here");
    });
    clock.set(new Date("2026-12-23T09:01:00Z"));
    // Read from the table: the sessions of the set-up have expired by this date.
    const leadNotices = async () =>
      (
        await app.database.db
          .selectFrom("notifications")
          .select("id")
          .where("org_id", "=", orgId)
          .where("user_id", "=", lead.me.id)
          .where("kind", "like", "incident.%")
          .execute()
      ).length;
    const before = await leadNotices();
    await expect(sweep()).rejects.toThrow(/next sweep tries again/);
    const pair = await app.database.db
      .selectFrom("incident_clients")
      .select(["lead_escalated_at"])
      .where("org_id", "=", orgId)
      .where("incident_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(pair.lead_escalated_at).toBeNull();
    expect(await leadNotices()).toBe(before);
    domainEvents.consumeInTransaction("crash test", async () => {});
    expect(await sweep()).toEqual({ lead: 1, admins: 0 });
    expect(await leadNotices()).toBe(before + 1);
    expect(await sweep()).toEqual({ lead: 0, admins: 0 });
  });
});
