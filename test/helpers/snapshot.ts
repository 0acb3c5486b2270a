import type { App } from "../../src/app.ts";

/**
 * Everything saved that a request could damage (sessions left out: signing in
 * creates them). Compared before and after bad requests: "lose nothing that
 * was already saved" (PRODUCT.md §6).
 */
export async function snapshotData(app: App) {
  const db = app.database.db;
  return {
    users: await db.selectFrom("user").selectAll().orderBy("id").execute(),
    accounts: (await app.database.executeSql(`select "id", "userId", "password", "updatedAt" from "account" order by "id"`)).rows,
    organizations: await db.selectFrom("organization").selectAll().orderBy("id").execute(),
    members: await db.selectFrom("member").selectAll().orderBy("id").execute(),
    invitations: await db.selectFrom("invitation").selectAll().orderBy("id").execute(),
    teams: await db.selectFrom("teams").selectAll().orderBy("org_id").orderBy("id").execute(),
    teamMembers: await db.selectFrom("team_members").selectAll().orderBy("org_id").orderBy("team_id").orderBy("user_id").execute(),
    expertise: await db.selectFrom("expertise").selectAll().orderBy("org_id").orderBy("user_id").orderBy("topic").execute(),
    clients: await db.selectFrom("clients").selectAll().orderBy("org_id").orderBy("id").execute(),
    contacts: await db.selectFrom("contacts").selectAll().orderBy("org_id").orderBy("id").execute(),
    apiTokens: await db
      .selectFrom("api_tokens")
      .select(["org_id", "id", "user_id", "name", "token_hash", "revoked_at"])
      .orderBy("org_id")
      .orderBy("id")
      .execute(),
    orgSettings: await db.selectFrom("org_settings").selectAll().orderBy("org_id").execute(),
    slaPolicies: await db.selectFrom("sla_policies").selectAll().orderBy("org_id").orderBy("id").execute(),
    slaOverrides: await db
      .selectFrom("client_sla_overrides")
      .selectAll()
      .orderBy("org_id")
      .orderBy("client_id")
      .orderBy("policy_id")
      .execute(),
    commitments: await db.selectFrom("commitments").selectAll().orderBy("org_id").orderBy("id").execute(),
    commitmentEvents: await db.selectFrom("commitment_events").select(["org_id", "id", "kind"]).orderBy("org_id").orderBy("id").execute(),
    callbacks: await db.selectFrom("callbacks").selectAll().orderBy("org_id").orderBy("commitment_id").execute(),
    portalLinks: await db.selectFrom("portal_links").select(["org_id", "id", "revoked_at"]).orderBy("org_id").orderBy("id").execute(),
    calendarFeeds: await db.selectFrom("calendar_feeds").select(["org_id", "id", "revoked_at"]).orderBy("org_id").orderBy("id").execute(),
    notifications: await db
      .selectFrom("notifications")
      .select(["org_id", "id", "user_id", "read_at"])
      .orderBy("org_id")
      .orderBy("id")
      .execute(),
    deliveries: await db
      .selectFrom("deliveries")
      .select(["org_id", "id", "status", "attempts", "next_attempt_at"])
      .orderBy("org_id")
      .orderBy("id")
      .execute(),
    interactions: await db.selectFrom("interactions").selectAll().orderBy("org_id").orderBy("id").execute(),
    domainEvents: await db.selectFrom("domain_events").select(["org_id", "id", "type"]).orderBy("org_id").orderBy("id").execute(),
    incidents: await db.selectFrom("incidents").selectAll().orderBy("org_id").orderBy("id").execute(),
    incidentClients: await db
      .selectFrom("incident_clients")
      .selectAll()
      .orderBy("org_id")
      .orderBy("incident_id")
      .orderBy("client_id")
      .execute(),
    incidentDisclosures: await db.selectFrom("incident_disclosures").selectAll().orderBy("org_id").orderBy("id").execute(),
    incidentNonDisclosures: await db.selectFrom("incident_non_disclosures").selectAll().orderBy("org_id").orderBy("id").execute(),
    incidentSettings: await db.selectFrom("incident_settings").selectAll().orderBy("org_id").execute(),
    contracts: await db.selectFrom("contracts").selectAll().orderBy("org_id").orderBy("id").execute(),
    engagements: await db.selectFrom("engagements").selectAll().orderBy("org_id").orderBy("id").execute(),
    engagement_advice: await db.selectFrom("engagement_advice").selectAll().orderBy("org_id").orderBy("id").execute(),
    engagement_disagreements: await db.selectFrom("engagement_disagreements").selectAll().orderBy("org_id").orderBy("id").execute(),
    contractIncreases: await db
      .selectFrom("contract_increases")
      .selectAll()
      .orderBy("org_id")
      .orderBy("contract_id")
      .orderBy("year")
      .execute(),
    contractCorrections: await db.selectFrom("contract_corrections").selectAll().orderBy("org_id").orderBy("id").execute(),
    contractLines: await db.selectFrom("contract_lines").selectAll().orderBy("org_id").orderBy("id").execute(),
    rateCardRates: await db.selectFrom("rate_card_rates").selectAll().orderBy("org_id").orderBy("id").execute(),
    rateCardSettings: await db.selectFrom("rate_card_settings").selectAll().orderBy("org_id").execute(),
    fairnessReasons: await db.selectFrom("fairness_reasons").selectAll().orderBy("org_id").orderBy("line_id").execute(),
    indexSeries: await db.selectFrom("index_series").selectAll().orderBy("org_id").orderBy("id").execute(),
    indexPoints: await db.selectFrom("index_points").selectAll().orderBy("org_id").orderBy("series_id").orderBy("period").execute(),
  };
}
