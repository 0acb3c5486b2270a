import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallbackOrganization, callbackOrganization, intake, setAcceptMinutes, sweeper } from "../../../test/helpers/callbacks.ts";
import { as, createTestApp } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

// Monday 23 November 2026, 10:00 in Amsterdam: the callback is promised by 14:00 (4 working hours).
const start = new Date("2026-11-23T09:00:00Z");
const clock = fixedClock(start);
let app: App;
let sweep: ReturnType<typeof sweeper>;
beforeAll(async () => {
  app = await createTestApp({ clock });
  sweep = sweeper(app, clock);
});
afterAll(() => app.close());

const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
type Event = { kind: string; actor: { id: string } | null; data: Record<string, unknown> };

async function notificationsOf(session: CallbackOrganization["desk"], kind: string, commitmentId: string) {
  const items = (await as(app, session).get("/api/v1/notifications?limit=100")).json().items as {
    kind: string;
    commitmentId: string | null;
    params: { link: string };
  }[];
  return items.filter((n) => n.kind === kind && n.commitmentId === commitmentId);
}

async function alertMails(orgId: string, id: string) {
  return app.database.db
    .selectFrom("deliveries")
    .select(["to_address", "subject", "body_text"])
    .where("org_id", "=", orgId)
    .where("dedupe_key", "like", `notification:callback-alert:${id}:%`)
    .execute();
}

