import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError } from "../../../test/helpers/errors.ts";
import { addMember } from "../../../test/helpers/members.ts";
import { as, createTestApp, type Session, signup } from "../../../test/helpers/test-app.ts";
import type { App } from "../../app.ts";
import { ROUTE_ACCESS } from "../../core/token-scopes.ts";
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

type Created = { id: string; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; token: string };
const create = async (session: Session, name = "Koppeling", scopes = ["read", "write", "admin"]): Promise<Created> => {
  const response = await as(app, session).post("/api/v1/api-tokens", { name, scopes });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};
const bearer = (token: string, language = "en") => as(app, { token }, language);

describe("API tokens", () => {
  it("are shown once on creation; the list shows only their prefix", async () => {
    const created = await create(advisor, "  Boekhouding  ", ["write", "read"]);
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Boekhouding",
      prefix: created.token.slice(0, 10),
      scopes: ["read", "write"],
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
      const refused = await as(app, person, language).post("/api/v1/api-tokens", { name: "Eén te veel", scopes: ["read"] });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toEqual({ code: "tokens.limit_reached", message });
    }
    expect((await as(app, person).delete(`/api/v1/api-tokens/${made[0]?.id}`)).statusCode).toBe(204);
    expect((await as(app, person).post("/api/v1/api-tokens", { name: "Weer ruimte", scopes: ["read"] })).statusCode).toBe(201);
    expect((await as(app, person).get("/api/v1/api-tokens")).json().items).toHaveLength(20);
  });

  it("need a name", async () => {
    expectError(await as(app, advisor).post("/api/v1/api-tokens", { name: " ", scopes: ["read"] }), 400, "request.validation_failed", "en");
    expectError(await as(app, advisor).post("/api/v1/api-tokens", {}), 400, "request.validation_failed", "en");
  });
});

describe("the token limit under concurrency", () => {
  it("25 creations at the same moment leave at most 20 active tokens", async () => {
    const person = await addMember(app, admin, "advisor", { name: "Gelijktijdig" });
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) => as(app, person).post("/api/v1/api-tokens", { name: `Race ${i}`, scopes: ["read"] })),
    );
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(20);
    for (const r of responses.filter((r) => r.statusCode !== 201)) expectError(r, 409, "tokens.limit_reached", "en");
    expect((await as(app, person).get("/api/v1/api-tokens")).json().items).toHaveLength(20);
  });
});

/** A concrete URL for a route pattern: every parameter a fresh id (the scope check comes before any lookup). */
const fill = (pattern: string) => pattern.replace(/:[A-Za-z]+/g, () => randomUUID());
const call = (token: string, key: string, language = "en") => {
  const [method, pattern] = key.split(" ") as [string, string];
  return app.server.inject({
    method: method as "GET",
    url: fill(pattern),
    headers: { authorization: `Bearer ${token}`, "accept-language": language },
    ...(method === "GET" || method === "DELETE" ? {} : { payload: {} }),
  });
};
const isScopeRefusal = (response: { statusCode: number; body: string }) =>
  response.statusCode === 403 && /"code":"tokens\.(scope_missing|session_only)"/.test(response.body);

