import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../src/app.ts";
import { addDaysToInstant } from "../src/core/dates.ts";
import { ROUTE_ACCESS } from "../src/core/token-scopes.ts";
import type { MessageKey } from "../src/i18n/messages.en.ts";
import * as notifications from "../src/modules/notifications/notifications.usecases.ts";
import { expectError } from "./helpers/errors.ts";
import { addMember } from "./helpers/members.ts";
import { fillPath, listRoutes, pathParams } from "./helpers/routes.ts";
import { snapshotData } from "./helpers/snapshot.ts";
import { as, createTestApp, type Session, signup, uniqueEmail } from "./helpers/test-app.ts";

/**
 * "Never show one organization's data to another" (PRODUCT.md §6). Organization
 * A ("Alpha") and B ("Beta") both have data; B's people walk every route with
 * A's ids and must learn nothing, change nothing.
 */

let app: App;
const A = {} as {
  admin: Session;
  advisor: Session;
  client: { id: string };
  archived: { id: string };
  contact: { id: string };
  team: { id: string };
  token: { id: string; token: string };
  invitation: { id: string };
  invitationForExistingAccount: { id: string };
  notification: { id: string };
  delivery: { id: string };
  commitment: { id: string };
  policy: { id: string };
  portalLink: { id: string };
  callback: { id: string };
  interaction: { id: string };
  incident: { id: string };
  nonDisclosure: { id: string };
  contract: { id: string; lines: { id: string }[] };
  rate: { id: string };
  engagement: { id: string };
  series: { id: string };
  indexSeries: { id: string };
};
const B = {} as {
  admin: Session;
  advisor: Session;
  frontdesk: Session;
  client: { id: string };
  contact: { id: string };
  team: { id: string };
  token: { id: string; token: string };
};
/** Every identifier of A's: none may appear in anything B sees. */
let alphaSecrets: string[];