describe("a callback that lapses through everyone", () => {
  it("ends without a person: the taker and the team leads are alerted once, in the app and by e-mail; the history says why at every step", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Doorgeef BV");
    const created = await as(app, org.desk).post("/api/v1/callbacks", intake(org));
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().commitment.id;
    expect(created.json().commitment.owner.id).toBe(org.anna.me.id);

    // Every 31 minutes the next one lets it lapse: Anna → Pieter → Lotte (lead) → Sanne (admin) → nobody.
    const holders: string[] = [];
    for (let step = 1; step <= 3; step++) {
      clock.set(at(31 * step));
      expect(await sweep()).toEqual({ rerouted: 1, alerted: 0 });
      holders.push((await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json().commitment.owner.name);
    }
    expect(holders).toEqual(["Pieter Jansen", "Lotte Leider", "Sanne Beheer"]);
    clock.set(at(31 * 4));
    expect(await sweep()).toEqual({ rerouted: 0, alerted: 1 });

    const callback = (await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json();
    expect(callback).toMatchObject({ acceptedAt: null, acceptBy: null, alertReason: "nobody_left", alertedAt: at(124).toISOString() });
    const events: Event[] = callback.commitment.events;
    const routed = events.find((e) => e.kind === "routed");
    expect(routed).toMatchObject({ actor: { id: org.desk.me.id }, data: { toOwnerId: org.anna.me.id, routing: "knows_topic" } });
    expect(routed?.data.matched).toEqual(["Pensions"]);
    const rerouted = events.filter((e) => e.kind === "rerouted");
    expect(rerouted.map((e) => [e.actor, e.data.fromOwnerId, e.data.toOwnerId, e.data.routing])).toEqual([
      [null, org.anna.me.id, org.pieter.me.id, "knows_topic"],
      [null, org.pieter.me.id, org.lotte.me.id, "experts_all_had_it"],
      [null, org.lotte.me.id, org.admin.me.id, "experts_all_had_it"],
    ]);
    const alert = events.find((e) => e.kind === "callback_alert");
    expect(alert).toMatchObject({ actor: null, data: { reason: "nobody_left", fromOwnerId: org.admin.me.id } });
    expect(alert?.data.notified).toEqual([org.desk.me.id, org.lotte.me.id]);

    // In the app, for the one who took the call and the lead, leading to the callback; not for the others.
    for (const person of [org.desk, org.lotte]) {
      const found = await notificationsOf(person, "callback.nobody_left", id);
      expect(found).toHaveLength(1);
      expect(found[0]?.params.link).toBe(`http://127.0.0.1:3000/commitments/${id}`);
    }
    expect(await notificationsOf(org.anna, "callback.nobody_left", id)).toHaveLength(0);
    // By e-mail, in the organization's language.
    const mails = await alertMails(org.admin.me.organizationId, id);
    expect(mails.map((m) => m.to_address).sort()).toEqual([org.desk.me.email, org.lotte.me.email].sort());
    expect(mails[0]?.subject).toMatch(/^Terugbelverzoek zonder persoon: /);
    expect(mails[0]?.body_text).toContain(`/commitments/${id}`);

    // Sweeps run again (also past 75 % of the promised time): nothing more, nobody alerted twice.
    for (const minutes of [160, 190, 200]) {
      clock.set(at(minutes));
      expect(await sweep()).toEqual({ rerouted: 0, alerted: 0 });
    }
    for (const person of [org.desk, org.lotte]) expect(await notificationsOf(person, "callback.nobody_left", id)).toHaveLength(1);
    expect(await alertMails(org.admin.me.organizationId, id)).toHaveLength(2);
    const again = (await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json().commitment.events as Event[];
    expect(again.filter((e) => e.kind === "callback_alert")).toHaveLength(1);
  });

  it("shows in everyone's My day under callbacks without a person; an expert accepts it there, and the portal names who has it now", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Mijn Dag BV");
    await setAcceptMinutes(app, org.admin.me.organizationId, 30);
    const id: string = (await as(app, org.desk).post("/api/v1/callbacks", intake(org))).json().commitment.id;
    const link = (await as(app, org.admin).post(`/api/v1/clients/${org.clientId}/portal-links`, { contactId: org.contactId })).json();
    const portalOwner = async () => {
      const token = new URL(link.url).pathname.split("/").at(-1);
      const view = await app.server.inject({ method: "GET", url: `/api/v1/portal/${token}`, remoteAddress: "10.8.0.1" });
      expect(view.statusCode, view.body).toBe(200);
      return view.json().items.find((i: { title: string }) => i.title.startsWith("Kees Smit terugbellen"))?.ownerName;
    };
    for (let step = 1; step <= 5; step++) {
      clock.set(at(31 * step));
      await sweep();
      if (step === 1) expect(await portalOwner()).toBe("Pieter Jansen");
    }
    // Nobody has it now: the client sees the firm, not the last one who let it lapse.
    expect(await portalOwner()).toBe("Mijn Dag BV");

    for (const person of [org.anna, org.pieter, org.lotte, org.desk]) {
      const day = (await as(app, person).get("/api/v1/my-day")).json();
      expect(day.callbacksWithoutPerson.map((c: { id: string }) => c.id)).toEqual([id]);
    }
    const sanne = (await as(app, org.admin).get("/api/v1/my-day")).json();
    expect(sanne.waitingCallbacks.map((c: { id: string }) => c.id)).not.toContain(id);

    // The front desk calls nobody back; an expert takes it on and it becomes theirs.
    const desk = await as(app, org.desk, "nl").post(`/api/v1/callbacks/${id}/accept`);
    expect(desk.statusCode).toBe(403);
    expect(desk.json().error.code).toBe("callbacks.not_yours_to_accept");
    const taken = await as(app, org.anna).post(`/api/v1/callbacks/${id}/accept`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ acceptedAt: at(155).toISOString(), commitment: { owner: { id: org.anna.me.id } } });
    expect(taken.json().commitment.events.at(-1)).toMatchObject({
      kind: "accepted",
      actor: { id: org.anna.me.id },
      data: { fromOwnerId: org.admin.me.id, toOwnerId: org.anna.me.id, withoutPerson: true },
    });
    const late = await as(app, org.pieter, "nl").post(`/api/v1/callbacks/${id}/accept`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: "callbacks.already_accepted" });
    expect(late.json().error.message).toMatch(/al geaccepteerd/);
    const annasDay = (await as(app, org.anna).get("/api/v1/my-day")).json();
    expect(annasDay.callbacksWithoutPerson).toEqual([]);
    expect(annasDay.waitingCallbacks.map((c: { id: string }) => c.id)).toContain(id);
    expect(await portalOwner()).toBe("Anna de Vries");
  });
});

