import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { ROUTE_ACCESS } from "../src/core/token-scopes.ts";
import { type Document, openApiWalker } from "./helpers/openapi.ts";
import { type RoleFixture, roleFixture } from "./helpers/role-fixture.ts";
import { listRoutes } from "./helpers/routes.ts";
import { createTestApp } from "./helpers/test-app.ts";

/**
 * The role matrix: every route of /api/v1 (but the public ones, which check
 * their own secret) called as the front desk, an advisor, a team lead, an
 * administrator and an API token (an administrator's, with the read and write
 * scopes), each route on an organization of its own with one of each thing it
 * may name. `+` must be let through (any answer but 401/403), `-` refused
 * (401 or 403) before anything happens. Callers go from the least to the most
 * rights, so a refusal is seen before an allowed call changes the data.
 * Commitments and callbacks in the fixture are the lead's: an advisor acting
 * on them acts on someone else's. A route missing from the table fails the
 * suite, so a new route comes with its row.
 */
const CALLERS = ["frontdesk", "advisor", "lead", "admin", "token"] as const;
//                                              front desk, advisor, lead, admin, token
const MATRIX: Record<string, string> = {
  "GET /api/v1/me": "+++++",
  "GET /api/v1/members": "+++++",
  "PATCH /api/v1/members/:userId": "---+-",
  // Someone's expertise: the administrator's, and the lead's own (the fixture's :userId is the lead).
  "PUT /api/v1/members/:userId/expertise": "--++-",
  "GET /api/v1/expertise": "+++++",
  "POST /api/v1/invitations": "---+-",
  "GET /api/v1/invitations": "---++",
  "DELETE /api/v1/invitations/:id": "---+-",
  "GET /api/v1/teams": "+++++",
  "POST /api/v1/teams": "---+-",
  "PATCH /api/v1/teams/:id": "---+-",
  "DELETE /api/v1/teams/:id": "---+-",
  "PUT /api/v1/teams/:id/members": "---+-",
  "GET /api/v1/teams/:id/trust-profile": "--+++",
  "GET /api/v1/export": "---+-",
  "GET /api/v1/clients": "+++++",
  "POST /api/v1/clients": "+++++",
  "GET /api/v1/clients/:id": "+++++",
  "PATCH /api/v1/clients/:id": "+++++",
  "POST /api/v1/clients/:id/archive": "-++++",
  "POST /api/v1/clients/:id/restore": "-++++",
  "GET /api/v1/clients/:id/contacts": "+++++",
  "POST /api/v1/clients/:id/contacts": "+++++",
  "PATCH /api/v1/clients/:id/contacts/:contactId": "+++++",
  "DELETE /api/v1/clients/:id/contacts/:contactId": "+++++",
  "GET /api/v1/api-tokens": "++++-",
  "POST /api/v1/api-tokens": "++++-",
  "DELETE /api/v1/api-tokens/:id": "++++-",
  "GET /api/v1/settings/working-time": "+++++",
  "PUT /api/v1/settings/working-time": "---+-",
  "POST /api/v1/working-time/due": "+++++",
  "GET /api/v1/sla-policies": "+++++",
  "POST /api/v1/sla-policies": "--++-",
  "PATCH /api/v1/sla-policies/:id": "--++-",
  "DELETE /api/v1/sla-policies/:id": "--++-",
  "GET /api/v1/clients/:id/sla-overrides": "+++++",
  "PUT /api/v1/clients/:id/sla-overrides/:policyId": "--++-",
  "DELETE /api/v1/clients/:id/sla-overrides/:policyId": "--++-",
  "GET /api/v1/commitments": "+++++",
  "POST /api/v1/commitments": "+++++",
  "GET /api/v1/commitments/:id": "+++++",
  "POST /api/v1/commitments/:id/complete": "--+++",
  "POST /api/v1/commitments/:id/renegotiate": "--+++",
  "POST /api/v1/commitments/:id/break": "--+++",
  "POST /api/v1/commitments/:id/cancel": "--+++",
  "POST /api/v1/commitments/:id/reopen": "--+++",
  "POST /api/v1/commitments/:id/reassign": "--+++",
  "GET /api/v1/commitments/:id/client-notice": "+++++",
  "POST /api/v1/commitments/:id/client-notice": "--+++",
  "GET /api/v1/my-day": "+++++",
  "GET /api/v1/reliability": "+++++",
  "POST /api/v1/commitments/suggestions": "+++++",
  "GET /api/v1/calendar-feed": "++++-",
  "POST /api/v1/calendar-feed": "++++-",
  "DELETE /api/v1/calendar-feed": "++++-",
  "GET /api/v1/clients/:id/portal-links": "++++-",
  "POST /api/v1/clients/:id/portal-links": "--++-",
  "DELETE /api/v1/clients/:id/portal-links/:linkId": "--++-",
  "GET /api/v1/clients/:id/portal-settings": "+++++",
  "PUT /api/v1/clients/:id/portal-settings": "--+++",
  "GET /api/v1/callbacks/preview": "+++++",
  "POST /api/v1/callbacks": "+++++",
  "GET /api/v1/callbacks/:id": "+++++",
  // Accepting is the asked expert's own step (the fixture's callback asks the lead).
  "POST /api/v1/callbacks/:id/accept": "--+--",
  "POST /api/v1/callbacks/:id/attempts": "--+++",
  "POST /api/v1/callbacks/:id/outcome": "--+++",
  "POST /api/v1/interactions": "+++++",
  "GET /api/v1/interactions/:id": "+++++",
  "GET /api/v1/clients/:id/interactions": "+++++",
  "GET /api/v1/clients/:id/timeline": "+++++",
  "GET /api/v1/search": "+++++",
  "GET /api/v1/notifications": "+++++",
  "POST /api/v1/notifications/:id/read": "+++++",
  "POST /api/v1/notifications/read-all": "+++++",
  "GET /api/v1/system/status": "---++",
  "GET /api/v1/system/deliveries": "---++",
  "POST /api/v1/system/deliveries/:id/retry": "---+-",
  "POST /api/v1/system/deliveries/:id/dismiss": "---+-",
  "GET /api/v1/clients/:id/trust": "-++++",
  "GET /api/v1/clients/:id/trust/evidence": "-++++",
  "GET /api/v1/clients/:id/trust/history": "-++++",
  "POST /api/v1/clients/:id/evidence": "-++++",
  "GET /api/v1/trust/settings": "-++++",
  "PUT /api/v1/trust/settings": "---+-",
  "POST /api/v1/trust/settings/preview": "---+-",
  "POST /api/v1/trust/backfill": "---+-",
  "GET /api/v1/at-risk": "-++++",
  "POST /api/v1/at-risk/:id/acknowledge": "-++++",
  "PUT /api/v1/clients/:id/contact-rhythm": "-++++",
  "GET /api/v1/clients/:id/pulse": "-++++",
  "POST /api/v1/clients/:id/pulse-requests": "-+++-",
  "GET /api/v1/clients/:id/team-pulse": "-+++-",
  "POST /api/v1/clients/:id/team-pulse": "-+++-",
  "GET /api/v1/me/trust-profile": "+++++",
  "PUT /api/v1/me/self-assessment": "+++++",
  "GET /api/v1/clients/:id/conduct": "+++++",
  "POST /api/v1/clients/:id/conduct": "+++++",
  "GET /api/v1/incidents": "+++++",
  "POST /api/v1/incidents": "+++++",
  "GET /api/v1/incidents/:id": "+++++",
  "PATCH /api/v1/incidents/:id": "+++++",
  "POST /api/v1/incidents/:id/disclosures": "+++++",
  "GET /api/v1/incidents/:id/disclosure-draft": "+++++",
  "POST /api/v1/incidents/:id/non-disclosures": "+++++",
  // A second person approves not telling: a lead or an administrator, not the one who proposed it.
  "POST /api/v1/incidents/:id/non-disclosures/:nid/approve": "--+++",
  "GET /api/v1/incident-policy": "+++++",
  "PUT /api/v1/incident-policy": "---+-",
  "GET /api/v1/index-series": "+++++",
  "GET /api/v1/index-series/:id": "+++++",
  "POST /api/v1/index-series/import": "---+-",
  "GET /api/v1/contracts": "-++++",
  "POST /api/v1/contracts": "-++++",
  "POST /api/v1/contracts/import": "-++++",
  "GET /api/v1/contracts/:id": "-++++",
  "POST /api/v1/contracts/:id/increases": "-++++",
  "GET /api/v1/contracts/:id/audit": "-++++",
  "POST /api/v1/contracts/:id/corrections": "-++++",
  "GET /api/v1/contracts/:id/correction-letter": "-++++",
  "GET /api/v1/integrity": "-++++",
  "GET /api/v1/rate-card": "-++++",
  "POST /api/v1/rate-card": "---+-",
  "DELETE /api/v1/rate-card/:id": "---+-",
  "PUT /api/v1/rate-card/settings": "---+-",
  "GET /api/v1/rate-card/fairness": "-++++",
  "PUT /api/v1/rate-card/fairness/:contractId/lines/:lineId/reason": "-++++",
  // The front desk takes a request in and reads engagements (without values); the rest is the advisers'.
  "GET /api/v1/engagements": "+++++",
  "POST /api/v1/engagements": "+++++",
  "GET /api/v1/engagements/:id": "+++++",
  "PUT /api/v1/engagements/:id/analysis": "-++++",
  "POST /api/v1/engagements/:id/stage": "-++++",
  "POST /api/v1/engagements/:id/decline": "-++++",
  "POST /api/v1/engagements/:id/advice": "-++++",
  "POST /api/v1/engagements/:id/disagreements": "-++++",
  "GET /api/v1/pull-ratio": "-++++",
};