beforeAll(async () => {
  app = await createTestApp();
  A.admin = await signup(app, { name: "Alpha Admin", email: uniqueEmail("alpha-admin"), organizationName: "Alpha Advies" });
  A.advisor = await addMember(app, A.admin, "advisor", { name: "Alpha Adviseur", email: uniqueEmail("alpha-advisor") });
  const a = as(app, A.admin);
  A.team = (await a.post("/api/v1/teams", { name: "Alpha Team" })).json();
  await a.put(`/api/v1/teams/${A.team.id}/members`, { userIds: [A.admin.me.id, A.advisor.me.id] });
  await a.put(`/api/v1/members/${A.advisor.me.id}/expertise`, { topics: ["alphabelasting", "gedeelde kennis"] });
  A.client = (
    await a.post("/api/v1/clients", {
      kind: "company",
      name: "Alpha Klant BV",
      email: "alpha@klant.example",
      accountOwnerId: A.advisor.me.id,
      teamId: A.team.id,
    })
  ).json();
  A.contact = (
    await a.post(`/api/v1/clients/${A.client.id}/contacts`, { name: "Alpha Contactpersoon", email: "alpha.contact@klant.example" })
  ).json();
  A.archived = (await a.post("/api/v1/clients", { kind: "person", name: "Alpha Gearchiveerd" })).json();
  await a.post(`/api/v1/clients/${A.archived.id}/archive`);
  A.token = (await a.post("/api/v1/api-tokens", { name: "Alpha token", scopes: ["read", "write", "admin"] })).json();
  A.invitation = (await a.post("/api/v1/invitations", { email: uniqueEmail("alpha-invitee"), role: "lead" })).json();
  // Someone with an account elsewhere, invited to A: accepting needs their password.
  const outsider = await signup(app, { name: "Gamma Persoon", email: uniqueEmail("gamma"), organizationName: "Gamma" });
  A.invitationForExistingAccount = (await a.post("/api/v1/invitations", { email: outsider.me.email, role: "admin" })).json();
  // A notification (with its e-mail) for A's advisor and an e-mail to A's client, waiting in the outbox (no SMTP here).
  await notifications.notify(app.database.db, app.clock, {
    orgId: A.admin.me.organizationId,
    userId: A.advisor.me.id,
    kind: "commitment.overdue",
    params: {
      title: "Alpha belofte",
      clientName: "Alpha Klant BV",
      dueAt: new Date().toISOString(),
      link: "http://127.0.0.1:3000/clients",
    },
    language: "nl",
    timeZone: "Europe/Amsterdam",
    dedupeKey: "alpha-notification",
    email: true,
  });
  await notifications.queueEmail(app.database.db, app.clock, {
    orgId: A.admin.me.organizationId,
    to: "alpha@klant.example",
    language: "nl",
    subject: "Alpha bericht",
    text: "Voor Alpha Klant BV.",
    kind: "client.message",
    dedupeKey: "alpha-mail",
  });
  await notifications.deliverDue({ db: app.database.db, clock: app.clock, mailer: app.mailer, logger: app.logger });
  A.notification = await app.database.db
    .selectFrom("notifications")
    .select("id")
    .where("org_id", "=", A.admin.me.organizationId)
    .executeTakeFirstOrThrow();
  A.delivery = await app.database.db
    .selectFrom("deliveries")
    .select("id")
    .where("org_id", "=", A.admin.me.organizationId)
    .where("status", "=", "outbox")
    .where("dedupe_key", "=", "alpha-mail")
    .executeTakeFirstOrThrow();

  A.commitment = (
    await a.post("/api/v1/commitments", {
      clientId: A.client.id,
      contactId: A.contact.id,
      title: "Alpha belofte: het alpha-rapport",
      doneWhen: "Alpha heeft het",
      ownerId: A.advisor.me.id,
      dueAt: addDaysToInstant(new Date(), 3).toISOString(),
      source: "meeting",
    })
  ).json();
  A.policy = (await a.get("/api/v1/sla-policies")).json().items[0];
  await a.put(`/api/v1/clients/${A.client.id}/sla-overrides/${A.policy.id}`, { amount: 2, unit: "working_hours" });
  await a.post("/api/v1/calendar-feed");
  A.portalLink = (await a.post(`/api/v1/clients/${A.client.id}/portal-links`, { contactId: A.contact.id })).json();
  A.callback = (
    await a.post("/api/v1/callbacks", {
      clientId: A.client.id,
      contactId: A.contact.id,
      question: "Alpha vraagt om een terugbelverzoek",
      readBack: true,
      expertId: A.advisor.me.id,
    })
  ).json().commitment;
  A.interaction = (
    await a.post("/api/v1/interactions", {
      clientId: A.client.id,
      contactId: A.contact.id,
      kind: "meeting",
      direction: "inbound",
      initiatedBy: "client",
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      summary: "Alpha gesprek over het alpha-rapport",
      body: "Gedeelde kennis: de klant vertelde over alpha zaken.",
      clientRaisedProblem: true,
    })
  ).json();

  A.incident = (
    await a.post("/api/v1/incidents", {
      clientIds: [A.client.id],
      title: "Alpha fout in de aangifte",
      discoveredAt: new Date(Date.now() - 3_600_000).toISOString(),
      foundBy: "us",
      severity: "high",
      description: "Alpha rekende met het verkeerde tarief.",
    })
  ).json();
  A.nonDisclosure = (
    await as(app, A.advisor).post(`/api/v1/incidents/${A.incident.id}/non-disclosures`, {
      clientId: A.client.id,
      reason: "Alpha reden om het niet te melden",
    })
  ).json();

  A.series = (await a.get("/api/v1/index-series")).json().items.find((series: { code: string | null }) => series.code === "cbs-cpi");
  A.contract = (
    await a.post("/api/v1/contracts", {
      clientId: A.client.id,
      title: "Alpha jaarcontract",
      startsOn: "2019-01-01",
      annualPriceCents: 20_000_000,
      indexation: { seriesId: A.series.id, method: "annual_average", lagMonths: 0 },
      lines: [{ role: "Alpha partner", hourlyRateCents: 30_000, hoursPerYear: 10 }],
    })
  ).json();
  A.rate = (await a.post("/api/v1/rate-card", { role: "Alpha partner", hourlyRateCents: 20_000, validFrom: "2018-01-01" })).json();
  await a.put("/api/v1/rate-card/settings", { abovePct: 5, belowPct: 5 });
  await a.post(`/api/v1/contracts/${A.contract.id}/increases`, { effectiveOn: "2020-01-01", appliedPct: 6.6 });
  A.engagement = (
    await a.post("/api/v1/engagements", {
      clientId: A.client.id,
      title: "Alpha opdracht",
      request: "Alpha wil een nieuw systeem",
      initiatedBy: "client",
      ownerId: A.advisor.me.id,
      valueCents: 100_000,
    })
  ).json();

  A.indexSeries = (
    await app.server.inject({
      method: "POST",
      url: "/api/v1/index-series/import?name=Alpha%20lonen",
      headers: { cookie: A.admin.cookie, "content-type": "text/csv" },
      payload: "period;value\n2024-01;101,5\n2024-02;102\n",
    })
  ).json();

  B.admin = await signup(app, { name: "Beta Beheerder", email: uniqueEmail("beta-admin"), organizationName: "Beta Bureau" });
  B.advisor = await addMember(app, B.admin, "advisor", { name: "Beta Adviseur" });
  B.frontdesk = await addMember(app, B.admin, "frontdesk", { name: "Beta Balie" });
  const b = as(app, B.admin);
  B.team = (await b.post("/api/v1/teams", { name: "Beta Team" })).json();
  await b.put(`/api/v1/members/${B.advisor.me.id}/expertise`, { topics: ["betabelasting", "gedeelde kennis"] });
  B.client = (await b.post("/api/v1/clients", { kind: "company", name: "Beta Klant BV" })).json();
  B.contact = (await b.post(`/api/v1/clients/${B.client.id}/contacts`, { name: "Beta Contactpersoon" })).json();
  B.token = (await b.post("/api/v1/api-tokens", { name: "Beta token", scopes: ["read", "write", "admin"] })).json();

  alphaSecrets = [
    A.admin.me.organizationId,
    A.admin.me.id,
    A.advisor.me.id,
    A.admin.me.email,
    A.advisor.me.email,
    A.client.id,
    A.archived.id,
    A.contact.id,
    A.team.id,
    A.token.id,
    A.token.token.slice(0, 10),
    A.invitation.id,
    A.invitationForExistingAccount.id,
    A.notification.id,
    A.delivery.id,
    A.commitment.id,
    A.policy.id,
    A.portalLink.id,
    A.callback.id,
    A.interaction.id,
    A.incident.id,
    A.nonDisclosure.id,
    A.indexSeries.id,
    A.contract.id,
    A.contract.lines[0]?.id as string,
    A.rate.id,
    "alpha",
  ];
});
afterAll(() => app.close());

function expectNoAlpha(body: string, context: string) {
  for (const secret of alphaSecrets) expect(body.toLowerCase(), `${context} shows A's ${secret}`).not.toContain(secret.toLowerCase());
}

type Role = "admin" | "advisor" | "frontdesk";
type Outcome = [status: number, code: MessageKey];
const notFound = (code: MessageKey): Record<Role, Outcome> => ({ admin: [404, code], advisor: [404, code], frontdesk: [404, code] });
const adminOnly = (code: MessageKey): Record<Role, Outcome> => ({
  admin: [404, code],
  advisor: [403, "auth.forbidden"],
  frontdesk: [403, "auth.forbidden"],
});

/**
 * What B gets for each route that takes ids, called with A's ids. Role checks
 * come first on admin-only routes (a 403 says nothing about A's data).
 */
