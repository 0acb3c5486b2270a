import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { searchTerms } from "../src/core/search-text.ts";
import { translate } from "../src/i18n/translate.ts";
import { expectError, expectNoLeak, fieldPaths, LANGUAGES, type Language, messagePattern } from "./helpers/errors.ts";
import { listRoutes, pathParams } from "./helpers/routes.ts";
import { snapshotData } from "./helpers/snapshot.ts";
import { as, cookieFrom, createTestApp, type Session, signup } from "./helpers/test-app.ts";

/**
 * PRODUCT.md §6, the bad-input rules: every bad request gets the right status,
 * a stable code, a message in the caller's language, no internals, and leaves
 * everything already saved exactly as it was.
 */

let app: App;
let alice: Session;
let bob: Session;
/** Alice's first client and its contact: the data bad requests aim at. */
let client: { id: string; name: string; version: number };
let contact: { id: string };
let bobClient: { id: string };
let bobContact: { id: string };
let bobTeam: { id: string };
let bobToken: { id: string };
let aliceNames: string[];

/** Client names made to trip up a LIKE pattern or a string-built query. */
const TRICKY_NAMES = [
  "100% Zeker BV",
  "Percentage Partners",
  "Under_score Holding",
  "Underscore-loos BV",
  "Back\\slash & Co",
  "Little Bobby '; DROP TABLE clients; -- Tables",
  "O'Brien Advies",
];

