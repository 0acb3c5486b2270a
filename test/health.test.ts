import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { expectError, LANGUAGES } from "./helpers/errors.ts";
import { listRoutes } from "./helpers/routes.ts";
import { createTestApp } from "./helpers/test-app.ts";

let app: App;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: "GET", url, headers });

describe("health", () => {
  it("/healthz answers 200 without a sign-in", async () => {
    const response = await get("/healthz");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
    expect((await app.server.inject({ method: "HEAD", url: "/healthz" })).statusCode).toBe(200);
  });

  it("/readyz answers 200 while the database answers", async () => {
    const response = await get("/readyz");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ready" });
  });

  it("/readyz answers 503 once the database is gone, /healthz still 200", async () => {
    const doomed = await createTestApp();
    expect((await doomed.server.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    await doomed.database.close();
    try {
      const response = await doomed.server.inject({ method: "GET", url: "/readyz" });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: "database unreachable" });
      expect(response.body).not.toMatch(/\bat .+:\d+|Error/);
      expect((await doomed.server.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    } finally {
      await doomed.server.close();
    }
  });

  it("sets the security headers on answers and errors alike", async () => {
    for (const url of ["/healthz", "/api/v1/clients", "/api/v1/nothing-here", "/api/v1/clients/%E0%A4%A"]) {
      const response = await get(url);
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
      expect(response.headers["x-frame-options"], url).toBe("DENY");
      expect(response.headers["referrer-policy"], url).toBe("same-origin");
    }
  });
});

describe("API documentation", () => {
  it("/api/docs serves the HTML page", async () => {
    const response = await get("/api/docs");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.body).toMatch(/<html/i);
    expect(response.body.toLowerCase()).toContain("swagger");
  });
});

describe("unknown addresses", () => {
  it.each(LANGUAGES)("an unknown /api/ path is a 404 in the error shape, in %s", async (language) => {
    for (const url of ["/api/v1/does-not-exist", "/api/nothing", "/api/v1/clients/x/y/z", "/api/v1/"]) {
      expectError(await get(url, { "accept-language": language }), 404, "request.not_found", language);
    }
    for (const method of ["POST", "PUT", "DELETE", "PATCH"] as const) {
      expectError(
        await app.server.inject({ method, url: "/api/v1/does-not-exist", headers: { "accept-language": language }, payload: {} }),
        404,
        "request.not_found",
        language,
      );
    }
  });

  it("an unknown address outside the API asked for as JSON is a 404 in the error shape", async () => {
    expectError(await get("/no-such-page.json", { accept: "application/json" }), 404, "request.not_found", "en");
  });
});

describe("OpenAPI description", () => {
  it("/api/openapi.json is OpenAPI 3.1 with the client paths and component schemas", async () => {
    const response = await get("/api/openapi.json");
    expect(response.statusCode, response.body).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: "Trustledger API", version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/clients",
        "/api/v1/clients/{id}",
        "/api/v1/clients/{id}/contacts",
        "/api/v1/clients/{id}/contacts/{contactId}",
      ]),
    );
    expect(Object.keys(doc.paths["/api/v1/clients"]).sort()).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/api/v1/clients/{id}"])).toEqual(expect.arrayContaining(["get", "patch"]));
    const schemas = Object.keys(doc.components?.schemas ?? {});
    expect(schemas).toEqual(expect.arrayContaining(["Client", "ClientList", "Contact", "Error"]));
    expect(schemas.some((name) => name.startsWith("CreateClient"))).toBe(true);
    expect(doc.components.securitySchemes).toMatchObject({ bearer: { type: "http", scheme: "bearer" } });
    // Every $ref points at a component that exists.
    const refs = [...response.body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1] as string));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(schemas, ref).toContain(ref);
  });

  it("documents every API route the server answers", async () => {
    const doc = (await get("/api/openapi.json")).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .filter((key) => !key.startsWith("HEAD "))
      .sort();
    const served = listRoutes(app)
      .filter((r) => r.url.startsWith("/api/v1/"))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, "{$1}")}`)
      .sort();
    expect(documented).toEqual(served);
  });

  it("/api/docs/json, which the docs page loads, serves the same document", async () => {
    const page = await get("/api/docs/json");
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().paths).toEqual((await get("/api/openapi.json")).json().paths);
  });
});
