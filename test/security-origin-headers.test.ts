import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { expectError } from "./helpers/errors.ts";
import { createTestApp, type Session, signup, uniqueEmail } from "./helpers/test-app.ts";

/**
 * Requests a page of another site makes the browser send with the user's
 * cookie are refused before they reach a route; every answer tells the browser
 * to run only our own scripts and never to frame us. The test app's base URL
 * is http://127.0.0.1:3000.
 */
const OWN_ORIGIN = "http://127.0.0.1:3000";

let app: App;
let admin: Session;
let writeToken: string;

beforeAll(async () => {
  app = await createTestApp();
  admin = await signup(app, { name: "Oorsprong Beheerder", organizationName: "Oorsprong BV" });
  const created = await app.server.inject({
    method: "POST",
    url: "/api/v1/api-tokens",
    headers: { cookie: admin.cookie },
    payload: { name: "Script", scopes: ["read", "write"] },
  });
  writeToken = created.json().token;
});
afterAll(() => app.close());

const clientCount = async () =>
  (
    await app.database.db
      .selectFrom("clients")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;
const newClient = (headers: Record<string, string>, language = "en") =>
  app.server.inject({
    method: "POST",
    url: "/api/v1/clients",
    headers: { cookie: admin.cookie, "accept-language": language, ...headers },
    payload: { kind: "company", name: "Aangemaakt BV" },
  });

describe("state-changing requests from another site", () => {
  it("are refused with a translated 403 when Origin is another site, and change nothing", async () => {
    const before = await clientCount();
    for (const origin of ["https://evil.example", "http://127.0.0.1:3001", "https://127.0.0.1:3000", "null"]) {
      for (const language of ["nl", "en"] as const) {
        const response = await newClient({ origin }, language);
        expectError(response, 403, "request.foreign_origin", language);
        expect(response.json().error.message).toContain(OWN_ORIGIN);
      }
    }
    expect(await clientCount()).toBe(before);
  });

  it("are refused when Sec-Fetch-Site says another site sent them, even without Origin", async () => {
    for (const site of ["cross-site", "same-site"]) {
      expectError(await newClient({ "sec-fetch-site": site }), 403, "request.foreign_origin", "en");
    }
    // A matching Origin does not make a cross-site fetch acceptable.
    expectError(await newClient({ origin: OWN_ORIGIN, "sec-fetch-site": "cross-site" }), 403, "request.foreign_origin", "en");
  });

  it("every method that changes something is checked, the sign-in and sign-up too (no login forgery)", async () => {
    const headers = { origin: "https://evil.example", "accept-language": "nl" };
    for (const [method, url, payload] of [
      ["PATCH", "/api/v1/clients/00000000-0000-4000-8000-000000000000", { name: "x" }],
      ["PUT", "/api/v1/settings/working-time", {}],
      ["DELETE", "/api/v1/session", undefined],
      ["POST", "/api/v1/session", { email: admin.me.email, password: "correct horse battery" }],
      ["POST", "/api/v1/signup", { email: uniqueEmail(), password: "correct horse battery", name: "X", organizationName: "Y" }],
    ] as const) {
      const response = await app.server.inject({
        method,
        url,
        headers: { ...headers, cookie: admin.cookie },
        ...(payload ? { payload } : {}),
      });
      expectError(response, 403, "request.foreign_origin", "nl");
      expect(response.headers["set-cookie"]).toBeUndefined();
    }
    // The session survived the forged sign-out.
    expect((await app.server.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: admin.cookie } })).statusCode).toBe(200);
  });

  it("pass from our own pages, from tools without either header, and with an API token", async () => {
    expect((await newClient({ origin: OWN_ORIGIN, "sec-fetch-site": "same-origin" })).statusCode).toBe(201);
    expect((await newClient({ "sec-fetch-site": "same-origin" })).statusCode).toBe(201);
    expect((await newClient({ origin: OWN_ORIGIN })).statusCode).toBe(201);
    // curl, scripts, the command line: no browser acts on anyone's behalf.
    expect((await newClient({})).statusCode).toBe(201);
    // A bearer token is no ambient credential: a page elsewhere cannot make the browser send it.
    const viaToken = await app.server.inject({
      method: "POST",
      url: "/api/v1/clients",
      headers: { authorization: `Bearer ${writeToken}`, origin: "https://integration.example", "sec-fetch-site": "cross-site" },
      payload: { kind: "company", name: "Via Token BV" },
    });
    expect(viaToken.statusCode).toBe(201);
  });

  it("reading is not affected", async () => {
    const response = await app.server.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: { cookie: admin.cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe("security headers", () => {
  const expectSecurityHeaders = (response: { headers: Record<string, unknown> }, what: string) => {
    const csp = String(response.headers["content-security-policy"] ?? "");
    const directives = new Map(
      csp.split(";").map((part) => {
        const [name = "", ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get("script-src"), what).toEqual(["'self'"]);
    expect(directives.get("default-src"), what).toEqual(["'self'"]);
    expect(directives.get("frame-ancestors"), what).toEqual(["'none'"]);
    expect(directives.get("object-src"), what).toEqual(["'none'"]);
    expect(csp, what).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(response.headers["x-content-type-options"], what).toBe("nosniff");
    expect(response.headers["referrer-policy"], what).toBe("same-origin");
  };

  it("are on every kind of answer: API, errors, refusals, framework errors, docs", async () => {
    const answers = {
      me: await app.server.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: admin.cookie } }),
      anonymous: await app.server.inject({ method: "GET", url: "/api/v1/me" }),
      notFound: await app.server.inject({ method: "GET", url: "/api/v1/nothing-here" }),
      foreign: await newClient({ origin: "https://evil.example" }),
      badUrl: await app.server.inject({ method: "GET", url: "/api/v1/clients/%E0%A4%A" }),
      health: await app.server.inject({ method: "GET", url: "/healthz" }),
      docs: await app.server.inject({ method: "GET", url: "/api/docs/" }),
      openapi: await app.server.inject({ method: "GET", url: "/api/openapi.json" }),
    };
    for (const [what, response] of Object.entries(answers)) expectSecurityHeaders(response, what);
    expect(answers.foreign.statusCode).toBe(403);
    expect(answers.docs.statusCode).toBe(200);
  });
});