/** Which fixture id an `:id` stands for, by the path segment before it. */
const ID_BY_SEGMENT: Record<string, string> = {
  clients: "clientId",
  teams: "teamId",
  "api-tokens": "tokenId",
  "sla-policies": "policyId",
  commitments: "commitmentId",
  callbacks: "callbackId",
  invitations: "invitationId",
  incidents: "incidentId",
  contracts: "contractId",
  "index-series": "seriesId",
  notifications: "notificationId",
  deliveries: "deliveryId",
  "rate-card": "rateId",
  "at-risk": "clientId",
  members: "userId",
  interactions: "interactionId",
  engagements: "engagementId",
};
const NOWHERE = "00000000-0000-4000-8000-000000000000";

/** Bodies the schema alone cannot give (one of two fields, a rule between fields), valid for the fixture. */
const BODIES: Record<string, (ids: Record<string, string>) => unknown> = {
  "PUT /api/v1/settings/working-time": () => ({
    timeZone: "Europe/Amsterdam",
    businessHours: { 1: { start: "09:00", end: "17:00" } },
    holidayCountry: "NL",
    holidayRegion: null,
    holidayChoices: {},
    language: "nl",
    version: 1,
  }),
  "PUT /api/v1/teams/:id/members": (ids) => ({ userIds: [ids.userId] }),
  "POST /api/v1/commitments": (ids) => ({
    clientId: ids.clientId,
    title: "Offerte sturen",
    doneWhen: "Offerte gemaild",
    ownerId: ids.userId,
    dueIn: { amount: 2, unit: "working_days" },
    source: "call",
  }),
  "POST /api/v1/commitments/:id/cancel": () => ({ reason: "De klant ziet ervan af", clientAgreed: true, version: 1 }),
  "POST /api/v1/contracts/:id/increases": () => ({ effectiveOn: "2020-01-01", appliedPct: 2 }),
  "POST /api/v1/working-time/due": () => ({ from: "2026-12-04T09:00:00+01:00", amount: 2, unit: "working_days" }),
  "POST /api/v1/callbacks": (ids) => ({
    clientId: ids.clientId,
    contactId: ids.contactId,
    question: "Vraag over de aangifte",
    readBack: true,
  }),
};
/** CSV files for the routes that take one. */
const CSV: Record<string, string> = {
  "POST /api/v1/index-series/import": "period;value\n2024-01;101,5\n2024-02;102\n",
  "POST /api/v1/contracts/import": "klant;titel;start;jaarprijs\nBakkerij Jansen;Jaarcontract;2020-01-01;1000,00\n",
};
/** Query strings a route needs to get past validation. */
const QUERIES: Record<string, string> = {
  "GET /api/v1/search": "q=jansen",
  "GET /api/v1/expertise": "topic=btw",
  "GET /api/v1/reliability": "from=2026-11-01&to=2026-11-30",
};

