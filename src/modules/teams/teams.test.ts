import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";

let app: App;
let admin: Session;
let lead: Session;
let advisor: Session;
let frontdesk: Session;

beforeAll(async () => {
  app = await createTestApp();
  admin = await signup(app, { name: "Sanne Beheer", organizationName: "Teams BV" });
  lead = await addMember(app, admin, "lead", { name: "Lotte Lead" });
  advisor = await addMember(app, admin, "advisor", { name: "Arie Adviseur" });
  frontdesk = await addMember(app, admin, "frontdesk", { name: "Fien Balie" });
});
afterAll(() => app.close());

type Team = { id: string; name: string; memberIds: string[] };
const teams = async (session: Session = admin): Promise<Team[]> => (await as(app, session).get("/api/v1/teams")).json().items;
const teamById = async (id: string) => (await teams()).find((t) => t.id === id);

describe("teams", () => {
  it("are created by an admin (201, no members yet) and listed by name for every role", async () => {
    const api = as(app, admin);
    const created = await api.post("/api/v1/teams", { name: "  Zorg  " });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "Zorg", memberIds: [] });
    await api.post("/api/v1/teams", { name: "accountancy" });
    await api.post("/api/v1/teams", { name: "Belastingadvies" });
    for (const session of [admin, lead, advisor, frontdesk]) {
      const names = (await teams(session)).map((t) => t.name);
      expect(names).toEqual(["accountancy", "Belastingadvies", "Zorg"]);
    }
  });

  it.each([
    ["lead", () => lead],
    ["advisor", () => advisor],
    ["frontdesk", () => frontdesk],
  ])("cannot be created, renamed, staffed or deleted by a %s (403)", async (_role, who) => {
    const team = (await as(app, admin).post("/api/v1/teams", { name: `Alleen beheer ${_role}` })).json();
    const api = as(app, who(), "nl");
    expectError(await api.post("/api/v1/teams", { name: "Eigen team" }), 403, "auth.forbidden", "nl");
    expectError(await api.patch(`/api/v1/teams/${team.id}`, { name: "Gekaapt" }), 403, "auth.forbidden", "nl");
    expectError(await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [who().me.id] }), 403, "auth.forbidden", "nl");
    expectError(await api.delete(`/api/v1/teams/${team.id}`), 403, "auth.forbidden", "nl");
    expect(await teamById(team.id)).toEqual(team);
    expect((await teams()).map((t) => t.name)).not.toContain("Eigen team");
  });

  it("refuses a second team with the same name in any case (409), in nl and en", async () => {
    await as(app, admin).post("/api/v1/teams", { name: "Fiscaal" });
    for (const [language, message] of [
      ["nl", "Er bestaat al een team met deze naam."],
      ["en", "A team with this name already exists."],
    ] as const) {
      const again = await as(app, admin, language).post("/api/v1/teams", { name: " FISCAAL " });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toEqual({ code: "teams.name_taken", message });
    }
    expect((await teams()).filter((t) => t.name.toLowerCase() === "fiscaal")).toHaveLength(1);
  });

  it("the same name is fine in another organization", async () => {
    const other = await signup(app, { organizationName: "Ander Kantoor" });
    expect((await as(app, other).post("/api/v1/teams", { name: "Fiscaal" })).statusCode).toBe(201);
  });

  it("are renamed by an admin; a taken name is 409, the own name or another case of it is fine", async () => {
    const api = as(app, admin);
    const team = (await api.post("/api/v1/teams", { name: "Oude Naam" })).json();
    await api.post("/api/v1/teams", { name: "Bezet" });
    const renamed = await api.patch(`/api/v1/teams/${team.id}`, { name: "Nieuwe Naam" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({ id: team.id, name: "Nieuwe Naam", memberIds: [] });
    expectError(await api.patch(`/api/v1/teams/${team.id}`, { name: "bezet" }), 409, "teams.name_taken", "en");
    expect((await api.patch(`/api/v1/teams/${team.id}`, { name: "NIEUWE naam" })).json().name).toBe("NIEUWE naam");
    expect((await teamById(team.id))?.name).toBe("NIEUWE naam");
    expectError(await api.patch(`/api/v1/teams/${randomUUID()}`, { name: "Nergens" }), 404, "teams.not_found", "en");
    expectError(await api.patch(`/api/v1/teams/${team.id}`, { name: "" }), 400, "request.validation_failed", "en");
  });

  it("get their members replaced as a whole; duplicates count once; members show the team", async () => {
    const api = as(app, admin);
    const team = (await api.post("/api/v1/teams", { name: "Bemand" })).json();
    const set = await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [advisor.me.id, lead.me.id, advisor.me.id] });
    expect(set.statusCode).toBe(200);
    expect(set.json().memberIds).toEqual([advisor.me.id, lead.me.id].sort());
    const memberList = (await api.get("/api/v1/members")).json().items as { id: string; teams: { id: string }[] }[];
    expect(memberList.find((m) => m.id === advisor.me.id)?.teams.map((t) => t.id)).toContain(team.id);

    const replaced = await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [frontdesk.me.id] });
    expect(replaced.json().memberIds).toEqual([frontdesk.me.id]);
    expect((await teamById(team.id))?.memberIds).toEqual([frontdesk.me.id]);
    expect((await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [] })).json().memberIds).toEqual([]);
  });

  it("refuses someone who is not a member of the organization, and changes nothing", async () => {
    const api = as(app, admin);
    const outsider = await signup(app, { organizationName: "Buitenstaander" });
    const team = (await api.post("/api/v1/teams", { name: "Besloten" })).json();
    await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [lead.me.id] });
    expectError(
      await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [advisor.me.id, outsider.me.id] }),
      400,
      "members.not_found",
      "en",
    );
    expectError(await api.put(`/api/v1/teams/${team.id}/members`, { userIds: ["nobody"] }), 400, "members.not_found", "en");
    expect((await teamById(team.id))?.memberIds).toEqual([lead.me.id]);
    expectError(await api.put(`/api/v1/teams/${randomUUID()}/members`, { userIds: [lead.me.id] }), 404, "teams.not_found", "en");
  });

  it("are deleted by an admin (204): members and clients keep no team, the name is free again", async () => {
    const api = as(app, admin);
    const team = (await api.post("/api/v1/teams", { name: "Opgeheven" })).json();
    await api.put(`/api/v1/teams/${team.id}/members`, { userIds: [advisor.me.id] });
    const client = (await api.post("/api/v1/clients", { kind: "company", name: "Klant van Opgeheven", teamId: team.id })).json();
    expect(client.team).toEqual({ id: team.id, name: "Opgeheven" });

    expect((await api.delete(`/api/v1/teams/${team.id}`)).statusCode).toBe(204);
    expect(await teamById(team.id)).toBeUndefined();
    const after = (await api.get(`/api/v1/clients/${client.id}`)).json();
    expect(after.team).toBeNull();
    expect(after.name).toBe("Klant van Opgeheven");
    const memberList = (await api.get("/api/v1/members")).json().items as { id: string; teams: { id: string }[] }[];
    expect(memberList.find((m) => m.id === advisor.me.id)?.teams.map((t) => t.id)).not.toContain(team.id);
    const rows = await app.database.db.selectFrom("team_members").select("user_id").where("team_id", "=", team.id).execute();
    expect(rows).toEqual([]);

    expectError(await api.delete(`/api/v1/teams/${team.id}`), 404, "teams.not_found", "en");
    expect((await api.post("/api/v1/teams", { name: "Opgeheven" })).statusCode).toBe(201);
  });

  it("a client can only be given a team of its own organization", async () => {
    const api = as(app, admin);
    const other = await signup(app, { organizationName: "Vreemd Team BV" });
    const foreign = (await as(app, other).post("/api/v1/teams", { name: "Vreemd" })).json();
    expectError(await api.post("/api/v1/clients", { kind: "company", name: "X", teamId: foreign.id }), 400, "teams.not_found", "en");
    expectError(await api.post("/api/v1/clients", { kind: "company", name: "X", teamId: randomUUID() }), 400, "teams.not_found", "en");
  });
});

describe("team names under concurrency", () => {
  it("creating or renaming to the same name at the same moment gives one success and 409s, never a 500", async () => {
    const api = as(app, admin);
    const created = await Promise.all([1, 2, 3, 4].map(() => api.post("/api/v1/teams", { name: "Tegelijk" })));
    expect(created.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of created.filter((r) => r.statusCode === 409)) expectError(r, 409, "teams.name_taken", "en");
    const one = (await api.post("/api/v1/teams", { name: "Race Een" })).json();
    const two = (await api.post("/api/v1/teams", { name: "Race Twee" })).json();
    const renamed = await Promise.all([
      api.patch(`/api/v1/teams/${one.id}`, { name: "Race Drie" }),
      api.patch(`/api/v1/teams/${two.id}`, { name: "race drie" }),
    ]);
    expect(renamed.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});