type IdRoute = {
  ids: () => Record<string, string>;
  /** Ids that exist nowhere, for "exactly like a missing id". */
  missing: Record<string, string>;
  body?: () => object;
  expect: Record<Role, Outcome>;
};
/** The trust ledger: the front desk is refused before anything is looked up. */
const trustReader = (code: MessageKey): Record<Role, Outcome> => ({
  admin: [404, code],
  advisor: [404, code],
  frontdesk: [403, "auth.forbidden"],
});
const missingUuid = randomUUID();
const idRoutes: Record<string, IdRoute> = {
  "PATCH /api/v1/members/:userId": {
    ids: () => ({ userId: A.advisor.me.id }),
    missing: { userId: "no-such-user" },
    body: () => ({ role: "admin" }),
    expect: adminOnly("members.not_found"),
  },
  "PUT /api/v1/members/:userId/expertise": {
    ids: () => ({ userId: A.advisor.me.id }),
    missing: { userId: "no-such-user" },
    body: () => ({ topics: ["overgenomen"] }),
    expect: adminOnly("members.not_found"),
  },
  "DELETE /api/v1/invitations/:id": {
    ids: () => ({ id: A.invitation.id }),
    missing: { id: "no-such-invitation" },
    expect: adminOnly("invitations.not_found"),
  },
  "PATCH /api/v1/teams/:id": {
    ids: () => ({ id: A.team.id }),
    missing: { id: missingUuid },
    body: () => ({ name: "Overgenomen team" }),
    expect: adminOnly("teams.not_found"),
  },
  "DELETE /api/v1/teams/:id": { ids: () => ({ id: A.team.id }), missing: { id: missingUuid }, expect: adminOnly("teams.not_found") },
  "PUT /api/v1/teams/:id/members": {
    ids: () => ({ id: A.team.id }),
    missing: { id: missingUuid },
    body: () => ({ userIds: [B.admin.me.id] }),
    expect: adminOnly("teams.not_found"),
  },
  "GET /api/v1/clients/:id": { ids: () => ({ id: A.client.id }), missing: { id: missingUuid }, expect: notFound("clients.not_found") },
  "PATCH /api/v1/clients/:id": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ name: "Overgenomen", accountOwnerId: B.admin.me.id }),
    expect: notFound("clients.not_found"),
  },
  "POST /api/v1/clients/:id/archive": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({}),
    expect: { admin: [404, "clients.not_found"], advisor: [404, "clients.not_found"], frontdesk: [403, "auth.forbidden"] },
  },
  "POST /api/v1/clients/:id/restore": {
    ids: () => ({ id: A.archived.id }),
    missing: { id: missingUuid },
    body: () => ({}),
    expect: { admin: [404, "clients.not_found"], advisor: [404, "clients.not_found"], frontdesk: [403, "auth.forbidden"] },
  },
  "GET /api/v1/clients/:id/contacts": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: notFound("clients.not_found"),
  },
  "POST /api/v1/clients/:id/contacts": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ name: "Ingeplant contact" }),
    expect: notFound("clients.not_found"),
  },
  "PATCH /api/v1/clients/:id/contacts/:contactId": {
    ids: () => ({ id: A.client.id, contactId: A.contact.id }),
    missing: { id: missingUuid, contactId: randomUUID() },
    body: () => ({ name: "Overgenomen" }),
    expect: notFound("clients.not_found"),
  },
  "DELETE /api/v1/clients/:id/contacts/:contactId": {
    ids: () => ({ id: A.client.id, contactId: A.contact.id }),
    missing: { id: missingUuid, contactId: randomUUID() },
    expect: notFound("clients.not_found"),
  },
  "DELETE /api/v1/api-tokens/:id": { ids: () => ({ id: A.token.id }), missing: { id: missingUuid }, expect: notFound("tokens.not_found") },
  "POST /api/v1/notifications/:id/read": {
    ids: () => ({ id: A.notification.id }),
    missing: { id: missingUuid },
    body: () => ({}),
    expect: notFound("notifications.not_found"),
  },
  "POST /api/v1/system/deliveries/:id/retry": {
    ids: () => ({ id: A.delivery.id }),
    missing: { id: missingUuid },
    body: () => ({}),
    expect: adminOnly("deliveries.not_found"),
  },
  "POST /api/v1/system/deliveries/:id/dismiss": {
    ids: () => ({ id: A.delivery.id }),
    missing: { id: missingUuid },
    body: () => ({}),
    expect: adminOnly("deliveries.not_found"),
  },
  "GET /api/v1/clients/:id/portal-links": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: notFound("clients.not_found"),
  },
  "POST /api/v1/clients/:id/portal-links": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ contactId: A.contact.id }),
    expect: notFound("clients.not_found"),
  },
  "DELETE /api/v1/clients/:id/portal-links/:linkId": {
    ids: () => ({ id: A.client.id, linkId: A.portalLink.id }),
    missing: { id: missingUuid, linkId: randomUUID() },
    expect: notFound("clients.not_found"),
  },
  "GET /api/v1/callbacks/:id": {
    ids: () => ({ id: A.callback.id }),
    missing: { id: missingUuid },
    expect: notFound("callbacks.not_found"),
  },
  "POST /api/v1/callbacks/:id/accept": {
    ids: () => ({ id: A.callback.id }),
    missing: { id: missingUuid },
    body: () => ({}),
    expect: notFound("callbacks.not_found"),
  },
  "POST /api/v1/callbacks/:id/attempts": {
    ids: () => ({ id: A.callback.id }),
    missing: { id: missingUuid },
    body: () => ({ reached: true }),
    expect: notFound("callbacks.not_found"),
  },
  "POST /api/v1/callbacks/:id/outcome": {
    ids: () => ({ id: A.callback.id }),
    missing: { id: missingUuid },
    body: () => ({ outcome: "overgenomen" }),
    expect: notFound("callbacks.not_found"),
  },
  "GET /api/v1/interactions/:id": {
    ids: () => ({ id: A.interaction.id }),
    missing: { id: missingUuid },
    expect: notFound("interactions.not_found"),
  },
  "GET /api/v1/clients/:id/interactions": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: notFound("clients.not_found"),
  },
  "GET /api/v1/clients/:id/timeline": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: notFound("clients.not_found"),
  },
  "GET /api/v1/commitments/:id": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    expect: notFound("commitments.not_found"),
  },
  "POST /api/v1/commitments/:id/complete": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    body: () => ({}),
    expect: notFound("commitments.not_found"),
  },
  "POST /api/v1/commitments/:id/reopen": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    body: () => ({ reason: "undo" }),
    expect: notFound("commitments.not_found"),
  },
  "POST /api/v1/commitments/:id/renegotiate": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    body: () => ({ dueAt: "2030-01-01T10:00:00+01:00", reason: "overgenomen", clientInformed: true }),
    expect: notFound("commitments.not_found"),
  },
  "POST /api/v1/commitments/:id/break": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    body: () => ({ reason: "sabotage" }),
    expect: notFound("commitments.not_found"),
  },
  "POST /api/v1/commitments/:id/cancel": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    body: () => ({ reason: "sabotage", clientAgreed: true }),
    expect: notFound("commitments.not_found"),
  },
  "POST /api/v1/commitments/:id/reassign": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    body: () => ({ ownerId: B.admin.me.id }),
    expect: notFound("commitments.not_found"),
  },
  "GET /api/v1/commitments/:id/client-notice": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    expect: notFound("commitments.not_found"),
  },
  "POST /api/v1/commitments/:id/client-notice": {
    ids: () => ({ id: A.commitment.id }),
    missing: { id: missingUuid },
    body: () => ({ dueAt: "2030-01-01T10:00:00+01:00", reason: "r", subject: "s", text: "t", language: "nl" }),
    expect: notFound("commitments.not_found"),
  },
  "PATCH /api/v1/sla-policies/:id": {
    ids: () => ({ id: A.policy.id }),
    missing: { id: missingUuid },
    body: () => ({ amount: 99 }),
    expect: { admin: [404, "sla_policies.not_found"], advisor: [403, "auth.forbidden"], frontdesk: [403, "auth.forbidden"] },
  },
  "DELETE /api/v1/sla-policies/:id": {
    ids: () => ({ id: A.policy.id }),
    missing: { id: missingUuid },
    expect: { admin: [404, "sla_policies.not_found"], advisor: [403, "auth.forbidden"], frontdesk: [403, "auth.forbidden"] },
  },
  "GET /api/v1/clients/:id/sla-overrides": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: notFound("clients.not_found"),
  },
  "PUT /api/v1/clients/:id/sla-overrides/:policyId": {
    ids: () => ({ id: A.client.id, policyId: A.policy.id }),
    missing: { id: missingUuid, policyId: randomUUID() },
    body: () => ({ amount: 1, unit: "working_days" }),
    expect: { admin: [404, "clients.not_found"], advisor: [403, "auth.forbidden"], frontdesk: [403, "auth.forbidden"] },
  },
  "DELETE /api/v1/clients/:id/sla-overrides/:policyId": {
    ids: () => ({ id: A.client.id, policyId: A.policy.id }),
    missing: { id: missingUuid, policyId: randomUUID() },
    expect: { admin: [404, "clients.not_found"], advisor: [403, "auth.forbidden"], frontdesk: [403, "auth.forbidden"] },
  },
  "GET /api/v1/clients/:id/trust": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: trustReader("clients.not_found"),
  },
  "GET /api/v1/clients/:id/trust/evidence": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: trustReader("clients.not_found"),
  },
  "GET /api/v1/clients/:id/trust/history": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: trustReader("clients.not_found"),
  },
  "POST /api/v1/clients/:id/evidence": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ core: "integrity", direction: "negative", reason: "Overgenomen door een ander kantoor" }),
    expect: trustReader("clients.not_found"),
  },
  "PUT /api/v1/clients/:id/contact-rhythm": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ contactRhythmDays: 5 }),
    expect: trustReader("clients.not_found"),
  },
  "POST /api/v1/at-risk/:id/acknowledge": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ reason: "Overgenomen", snoozeDays: 30 }),
    expect: trustReader("clients.not_found"),
  },
  "POST /api/v1/clients/:id/pulse-requests": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ contactId: A.contact.id }),
    expect: trustReader("clients.not_found"),
  },
  "GET /api/v1/clients/:id/pulse": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: trustReader("clients.not_found"),
  },
  "GET /api/v1/clients/:id/team-pulse": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: trustReader("clients.not_found"),
  },
  "POST /api/v1/clients/:id/team-pulse": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ feeling: 1, words: "Overgenomen" }),
    expect: trustReader("clients.not_found"),
  },
  "GET /api/v1/clients/:id/conduct": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: notFound("clients.not_found"),
  },
  "POST /api/v1/clients/:id/conduct": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ aspect: "pays_on_time", direction: "negative", note: "Ingeplant" }),
    expect: notFound("clients.not_found"),
  },
  "GET /api/v1/clients/:id/portal-settings": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    expect: notFound("clients.not_found"),
  },
  "PUT /api/v1/clients/:id/portal-settings": {
    ids: () => ({ id: A.client.id }),
    missing: { id: missingUuid },
    body: () => ({ showTrackRecord: true }),
    expect: notFound("clients.not_found"),
  },
  "GET /api/v1/contracts/:id": {
    ids: () => ({ id: A.contract.id }),
    missing: { id: missingUuid },
    expect: trustReader("contracts.not_found"),
  },
  "GET /api/v1/contracts/:id/audit": {
    ids: () => ({ id: A.contract.id }),
    missing: { id: missingUuid },
    expect: trustReader("contracts.not_found"),
  },
  "POST /api/v1/contracts/:id/increases": {
    ids: () => ({ id: A.contract.id }),
    missing: { id: missingUuid },
    body: () => ({ effectiveOn: "2021-01-01", appliedPct: 1.3 }),
    expect: trustReader("contracts.not_found"),
  },
  "POST /api/v1/contracts/:id/corrections": {
    ids: () => ({ id: A.contract.id }),
    missing: { id: missingUuid },
    body: () => ({ raisedBy: "us", refundCents: 800_000 }),
    expect: trustReader("contracts.not_found"),
  },
  "GET /api/v1/contracts/:id/correction-letter": {
    ids: () => ({ id: A.contract.id }),
    missing: { id: missingUuid },
    expect: trustReader("contracts.not_found"),
  },
  // The front desk reads engagements (without values) but does not change them.
  "GET /api/v1/engagements/:id": {
    ids: () => ({ id: A.engagement.id }),
    missing: { id: missingUuid },
    expect: notFound("engagements.not_found"),
  },
  "PUT /api/v1/engagements/:id/analysis": {
    ids: () => ({ id: A.engagement.id }),
    missing: { id: missingUuid },
    body: () => ({ realNeed: "Overgenomen", rootCauses: "r", risks: "r", advice: "a", secondLook: true }),
    expect: trustReader("engagements.not_found"),
  },
  "POST /api/v1/engagements/:id/stage": {
    ids: () => ({ id: A.engagement.id }),
    missing: { id: missingUuid },
    body: () => ({ stage: "analysis" }),
    expect: trustReader("engagements.not_found"),
  },
  "POST /api/v1/engagements/:id/decline": {
    ids: () => ({ id: A.engagement.id }),
    missing: { id: missingUuid },
    body: () => ({ reason: "Overgenomen", referral: "Elders" }),
    expect: trustReader("engagements.not_found"),
  },
  "POST /api/v1/engagements/:id/advice": {
    ids: () => ({ id: A.engagement.id }),
    missing: { id: missingUuid },
    body: () => ({ advice: "Overgenomen", againstOwnRevenue: true, revenueForgoneCents: 1 }),
    expect: trustReader("engagements.not_found"),
  },
  "POST /api/v1/engagements/:id/disagreements": {
    ids: () => ({ id: A.engagement.id }),
    missing: { id: missingUuid },
    body: () => ({ summary: "Overgenomen", resolvedBy: "contract" }),
    expect: trustReader("engagements.not_found"),
  },
  "GET /api/v1/incidents/:id": {
    ids: () => ({ id: A.incident.id }),
    missing: { id: missingUuid },
    expect: notFound("incidents.not_found"),
  },
  "PATCH /api/v1/incidents/:id": {
    ids: () => ({ id: A.incident.id }),
    missing: { id: missingUuid },
    body: () => ({ remedy: "Overgenomen" }),
    expect: notFound("incidents.not_found"),
  },
  "POST /api/v1/incidents/:id/disclosures": {
    ids: () => ({ id: A.incident.id }),
    missing: { id: missingUuid },
    body: () => ({ clientId: A.client.id, disclosedAt: new Date().toISOString(), channel: "call", message: "Ingeplant bericht" }),
    expect: notFound("incidents.not_found"),
  },
  "GET /api/v1/incidents/:id/disclosure-draft": {
    ids: () => ({ id: A.incident.id }),
    missing: { id: missingUuid },
    expect: notFound("incidents.not_found"),
  },
  "POST /api/v1/incidents/:id/non-disclosures": {
    ids: () => ({ id: A.incident.id }),
    missing: { id: missingUuid },
    body: () => ({ clientId: A.client.id, reason: "Ingeplante reden" }),
    expect: notFound("incidents.not_found"),
  },
  "POST /api/v1/incidents/:id/non-disclosures/:nid/approve": {
    ids: () => ({ id: A.incident.id, nid: A.nonDisclosure.id }),
    missing: { id: missingUuid, nid: missingUuid },
    expect: notFound("incidents.not_found"),
  },
  "DELETE /api/v1/rate-card/:id": {
    ids: () => ({ id: A.rate.id }),
    missing: { id: missingUuid },
    expect: adminOnly("rate_card.not_found"),
  },
  "PUT /api/v1/rate-card/fairness/:contractId/lines/:lineId/reason": {
    ids: () => ({ contractId: A.contract.id, lineId: A.contract.lines[0]?.id as string }),
    missing: { contractId: missingUuid, lineId: missingUuid },
    body: () => ({ reason: "Overgenomen reden" }),
    expect: trustReader("contracts.not_found"),
  },
  "GET /api/v1/index-series/:id": {
    ids: () => ({ id: A.indexSeries.id }),
    missing: { id: missingUuid },
    expect: notFound("index_series.not_found"),
  },
  "GET /api/v1/teams/:id/trust-profile": {
    ids: () => ({ id: A.team.id }),
    missing: { id: missingUuid },
    expect: adminOnly("teams.not_found"),
  },
};

