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
let other: Session;
const own = { clients: [] as string[], contacts: [] as string[], team: "" };
const foreign = { clients: [] as string[], contacts: [] as string[] };
let tokens: { admin: string; other: string };

beforeAll(async () => {
  app = await createTestApp();
  admin = await signup(app, { name: "Export Beheerder", organizationName: "Export BV" });
  lead = await addMember(app, admin, "lead");
  advisor = await addMember(app, admin, "advisor");
  frontdesk = await addMember(app, admin, "frontdesk");
  const api = as(app, admin);
  own.team = (await api.post("/api/v1/teams", { name: "Exportteam" })).json().id;
  await api.put(`/api/v1/teams/${own.team}/members`, { userIds: [advisor.me.id] });
  await as(app, advisor).put(`/api/v1/members/${advisor.me.id}/expertise`, { topics: ["export", "douane"] });
  for (let i = 0; i < 12; i++) {
    const client = (
      await api.post("/api/v1/clients", {
        kind: i % 3 === 0 ? "person" : "company",
        name: `Eigen Klant ${i}`,
        email: `klant${i}@eigen.example`,
        accountOwnerId: advisor.me.id,
        teamId: i % 2 === 0 ? own.team : null,
        notes: i === 0 ? "Vertrouwelijk maar van ons" : null,
      })
    ).json();
    own.clients.push(client.id);
    for (let k = 0; k < i % 3; k++) {
      own.contacts.push(
        (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: `Contact ${i}.${k}`, phone: "020 123 4567" })).json().id,
      );
    }
  }
  await api.post(`/api/v1/clients/${own.clients[1]}/archive`);

  other = await signup(app, { name: "Ander Bedrijf", organizationName: "Andermans BV" });
  for (let i = 0; i < 3; i++) {
    const client = (await as(app, other).post("/api/v1/clients", { kind: "company", name: `Vreemde Klant ${i}` })).json();
    foreign.clients.push(client.id);
    foreign.contacts.push((await as(app, other).post(`/api/v1/clients/${client.id}/contacts`, { name: "Vreemd Contact" })).json().id);
  }
  tokens = {
    admin: (await api.post("/api/v1/api-tokens", { name: "Backup", scopes: ["admin"] })).json().token,
    other: (await as(app, other).post("/api/v1/api-tokens", { name: "Backup", scopes: ["admin"] })).json().token,
  };
});
afterAll(() => app.close());

describe("export", () => {
  it("gives an admin every client and contact of their organization, archived ones included, as a download", async () => {
    const response = await as(app, admin).get("/api/v1/export");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const data = response.json();
    const day = String(data.exportedAt).slice(0, 10);
    expect(day).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(response.headers["content-disposition"]).toBe(`attachment; filename="trustledger-export-${day}.json"`);
    expect(data).toMatchObject({ format: "trustledger-export", version: 1 });
    expect(new Date(data.exportedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(data.organization).toMatchObject({ id: admin.me.organizationId, name: "Export BV" });
    expect(data.clients.map((c: { id: string }) => c.id).sort()).toEqual([...own.clients].sort());
    expect(data.contacts.map((c: { id: string }) => c.id).sort()).toEqual([...own.contacts].sort());
    expect(data.clients.filter((c: { archived_at: string | null }) => c.archived_at !== null).map((c: { id: string }) => c.id)).toEqual([
      own.clients[1],
    ]);
    expect(data.members.map((m: { id: string; role: string }) => [m.id, m.role]).sort()).toEqual(
      [
        [admin.me.id, "admin"],
        [lead.me.id, "lead"],
        [advisor.me.id, "advisor"],
        [frontdesk.me.id, "frontdesk"],
      ].sort(),
    );
    expect(data.teams.map((t: { id: string }) => t.id)).toEqual([own.team]);
    expect(data.teamMembers).toEqual([{ team_id: own.team, user_id: advisor.me.id }]);
    expect(data.expertise.map((e: { user_id: string; topic: string }) => [e.user_id, e.topic]).sort()).toEqual(
      [
        [advisor.me.id, "douane"],
        [advisor.me.id, "export"],
      ].sort(),
    );
    // Every saved field of a client comes along.
    const first = data.clients.find((c: { id: string }) => c.id === own.clients[0]);
    expect(first).toMatchObject({
      kind: "person",
      name: "Eigen Klant 0",
      email: "klant0@eigen.example",
      notes: "Vertrouwelijk maar van ons",
      account_owner_id: advisor.me.id,
      team_id: own.team,
      version: 1,
    });
  });

  it("holds nothing of another organization", async () => {
    const body = (await as(app, admin).get("/api/v1/export")).body;
    for (const id of [
      ...foreign.clients,
      ...foreign.contacts,
      other.me.id,
      other.me.organizationId,
      other.me.email,
      "Andermans",
      "Vreemd",
    ]) {
      expect(body, id).not.toContain(id);
    }
    // And the other way round.
    const theirs = (await as(app, other).get("/api/v1/export")).json();
    expect(theirs.clients.map((c: { id: string }) => c.id).sort()).toEqual([...foreign.clients].sort());
    expect(theirs.members.map((m: { id: string }) => m.id)).toEqual([other.me.id]);
  });

  it.each([
    ["lead", () => lead],
    ["advisor", () => advisor],
    ["frontdesk", () => frontdesk],
  ])("is refused to a %s with 403", async (_role, who) => {
    for (const language of ["nl", "en"] as const) {
      const response = await as(app, who(), language).get("/api/v1/export");
      expectError(response, 403, "auth.forbidden", language);
      expect(response.headers["content-disposition"]).toBeUndefined();
    }
  });

  it("needs a sign-in", async () => {
    expectError(await app.server.inject({ method: "GET", url: "/api/v1/export" }), 401, "auth.unauthenticated", "en");
  });

  it("works with an admin's API token (for backups)", async () => {
    const response = await as(app, { token: tokens.admin }).get("/api/v1/export");
    expect(response.statusCode).toBe(200);
    expect(response.json().clients).toHaveLength(own.clients.length);
  });

  it("contains no password hashes, session tokens or API tokens anywhere", async () => {
    const body = (await as(app, admin).get("/api/v1/export")).body;
    const secrets = [
      ...(await app.database.executeSql(`select "password" from "account" where "password" is not null`)).rows.map((r) =>
        String(r.password),
      ),
      ...(await app.database.db.selectFrom("session").select("token").execute()).map((r) => r.token),
      ...(await app.database.db.selectFrom("api_tokens").select("token_hash").execute()).map((r) => r.token_hash),
      tokens.admin,
      tokens.other,
      decodeURIComponent(admin.cookie.split("=")[1] ?? ""),
    ];
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(16);
      expect(body).not.toContain(secret);
    }
    // Nor any field that would hold one.
    const keys = new Set<string>();
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key.toLowerCase());
          walk(inner);
        }
      }
    };
    walk(JSON.parse(body));
    for (const key of keys) expect(key).not.toMatch(/password|token|secret|hash/);
  });
});
