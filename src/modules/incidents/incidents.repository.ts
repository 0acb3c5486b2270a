import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { DisclosureChannel, IncidentFoundBy, IncidentSeverity } from "../../db/schema-incidents.ts";

/** All SQL of errors and disclosure; every function is scoped by organization except the sweep's claims. */

export async function insertIncident(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    title: string;
    description: string | null;
    discovered_at: Date;
    found_by: IncidentFoundBy;
    severity: IncidentSeverity;
    root_cause: string | null;
    remedy: string | null;
    lesson: string | null;
    recorded_by: string;
    recorded_at: Date;
    updated_at: Date;
  },
) {
  await db.insertInto("incidents").values(row).execute();
}

export async function insertIncidentClients(
  db: Kysely<DB>,
  rows: { org_id: string; incident_id: string; client_id: string; disclose_by: Date; admins_by: Date }[],
) {
  await db.insertInto("incident_clients").values(rows).execute();
}

export async function updateIncident(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  changes: Partial<{
    title: string;
    severity: IncidentSeverity;
    description: string | null;
    root_cause: string | null;
    remedy: string | null;
    lesson: string | null;
  }> & { updated_at: Date },
) {
  return db.updateTable("incidents").set(changes).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

const incidentColumns = [
  "i.id",
  "i.title",
  "i.description",
  "i.discovered_at",
  "i.found_by",
  "i.severity",
  "i.root_cause",
  "i.remedy",
  "i.lesson",
  "i.recorded_by",
  "i.recorded_at",
  "i.updated_at",
  "u.name as recorded_by_name",
] as const;

export async function findIncident(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("incidents as i")
    .leftJoin("user as u", "u.id", "i.recorded_by")
    .select(incidentColumns)
    .where("i.org_id", "=", orgId)
    .where("i.id", "=", id)
    .executeTakeFirst();
}
export type IncidentRow = NonNullable<Awaited<ReturnType<typeof findIncident>>>;

/** Locks the error while a disclosure or approval is written (two people telling one client at once: one wins). */
export async function lockIncident(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("incidents")
    .select(["id", "discovered_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Errors of the organization, untold clients first, then newest discovery
 * first. `open`: a client neither told nor approved not to be told;
 * `undisclosed`: a client without a disclosure.
 */
export async function listIncidents(
  db: Kysely<DB>,
  orgId: string,
  query: { status: "all" | "open" | "undisclosed"; clientId?: string | undefined; limit: number },
) {
  let q = db
    .selectFrom("incidents as i")
    .leftJoin("user as u", "u.id", "i.recorded_by")
    .select(incidentColumns)
    .select(
      sql<boolean>`exists (select 1 from incident_clients ic where ic.org_id = i.org_id and ic.incident_id = i.id and ic.settled_at is null)`.as(
        "has_open",
      ),
    )
    .where("i.org_id", "=", orgId);
  if (query.status === "open") {
    q = q.where(
      sql<boolean>`exists (select 1 from incident_clients ic where ic.org_id = i.org_id and ic.incident_id = i.id and ic.settled_at is null)`,
    );
  }
  if (query.status === "undisclosed") {
    q = q.where(
      sql<boolean>`exists (select 1 from incident_clients ic where ic.org_id = i.org_id and ic.incident_id = i.id
        and not exists (select 1 from incident_disclosures d where d.org_id = ic.org_id and d.incident_id = ic.incident_id and d.client_id = ic.client_id))`,
    );
  }
  if (query.clientId) {
    const clientId = query.clientId;
    q = q.where(
      sql<boolean>`exists (select 1 from incident_clients ic where ic.org_id = i.org_id and ic.incident_id = i.id and ic.client_id = ${clientId})`,
    );
  }
  return q.orderBy("has_open", "desc").orderBy("i.discovered_at", "desc").orderBy("i.id", "desc").limit(query.limit).execute();
}

export async function listIncidentClients(db: Kysely<DB>, orgId: string, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom("incident_clients as ic")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "ic.org_id").onRef("c.id", "=", "ic.client_id"))
    .select([
      "ic.incident_id",
      "ic.client_id",
      "c.name as client_name",
      "c.team_id",
      "ic.disclose_by",
      "ic.admins_by",
      "ic.lead_escalated_at",
      "ic.admins_escalated_at",
      "ic.settled_at",
    ])
    .where("ic.org_id", "=", orgId)
    .where("ic.incident_id", "in", incidentIds)
    .orderBy("c.sort_name")
    .orderBy("ic.client_id")
    .execute();
}

export async function lockIncidentClient(db: Kysely<DB>, orgId: string, incidentId: string, clientId: string) {
  return db
    .selectFrom("incident_clients")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("incident_id", "=", incidentId)
    .where("client_id", "=", clientId)
    .forUpdate()
    .executeTakeFirst();
}

export async function settle(db: Kysely<DB>, orgId: string, incidentId: string, clientId: string, at: Date) {
  await db
    .updateTable("incident_clients")
    .set({ settled_at: at })
    .where("org_id", "=", orgId)
    .where("incident_id", "=", incidentId)
    .where("client_id", "=", clientId)
    .execute();
}

export async function listDisclosures(db: Kysely<DB>, orgId: string, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom("incident_disclosures as d")
    .leftJoin("user as u", "u.id", "d.disclosed_by")
    .select([
      "d.id",
      "d.incident_id",
      "d.client_id",
      "d.disclosed_at",
      "d.channel",
      "d.message",
      "d.working_ms",
      "d.within_policy",
      "d.disclosed_by",
      "u.name as disclosed_by_name",
    ])
    .where("d.org_id", "=", orgId)
    .where("d.incident_id", "in", incidentIds)
    .execute();
}

export async function insertDisclosure(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    incident_id: string;
    client_id: string;
    disclosed_at: Date;
    channel: DisclosureChannel;
    message: string;
    working_ms: number;
    within_policy: boolean;
    disclosed_by: string;
    recorded_at: Date;
  },
) {
  await db.insertInto("incident_disclosures").values(row).execute();
}

export async function listNonDisclosures(db: Kysely<DB>, orgId: string, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom("incident_non_disclosures as n")
    .leftJoin("user as p", "p.id", "n.proposed_by")
    .leftJoin("user as a", "a.id", "n.approved_by")
    .select([
      "n.id",
      "n.incident_id",
      "n.client_id",
      "n.reason",
      "n.proposed_by",
      "p.name as proposed_by_name",
      "n.proposed_at",
      "n.approved_by",
      "a.name as approved_by_name",
      "n.approved_at",
    ])
    .where("n.org_id", "=", orgId)
    .where("n.incident_id", "in", incidentIds)
    .orderBy("n.proposed_at")
    .orderBy("n.id")
    .execute();
}

export async function insertNonDisclosure(
  db: Kysely<DB>,
  row: { org_id: string; id: string; incident_id: string; client_id: string; reason: string; proposed_by: string; proposed_at: Date },
) {
  await db.insertInto("incident_non_disclosures").values(row).execute();
}

export async function lockNonDisclosure(db: Kysely<DB>, orgId: string, incidentId: string, id: string) {
  return db
    .selectFrom("incident_non_disclosures")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("incident_id", "=", incidentId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function approveNonDisclosure(db: Kysely<DB>, orgId: string, id: string, by: string, at: Date) {
  await db
    .updateTable("incident_non_disclosures")
    .set({ approved_by: by, approved_at: at })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function findPolicy(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("incident_settings").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function savePolicy(
  db: Kysely<DB>,
  row: { org_id: string; disclose_within_hours: number | null; admins_after_hours: number | null; updated_by: string; updated_at: Date },
) {
  await db
    .insertInto("incident_settings")
    .values(row)
    .onConflict((oc) =>
      oc.column("org_id").doUpdateSet({
        disclose_within_hours: row.disclose_within_hours,
        admins_after_hours: row.admins_after_hours,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** The sender's name and the organization's, for the drafted message. */
export async function senderOf(db: Kysely<DB>, orgId: string, userId: string) {
  const user = await db.selectFrom("user").select("name").where("id", "=", userId).executeTakeFirst();
  const org = await db.selectFrom("organization").select("name").where("id", "=", orgId).executeTakeFirst();
  return { name: user?.name ?? "", organization: org?.name ?? "" };
}

/** A client's untold errors (neither told nor approved not to be told), for the at-risk list. */
export async function unsettledForClient(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("incident_clients as ic")
    .innerJoin("incidents as i", (join) => join.onRef("i.org_id", "=", "ic.org_id").onRef("i.id", "=", "ic.incident_id"))
    .select(["i.id", "i.title", "i.discovered_at", "ic.disclose_by"])
    .where("ic.org_id", "=", orgId)
    .where("ic.client_id", "=", clientId)
    .where("ic.settled_at", "is", null)
    .orderBy("i.discovered_at", "desc")
    .execute();
}

/**
 * Pairs due for an escalation step, across organizations: unsettled, the
 * step's deadline passed, the step not taken. Claimed one at a time by the
 * sweep (lockDueStep) so each step is its own transaction.
 */
export async function dueForStep(db: Kysely<DB>, step: "lead" | "admins", now: Date, limit: number) {
  const deadline = step === "lead" ? "disclose_by" : "admins_by";
  const taken = step === "lead" ? "lead_escalated_at" : "admins_escalated_at";
  return db
    .selectFrom("incident_clients")
    .select(["org_id", "incident_id", "client_id"])
    .where("settled_at", "is", null)
    .where(taken, "is", null)
    .where(deadline, "<", now)
    .orderBy(deadline)
    .limit(limit)
    .execute();
}

/** The pair with what the step's messages need, locked; undefined when another sweep holds it. */
export async function lockDueStep(db: Kysely<DB>, orgId: string, incidentId: string, clientId: string) {
  return db
    .selectFrom("incident_clients as ic")
    .innerJoin("incidents as i", (join) => join.onRef("i.org_id", "=", "ic.org_id").onRef("i.id", "=", "ic.incident_id"))
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "ic.org_id").onRef("c.id", "=", "ic.client_id"))
    .select([
      "ic.org_id",
      "ic.incident_id",
      "ic.client_id",
      "ic.disclose_by",
      "ic.admins_by",
      "ic.lead_escalated_at",
      "ic.admins_escalated_at",
      "ic.settled_at",
      "i.title",
      "c.name as client_name",
      "c.team_id",
    ])
    .where("ic.org_id", "=", orgId)
    .where("ic.incident_id", "=", incidentId)
    .where("ic.client_id", "=", clientId)
    .forUpdate("ic")
    .skipLocked()
    .executeTakeFirst();
}

export async function markStep(db: Kysely<DB>, orgId: string, incidentId: string, clientId: string, step: "lead" | "admins", at: Date) {
  const taken = step === "lead" ? "lead_escalated_at" : "admins_escalated_at";
  const result = await db
    .updateTable("incident_clients")
    .set({ [taken]: at })
    .where("org_id", "=", orgId)
    .where("incident_id", "=", incidentId)
    .where("client_id", "=", clientId)
    .where(taken, "is", null)
    .where("settled_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every untold (error, client) pair of the organization or one client, oldest deadline first. */
export async function listUnsettled(db: Kysely<DB>, orgId: string, clientId: string | undefined) {
  let query = db
    .selectFrom("incident_clients as ic")
    .innerJoin("incidents as i", (join) => join.onRef("i.org_id", "=", "ic.org_id").onRef("i.id", "=", "ic.incident_id"))
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "ic.org_id").onRef("c.id", "=", "ic.client_id"))
    .select(["i.id", "i.title", "i.severity", "i.discovered_at", "ic.client_id", "c.name as client_name", "ic.disclose_by"])
    .where("ic.org_id", "=", orgId)
    .where("ic.settled_at", "is", null);
  if (clientId) query = query.where("ic.client_id", "=", clientId);
  return query.orderBy("ic.disclose_by").orderBy("i.id").orderBy("ic.client_id").execute();
}

/** Disclosures since a moment (the dashboard's year), with their working time to disclosure. */
export async function disclosuresSince(db: Kysely<DB>, orgId: string, since: Date, clientId: string | undefined) {
  let query = db
    .selectFrom("incident_disclosures")
    .select(["disclosed_at", "working_ms", "within_policy"])
    .where("org_id", "=", orgId)
    .where("disclosed_at", ">=", since);
  if (clientId) query = query.where("client_id", "=", clientId);
  return query.orderBy("disclosed_at").execute();
}

/** Errors discovered since a moment, and how many of them the client found first. */
export async function recordedSince(db: Kysely<DB>, orgId: string, since: Date, clientId: string | undefined) {
  let query = db
    .selectFrom("incidents as i")
    .select([
      sql<number>`count(*)::int`.as("recorded"),
      sql<number>`count(*) filter (where i.found_by = 'client')::int`.as("found_by_client"),
    ])
    .where("i.org_id", "=", orgId)
    .where("i.discovered_at", ">=", since);
  if (clientId) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("incident_clients as ic")
          .select("ic.incident_id")
          .whereRef("ic.org_id", "=", "i.org_id")
          .whereRef("ic.incident_id", "=", "i.id")
          .where("ic.client_id", "=", clientId),
      ),
    );
  }
  return query.executeTakeFirstOrThrow();
}