describe("a callback still not accepted at 75 % of the promised time", () => {
  it("alerts the taker and the team leads once, naming who has it; any expert may then take it on", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Driekwart BV");
    await setAcceptMinutes(app, org.admin.me.organizationId, 240);
    const created = (await as(app, org.desk).post("/api/v1/callbacks", intake(org, { expertId: org.pieter.me.id }))).json();
    const id: string = created.commitment.id;
    expect(created.commitment.dueAt).toBe("2026-11-23T13:00:00.000Z");
    clock.set(new Date("2026-11-23T11:59:00Z"));
    expect(await sweep()).toEqual({ rerouted: 0, alerted: 0 });
    clock.set(new Date("2026-11-23T12:00:00Z"));
    expect(await sweep()).toEqual({ rerouted: 0, alerted: 1 });
    clock.set(new Date("2026-11-23T12:05:00Z"));
    expect(await sweep()).toEqual({ rerouted: 0, alerted: 0 });

    for (const person of [org.desk, org.lotte]) expect(await notificationsOf(person, "callback.time_running_out", id)).toHaveLength(1);
    expect(await notificationsOf(org.pieter, "callback.time_running_out", id)).toHaveLength(0);
    const mails = await alertMails(org.admin.me.organizationId, id);
    expect(mails).toHaveLength(2);
    expect(mails[0]?.body_text).toContain("Pieter Jansen");
    const callback = (await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json();
    expect(callback.alertReason).toBe("time_running_out");
    expect(callback.commitment.events.at(-1)).toMatchObject({
      kind: "callback_alert",
      data: { reason: "time_running_out", ownerId: org.pieter.me.id },
    });
    expect((await as(app, org.anna).get("/api/v1/my-day")).json().callbacksWithoutPerson.map((c: { id: string }) => c.id)).toEqual([id]);
    const taken = await as(app, org.anna).post(`/api/v1/callbacks/${id}/accept`);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().commitment.owner.id).toBe(org.anna.me.id);
  });
});

describe("routing and its history", () => {
  it("finds the expert whatever the case, accents or plural, and records the real reason for each choice", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Onderwerp BV");
    const preview = (await as(app, org.desk).get("/api/v1/callbacks/preview?topic=PENSIONS")).json();
    expect(preview.experts.map((e: { name: string }) => e.name)).toEqual(["Anna de Vries", "Pieter Jansen"]);
    expect(preview.routingReason).toBe("knows_topic");

    const history = async (body: Record<string, unknown>) => {
      const created = await as(app, org.desk).post("/api/v1/callbacks", intake(org, body));
      expect(created.statusCode, created.body).toBe(201);
      const routed = (created.json().commitment.events as Event[]).find((e) => e.kind === "routed");
      return { owner: created.json().commitment.owner.name, routedToLead: created.json().routedToLead, ...routed?.data };
    };
    expect(await history({ topic: "Btw-aangiftes" })).toMatchObject({
      owner: "Anna de Vries",
      routedToLead: false,
      routing: "knows_topic",
      matched: ["btw-aangifte"],
    });
    expect(await history({ topic: "Fusies en overnames" })).toMatchObject({
      owner: "Lotte Leider",
      routedToLead: true,
      routing: "nobody_knows_topic",
      topic: "Fusies en overnames",
    });
    expect(await history({ topic: undefined })).toMatchObject({ owner: "Lotte Leider", routing: "no_topic" });
    expect(await history({ expertId: org.pieter.me.id, topic: "Erfrecht" })).toMatchObject({ owner: "Pieter Jansen", routing: "chosen" });
  });
});