let app: App;
let doc: Document;
beforeAll(async () => {
  app = await createTestApp();
  doc = (await app.server.inject({ method: "GET", url: "/api/openapi.json" })).json();
});
afterAll(() => app.close());

function request(fixture: RoleFixture, method: string, route: string) {
  const key = `${method} ${route}`;
  const url = route.replace(/:(\w+)/g, (_whole, name: string) => {
    const idName = name === "id" ? (ID_BY_SEGMENT[/\/([\w-]+)\/:id/.exec(route)?.[1] ?? ""] ?? "") : name;
    return fixture.ids[idName] ?? NOWHERE;
  });
  const walk = openApiWalker(
    doc,
    { ...fixture.ids, ownerId: fixture.ids.userId as string, expertId: fixture.ids.userId as string },
    () => ({}),
  );
  const schema = doc.paths[route.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()]?.requestBody?.content?.["application/json"]?.schema;
  const body = BODIES[key]?.(fixture.ids) ?? (schema ? walk.valid(schema, "body", false) : undefined);
  const query = key === "POST /api/v1/index-series/import" ? "name=Lonen" : QUERIES[key];
  return { url: query ? `${url}?${query}` : url, body, csv: CSV[key] };
}

let calls = 0;
async function call(fixture: RoleFixture, caller: (typeof CALLERS)[number], method: string, route: string) {
  const { url, body, csv } = request(fixture, method, route);
  calls++;
  const headers: Record<string, string> = { "accept-language": "en" };
  if (caller === "token") headers.authorization = `Bearer ${fixture.token}`;
  else headers.cookie = fixture.sessions[caller].cookie;
  if (csv !== undefined) headers["content-type"] = "text/csv";
  else if (body !== undefined) headers["content-type"] = "application/json";
  return app.server.inject({
    method: method as "GET",
    url,
    headers,
    // Each call from its own address: rate limits must not pass for refusals.
    remoteAddress: `10.55.${Math.floor(calls / 250) % 250}.${calls % 250}`,
    ...(csv !== undefined ? { payload: csv } : body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

describe("the role matrix", () => {
  it("has a row for every route that needs a caller, and none for routes that do not exist", () => {
    const routes = listRoutes(app)
      .filter((route) => route.url.startsWith("/api/v1/") && ROUTE_ACCESS[`${route.method} ${route.url}`] !== "public")
      .map((route) => `${route.method} ${route.url}`);
    expect(Object.keys(MATRIX).sort()).toEqual([...routes].sort());
    for (const row of Object.values(MATRIX)) expect(row).toMatch(/^[+-]{5}$/);
  });

  it("lets each role through or refuses it exactly as the table says, and never answers 5xx", async () => {
    const wrong: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      const [method, route] = key.split(" ") as [string, string];
      const fixture = await roleFixture(app);
      for (const [index, caller] of CALLERS.entries()) {
        const response = await call(fixture, caller, method, route);
        // A request refused by validation never reaches the rights check: the table would prove nothing.
        if (response.statusCode === 400 && response.json().error?.code === "request.validation_failed") {
          wrong.push(`${key} as ${caller}: the request does not get past validation: ${response.body.slice(0, 200)}`);
          continue;
        }
        const refused = response.statusCode === 401 || response.statusCode === 403;
        const expected = row[index] === "+";
        if (response.statusCode >= 500 || refused === expected) {
          wrong.push(
            `${key} as ${caller}: expected ${expected ? "through" : "refused"}, got ${response.statusCode} ${response.body.slice(0, 160)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);
});
