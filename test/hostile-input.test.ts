import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { translate } from "../src/i18n/translate.ts";
import { fixedClock } from "../src/shared/clock.ts";
import { DATE_YEARS } from "../src/shared/fields.ts";
import { expectError, expectNoLeak, LANGUAGES, type Language } from "./helpers/errors.ts";
import { type Document, openApiWalker } from "./helpers/openapi.ts";
import { as, createTestApp, type Session, signup } from "./helpers/test-app.ts";

/**
 * Hostile input on every route of the OpenAPI document: a lone UTF-16
 * surrogate in every string field of every body (JSON allows the escape
 * "\ud800"; the database cannot store it), and far-away dates in every date
 * field. Each request is otherwise valid, with real ids of the caller's own
 * data, so it reaches as deep as it can. Refused at the boundary with a
 * translated 400; never a 5xx. A new route or field is walked without changing
 * this test.
 */

const LONE_SURROGATE = "\ud800x";
const FAR_DATE_TIMES = ["9999-12-31T23:59:59+14:00", "9999-12-31T12:00:00Z", "0001-01-01T00:00:00-12:00", "2201-01-01T00:00:00Z"];
const FAR_DATES = ["9999-12-31", "0001-01-01", "1899-12-31"];

let app: App;
let alice: Session;
let doc: Document;
/** Real ids of Alice's data, by the name a parameter or field gives them. */
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp({ clock: fixedClock(new Date("2026-12-04T09:00:00Z")) });
  alice = await signup(app, { name: "Alice Adviseur", organizationName: "Alice & Co" });
  const api = as(app, alice);
  const made = async (response: Awaited<ReturnType<ReturnType<typeof as>["post"]>>) => {
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const client = await made(await api.post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen", email: "info@jansen.example" }));
  const contact = await made(await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Jan Jansen", email: "jan@jansen.example" }));
  const team = await made(await api.post("/api/v1/teams", { name: "Fiscaal" }));
  const token = await made(await api.post("/api/v1/api-tokens", { name: "Koppeling", scopes: ["read", "write"] }));
  const policies = (await api.get("/api/v1/sla-policies")).json().items;
  const commitment = await made(
    await api.post("/api/v1/commitments", {
      clientId: client.id,
      title: "Plan van aanpak sturen",
      doneWhen: "Plan gemaild",
      ownerId: alice.me.id,
      dueIn: { amount: 2, unit: "working_days" },
      source: "call",
    }),
  );
  Object.assign(ids, {
    userId: alice.me.id,
    ownerId: alice.me.id,
    expertId: alice.me.id,
    clientId: client.id,
    contactId: contact.id,
    teamId: team.id,
    tokenId: token.id,
    policyId: policies[0].id,
    slaPolicyId: policies[0].id,
    commitmentId: commitment.id,
  });
  doc = (await app.server.inject({ method: "GET", url: "/api/openapi.json" })).json();
  walk = openApiWalker(doc, ids, () => ({
    clients: ids.clientId,
    teams: ids.teamId,
    "api-tokens": ids.tokenId,
    "sla-policies": ids.policyId,
    commitments: ids.commitmentId,
  }));
});
afterAll(() => app.close());

/** The OpenAPI walker over the served document, with Alice's ids. */
let walk: ReturnType<typeof openApiWalker>;

type Call = { method: string; url: string; body?: unknown; language: Language };
let calls = 0;
async function send({ method, url, body, language }: Call) {
  calls++;
  return app.server.inject({
    method: method as "POST",
    url,
    // Each call from its own address, so rate limits do not hide anything.
    remoteAddress: `10.9.${Math.floor(calls / 250) % 250}.${calls % 250}`,
    headers: {
      cookie: alice.cookie,
      "accept-language": language,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

const dotted = (path: (string | number)[]) => path.join(".");

describe("hostile input on every route of the OpenAPI document", () => {
  it("a lone UTF-16 surrogate in any string field of any body, or in any key: a translated 400, never a 5xx", async () => {
    const failures: string[] = [];
    let fields = 0;
    for (const { method, path, operation } of walk.operations()) {
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      if (!schema) continue;
      const url = walk.fillPath(path);
      const body = walk.valid(schema, "body");
      const base = walk.valid(schema, "body", false);
      for (const leaf of walk.leaves(schema, body)) {
        fields++;
        const language = LANGUAGES[fields % 2] as Language;
        // The required fields, plus the one field poisoned: as valid as a request can be but for the surrogate.
        const [top] = leaf.path as [string];
        const request = walk.replaced({ ...(base as object), [top]: (body as Record<string, unknown>)[top] }, leaf.path, LONE_SURROGATE);
        const response = await send({ method, url, body: request, language });
        const label = `${method} ${path} ${dotted(leaf.path)} → ${response.statusCode} ${response.body.slice(0, 160)}`;
        const expected = {
          path: dotted(leaf.path),
          code: "invalid_text",
          message: translate(language, "field.invalid_text"),
        };
        if (response.statusCode >= 500) failures.push(label);
        else if (!isDeepStrictEqual(response.json().error?.details?.fields, [expected])) failures.push(`not refused: ${label}`);
        else expectError(response, 400, "request.validation_failed", language);
      }
      // An object key the schema does not know, holding one: refused the same way, not as an unknown field.
      if (typeof body === "object" && body !== null && !Array.isArray(body)) {
        const response = await send({ method, url, body: { ...body, [`k${LONE_SURROGATE}`]: 1 }, language: "nl" });
        if (response.statusCode >= 500) failures.push(`key: ${method} ${path} → ${response.statusCode}`);
        else if (response.json().error?.details?.fields?.[0]?.code !== "invalid_text") failures.push(`key not refused: ${method} ${path}`);
      }
    }
    expect(fields).toBeGreaterThan(80);
    expect(failures).toEqual([]);
  }, 120_000);

  it("a far date in any date field of any body or query: a translated 400 naming the field, never a 5xx", async () => {
    const failures: string[] = [];
    const seen: string[] = [];
    for (const { method, path, operation } of walk.operations()) {
      const url = walk.fillPath(path);
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      if (schema) {
        const body = walk.valid(schema, "body");
        const base = walk.valid(schema, "body", false);
        for (const leaf of walk.leaves(schema, body).filter((l) => l.schema.format === "date-time" || l.schema.format === "date")) {
          seen.push(`${method} ${path} ${dotted(leaf.path)}`);
          for (const far of leaf.schema.format === "date" ? FAR_DATES : FAR_DATE_TIMES) {
            const language = LANGUAGES[seen.length % 2] as Language;
            const response = await send({ method, url, body: walk.replaced(base, leaf.path, far), language });
            const label = `${method} ${path} ${dotted(leaf.path)}=${far} → ${response.statusCode} ${response.body.slice(0, 160)}`;
            const message = translate(language, "field.date_out_of_range", DATE_YEARS);
            const expected = { path: dotted(leaf.path), code: "custom", message };
            const named = (response.json().error?.details?.fields ?? []).some((field: unknown) => isDeepStrictEqual(field, expected));
            if (response.statusCode >= 500) failures.push(label);
            else if (response.statusCode !== 400 || !named) failures.push(`not refused: ${label}`);
            else expectError(response, 400, "request.validation_failed", language);
          }
        }
      }
      const query = (operation.parameters ?? []).filter((p) => p.in === "query");
      for (const parameter of query.filter((p) => p.schema?.format === "date-time" || p.schema?.format === "date")) {
        seen.push(`${method} ${path} ?${parameter.name}`);
        const others = query
          .filter((p) => p !== parameter && ["date", "date-time"].includes(p.schema?.format ?? ""))
          .map((p) => `${p.name}=${encodeURIComponent(String(walk.valid(p.schema, p.name)))}`);
        for (const far of parameter.schema?.format === "date" ? FAR_DATES : FAR_DATE_TIMES) {
          const language = LANGUAGES[seen.length % 2] as Language;
          const search = [...others, `${parameter.name}=${encodeURIComponent(far)}`].join("&");
          const response = await send({ method, url: `${url}?${search}`, language });
          const label = `${method} ${path}?${search} → ${response.statusCode} ${response.body.slice(0, 160)}`;
          const paths = (response.json().error?.details?.fields ?? []).map((field: { path: string }) => field.path);
          if (response.statusCode >= 500) failures.push(label);
          else if (response.statusCode !== 400 || !paths.includes(parameter.name)) failures.push(`not refused: ${label}`);
        }
      }
    }
    // The date fields there are today; new ones are walked too.
    for (const known of [
      "POST /api/v1/working-time/due from",
      "POST /api/v1/commitments dueAt",
      "POST /api/v1/commitments/{id}/renegotiate dueAt",
      "POST /api/v1/commitments/{id}/client-notice dueAt",
      "GET /api/v1/commitments/{id}/client-notice ?dueAt",
      "GET /api/v1/reliability ?from",
      "GET /api/v1/reliability ?to",
      "POST /api/v1/commitments/suggestions now",
    ]) {
      expect(seen).toContain(known);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("dates at the edges of the range are accepted, and give real offsets", async () => {
    for (const from of ["2200-12-31T23:59:59+01:00", "1900-01-01T00:00:00Z"]) {
      const due = await send({
        method: "POST",
        url: "/api/v1/working-time/due",
        body: { from, amount: 1000, unit: "working_days" },
        language: "en",
      });
      expect(due.statusCode, due.body).toBe(200);
      expect(Number.isNaN(Date.parse(due.json().dueAt))).toBe(false);
    }
    const notice = await send({
      method: "GET",
      url: `/api/v1/commitments/${ids.commitmentId}/client-notice?dueAt=${encodeURIComponent("2200-12-31T12:00:00+01:00")}`,
      language: "nl",
    });
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json().text).not.toMatch(/NaN/);
  });

  it("a lone surrogate in a query string or address: never a 5xx", async () => {
    const failures: string[] = [];
    for (const { method, path, operation } of walk.operations()) {
      const hasBody = Boolean(operation.requestBody);
      const query = (operation.parameters ?? []).filter((p) => p.in === "query");
      const urls = [
        ...query.map((p) => `${walk.fillPath(path)}?${p.name}=%ED%A0%80x`),
        ...(path.includes("{") ? [path.replace(/\{\w+\}/g, "%ED%A0%80x")] : []),
      ];
      for (const url of urls) {
        const response = await send({ method, url, ...(hasBody ? { body: {} } : {}), language: "en" });
        if (response.statusCode >= 500) failures.push(`${method} ${url} → ${response.statusCode} ${response.body.slice(0, 160)}`);
        expectNoLeak(response.body);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
