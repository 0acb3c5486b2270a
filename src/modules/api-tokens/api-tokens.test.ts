import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import type { Clock } from "../../shared/clock.ts";

/** Real time plus an offset the tests can move forward ("last used" is written at most once a minute). */
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

let app: App;
let admin: Session;
let advisor: Session;

beforeAll(async () => {
  app = await createTestApp({ clock });
  admin = await signup(app, { name: "Token Beheerder", organizationName: "Sleutels BV" });
  advisor = await addMember(app, admin, "advisor", { name: "Token Adviseur" });
});
afterAll(() => app.close());

type Created = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; token: string };
const create = async (session: Session, name = "Koppeling"): Promise<Created> => {
  const response = await as(app, session).post("/api/v1/api-tokens", { name });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};
const bearer = (token: string, language = "en") => as(app, { token }, language);

describe("API tokens", () => {
  it("are shown once on creation; the list shows only their prefix", async () => {
    const created = await create(advisor, "  Boekhouding  ");
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Boekhouding",
      prefix: created.token.slice(0, 10),
      createdAt: expect.any(String),
      lastUsedAt: null,
      token: expect.stringMatching(/^tl_[A-Za-z0-9_-]{32}$/),
    });
    const listed = await as(app, advisor).get("/api/v1/api-tokens");
    expect(listed.statusCode).toBe(200);
    const { token: _secret, ...visible } = created;
    expect(listed.json().items).toContainEqual(visible);
    expect(listed.body).not.toContain(created.token);
    // Only a hash is stored.
    const row = await app.database.db
      .selectFrom("api_tokens")
      .select(["token_hash"])
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(created.token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("authenticate as their owner with Authorization: Bearer, for /me and clients", async () => {
    const { token } = await create(advisor);
    const me = await bearer(token).get("/api/v1/me");
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(advisor.me);
    const made = await bearer(token).post("/api/v1/clients", { kind: "company", name: "Via Token BV", accountOwnerId: advisor.me.id });
    expect(made.statusCode).toBe(201);
    expect((await bearer(token).get(`/api/v1/clients/${made.json().id}`)).json().name).toBe("Via Token BV");
    expect((await as(app, admin).get(`/api/v1/clients/${made.json().id}`)).statusCode).toBe(200);
    // The scheme is case-insensitive; surrounding spaces are ignored.
    const lower = await app.server.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `bearer   ${token}  ` } });
    expect(lower.statusCode).toBe(200);
  });

  it("carry their owner's current role: an advisor's token cannot do admin things", async () => {
    const { token } = await create(advisor);
    expectError(await bearer(token, "nl").get("/api/v1/export"), 403, "auth.forbidden", "nl");
    expectError(await bearer(token).post("/api/v1/invitations", { email: "x@example.test", role: "admin" }), 403, "auth.forbidden", "en");
    const adminToken = (await create(admin)).token;
    expect((await bearer(adminToken).get("/api/v1/export")).statusCode).toBe(200);
  });

  it("record when they were last used (at most once a minute)", async () => {
    const created = await create(advisor, "Gebruikt");
    await bearer(created.token).get("/api/v1/me");
    const first = (await as(app, advisor).get("/api/v1/api-tokens")).json().items.find((t: { id: string }) => t.id === created.id);
    expect(first.lastUsedAt).not.toBeNull();
    await bearer(created.token).get("/api/v1/me");
    const second = (await as(app, advisor).get("/api/v1/api-tokens")).json().items.find((t: { id: string }) => t.id === created.id);
    expect(second.lastUsedAt).toBe(first.lastUsedAt);
    offsetMs += 61_000;
    await bearer(created.token).get("/api/v1/me");
    const third = (await as(app, advisor).get("/api/v1/api-tokens")).json().items.find((t: { id: string }) => t.id === created.id);
    expect(new Date(third.lastUsedAt).getTime()).toBeGreaterThan(new Date(first.lastUsedAt).getTime());
  });

  it("stop working once revoked: 401 auth.invalid_token in the caller's language, and leave the list", async () => {
    const created = await create(advisor, "Ingetrokken");
    expect((await bearer(created.token).get("/api/v1/me")).statusCode).toBe(200);
    expect((await as(app, advisor).delete(`/api/v1/api-tokens/${created.id}`)).statusCode).toBe(204);
    for (const [language, message] of [
      ["nl", "Deze API-sleutel is ongeldig of ingetrokken."],
      ["en", "This API token is not valid or has been revoked."],
    ] as const) {
      const refused = await bearer(created.token, language).get("/api/v1/clients");
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error).toEqual({ code: "auth.invalid_token", message });
    }
    expect((await as(app, advisor).get("/api/v1/api-tokens")).json().items.map((t: { id: string }) => t.id)).not.toContain(created.id);
    expectError(await as(app, advisor).delete(`/api/v1/api-tokens/${created.id}`), 404, "tokens.not_found", "en");
  });

  it("a token that is presented but wrong is a 401, even when a valid session cookie comes along", async () => {
    for (const token of ["tl_not-a-real-token", "not-even-the-prefix", `tl_${"x".repeat(300)}`, "tl_"]) {
      const response = await app.server.inject({
        method: "GET",
        url: "/api/v1/me",
        headers: { authorization: `Bearer ${token}`, cookie: advisor.cookie },
      });
      expectError(response, 401, "auth.invalid_token", "en");
    }
  });

  it("cannot be revoked by another user, not even an admin of the same organization (404, still working)", async () => {
    const created = await create(advisor, "Van een ander");
    const missing = await as(app, admin).delete(`/api/v1/api-tokens/${randomUUID()}`);
    const foreign = await as(app, admin).delete(`/api/v1/api-tokens/${created.id}`);
    expectError(foreign, 404, "tokens.not_found", "en");
    expect(foreign.json()).toEqual(missing.json());
    expect((await as(app, admin).get("/api/v1/api-tokens")).json().items.map((t: { id: string }) => t.id)).not.toContain(created.id);
    expect((await bearer(created.token).get("/api/v1/me")).statusCode).toBe(200);
  });

  it("stop working when their owner leaves the organization", async () => {
    const leaver = await addMember(app, admin, "advisor", { name: "Vertrekker" });
    const { token } = await create(leaver, "Blijft achter");
    expect((await bearer(token).get("/api/v1/clients")).statusCode).toBe(200);
    await app.database.db
      .deleteFrom("member")
      .where("userId", "=", leaver.me.id)
      .where("organizationId", "=", admin.me.organizationId)
      .execute();
    expectError(await bearer(token).get("/api/v1/clients"), 401, "auth.invalid_token", "en");
  });

  it("are limited to 20 active per person (409 with the limit); revoked ones do not count", async () => {
    const person = await addMember(app, admin, "lead", { name: "Veel Sleutels" });
    const made: Created[] = [];
    for (let i = 0; i < 20; i++) made.push(await create(person, `Sleutel ${i}`));
    for (const [language, message] of [
      ["nl", "U kunt maximaal 20 actieve API-sleutels hebben."],
      ["en", "You can have at most 20 active API tokens."],
    ] as const) {
      const refused = await as(app, person, language).post("/api/v1/api-tokens", { name: "Eén te veel" });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toEqual({ code: "tokens.limit_reached", message });
    }
    expect((await as(app, person).delete(`/api/v1/api-tokens/${made[0]?.id}`)).statusCode).toBe(204);
    expect((await as(app, person).post("/api/v1/api-tokens", { name: "Weer ruimte" })).statusCode).toBe(201);
    expect((await as(app, person).get("/api/v1/api-tokens")).json().items).toHaveLength(20);
  });

  it("need a name", async () => {
    expectError(await as(app, advisor).post("/api/v1/api-tokens", { name: " " }), 400, "request.validation_failed", "en");
    expectError(await as(app, advisor).post("/api/v1/api-tokens", {}), 400, "request.validation_failed", "en");
  });
});

describe("the token limit under concurrency", () => {
  it("25 creations at the same moment leave at most 20 active tokens", async () => {
    const person = await addMember(app, admin, "advisor", { name: "Gelijktijdig" });
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => as(app, person).post("/api/v1/api-tokens", { name: `Race ${i}` })),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(20);
    for (const r of responses.filter((r) => r.statusCode !== 201)) expectError(r, 409, "tokens.limit_reached", "en");
    expect((await as(app, person).get("/api/v1/api-tokens")).json().items).toHaveLength(20);
  });
});