beforeAll(async () => {
  app = await createTestApp();
  alice = await signup(app, { name: "Alice Adviseur", organizationName: "Alice & Co" });
  bob = await signup(app, { name: "Bob Buiten", organizationName: "Bob BV" });
  const api = as(app, alice);
  client = (await api.post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen", email: "info@jansen.example" })).json();
  contact = (await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Jan Jansen", role: "Eigenaar" })).json();
  client = (await api.get(`/api/v1/clients/${client.id}`)).json();
  for (const name of TRICKY_NAMES) await api.post("/api/v1/clients", { kind: "company", name });
  aliceNames = ["Bakkerij Jansen", ...TRICKY_NAMES];

  const bobApi = as(app, bob);
  bobClient = (await bobApi.post("/api/v1/clients", { kind: "company", name: "Bob 100% _\\ '; drop table clients; -- O'Brien" })).json();
  bobContact = (await bobApi.post(`/api/v1/clients/${bobClient.id}/contacts`, { name: "Bobs contact" })).json();
  bobTeam = (await bobApi.post("/api/v1/teams", { name: "Bobs team" })).json();
  bobToken = (await bobApi.post("/api/v1/api-tokens", { name: "Bobs token", scopes: ["read"] })).json();
});
afterAll(() => app.close());

// Nothing a bad request does may change what was saved.
let before: Awaited<ReturnType<typeof snapshotData>>;
beforeEach(async () => {
  before = await snapshotData(app);
});
afterEach(async () => {
  expect(await snapshotData(app), "saved data changed").toEqual(before);
});

const json = { "content-type": "application/json" };

function raw(
  session: Session,
  language: Language,
  method: "POST" | "PATCH" | "PUT",
  url: string,
  payload: string | Buffer,
  headers = json,
) {
  return app.server.inject({ method, url, payload, headers: { ...headers, cookie: session.cookie, "accept-language": language } });
}

describe.each(LANGUAGES)("bad input, answered in %s", (language) => {
  const api = () => as(app, alice, language);

  it("malformed JSON: 400 request.malformed_json", async () => {
    for (const payload of [
      '{"kind": "company", "name": ',
      "{'kind': 'company'}",
      '{"kind":"company","name":"X"} trailing',
      "{,}",
      "\u00ff\u00fe",
    ]) {
      expectError(await raw(alice, language, "POST", "/api/v1/clients", payload), 400, "request.malformed_json", language);
      expectError(await raw(alice, language, "PATCH", `/api/v1/clients/${client.id}`, payload), 400, "request.malformed_json", language);
    }
    expectError(await raw(alice, language, "POST", "/api/v1/clients", ""), 400, "request.malformed_json", language);
  });

  it("unknown fields: 400 request.unknown_field naming the field, and the known fields are not applied either", async () => {
    const created = expectError(
      await api().post("/api/v1/clients", { kind: "company", name: "Nieuwe Klant", colour: "red" }),
      400,
      "request.unknown_field",
      language,
    );
    expect(created.message).toContain("colour");
    expect(created.details?.fields).toEqual([{ path: "colour", code: "unknown", message: translate(language, "field.unknown") }]);

    const patched = expectError(
      await api().patch(`/api/v1/clients/${client.id}`, { name: "Overgenomen", org_id: "someone-else", version: client.version }),
      400,
      "request.unknown_field",
      language,
    );
    expect(fieldPaths(patched)).toEqual(["org_id"]);
    expectError(
      await api().post(`/api/v1/clients/${client.id}/contacts`, { name: "X", clientId: bobClient.id }),
      400,
      "request.unknown_field",
      language,
    );
    expectError(await api().get("/api/v1/clients?orgId=x"), 400, "request.unknown_field", language);
    expectError(await api().post("/api/v1/teams", { name: "Team", members: [] }), 400, "request.unknown_field", language);
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ["POST", "/api/v1/clients", { kind: "company", name: 42 }, "name"],
    ["POST", "/api/v1/clients", { kind: 7, name: "X" }, "kind"],
    ["POST", "/api/v1/clients", { kind: "company", name: { first: "X" } }, "name"],
    ["POST", "/api/v1/clients", { kind: "company", name: "X", email: ["a@b.example"] }, "email"],
    ["POST", "/api/v1/clients", { kind: "company", name: "X", notes: true }, "notes"],
    ["PATCH", "/api/v1/clients/:id", { name: "X", version: "1" }, "version"],
    ["PATCH", "/api/v1/clients/:id", { name: null }, "name"],
    ["POST", "/api/v1/clients/:id/contacts", { name: ["Jan"] }, "name"],
    ["PUT", "/api/v1/members/:me/expertise", { topics: "tax" }, "topics"],
    ["POST", "/api/v1/teams", { name: 1 }, "name"],
  ])("wrong types: %s %s %j → 400 on field %s", async (method, url, body, field) => {
    const path = url.replace(":id", client.id).replace(":me", alice.me.id);
    const response = await app.server.inject({
      method: method as "POST",
      url: path,
      payload: body,
      headers: { cookie: alice.cookie, "accept-language": language },
    });
    const error = expectError(response, 400, "request.validation_failed", language);
    expect(fieldPaths(error)).toContain(field);
    expect(error.message).toContain(field);
  });

  it("wrong types in the query string: 400 naming the parameter", async () => {
    for (const [query, field] of [
      ["limit=abc", "limit"],
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["archived=maybe", "archived"],
      ["q=a&q=b", "q"],
    ] as const) {
      const error = expectError(await api().get(`/api/v1/clients?${query}`), 400, "request.validation_failed", language);
      expect(fieldPaths(error), query).toEqual([field]);
    }
  });

  it("empty name: 400, the field is required", async () => {
    for (const name of ["", "   ", "\t\n"]) {
      const created = expectError(
        await api().post("/api/v1/clients", { kind: "company", name }),
        400,
        "request.validation_failed",
        language,
      );
      expect(created.details?.fields).toEqual([{ path: "name", code: "too_small", message: translate(language, "field.required") }]);
      expectError(await api().patch(`/api/v1/clients/${client.id}`, { name }), 400, "request.validation_failed", language);
      expectError(
        await api().patch(`/api/v1/clients/${client.id}/contacts/${contact.id}`, { name }),
        400,
        "request.validation_failed",
        language,
      );
      expectError(await api().post("/api/v1/teams", { name }), 400, "request.validation_failed", language);
    }
    const missing = expectError(await api().post("/api/v1/clients", { kind: "company" }), 400, "request.validation_failed", language);
    expect(missing.details?.fields).toEqual([{ path: "name", code: "invalid_type", message: translate(language, "field.required") }]);
  });

  it("10,000-character name: 400, too long (at most 200)", async () => {
    const name = "N".repeat(10_000);
    const tooLong = translate(language, "field.too_long", { maximum: 200 });
    for (const [method, url] of [
      ["POST", "/api/v1/clients"],
      ["PATCH", `/api/v1/clients/${client.id}`],
      ["POST", `/api/v1/clients/${client.id}/contacts`],
      ["PATCH", `/api/v1/clients/${client.id}/contacts/${contact.id}`],
      ["POST", "/api/v1/teams"],
      ["POST", "/api/v1/api-tokens"],
    ] as const) {
      const body =
        method === "POST" && url === "/api/v1/clients"
          ? { kind: "company", name }
          : url === "/api/v1/api-tokens"
            ? { name, scopes: ["read"] }
            : { name };
      const error = expectError(
        await app.server.inject({ method, url, payload: body, headers: { cookie: alice.cookie, "accept-language": language } }),
        400,
        "request.validation_failed",
        language,
      );
      expect(error.details?.fields, `${method} ${url}`).toEqual([{ path: "name", code: "too_big", message: tooLong }]);
    }
    const notes = expectError(
      await api().patch(`/api/v1/clients/${client.id}`, { notes: "x".repeat(10_000) }),
      400,
      "request.validation_failed",
      language,
    );
    expect(notes.details?.fields).toEqual([
      { path: "notes", code: "too_big", message: translate(language, "field.too_long", { maximum: 5000 }) },
    ]);
  });

  it("invalid e-mail address: 400 naming an e-mail address in the requested language", async () => {
    const format = language === "nl" ? "een geldig e-mailadres" : "a valid e-mail address";
    const message = translate(language, "field.invalid_format", { format });
    for (const email of ["not-an-email", "a@", "@jansen.example", "a b@jansen.example", "a@b@jansen.example", `${"x".repeat(250)}@b.nl`]) {
      for (const [method, url, body] of [
        ["POST", "/api/v1/clients", { kind: "company", name: "X", email }],
        ["PATCH", `/api/v1/clients/${client.id}`, { email }],
        ["POST", `/api/v1/clients/${client.id}/contacts`, { name: "X", email }],
        ["POST", "/api/v1/invitations", { email, role: "advisor" }],
      ] as const) {
        const error = expectError(
          await app.server.inject({ method, url, payload: body, headers: { cookie: alice.cookie, "accept-language": language } }),
          400,
          "request.validation_failed",
          language,
        );
        expect(fieldPaths(error), `${email} at ${url}`).toEqual(["email"]);
        if (email.length < 254) expect(error.details?.fields?.[0]?.message).toBe(message);
      }
    }
  });

  it("a 5 MB body: 413 request.too_large", async () => {
    const huge = JSON.stringify({ kind: "company", name: "Groot", notes: "x".repeat(5 * 1024 * 1024) });
    const created = expectError(await raw(alice, language, "POST", "/api/v1/clients", huge), 413, "request.too_large", language);
    expect(created.message).toBe(translate(language, "request.too_large", { limit: "1 MB" }));
    expectError(await raw(alice, language, "PATCH", `/api/v1/clients/${client.id}`, huge), 413, "request.too_large", language);
    // Anonymous callers are turned away before their body is read.
    const anonymous = await app.server.inject({
      method: "POST",
      url: "/api/v1/clients",
      payload: huge,
      headers: { ...json, "accept-language": language },
    });
    expectError(anonymous, 401, "auth.unauthenticated", language);
  });

  it("a tampered cursor: 400 request.invalid_cursor", async () => {
    const first = (await api().get("/api/v1/clients?limit=2")).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    const cursor: string = first.nextCursor;
    const [payload = "", signature = ""] = cursor.split(".");
    const forgedPayload = Buffer.from(JSON.stringify(["a", randomUUID()])).toString("base64url");
    for (const tampered of [
      `${forgedPayload}.${signature}`,
      `${payload}.${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`,
      `${payload}x.${signature}`,
      payload,
      "garbage",
      `${cursor}.${signature}`,
    ]) {
      expectError(
        await api().get(`/api/v1/clients?limit=2&cursor=${encodeURIComponent(tampered)}`),
        400,
        "request.invalid_cursor",
        language,
      );
    }
    // The untouched cursor still works.
    expect((await api().get(`/api/v1/clients?limit=2&cursor=${encodeURIComponent(cursor)}`)).statusCode).toBe(200);
  });

  it("ids of another organization: 404, exactly like an id that does not exist", async () => {
    const missing = randomUUID();
    const cases: [method: "GET" | "PATCH" | "POST" | "PUT" | "DELETE", foreign: string, absent: string, body?: object][] = [
      ["GET", `/api/v1/clients/${bobClient.id}`, `/api/v1/clients/${missing}`],
      ["PATCH", `/api/v1/clients/${bobClient.id}`, `/api/v1/clients/${missing}`, { name: "Overgenomen" }],
      ["POST", `/api/v1/clients/${bobClient.id}/archive`, `/api/v1/clients/${missing}/archive`, {}],
      ["POST", `/api/v1/clients/${bobClient.id}/restore`, `/api/v1/clients/${missing}/restore`, {}],
      ["GET", `/api/v1/clients/${bobClient.id}/contacts`, `/api/v1/clients/${missing}/contacts`],
      ["POST", `/api/v1/clients/${bobClient.id}/contacts`, `/api/v1/clients/${missing}/contacts`, { name: "Indringer" }],
      [
        "PATCH",
        `/api/v1/clients/${bobClient.id}/contacts/${bobContact.id}`,
        `/api/v1/clients/${missing}/contacts/${randomUUID()}`,
        { name: "Indringer" },
      ],
      ["DELETE", `/api/v1/clients/${bobClient.id}/contacts/${bobContact.id}`, `/api/v1/clients/${missing}/contacts/${randomUUID()}`],
      // Alice's own client with Bob's contact: the contact is the missing part.
      ["DELETE", `/api/v1/clients/${client.id}/contacts/${bobContact.id}`, `/api/v1/clients/${client.id}/contacts/${randomUUID()}`],
      [
        "PATCH",
        `/api/v1/clients/${client.id}/contacts/${bobContact.id}`,
        `/api/v1/clients/${client.id}/contacts/${missing}`,
        { name: "X" },
      ],
      ["PATCH", `/api/v1/teams/${bobTeam.id}`, `/api/v1/teams/${missing}`, { name: "Overgenomen team" }],
      ["DELETE", `/api/v1/teams/${bobTeam.id}`, `/api/v1/teams/${missing}`],
      ["DELETE", `/api/v1/api-tokens/${bobToken.id}`, `/api/v1/api-tokens/${missing}`],
      ["PATCH", `/api/v1/members/${bob.me.id}`, `/api/v1/members/${missing}`, { role: "advisor" }],
      ["PUT", `/api/v1/members/${bob.me.id}/expertise`, `/api/v1/members/${missing}/expertise`, { topics: ["x"] }],
    ];
    for (const [method, foreign, absent, body] of cases) {
      const headers = { cookie: alice.cookie, "accept-language": language };
      const call = (url: string) =>
        app.server.inject({ method: method as "GET", url, headers, ...(body === undefined ? {} : { payload: body }) });
      const [foreignResponse, absentResponse] = [await call(foreign), await call(absent)];
      expect(foreignResponse.statusCode, `${method} ${foreign}`).toBe(404);
      expect(foreignResponse.json(), `${method} ${foreign}`).toEqual(absentResponse.json());
      expect(foreignResponse.statusCode).toBe(absentResponse.statusCode);
      expectNoLeak(foreignResponse.body);
    }
  });

  it("ids that are not UUIDs: 400 naming the parameter, never a database error", async () => {
    for (const bad of ["not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", "' or '1'='1", "1; drop table clients"]) {
      for (const [url, field] of [
        [`/api/v1/clients/${encodeURIComponent(bad)}`, "id"],
        [`/api/v1/clients/${encodeURIComponent(bad)}/contacts`, "id"],
        [`/api/v1/clients/${client.id}/contacts/${encodeURIComponent(bad)}`, "contactId"],
        [`/api/v1/teams/${encodeURIComponent(bad)}`, "id"],
        [`/api/v1/api-tokens/${encodeURIComponent(bad)}`, "id"],
      ] as const) {
        const method = url.includes("/contacts/") || url.includes("/teams/") || url.includes("/api-tokens/") ? "DELETE" : "GET";
        const error = expectError(
          await app.server.inject({ method, url, headers: { cookie: alice.cookie, "accept-language": language } }),
          400,
          "request.validation_failed",
          language,
        );
        expect(fieldPaths(error), `${method} ${url}`).toEqual([field]);
      }
      // Member and invitation ids are opaque strings: a malformed one is simply not found.
      expectError(await api().patch(`/api/v1/members/${encodeURIComponent(bad)}`, { role: "advisor" }), 404, "members.not_found", language);
      expectError(await api().delete(`/api/v1/invitations/${encodeURIComponent(bad)}`), 404, "invitations.not_found", language);
    }
  });

  it("an expired session: 401 on reads and writes, and nothing is written", async () => {
    const signedIn = await app.server.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress: `10.2.0.${language === "nl" ? 1 : 2}`,
      payload: { email: alice.me.email, password: "correct horse battery" },
    });
    const cookie = cookieFrom(signedIn.headers["set-cookie"]);
    const token = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] ?? "";
    await app.database.db
      .updateTable("session")
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where("token", "=", token)
      .execute();
    const expired = as(app, { cookie, me: alice.me }, language);
    expectError(await expired.get("/api/v1/clients"), 401, "auth.unauthenticated", language);
    expectError(await expired.get(`/api/v1/clients/${client.id}`), 401, "auth.unauthenticated", language);
    expectError(await expired.post("/api/v1/clients", { kind: "company", name: "Stiekem" }), 401, "auth.unauthenticated", language);
    expectError(await expired.patch(`/api/v1/clients/${client.id}`, { name: "Stiekem" }), 401, "auth.unauthenticated", language);
    // 401 comes before validation: an invalid body does not reveal the schema to a stranger.
    expectError(await expired.post("/api/v1/clients", { nonsense: true }), 401, "auth.unauthenticated", language);
  });

  it("a wrong content type: 415 request.unsupported_media_type", async () => {
    const body = JSON.stringify({ kind: "company", name: "Verkeerd Type" });
    for (const contentType of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "image/png"]) {
      const headers = { "content-type": contentType };
      expectError(await raw(alice, language, "POST", "/api/v1/clients", body, headers), 415, "request.unsupported_media_type", language);
      expectError(
        await raw(alice, language, "PATCH", `/api/v1/clients/${client.id}`, JSON.stringify({ name: "X" }), headers),
        415,
        "request.unsupported_media_type",
        language,
      );
    }
    // A body without any content type.
    const untyped = await app.server.inject({
      method: "POST",
      url: "/api/v1/clients",
      payload: Buffer.from(body),
      headers: { cookie: alice.cookie, "accept-language": language },
    });
    expectError(untyped, 415, "request.unsupported_media_type", language);
  });

  it("an unknown address under /api: 404 in the error shape", async () => {
    for (const url of ["/api/v1/nothing", "/api/v2/clients", "/api/v1/clients/extra/path/segments", "/api/"]) {
      expectError(await api().get(url), 404, "request.not_found", language);
    }
    expectError(
      await app.server.inject({ method: "PUT", url: `/api/v1/clients/${client.id}`, headers: { "accept-language": language } }),
      404,
      "request.not_found",
      language,
    );
  });
});