describe("token scopes", () => {
  it("every route the server answers is in the route table, and nothing else is", async () => {
    const spec = app.server.swagger() as { paths: Record<string, Record<string, unknown>> };
    const live = Object.entries(spec.paths).flatMap(([route, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${route.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    expect(live.length).toBeGreaterThan(50);
    expect(new Set(live)).toEqual(new Set(Object.keys(ROUTE_ACCESS)));
  });

  it("are chosen at creation (at least one of read, write, admin) and listed with the token", async () => {
    for (const scopes of [[], ["delete"], "read", ["read", "read", "read", "read"]]) {
      expectError(await as(app, admin).post("/api/v1/api-tokens", { name: "Fout", scopes }), 400, "request.validation_failed", "en");
    }
    const created = await create(admin, "Alleen lezen", ["read"]);
    const listed = (await as(app, admin).get("/api/v1/api-tokens")).json().items.find((t: { id: string }) => t.id === created.id);
    expect(listed.scopes).toEqual(["read"]);
  });

  it("walk the route table: each scope reaches exactly the routes that need it, a session-only route no token", async () => {
    const tokens = {
      read: (await create(admin, "Lezen", ["read"])).token,
      write: (await create(admin, "Schrijven", ["write"])).token,
      admin: (await create(admin, "Beheer", ["admin"])).token,
      all: (await create(admin, "Alles", ["read", "write", "admin"])).token,
    };
    const may = (held: keyof typeof tokens, needed: string) =>
      needed === "public" || (needed !== "session" && (needed === "read" || held === "all" || held === needed));
    for (const [key, needed] of Object.entries(ROUTE_ACCESS)) {
      for (const held of Object.keys(tokens) as (keyof typeof tokens)[]) {
        const response = await call(tokens[held], key);
        expect(isScopeRefusal(response), `${held} token on ${key} (${needed}): ${response.statusCode} ${response.body}`).toBe(
          !may(held, needed),
        );
      }
    }
  });

  it("a read token changes nothing: every route that writes answers 403 in the caller's language and the data stays", async () => {
    const { token } = await create(advisor, "Alleen kijken", ["read"]);
    const before = await app.database.db
      .selectFrom("clients")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const writes = Object.entries(ROUTE_ACCESS).filter(([, needed]) => needed === "write" || needed === "admin");
    expect(writes.length).toBeGreaterThan(30);
    for (const [key, needed] of writes) {
      expectError(await call(token, key, "nl"), 403, "tokens.scope_missing", "nl");
      expect((await call(token, key)).json().error.message).toBe(`This API token may not do this: it needs the '${needed}' scope.`);
    }
    const refused = await bearer(token).post("/api/v1/clients", { kind: "company", name: "Mag Niet BV", accountOwnerId: advisor.me.id });
    expectError(refused, 403, "tokens.scope_missing", "en");
    expect((await bearer(token).get("/api/v1/clients")).statusCode).toBe(200);
    const after = await app.database.db
      .selectFrom("clients")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("a token never makes, sees or revokes tokens, calendar addresses or portal links, whatever its scopes", async () => {
    const { token, id } = await create(admin, "Alles mag", ["read", "write", "admin"]);
    const client = (await as(app, admin).post("/api/v1/clients", { kind: "company", name: "Portaal BV" })).json();
    const attempts = [
      bearer(token, "nl").post("/api/v1/api-tokens", { name: "Nog een", scopes: ["read"] }),
      bearer(token, "nl").get("/api/v1/api-tokens"),
      bearer(token, "nl").delete(`/api/v1/api-tokens/${id}`),
      bearer(token, "nl").post("/api/v1/calendar-feed", {}),
      bearer(token, "nl").get("/api/v1/calendar-feed"),
      bearer(token, "nl").post(`/api/v1/clients/${client.id}/portal-links`, {}),
      bearer(token, "nl").get(`/api/v1/clients/${client.id}/portal-links`),
    ];
    for (const response of await Promise.all(attempts)) {
      expectError(response, 403, "tokens.session_only", "nl");
      expect(response.json().error.message).toBe("Dit kan alleen als u bent aangemeld, niet met een API-sleutel.");
    }
    const count = async (table: "api_tokens" | "calendar_feeds" | "portal_links") =>
      (
        await app.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count("calendar_feeds")).toBe(0);
    expect(await count("portal_links")).toBe(0);
    // Still active, still one of the admin's.
    expect((await as(app, admin).get("/api/v1/api-tokens")).json().items.map((t: { id: string }) => t.id)).toContain(id);
  });

  it("still carry their owner's role: an advisor's admin-scoped token cannot manage members", async () => {
    const { token } = await create(advisor, "Te hoog gegrepen", ["admin"]);
    expectError(await bearer(token).post("/api/v1/invitations", { email: "y@example.test", role: "admin" }), 403, "auth.forbidden", "en");
  });

  it("the use-case itself refuses a token actor (a route added without the table cannot mint tokens)", async () => {
    const { createToken } = await import("./api-tokens.usecases.ts");
    const actor = { userId: admin.me.id, orgId: admin.me.organizationId, role: "admin" as const, via: "token" as const };
    await expect(createToken({ db: app.database.db, clock }, actor, { name: "Via token", scopes: ["read"] })).rejects.toMatchObject({
      code: "tokens.session_only",
      status: 403,
    });
  });
});
