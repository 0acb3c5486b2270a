import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { fixedClock } from "../src/shared/clock.ts";
import { expectNoLeak } from "./helpers/errors.ts";
import { type Document, openApiWalker, type Schema } from "./helpers/openapi.ts";
import { snapshotData } from "./helpers/snapshot.ts";
import { as, createTestApp, type Session, signup } from "./helpers/test-app.ts";

/**
 * Fuzzing from the schemas: every operation of the OpenAPI document with a
 * JSON body or query parameters gets RUNS generated inputs — fast-check values
 * built from its schema: a valid value, a value of the right type but any
 * content, or a hostile one (100 kB of text, NUL bytes, right-to-left marks,
 * emoji, SQL and HTML metacharacters, huge, negative and fractional numbers,
 * impossible dates and time zones, wrong types), any field left out, and now
 * and then a key the schema does not know. Each operation runs in an
 * organization of its own, seeded with real ids so valid values reach the
 * use-cases. Never a 5xx, never internals in the answer; and a request
 * refused after validation (by a rule of the use-case) leaves every saved
 * table as it was — no partial write (each kind of refusal of each
 * operation checked CHECKS_PER_REFUSAL times). A new route or field is fuzzed without
 * changing this test. Deterministic: the seed is fixed, so a failure replays.
 */
const RUNS = 200;
/** Each (operation, refusal code) is checked for partial writes this many times: a snapshot reads every table. */
const CHECKS_PER_REFUSAL = 3;
const SEED = 20261204;
const LONG_TEXT = "x".repeat(100_000);
const HOSTILE: unknown[] = [
  LONG_TEXT,
  "a\u0000b",
  "\u202Eevil\u202C",
  "\u200F\u200E",
  "👩‍👩‍👧‍👦🎉",
  "'; drop table clients; --",
  '" OR 1=1 --',
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "../../etc/passwd",
  "%00%2e%2e",
  "2026-02-30",
  "2026-13-01T25:61:00Z",
  "not-a-date",
  "Mars/Phobos",
  "",
  " ",
  1e308,
  -1e308,
  2 ** 53 + 2,
  -1,
  0,
  1.5,
  -0.000001,
  null,
  true,
  [],
  {},
  [null],
  { $ne: 1 },
];

const clock = fixedClock(new Date("2026-12-04T09:00:00Z"));
let app: App;
let doc: Document;

beforeAll(async () => {
  app = await createTestApp({ clock });
  doc = (await app.server.inject({ method: "GET", url: "/api/openapi.json" })).json();
});
afterAll(() => app.close());

