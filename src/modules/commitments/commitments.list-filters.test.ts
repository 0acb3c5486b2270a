import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { fixedClock } from "../../shared/clock.ts";

/**
 * The list behind every figure of the Team page: filtering promises by owner,
 * team, client, status, closing days and "overdue now" returns exactly the
 * promises the reliability figures count.
 */
const clock = fixedClock(new Date("2026-11-23T08:00:00Z"));
let app: App;
let lead: Session;
let anna: Session;
let bram: Session;
let carla: Session;
let teamId: string;
let clientA: string;
let clientB: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp({ clock });
  lead = await signup(app, { name: "Lotte Leider", organizationName: "Drill BV" });
  anna = await addMember(app, lead, "advisor", { name: "Anna" });
  bram = await addMember(app, lead, "advisor", { name: "Bram" });
  carla = await addMember(app, lead, "advisor", { name: "Carla" });
  clientA = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Alfa BV" })).json().id;
  clientB = (await as(app, lead).post("/api/v1/clients", { kind: "company", name: "Beta BV" })).json().id;
  teamId = (await as(app, lead).post("/api/v1/teams", { name: "Belastingadvies" })).json().id;
  await as(app, lead).put(`/api/v1/teams/${teamId}/members`, { userIds: [anna.me.id, bram.me.id] });

  const create = async (name: string, owner: Session, clientId: string, dueAt: string) => {
    const response = await as(app, lead).post("/api/v1/commitments", {
      clientId,
      title: name,
      doneWhen: "done",
      ownerId: owner.me.id,
      dueAt,
      source: "meeting",
    });
    expect(response.statusCode, response.body).toBe(201);
    ids[name] = response.json().id;
  };
  const closeAt = async (name: string, at: string, action: "complete" | "break" | "cancel" = "complete") => {
    clock.set(new Date(at));
    const body = action === "complete" ? {} : action === "break" ? { reason: "No time" } : { reason: "No time", clientAgreed: true };
    const response = await as(app, lead).post(`/api/v1/commitments/${ids[name]}/${action}`, body);
    expect(response.statusCode, response.body).toBe(200);
  };
  await create("anna kept", anna, clientA, "2026-11-25T17:00:00+01:00");
  await create("anna late", anna, clientB, "2026-11-24T09:00:00+01:00");
  await create("anna broken", anna, clientA, "2026-11-26T17:00:00+01:00");
  await create("anna cancelled", anna, clientA, "2026-11-26T17:00:00+01:00");
  await create("anna late evening", anna, clientA, "2026-11-30T17:00:00+01:00");
  await create("anna before period", anna, clientA, "2026-11-30T17:00:00+01:00");
  await create("anna overdue", anna, clientB, "2026-11-27T09:00:00+01:00");
  await create("anna open", anna, clientA, "2026-12-10T09:00:00+01:00");
  await create("bram kept", bram, clientB, "2026-11-25T17:00:00+01:00");
  await create("carla kept", carla, clientA, "2026-11-25T17:00:00+01:00");
  await create("carla overdue", carla, clientA, "2026-11-27T09:00:00+01:00");
  await closeAt("anna before period", "2026-11-23T22:30:00Z"); // 23:30 on the 23rd in Amsterdam
  await closeAt("anna kept", "2026-11-24T10:00:00Z");
  await closeAt("anna late", "2026-11-24T11:00:00Z");
  await closeAt("anna broken", "2026-11-25T10:00:00Z", "break");
  await closeAt("anna cancelled", "2026-11-25T10:00:00Z", "cancel");
  await closeAt("anna late evening", "2026-11-26T22:30:00Z"); // 23:30 on the 26th in Amsterdam
  await closeAt("bram kept", "2026-11-24T10:00:00Z");
  await closeAt("carla kept", "2026-11-24T10:00:00Z");
  clock.set(new Date("2026-11-30T10:00:00Z"));
});
afterAll(() => app.close());

const PERIOD = { from: "2026-11-24", to: "2026-11-26" };
const nameOf = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0];

async function list(query: Record<string, string>) {
  const response = await as(app, lead).get(`/api/v1/commitments?${new URLSearchParams({ limit: "200", ...query })}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { id: string }[]).map((item) => nameOf(item.id)).sort();
}

async function figures(groupBy: string) {
  const response = await as(app, lead).get(`/api/v1/reliability?${new URLSearchParams({ ...PERIOD, groupBy })}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const RATE = "kept,kept_late,broken";

describe("the list behind a figure", () => {
  it("a person's rate: the promises that fell due and were closed in the period, on the organization's days", async () => {
    const anna_ = (await figures("owner")).groups.find((g: { id: string }) => g.id === anna.me.id);
    const behind = await list({ ownerId: anna.me.id, status: RATE, closedFrom: PERIOD.from, closedTo: PERIOD.to });
    expect(behind).toEqual(["anna broken", "anna kept", "anna late", "anna late evening"]);
    expect(behind).toHaveLength(anna_.kept + anna_.keptLate + anna_.broken);
    expect(await list({ ownerId: anna.me.id, status: "kept", closedFrom: PERIOD.from, closedTo: PERIOD.to })).toHaveLength(anna_.kept);
  });

  it("a team's rate: its members' promises", async () => {
    const team = (await figures("team")).groups.find((g: { id: string }) => g.id === teamId);
    const behind = await list({ teamId, status: RATE, closedFrom: PERIOD.from, closedTo: PERIOD.to });
    expect(behind).toEqual(["anna broken", "anna kept", "anna late", "anna late evening", "bram kept"]);
    expect(behind).toHaveLength(team.kept + team.keptLate + team.broken);
  });

  it("a client's rate and a week's trend point", async () => {
    const client = (await figures("client")).groups.find((g: { id: string }) => g.id === clientB);
    const behind = await list({ clientId: clientB, status: RATE, closedFrom: PERIOD.from, closedTo: PERIOD.to });
    expect(behind).toEqual(["anna late", "bram kept"]);
    expect(behind).toHaveLength(client.kept + client.keptLate + client.broken);
    const week = (await figures("owner")).trend.find((w: { weekStart: string }) => w.weekStart === "2026-11-23");
    expect(await list({ state: "closed", closedFrom: PERIOD.from, closedTo: PERIOD.to })).toHaveLength(week.closed);
  });

  it("overdue now: what is still to be done and past its due time", async () => {
    const all = await figures("owner");
    expect(await list({ overdue: "true" })).toEqual(["anna overdue", "carla overdue"]);
    expect(await list({ overdue: "true" })).toHaveLength(all.total.overdueNow);
    const carla_ = all.groups.find((g: { id: string }) => g.id === carla.me.id);
    expect(await list({ overdue: "true", ownerId: carla.me.id })).toHaveLength(carla_.overdueNow);
    expect(await list({ overdue: "true", teamId })).toEqual(["anna overdue"]);
  });

  it("refuses a period that ends before it starts, and a team of another organization, in the caller's language", async () => {
    const backwards = await as(app, lead, "nl").get("/api/v1/commitments?closedFrom=2026-11-26&closedTo=2026-11-24");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toBe("Het einde van de periode ligt vóór het begin.");
    const other = await signup(app, { name: "Olga Ander", organizationName: "Ander BV" });
    const foreignTeam = (await as(app, other).post("/api/v1/teams", { name: "Elders" })).json().id;
    const foreign = await as(app, lead).get(`/api/v1/commitments?teamId=${foreignTeam}`);
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.code).toBe("teams.not_found");
  });
});