describe("search input that looks like SQL or LIKE patterns", () => {
  /** What the search must find among Alice's clients: names holding every term, literally. */
  const expected = (query: string) => {
    const terms = searchTerms(query);
    return aliceNames.filter((name) => terms.every((term) => name.toLowerCase().includes(term))).sort();
  };

  it.each(["'; drop table clients; --", "%", "_", "\\", "100%", "o'brien", "%_\\", "' OR '1'='1", '"', "*", "[a-z]", "a%b", "--"])(
    "q=%j: 200 with only the literal matches",
    async (query) => {
      const response = await as(app, alice).get(`/api/v1/clients?limit=200&q=${encodeURIComponent(query)}`);
      expect(response.statusCode).toBe(200);
      const names = response
        .json()
        .items.map((c: { name: string }) => c.name)
        .sort();
      expect(names).toEqual(expected(query));
      // Bob's client holds every one of these characters: it must never appear.
      expect(response.body).not.toContain(bobClient.id);
    },
  );

  it("the wildcard characters really are taken literally (not everything matches)", () => {
    for (const query of ["%", "_", "\\"]) {
      expect(expected(query).length, query).toBeGreaterThan(0);
      expect(expected(query).length, query).toBeLessThan(aliceNames.length);
    }
  });

  it("the clients table still works afterwards", async () => {
    const all = await as(app, alice).get("/api/v1/clients?limit=200");
    expect(all.statusCode).toBe(200);
    expect(
      all
        .json()
        .items.map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual([...aliceNames].sort());
    expect((await as(app, alice).get(`/api/v1/clients/${client.id}`)).json()).toEqual(client);
    expect((await as(app, bob).get(`/api/v1/clients/${bobClient.id}`)).statusCode).toBe(200);
  });
});

describe("never a 500, never a stack trace", () => {
  const garbageBodies = [
    "{",
    "[]",
    "null",
    '"text"',
    "123",
    "{}",
    '{"name": 42}',
    JSON.stringify({ name: "x".repeat(10_000), unexpected: true }),
    '{"email": "@", "role": "root"}',
    '{"__proto__": {"admin": true}}',
    '{"constructor": {"prototype": {"admin": true}}}',
    JSON.stringify({ name: "' OR 1=1 --", unexpected: 1 }),
    JSON.stringify({ topics: Array.from({ length: 51 }, (_, i) => `t${i}`) }),
    JSON.stringify({ userIds: ["x".repeat(101)] }),
    JSON.stringify({ kind: "company", name: "X", version: -1, unexpected: 1 }),
    `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`,
  ];
  /** Already URL-encoded where needed. */
  const badIds = ["not-a-uuid", "'%20or%20'1'%3D'1", "..%2F..%2Fetc%2Fpasswd", "%F0%9F%99%82", "0", "-1", randomUUID()];
  const badQueries = [
    "limit=-1",
    "limit=99999999999999999999",
    "cursor=zzz",
    `q=${"x".repeat(1000)}`,
    "archived=1",
    "topic=",
    "a[b]=c",
    "q=%FF",
  ];

  it("walks every API route with bad ids, bodies and queries, signed in, anonymous and with a bogus token", async () => {
    const routes = listRoutes(app).filter((r) => r.url.startsWith("/api/v1/"));
    expect(routes.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let calls = 0;
    const call = async (who: string, headers: Record<string, string>, method: string, url: string, body?: string) => {
      const language = LANGUAGES[calls % LANGUAGES.length] as Language;
      calls++;
      const response = await app.server.inject({
        method: method as "GET",
        url,
        // Each call from its own address, so rate limits do not hide anything.
        remoteAddress: `10.3.${Math.floor(calls / 250) % 250}.${calls % 250}`,
        headers: { ...headers, "accept-language": language, ...(body === undefined ? {} : json) },
        ...(body === undefined ? {} : { payload: body }),
      });
      const label = `${who} ${method} ${url.slice(0, 80)} ${body?.slice(0, 40) ?? ""} → ${response.statusCode} ${response.body.slice(0, 120)}`;
      if (response.statusCode >= 500) failures.push(label);
      if (response.statusCode >= 400) {
        let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
        try {
          parsed = response.json();
        } catch {
          parsed = undefined;
        }
        if (typeof parsed?.error?.code !== "string" || typeof parsed.error.message !== "string") failures.push(`shape: ${label}`);
      }
      try {
        expectNoLeak(response.body);
      } catch {
        failures.push(`leak: ${label}`);
      }
    };

    for (const route of routes) {
      const hasBody = route.method !== "GET" && route.method !== "DELETE";
      const urls =
        pathParams(route.url).length === 0
          ? [route.url, ...(hasBody ? [] : badQueries.map((q) => `${route.url}?${q}`))]
          : badIds.map((id) => route.url.replace(/:(\w+)/g, id));
      // No body, null or an empty object is a complete, valid request to make a new calendar address: not bad input.
      const emptyIsValid = route.method === "POST" && route.url === "/api/v1/calendar-feed";
      const bodies = hasBody ? garbageBodies.filter((body) => !(emptyIsValid && (body === "{}" || body === "null"))) : [undefined];
      // Signing Alice out would only end this walk early.
      const signedIn = !(route.method === "DELETE" && route.url === "/api/v1/session");
      for (const url of urls) {
        for (const body of bodies) {
          if (signedIn) await call("alice", { cookie: alice.cookie }, route.method, url, body);
        }
      }
      for (const url of urls.slice(0, 2)) {
        await call("anonymous", {}, route.method, url, bodies[0]);
        await call("bogus token", { authorization: "Bearer tl_not-a-real-token" }, route.method, url, bodies[0]);
        await call("bogus cookie", { cookie: "trustledger.session_token=forged.c2lnbmF0dXJl" }, route.method, url, bodies[0]);
      }
    }
    expect(calls).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 120_000);
});

describe.each(LANGUAGES)("bad input the server still gets wrong, in %s", (language) => {
  it("a NUL character in a text field, query or id is refused, not a 500 from the database", async () => {
    const textCases: [string, string, object?][] = [
      ["POST", "/api/v1/clients", { kind: "company", name: "Bak\u0000ker" }],
      ["PATCH", `/api/v1/clients/${client.id}`, { notes: "a\u0000b" }],
      ["POST", `/api/v1/clients/${client.id}/contacts`, { name: "Jan\u0000" }],
      ["POST", "/api/v1/teams", { name: "Team\u0000" }],
      ["POST", "/api/v1/api-tokens", { name: "Token\u0000", scopes: ["read"] }],
      ["PUT", `/api/v1/members/${alice.me.id}/expertise`, { topics: ["tax\u0000"] }],
      ["POST", "/api/v1/signup", { email: "nul@example.test", password: "long enough", name: "N\u0000", organizationName: "Firm" }],
      ["GET", "/api/v1/clients?q=ab%00cd"],
      ["GET", "/api/v1/clients?ownerId=%00"],
      ["GET", "/api/v1/expertise?topic=tax%00"],
    ];
    for (const [method, url, payload] of textCases) {
      const response = await app.server.inject({
        method: method as "GET",
        url,
        headers: { cookie: alice.cookie, "accept-language": language },
        ...(payload ? { payload } : {}),
      });
      expectError(response, 400, "request.validation_failed", language);
    }
    const idCases: [string, string, "members.not_found" | "invitations.not_found", object?][] = [
      ["PATCH", "/api/v1/members/a%00b", "members.not_found", { role: "advisor" }],
      ["GET", "/api/v1/invitations/%00/public", "invitations.not_found"],
      ["DELETE", "/api/v1/invitations/%00", "invitations.not_found"],
      ["POST", "/api/v1/invitations/%00/accept", "invitations.not_found", { password: "long enough" }],
    ];
    for (const [method, url, code, payload] of idCases) {
      const response = await app.server.inject({
        method: method as "GET",
        url,
        headers: { cookie: alice.cookie, "accept-language": language },
        ...(payload ? { payload } : {}),
      });
      // Either "not found" like any other unknown id, or refused as malformed: never a 500.
      if (response.statusCode === 400) expectError(response, 400, "request.validation_failed", language);
      else expectError(response, 404, code, language);
    }
  });

  it("a version beyond the database's integer range is refused with 400, not a 500", async () => {
    const error = expectError(
      await as(app, alice, language).patch(`/api/v1/clients/${client.id}`, { name: "Groot getal", version: 2 ** 31 }),
      400,
      "request.validation_failed",
      language,
    );
    expect(fieldPaths(error)).toEqual(["version"]);
  });

  it("a JSON body sent as text/plain is refused with 415 like any other non-JSON type", async () => {
    const body = JSON.stringify({ kind: "company", name: "Platte Tekst" });
    expectError(
      await raw(alice, language, "POST", "/api/v1/clients", body, { "content-type": "text/plain" }),
      415,
      "request.unsupported_media_type",
      language,
    );
  });

  it("a malformed or overlong address is answered in the error shape and language, not Fastify's own", async () => {
    for (const url of ["/api/v1/clients/%E0%A4%A", `/api/v1/clients/${"x".repeat(150)}`]) {
      const response = await app.server.inject({ method: "GET", url, headers: { cookie: alice.cookie, "accept-language": language } });
      expect(response.statusCode, url).toBe(400);
      const body = response.json();
      expect(Object.keys(body), response.body).toEqual(["error"]);
      expect(body.error.message).toMatch(messagePattern(language, body.error.code));
      expectNoLeak(response.body);
    }
  });
});

describe.each(LANGUAGES)("messages about malformed ids, in %s", (language) => {
  it("say that the identifier is not valid (not 'value')", async () => {
    const error = expectError(await as(app, alice, language).get("/api/v1/clients/not-a-uuid"), 400, "request.validation_failed", language);
    const format = language === "nl" ? "een geldige identificatie" : "a valid identifier";
    expect(error.details?.fields).toEqual([
      { path: "id", code: "invalid_format", message: translate(language, "field.invalid_format", { format }) },
    ]);
  });
});