/** A fresh organization with one of each thing a request may name, and the walker over its ids. */
async function seededOrganization(index: number) {
  const owner: Session = await signup(app, {
    name: `Fuzz ${index}`,
    organizationName: `Fuzz & Co ${index}`,
    remoteAddress: `10.7.${Math.floor(index / 250)}.${index % 250}`,
  });
  const api = as(app, owner);
  const made = async (response: Awaited<ReturnType<typeof api.post>>) => {
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json();
  };
  const client = await made(await api.post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen" }));
  const contact = await made(await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Jan Jansen", email: "jan@jansen.example" }));
  const team = await made(await api.post("/api/v1/teams", { name: "Fiscaal" }));
  const token = await made(await api.post("/api/v1/api-tokens", { name: "Koppeling", scopes: ["read", "write"] }));
  const policies = (await api.get("/api/v1/sla-policies")).json().items;
  const commitment = await made(
    await api.post("/api/v1/commitments", {
      clientId: client.id,
      title: "Plan van aanpak sturen",
      doneWhen: "Plan gemaild",
      ownerId: owner.me.id,
      dueIn: { amount: 2, unit: "working_days" },
      source: "call",
    }),
  );
  const incident = await made(
    await api.post("/api/v1/incidents", {
      clientIds: [client.id],
      title: "Verkeerd tarief",
      discoveredAt: "2026-12-04T09:00:00Z",
      foundBy: "us",
      severity: "low",
    }),
  );
  const series = (await api.get("/api/v1/index-series")).json().items[0];
  const contract = await made(
    await api.post("/api/v1/contracts", {
      clientId: client.id,
      title: "Jaarcontract",
      startsOn: "2019-01-01",
      annualPriceCents: 100_000,
      indexation: { seriesId: series.id, method: "annual_average", lagMonths: 0 },
    }),
  );
  const ids: Record<string, string> = {
    userId: owner.me.id,
    ownerId: owner.me.id,
    expertId: owner.me.id,
    clientId: client.id,
    contactId: contact.id,
    teamId: team.id,
    tokenId: token.id,
    policyId: policies[0].id,
    slaPolicyId: policies[0].id,
    commitmentId: commitment.id,
    seriesId: series.id,
  };
  const walk = openApiWalker(doc, ids, () => ({
    clients: client.id,
    teams: team.id,
    "api-tokens": token.id,
    "sla-policies": policies[0].id,
    commitments: commitment.id,
    incidents: incident.id,
    contracts: contract.id,
    "index-series": series.id,
  }));
  return { owner, walk };
}

type Walker = ReturnType<typeof openApiWalker>;

/** Values for a schema: valid, of its type with any content, or hostile; objects with any field left out. */
function arbitraryOf(walk: Walker, input: Schema | undefined, name: string, depth = 0): fc.Arbitrary<unknown> {
  const schema = walk.resolve(input);
  const validValue = walk.valid(schema, name);
  const hostile = fc.constantFrom(...HOSTILE);
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice && depth < 4) {
    return fc.oneof(...choice.map((option) => arbitraryOf(walk, option, name, depth + 1)), hostile);
  }
  const typed = (() => {
    switch (walk.typeOf(schema)) {
      case "object": {
        if (depth >= 4) return fc.constant(validValue);
        const properties = Object.entries(schema.properties ?? {});
        const record = fc.record(
          Object.fromEntries(properties.map(([key, property]) => [key, arbitraryOf(walk, property, key, depth + 1)])),
          { requiredKeys: [] },
        );
        // Now and then a key the schema does not know.
        return fc.oneof({ weight: 5, arbitrary: record }, { weight: 1, arbitrary: record.map((value) => ({ ...value, unknownKey: "?" })) });
      }
      case "array":
        return depth >= 4 ? fc.constant(validValue) : fc.array(arbitraryOf(walk, schema.items, name, depth + 1), { maxLength: 4 });
      case "integer":
      case "number":
        return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 + 1));
      case "boolean":
        return fc.boolean();
      case "string":
        return fc.oneof(
          fc.string(),
          fc.string({ unit: "grapheme", maxLength: 40 }),
          fc.uuid(),
          fc.date({ noInvalidDate: true }).map(String),
        );
      default:
        return fc.anything({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ weight: 3, arbitrary: fc.constant(validValue) }, { weight: 3, arbitrary: typed }, { weight: 2, arbitrary: hostile });
}

type Query = { name: string; schema?: Schema };
function queryArbitrary(walk: Walker, parameters: Query[]): fc.Arbitrary<string> {
  const values = fc.record(
    Object.fromEntries(parameters.map((p) => [p.name, arbitraryOf(walk, p.schema, p.name).map((value) => String(value ?? ""))])),
    { requiredKeys: [] },
  );
  return values.map((record) =>
    Object.entries(record)
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent((value as string).slice(0, 2000))}`)
      .join("&"),
  );
}

let calls = 0;
async function send(session: Session, method: string, url: string, body?: unknown) {
  calls++;
  return app.server.inject({
    method: method as "POST",
    url,
    // Each call from its own address, so rate limits do not hide anything.
    remoteAddress: `10.8.${Math.floor(calls / 250) % 250}.${calls % 250}`,
    headers: {
      cookie: session.cookie,
      "accept-language": calls % 2 === 0 ? "nl" : "en",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/**
 * Refusals that write on purpose, each with its reason: a failed sign-in is
 * counted against the account and the address (throttling), which is a write
 * that must happen.
 */
const WRITES_WHEN_REFUSED = new Set(["POST /api/v1/session"]);

describe("fuzzing every route from its schema", () => {
  it(`${RUNS} generated inputs per operation with a body or a query: never a 5xx, and a refusal after validation writes nothing`, async () => {
    const failures: string[] = [];
    const partial: string[] = [];
    let operations = 0;
    let inputs = 0;
    let refusedByRules = 0;
    const checked = new Map<string, number>();
    // Signing out only ends a session; it takes no input.
    const fuzzed = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
    for (const { method, path, operation } of fuzzed) {
      const schema = operation.requestBody?.content?.["application/json"]?.schema;
      const query = (operation.parameters ?? []).filter((p) => p.in === "query");
      if (!schema && (method !== "GET" || query.length === 0)) continue;
      operations++;
      const { owner, walk } = await seededOrganization(operations);
      const url = walk.fillPath(path);
      const samples = fc.sample(
        fc.record({
          body: schema ? arbitraryOf(walk, schema, "body") : fc.constant(undefined),
          search: query.length > 0 ? queryArbitrary(walk, query) : fc.constant(""),
        }),
        { numRuns: RUNS, seed: SEED + operations },
      );
      for (const { body, search } of samples) {
        inputs++;
        const target = search ? `${url}?${search}` : url;
        const response = await send(owner, method, target, body);
        const label = `${method} ${path}${search ? `?${search.slice(0, 120)}` : ""} ${JSON.stringify(body)?.slice(0, 160)} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        if (response.statusCode >= 500) {
          failures.push(label);
          continue;
        }
        expectNoLeak(response.body);
        if (response.statusCode < 400) continue;
        const code = response.json().error?.code;
        if (code === "request.validation_failed" || WRITES_WHEN_REFUSED.has(`${method} ${path}`)) continue;
        // Refused by a rule of the use-case, after the request was read: nothing of it may be saved.
        // Sent once more between two snapshots (the same request meets the same refusal).
        refusedByRules++;
        const key = `${method} ${path} ${code}`;
        if ((checked.get(key) ?? 0) >= CHECKS_PER_REFUSAL) continue;
        checked.set(key, (checked.get(key) ?? 0) + 1);
        const before = await snapshotData(app);
        // A second later: a write of "now" that the refusal left behind shows as a change.
        clock.set(new Date(clock.now().getTime() + 1000));
        const again = await send(owner, method, target, body);
        if (again.statusCode !== response.statusCode) continue;
        if (!isDeepStrictEqual(before, await snapshotData(app))) partial.push(label);
      }
    }
    console.log(
      `fuzz: ${operations} operations, ${inputs} inputs, ${refusedByRules} refused by a use-case's rule, ${[...checked.values()].reduce((a, b) => a + b, 0)} of them sent again between two snapshots (${checked.size} kinds of refusal)`,
    );
    expect(operations).toBeGreaterThan(60);
    expect(failures).toEqual([]);
    expect(partial).toEqual([]);
  }, 900_000);
});
