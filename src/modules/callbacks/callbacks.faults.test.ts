import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackOrganization, intake, setAcceptMinutes, sweeper } from "../../../test/helpers/callbacks.ts";
import { as, createTestApp } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

// Monday 23 November 2026, 10:00 in Amsterdam.
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

/** A real fault inside the database: inserts into `table` matching `when` fail until the fault is removed. */
async function withFault<T>(table: string, when: string, work: () => Promise<T>): Promise<T> {
  const db = app.database.db;
  const name = `injected_fault_${table}`;
  await sql
    .raw(`
      create or replace function ${name}() returns trigger language plpgsql as $$
      begin
        if ${when} then raise exception 'injected fault'; end if;
        return new;
      end $$;
      create trigger ${name} before insert on ${table} for each row execute function ${name}();
    `)
    .execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`drop trigger ${name} on ${table}; drop function ${name}();`).execute(db);
  }
}

describe("rerouting under a fault", () => {
  it("a failure between the steps of a reroute changes nothing, and the next sweep still reroutes the callback", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Storing BV");
    const id: string = (await as(app, org.desk).post("/api/v1/callbacks", intake(org))).json().commitment.id;
    const before = (await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json();
    expect(before.commitment.owner.id).toBe(org.anna.me.id);

    // The reroute's history entry cannot be written: the sweep fails (System status shows it)…
    clock.set(at(31));
    await withFault("commitment_events", "new.kind in ('rerouted', 'reassigned')", async () => {
      await expect(sweep()).rejects.toThrow();
    });
    // …and left the callback as it was: same person, same deadline, no half-written history, no notification.
    const after = (await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json();
    expect(after.commitment.owner.id).toBe(org.anna.me.id);
    expect(after.acceptBy).toBe(before.acceptBy);
    expect(after.commitment.events.map((e: { kind: string }) => e.kind)).toEqual(["created", "routed"]);
    const told = await app.database.db
      .selectFrom("notifications")
      .select("id")
      .where("dedupe_key", "like", `assigned:${id}:${org.pieter.me.id}%`)
      .execute();
    expect(told).toHaveLength(0);

    // The next sweep picks it up again.
    clock.set(at(32));
    expect(await sweep()).toEqual({ rerouted: 1, alerted: 0 });
    const moved = (await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json();
    expect(moved.commitment.owner.id).toBe(org.pieter.me.id);
    expect(moved.acceptBy).toBe(at(62).toISOString());
  });
});

describe("concurrent steps on one callback", () => {
  it("the same person accepting twice at once: one 200, the other a translated 409, one 'accepted' in the history", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Dubbelklik BV");
    const id: string = (await as(app, org.desk).post("/api/v1/callbacks", intake(org))).json().commitment.id;
    const answers = await Promise.all([
      as(app, org.anna, "nl").post(`/api/v1/callbacks/${id}/accept`),
      as(app, org.anna, "nl").post(`/api/v1/callbacks/${id}/accept`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.statusCode === 409);
    expect(refused?.json().error.code).toBe("callbacks.already_accepted");
    expect(refused?.json().error.message).toMatch(/al geaccepteerd/);
    const events = (await as(app, org.anna).get(`/api/v1/callbacks/${id}`)).json().commitment.events;
    expect(events.filter((e: { kind: string }) => e.kind === "accepted")).toHaveLength(1);
  });

  it("two experts taking on a callback without a person at once: exactly one gets it", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Wedloop BV");
    await setAcceptMinutes(app, org.admin.me.organizationId, 240);
    const id: string = (await as(app, org.desk).post("/api/v1/callbacks", intake(org, { expertId: org.lotte.me.id }))).json().commitment.id;
    clock.set(new Date("2026-11-23T12:00:00Z"));
    // (The sweep covers every organization: other tests' callbacks move on too.)
    expect((await sweep()).alerted).toBeGreaterThanOrEqual(1);
    expect((await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json().alertReason).toBe("time_running_out");
    const answers = await Promise.all([
      as(app, org.anna, "en").post(`/api/v1/callbacks/${id}/accept`),
      as(app, org.pieter, "nl").post(`/api/v1/callbacks/${id}/accept`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.findIndex((a) => a.statusCode === 200);
    const loser = answers[1 - winner];
    expect(loser?.json().error.message).toBe(
      winner === 0
        ? "Iemand heeft dit terugbelverzoek al geaccepteerd: laad de pagina opnieuw om te zien wie terugbelt."
        : "Someone has already accepted this callback: reload to see who calls back.",
    );
    const callback = (await as(app, org.admin).get(`/api/v1/callbacks/${id}`)).json();
    expect(callback.commitment.owner.id).toBe(winner === 0 ? org.anna.me.id : org.pieter.me.id);
    expect(callback.commitment.events.filter((e: { kind: string }) => e.kind === "accepted")).toHaveLength(1);
  });

  // A guard against regressions (the old code counted these right too): attempts are now taken under the row lock.
  it("two attempts at once, one reaching the caller: both counted, the reach kept", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Poging BV");
    const id: string = (await as(app, org.desk).post("/api/v1/callbacks", intake(org))).json().commitment.id;
    clock.set(at(10));
    const answers = await Promise.all([
      as(app, org.anna).post(`/api/v1/callbacks/${id}/attempts`, { reached: true, note: "eerste" }),
      as(app, org.anna).post(`/api/v1/callbacks/${id}/attempts`, { reached: false, note: "tweede" }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    const callback = (await as(app, org.anna).get(`/api/v1/callbacks/${id}`)).json();
    expect(callback).toMatchObject({ attempts: 2, reachedAt: at(10).toISOString(), acceptedAt: at(10).toISOString() });
  });
});

describe("a new caller and the promise are one write", () => {
  it("when the callback cannot be saved, the new caller is not left behind as a client", async () => {
    clock.set(start);
    const org = await callbackOrganization(app, "Half BV");
    const count = async (table: "clients" | "contacts" | "commitments") =>
      (await app.database.db.selectFrom(table).select("id").where("org_id", "=", org.admin.me.organizationId).execute()).length;
    const before = [await count("clients"), await count("contacts"), await count("commitments")];
    const failed = await withFault("callbacks", "true", () =>
      as(app, org.desk).post("/api/v1/callbacks", {
        newCaller: { name: "Ria Jansen", phone: "06 1234 5678", company: "Bloemenhuis Jansen" },
        question: "Hoe financieren we een tweede vestiging?",
        readBack: true,
        topic: "pension",
      }),
    );
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain("injected fault");
    expect([await count("clients"), await count("contacts"), await count("commitments")]).toEqual(before);
  });
});
