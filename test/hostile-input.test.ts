import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { translate } from "../src/i18n/translate.ts";
import { fixedClock } from "../src/shared/clock.ts";
import { DATE_YEARS } from "../src/shared/fields.ts";
import { expectError, expectNoLeak, LANGUAGES, type Language } from "./helpers/errors.ts";
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

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  minLength?: number;
  pattern?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
type Leaf = { path: (string | number)[]; schema: Schema };

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
});
afterAll(() => app.close());

function resolve(schema: Schema | undefined): Schema {
  let current = schema ?? {};
  while (current.$ref) current = doc.components?.schemas?.[current.$ref.replace("#/components/schemas/", "")] ?? {};
  return current;
}

const typeOf = (schema: Schema) => (Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type);

/**
 * A value the schema accepts, as far as a request can tell without knowing the
 * route's rules; `all` fills optional properties too (else only required ones,
 * which keeps choices such as "dueAt or dueIn" valid).
 */
function valid(input: Schema | undefined, name: string, all = true): unknown {
  const schema = resolve(input);
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return valid(choice.find((option) => resolve(option).type !== "null") ?? choice[0], name, all);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => valid(part, name, all)));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  // Ids of Alice's own data, and dates ahead of the clock (examples may lie in its past).
  if (typeOf(schema) === "string" && ids[name]) return ids[name];
  if (schema.format === "date-time") return "2026-12-08T10:00:00+01:00";
  if (schema.example !== undefined) return schema.example;
  switch (typeOf(schema)) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => all || (schema.required ?? []).includes(key))
          .map(([key, property]) => [key, valid(property, key, all)]),
      );
    case "array":
      return [valid(schema.items, name, all)];
    case "integer":
    case "number":
      return schema.default ?? Math.max(schema.minimum ?? 1, 1);
    case "boolean":
      return false;
    case "string":
      if (schema.format === "date") return "2026-12-01";
      if (schema.format === "email") return "someone@example.test";
      if (schema.format === "uri") return "https://example.test";
      if (schema.format === "uuid" || schema.format === "guid") return ids[name] ?? randomUUID();
      return ids[name] ?? "Gewone tekst";
    default:
      return null;
  }
}

/** Every string leaf of a value built by `valid`, with its schema. */
function leaves(input: Schema | undefined, value: unknown, path: (string | number)[] = []): Leaf[] {
  const schema = resolve(input);
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return leaves(choice.find((option) => resolve(option).type !== "null") ?? choice[0], value, path);
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(schema.items, item, [...path, index]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, child]) => leaves(schema.properties?.[key], child, [...path, key]));
  }
  return typeof value === "string" ? [{ path, schema }] : [];
}

function replaced(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaced(item, rest, leaf) : item));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head] = replaced(copy[head], rest, leaf);
  return copy;
}

/** A path parameter filled with Alice's own id of that kind, so the request gets past "not found". */
function fillPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    if (name !== "id") return ids[name] ?? randomUUID();
    const kind = /\/v1\/([\w-]+)\/\{id\}/.exec(path)?.[1];
    const byKind: Record<string, string | undefined> = {
      clients: ids.clientId,
      teams: ids.teamId,
      "api-tokens": ids.tokenId,
      "sla-policies": ids.policyId,
      commitments: ids.commitmentId,
    };
    return byKind[kind ?? ""] ?? randomUUID();
  });
}

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

function operations(): { method: string; path: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation }))
      // Signing out would only end the walk early.
      .filter(({ method, path }) => !(method === "DELETE" && path === "/api/v1/session")),
  );
}

const dotted = (path: (string | number)[]) => path.join(".");

describe("hostile input on every route of the OpenAPI document", () => {
  it("a lone UTF-16 surrogate in any string field of any body, or in any key: a translated 400, never a 5xx", async () => {
    const failures: string[] = [];
    let fields = 0;
    for (const { method, path, operation } of operations()) {
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      if (!schema) continue;
      const url = fillPath(path);
      const body = valid(schema, "body");
      const base = valid(schema, "body", false);
      for (const leaf of leaves(schema, body)) {
        fields++;
        const language = LANGUAGES[fields % 2] as Language;
        // The required fields, plus the one field poisoned: as valid as a request can be but for the surrogate.
        const [top] = leaf.path as [string];
        const request = replaced({ ...(base as object), [top]: (body as Record<string, unknown>)[top] }, leaf.path, LONE_SURROGATE);
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
    for (const { method, path, operation } of operations()) {
      const url = fillPath(path);
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      if (schema) {
        const body = valid(schema, "body");
        const base = valid(schema, "body", false);
        for (const leaf of leaves(schema, body).filter((l) => l.schema.format === "date-time" || l.schema.format === "date")) {
          seen.push(`${method} ${path} ${dotted(leaf.path)}`);
          for (const far of leaf.schema.format === "date" ? FAR_DATES : FAR_DATE_TIMES) {
            const language = LANGUAGES[seen.length % 2] as Language;
            const response = await send({ method, url, body: replaced(base, leaf.path, far), language });
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
          .map((p) => `${p.name}=${encodeURIComponent(String(valid(p.schema, p.name)))}`);
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
    for (const { method, path, operation } of operations()) {
      const hasBody = Boolean(operation.requestBody);
      const query = (operation.parameters ?? []).filter((p) => p.in === "query");
      const urls = [
        ...query.map((p) => `${fillPath(path)}?${p.name}=%ED%A0%80x`),
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