/**
 * Routes with ids that are capabilities by design: whoever holds an invitation
 * link may see what it is for and accept it (with the invitee's password when
 * they have an account). Checked separately below.
 */
const capabilityRoutes = [
  "GET /api/v1/invitations/:id/public",
  "POST /api/v1/invitations/:id/accept",
  // The secret calendar address (see src/modules/calendar/calendar.test.ts).
  "GET /api/v1/calendar/:token",
  // A client's portal link (see src/modules/portal/portal.test.ts).
  "GET /api/v1/portal/:token",
  // A contact's pulse link (see src/modules/pulse/pulse.test.ts).
  "GET /api/v1/portal/:token/pulse",
  "POST /api/v1/portal/:token/pulse",
];

/** Routes without ids: what B sees there is checked for A's data below. */
const listRoutesWithoutIds = [
  "GET /api/v1/me",
  "GET /api/v1/members",
  "GET /api/v1/expertise",
  "GET /api/v1/export",
  "GET /api/v1/invitations",
  "GET /api/v1/teams",
  "GET /api/v1/clients",
  "GET /api/v1/api-tokens",
  "GET /api/v1/notifications",
  "GET /api/v1/system/status",
  "GET /api/v1/system/deliveries",
  "GET /api/v1/commitments",
  "GET /api/v1/my-day",
  "GET /api/v1/reliability",
  "GET /api/v1/settings/working-time",
  "GET /api/v1/sla-policies",
  "GET /api/v1/calendar-feed",
  "GET /api/v1/callbacks/preview",
  "GET /api/v1/at-risk",
  "GET /api/v1/trust/settings",
  "GET /api/v1/search",
  // Only ever the caller's own.
  "GET /api/v1/me/trust-profile",
  "GET /api/v1/incidents",
  "GET /api/v1/incident-policy",
  // A client filter of A's is not found (checked below).
  "GET /api/v1/contracts",
  "GET /api/v1/index-series",
  // The organization's own figures; a client filter of A's is not found (checked below).
  "GET /api/v1/integrity",
  // The organization's own rate card and the fairness of its own contract lines.
  "GET /api/v1/rate-card",
  "GET /api/v1/rate-card/fairness",
  // A client filter of A's is not found (checked below); owner and team filters of A's match nothing.
  "GET /api/v1/engagements",
  // Counts the organization's own engagements only.
  "GET /api/v1/pull-ratio",
];
/** Routes that create things or sessions: no foreign id in the path; references in bodies are checked below. */
const writeRoutesWithoutIds = [
  "POST /api/v1/signup",
  // Public: the token names the address it confirms, signed by the server; no organization id at all.
  "POST /api/v1/verify-email",
  "POST /api/v1/session",
  "DELETE /api/v1/session",
  "POST /api/v1/invitations",
  "POST /api/v1/teams",
  "POST /api/v1/clients",
  "POST /api/v1/api-tokens",
  "POST /api/v1/notifications/read-all",
  "POST /api/v1/commitments",
  // Reads pasted text and answers with suggestions; stores nothing and takes no ids.
  "POST /api/v1/commitments/suggestions",
  "PUT /api/v1/settings/working-time",
  "POST /api/v1/working-time/due",
  "POST /api/v1/sla-policies",
  "POST /api/v1/calendar-feed",
  "DELETE /api/v1/calendar-feed",
  "POST /api/v1/callbacks",
  // The organization's own trust settings and ledger rebuild: no ids.
  "PUT /api/v1/trust/settings",
  "POST /api/v1/trust/settings/preview",
  "POST /api/v1/trust/backfill",
  "POST /api/v1/interactions",
  // Client ids in the body: another organization's are not found (checked below).
  "POST /api/v1/incidents",
  // A client or index series of A's in the body is not found (checked below).
  "POST /api/v1/contracts",
  // A client, owner or team of A's in the body is refused (checked below).
  "POST /api/v1/engagements",
  // The organization's own disclosure policy: no ids.
  "PUT /api/v1/incident-policy",
  // A CSV body: it names a CBS table or a new name, never an id.
  "POST /api/v1/index-series/import",
  // The organization's own rate card and band: a role, a rate and a day, no ids.
  "POST /api/v1/rate-card",
  "PUT /api/v1/rate-card/settings",
  // A CSV body: client and series by name, matched within the caller's organization only (checked below).
  "POST /api/v1/contracts/import",
  // Only ever the caller's own.
  "PUT /api/v1/me/self-assessment",
];
/** Outside the API of an organization: documentation and health. */
const instanceRoutes = [
  "GET /api/docs",
  "GET /api/docs*",
  "GET /api/docs/json",
  "GET /api/docs/yaml",
  "GET /api/docs/static/index.html",
  "GET /api/docs/static/swagger-initializer.js",
  "GET /api/openapi.json",
  "GET /healthz",
  "GET /readyz",
];

