import type { App } from "../../src/app.ts";
import { addMember, type Role } from "./members.ts";
import { as, type Session, signup } from "./test-app.ts";

/**
 * One organization with a member in every role, an API token and one of each
 * thing a route may name — for suites that call every route as every role.
 * Everything is made by the administrator; the commitment, the callback and the
 * engagement are the lead's, so another advisor acting on them acts on someone else's.
 */
export type RoleFixture = {
  sessions: Record<Role, Session>;
  token: string;
  ids: Record<string, string>;
};

let organizations = 0;

export async function roleFixture(app: App): Promise<RoleFixture> {
  organizations++;
  const address = `10.66.${Math.floor(organizations / 250) % 250}.${organizations % 250}`;
  const admin = await signup(app, { name: "Rol Beheerder", organizationName: `Rollen ${organizations}`, remoteAddress: address });
  const lead = await addMember(app, admin, "lead", { name: "Rol Leider" });
  const advisor = await addMember(app, admin, "advisor", { name: "Rol Adviseur" });
  const frontdesk = await addMember(app, admin, "frontdesk", { name: "Rol Balie" });
  const api = as(app, admin);
  const made = async (response: Awaited<ReturnType<typeof api.post>>) => {
    if (response.statusCode >= 300) throw new Error(`fixture: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const token = await made(await api.post("/api/v1/api-tokens", { name: "Koppeling", scopes: ["read", "write"] }));
  const team = await made(await api.post("/api/v1/teams", { name: "Fiscaal" }));
  const client = await made(await api.post("/api/v1/clients", { kind: "company", name: "Bakkerij Jansen" }));
  const contact = await made(await api.post(`/api/v1/clients/${client.id}/contacts`, { name: "Jan Jansen", email: "jan@jansen.example" }));
  const policies = (await api.get("/api/v1/sla-policies")).json().items;
  const commitment = await made(
    await api.post("/api/v1/commitments", {
      clientId: client.id,
      title: "Plan van aanpak sturen",
      doneWhen: "Plan gemaild",
      ownerId: lead.me.id,
      dueIn: { amount: 2, unit: "working_days" },
      source: "call",
    }),
  );
  const callback = (
    await made(
      await api.post("/api/v1/callbacks", {
        clientId: client.id,
        contactId: contact.id,
        question: "Wil teruggebeld worden over de aangifte",
        readBack: true,
        expertId: lead.me.id,
      }),
    )
  ).commitment;
  const interaction = await made(
    await api.post("/api/v1/interactions", {
      clientId: client.id,
      kind: "call",
      direction: "inbound",
      initiatedBy: "client",
      summary: "Belde over de aangifte",
    }),
  );
  const invitation = await made(
    await api.post("/api/v1/invitations", { email: `uitgenodigd.${organizations}@example.test`, role: "advisor" }),
  );
  const portalLink = await made(await api.post(`/api/v1/clients/${client.id}/portal-links`, { contactId: contact.id }));
  const incident = await made(
    await api.post("/api/v1/incidents", {
      clientIds: [client.id],
      title: "Verkeerd tarief",
      discoveredAt: "2026-12-01T09:00:00Z",
      foundBy: "us",
      severity: "low",
    }),
  );
  const nonDisclosure = await made(
    await as(app, advisor).post(`/api/v1/incidents/${incident.id}/non-disclosures`, { clientId: client.id, reason: "Geen gevolgen" }),
  );
  const series = (await api.get("/api/v1/index-series")).json().items[0];
  const contract = await made(
    await api.post("/api/v1/contracts", {
      clientId: client.id,
      title: "Jaarcontract",
      startsOn: "2019-01-01",
      annualPriceCents: 100_000,
      indexation: { seriesId: series.id, method: "annual_average", lagMonths: 0 },
      lines: [{ role: "Partner", hourlyRateCents: 20_000, hoursPerYear: 5 }],
    }),
  );
  const engagement = await made(
    await api.post("/api/v1/engagements", {
      clientId: client.id,
      title: "Nieuw boekhoudsysteem",
      request: "Wij willen een nieuw boekhoudsysteem",
      initiatedBy: "client",
      ownerId: lead.me.id,
    }),
  );
  const rate = await made(await api.post("/api/v1/rate-card", { role: "Partner", hourlyRateCents: 15_000, validFrom: "2018-01-01" }));
  const notification = await app.database.db
    .selectFrom("notifications")
    .select("id")
    .where("org_id", "=", admin.me.organizationId)
    .executeTakeFirst();
  const delivery = await app.database.db
    .selectFrom("deliveries")
    .select("id")
    .where("org_id", "=", admin.me.organizationId)
    .executeTakeFirst();
  return {
    sessions: { admin, lead, advisor, frontdesk },
    token: token.token,
    ids: {
      userId: lead.me.id,
      teamId: team.id,
      clientId: client.id,
      contactId: contact.id,
      policyId: policies[0].id,
      commitmentId: commitment.id,
      callbackId: callback.id,
      interactionId: interaction.id,
      invitationId: invitation.id,
      linkId: portalLink.id,
      incidentId: incident.id,
      nid: nonDisclosure.id,
      seriesId: series.id,
      contractId: contract.id,
      lineId: contract.lines[0].id,
      rateId: rate.id,
      engagementId: engagement.id,
      tokenId: token.id,
      notificationId: notification?.id ?? "00000000-0000-4000-8000-000000000000",
      deliveryId: delivery?.id ?? "00000000-0000-4000-8000-000000000000",
    },
  };
}