/** The built web app's static files (present once `npm run build:web` ran): the same for everyone. */
const isWebAppFile = (route: { method: string; url: string }) =>
  route.method === "GET" && !route.url.startsWith("/api/") && !["/healthz", "/readyz"].includes(route.url);

const sessionOf = (role: Role) => ({ admin: B.admin, advisor: B.advisor, frontdesk: B.frontdesk })[role];

describe("tenant isolation", () => {
  it("has a decision for every route the server answers", () => {
    const decided = [
      ...Object.keys(idRoutes),
      ...capabilityRoutes,
      ...listRoutesWithoutIds,
      ...writeRoutesWithoutIds,
      ...instanceRoutes,
    ].sort();
    const actual = listRoutes(app)
      .filter((r) => !isWebAppFile(r))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(actual).toEqual(decided);
    for (const key of Object.keys(idRoutes)) expect(pathParams(key).length, key).toBeGreaterThan(0);
  });

  it.each(Object.keys(idRoutes))("%s with A's ids: B learns nothing and changes nothing", async (key) => {
    const route = idRoutes[key] as IdRoute;
    const [method, url] = key.split(" ") as [string, string];
    const before = await snapshotData(app);
    for (const role of ["admin", "advisor", "frontdesk"] as const) {
      for (const language of ["nl", "en"] as const) {
        const headers = { cookie: sessionOf(role).cookie, "accept-language": language };
        const call = (ids: Record<string, string>) =>
          app.server.inject({
            method: method as "GET",
            url: fillPath(url, ids),
            headers,
            ...(route.body ? { payload: route.body() } : {}),
          });
        const foreign = await call(route.ids());
        const [status, code] = route.expect[role];
        expectError(foreign, status, code, language);
        expectNoAlpha(foreign.body, `${role} ${key}`);
        // Exactly what an id that does not exist gets.
        const absent = await call(route.missing);
        expect(foreign.statusCode, `${role} ${key}`).toBe(absent.statusCode);
        expect(foreign.json(), `${role} ${key}`).toEqual(absent.json());
      }
    }
    // The same through B's API token (the admin's, every scope); routes for a session only refuse any token first.
    const viaToken = await app.server.inject({
      method: method as "GET",
      url: fillPath(url, route.ids()),
      headers: { authorization: `Bearer ${B.token.token}` },
      ...(route.body ? { payload: route.body() } : {}),
    });
    if (ROUTE_ACCESS[key] === "session") expectError(viaToken, 403, "tokens.session_only", "en");
    else expectError(viaToken, route.expect.admin[0], route.expect.admin[1], "en");
    expect(await snapshotData(app)).toEqual(before);
  });

  it("B's own parent with A's child id: the child is not found", async () => {
    const before = await snapshotData(app);
    const b = as(app, B.admin);
    const patched = await b.patch(`/api/v1/clients/${B.client.id}/contacts/${A.contact.id}`, { name: "Overgenomen" });
    const removed = await b.delete(`/api/v1/clients/${B.client.id}/contacts/${A.contact.id}`);
    const absent = await b.delete(`/api/v1/clients/${B.client.id}/contacts/${randomUUID()}`);
    expectError(patched, 404, "contacts.not_found", "en");
    expectError(removed, 404, "contacts.not_found", "en");
    expect(removed.json()).toEqual(absent.json());
    expect(await snapshotData(app)).toEqual(before);
  });

  it("A's ids inside B's request bodies are refused as unknown", async () => {
    const before = await snapshotData(app);
    const b = as(app, B.admin);
    expectError(
      await b.post("/api/v1/clients", { kind: "company", name: "Beta X", accountOwnerId: A.advisor.me.id }),
      400,
      "clients.owner_not_member",
      "en",
    );
    expectError(await b.post("/api/v1/clients", { kind: "company", name: "Beta X", teamId: A.team.id }), 400, "teams.not_found", "en");
    expectError(await b.patch(`/api/v1/clients/${B.client.id}`, { accountOwnerId: A.admin.me.id }), 400, "clients.owner_not_member", "en");
    expectError(await b.patch(`/api/v1/clients/${B.client.id}`, { teamId: A.team.id }), 400, "teams.not_found", "en");
    expectError(await b.put(`/api/v1/teams/${B.team.id}/members`, { userIds: [A.advisor.me.id] }), 400, "members.not_found", "en");
    // An error of B's that names A's client next to B's own: refused whole, nothing of it stored.
    const incident = { title: "Beta fout", discoveredAt: "2026-01-05T10:00:00+01:00", foundBy: "us", severity: "low" };
    expectError(await b.post("/api/v1/incidents", { ...incident, clientIds: [B.client.id, A.client.id] }), 404, "clients.not_found", "en");
    const contract = { clientId: B.client.id, title: "Beta contract", startsOn: "2020-01-01", annualPriceCents: 100 };
    expectError(await b.post("/api/v1/contracts", { ...contract, clientId: A.client.id }), 404, "clients.not_found", "en");
    const foreignSeries = { seriesId: A.series.id, method: "yoy", lagMonths: 4 };
    expect((await b.post("/api/v1/contracts", { ...contract, indexation: foreignSeries })).statusCode).toBe(404);
    expectError(await b.get(`/api/v1/contracts?clientId=${A.client.id}`), 404, "clients.not_found", "en");
    expectError(await b.get(`/api/v1/integrity?clientId=${A.client.id}`), 404, "clients.not_found", "en");
    // A CSV naming A's client and A's own series is refused whole: those names are not known in B.
    const csv = await app.server.inject({
      method: "POST",
      url: "/api/v1/contracts/import",
      headers: { cookie: B.admin.cookie, "content-type": "text/csv" },
      payload: `klant;titel;start;jaarprijs;reeks\nAlpha Klant BV;Overgenomen;2020-01-01;100,00;\nBeta Klant BV;Eigen;2020-01-01;100,00;Alpha lonen\n`,
    });
    expectError(csv, 400, "contracts.import_invalid", "en");
    expect(csv.json().error.details.rows.map((row: { line: number; code: string }) => [row.line, row.code])).toEqual([
      [2, "contracts.import.unknown_client"],
      [3, "contracts.import.unknown_series"],
    ]);
    const engagement = { clientId: B.client.id, title: "Beta opdracht", request: "Beta vraag", initiatedBy: "us", ownerId: B.admin.me.id };
    expectError(await b.post("/api/v1/engagements", { ...engagement, clientId: A.client.id }), 404, "clients.not_found", "en");
    expectError(
      await b.post("/api/v1/engagements", { ...engagement, ownerId: A.advisor.me.id }),
      400,
      "engagements.owner_not_member",
      "en",
    );
    expectError(await b.post("/api/v1/engagements", { ...engagement, teamId: A.team.id }), 400, "teams.not_found", "en");
    expectError(await b.get(`/api/v1/engagements?clientId=${A.client.id}`), 404, "clients.not_found", "en");
    expect((await b.get(`/api/v1/engagements?ownerId=${A.advisor.me.id}`)).json().items).toEqual([]);
    const commitment = {
      clientId: B.client.id,
      title: "Beta X",
      doneWhen: "d",
      ownerId: B.admin.me.id,
      dueAt: "2030-01-01T10:00:00+01:00",
      source: "note",
    };
    expectError(await b.post("/api/v1/commitments", { ...commitment, clientId: A.client.id }), 400, "clients.not_found", "en");
    expectError(
      await b.post("/api/v1/commitments", { ...commitment, ownerId: A.advisor.me.id }),
      400,
      "commitments.owner_not_member",
      "en",
    );
    expectError(
      await b.post("/api/v1/commitments", { ...commitment, contactId: A.contact.id }),
      400,
      "commitments.contact_not_of_client",
      "en",
    );
    expectError(
      await b.post("/api/v1/commitments", { ...commitment, dueAt: undefined, slaPolicyId: A.policy.id }),
      400,
      "sla_policies.not_found",
      "en",
    );
    expectError(await b.post("/api/v1/working-time/due", { slaPolicyId: A.policy.id }), 404, "sla_policies.not_found", "en");
    expectError(
      await b.post("/api/v1/working-time/due", {
        slaPolicyId: (await b.get("/api/v1/sla-policies")).json().items[0].id,
        clientId: A.client.id,
      }),
      404,
      "clients.not_found",
      "en",
    );
    const callback = { clientId: B.client.id, question: "Beta vraag", readBack: true, callbackPhone: "0201234567" };
    expectError(await b.post("/api/v1/callbacks", { ...callback, clientId: A.client.id }), 400, "clients.not_found", "en");
    expectError(
      await b.post("/api/v1/callbacks", { ...callback, contactId: A.contact.id }),
      400,
      "commitments.contact_not_of_client",
      "en",
    );
    expectError(await b.post("/api/v1/callbacks", { ...callback, expertId: A.advisor.me.id }), 400, "callbacks.expert_not_member", "en");
    expectError(await b.get(`/api/v1/callbacks/preview?clientId=${A.client.id}`), 404, "clients.not_found", "en");
    const interaction = {
      clientId: B.client.id,
      kind: "call",
      direction: "outbound",
      initiatedBy: "us",
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      summary: "Beta gesprek",
    };
    expectError(await b.post("/api/v1/interactions", { ...interaction, clientId: A.client.id }), 404, "clients.not_found", "en");
    expectError(await b.post("/api/v1/interactions", { ...interaction, contactId: A.contact.id }), 404, "contacts.not_found", "en");
    const preview = await b.get("/api/v1/callbacks/preview?topic=gedeelde");
    expectNoAlpha(preview.body, "callback preview");
    // The list filter on an owner of A's finds nothing.
    const byOwner = await b.get(`/api/v1/clients?ownerId=${encodeURIComponent(A.advisor.me.id)}`);
    expect(byOwner.json()).toEqual({ items: [], nextCursor: null });
    expect(await snapshotData(app)).toEqual(before);
  });

  it.each(["admin", "advisor", "frontdesk"] as const)("lists never contain A's records (B's %s)", async (role) => {
    const b = as(app, sessionOf(role));
    const urls = [
      ...listRoutesWithoutIds.map((key) => key.split(" ")[1] as string),
      "/api/v1/clients?archived=true",
      "/api/v1/clients?q=alpha",
      "/api/v1/clients?q=klant",
      "/api/v1/clients?limit=200",
      "/api/v1/expertise?topic=belasting",
      "/api/v1/expertise?topic=gedeelde",
    ];
    const needsQuery: Record<string, string> = {
      "/api/v1/expertise": "?topic=a",
      "/api/v1/reliability": "?from=2026-01-01&to=2027-12-31",
      "/api/v1/search": "?q=alpha",
    };
    urls.push(
      "/api/v1/reliability?from=2026-01-01&to=2027-12-31&groupBy=client",
      "/api/v1/reliability?from=2026-01-01&to=2027-12-31&groupBy=team",
    );
    urls.push(`/api/v1/commitments?clientId=${A.client.id}`, `/api/v1/commitments?ownerId=${encodeURIComponent(A.advisor.me.id)}`);
    urls.push("/api/v1/search?q=klant", "/api/v1/search?q=gedeelde%20kennis", "/api/v1/search?q=rapport&limit=50");
    for (const url of urls) {
      const response = await b.get(`${url}${needsQuery[url] ?? ""}`);
      expect([200, 403], `${role} ${url}: ${response.body}`).toContain(response.statusCode);
      expectNoAlpha(response.body, `${role} ${url}`);
    }
    // B's own data is there, so the lists were not simply empty.
    expect((await b.get("/api/v1/clients?q=klant")).json().items.map((c: { id: string }) => c.id)).toEqual([B.client.id]);
    expect((await b.get("/api/v1/expertise?topic=gedeelde")).json().items.map((m: { id: string }) => m.id)).toEqual([B.advisor.me.id]);
    expect((await b.get("/api/v1/search?q=klant")).json().results.map((r: { id: string }) => r.id)).toEqual([B.client.id]);
  });

  it("B's export holds B's organization only", async () => {
    const exported = await as(app, B.admin).get("/api/v1/export");
    expect(exported.statusCode).toBe(200);
    expectNoAlpha(exported.body, "export");
    const data = exported.json();
    expect(data.organization.id).toBe(B.admin.me.organizationId);
    expect(data.clients.map((c: { id: string }) => c.id)).toEqual([B.client.id]);
    expect(data.contacts.map((c: { id: string }) => c.id)).toEqual([B.contact.id]);
  });

  it("B's API token cannot read A's data", async () => {
    const token = { token: B.token.token };
    const b = as(app, token);
    expect((await b.get("/api/v1/me")).json().organizationId).toBe(B.admin.me.organizationId);
    expectError(await b.get(`/api/v1/clients/${A.client.id}`), 404, "clients.not_found", "en");
    expectError(await b.get(`/api/v1/clients/${A.client.id}/contacts`), 404, "clients.not_found", "en");
    for (const url of [
      "/api/v1/clients?limit=200",
      "/api/v1/clients?archived=true",
      "/api/v1/members",
      "/api/v1/teams",
      "/api/v1/export",
    ]) {
      const response = await b.get(url);
      expect(response.statusCode, url).toBe(200);
      expectNoAlpha(response.body, `token ${url}`);
    }
    // And A's token reads A's client: the 404 above is about the organization, not the token.
    expect((await as(app, { token: A.token.token }).get(`/api/v1/clients/${A.client.id}`)).statusCode).toBe(200);
  });

  it("invitation links are capabilities: the public view shows only what the link is for, accepting needs the invitee's password", async () => {
    const before = await snapshotData(app);
    const view = await as(app, B.admin).get(`/api/v1/invitations/${A.invitation.id}/public`);
    expect(view.statusCode).toBe(200);
    expect(Object.keys(view.json()).sort()).toEqual(["email", "organizationName", "role"]);
    expect(view.body).not.toContain(A.admin.me.organizationId);
    expect(view.body).not.toContain(A.admin.me.id);

    const accept = await app.server.inject({
      method: "POST",
      url: `/api/v1/invitations/${A.invitationForExistingAccount.id}/accept`,
      headers: { cookie: B.admin.cookie, "accept-language": "nl" },
      remoteAddress: "10.4.0.1",
      payload: { password: "not their password" },
    });
    expectError(accept, 401, "auth.invalid_credentials", "nl");
    expect(accept.headers["set-cookie"]).toBeUndefined();
    expect(await snapshotData(app)).toEqual(before);
    // B's session is still B's.
    expect((await as(app, B.admin).get("/api/v1/me")).json().organizationId).toBe(B.admin.me.organizationId);
  });

  it("A's data is intact and complete after everything B tried", async () => {
    const a = as(app, A.admin);
    expect((await a.get(`/api/v1/clients/${A.client.id}`)).json()).toMatchObject({ name: "Alpha Klant BV", contactCount: 1 });
    expect((await a.get(`/api/v1/clients/${A.client.id}/contacts`)).json().items.map((c: { id: string }) => c.id)).toEqual([A.contact.id]);
    expect((await a.get("/api/v1/teams")).json().items).toEqual([
      { id: A.team.id, name: "Alpha Team", memberIds: [A.admin.me.id, A.advisor.me.id].sort() },
    ]);
    const members = (await a.get("/api/v1/members")).json().items;
    expect(members.map((m: { id: string; role: string }) => [m.id, m.role]).sort()).toEqual(
      [
        [A.admin.me.id, "admin"],
        [A.advisor.me.id, "advisor"],
      ].sort(),
    );
    expect(
      (await a.get("/api/v1/invitations"))
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([A.invitation.id, A.invitationForExistingAccount.id].sort());
    expect((await as(app, { token: A.token.token }).get("/api/v1/me")).statusCode).toBe(200);
  });
});
