import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export async function insertLink(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    client_id: string;
    contact_id: string;
    token_hash: string;
    created_by: string;
    created_at: Date;
    expires_at: Date;
  },
) {
  await db.insertInto("portal_links").values(row).execute();
}

export async function listLinks(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("portal_links as l")
    .innerJoin("contacts as c", (join) => join.onRef("c.org_id", "=", "l.org_id").onRef("c.id", "=", "l.contact_id"))
    .leftJoin("user as u", "u.id", "l.created_by")
    .select([
      "l.id",
      "l.contact_id",
      "c.name as contact_name",
      "l.created_at",
      "l.created_by",
      "u.name as created_by_name",
      "l.expires_at",
      "l.revoked_at",
      "l.last_opened_at",
      (eb) =>
        eb
          .selectFrom("portal_views as v")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("v.org_id", "=", "l.org_id")
          .whereRef("v.link_id", "=", "l.id")
          .as("views"),
    ])
    .where("l.org_id", "=", orgId)
    .where("l.client_id", "=", clientId)
    .orderBy("l.created_at", "desc")
    .execute();
}

export async function revokeLink(db: Kysely<DB>, orgId: string, clientId: string, id: string, at: Date) {
  const result = await db
    .updateTable("portal_links")
    .set({ revoked_at: at })
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The link behind a token hash while it works: not revoked, not expired, its contact and client still there. */
export async function findOpenLink(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom("portal_links as l")
    .innerJoin("contacts as ct", (join) => join.onRef("ct.org_id", "=", "l.org_id").onRef("ct.id", "=", "l.contact_id"))
    .innerJoin("clients as cl", (join) => join.onRef("cl.org_id", "=", "l.org_id").onRef("cl.id", "=", "l.client_id"))
    .innerJoin("organization as o", "o.id", "l.org_id")
    .select([
      "l.org_id",
      "l.id",
      "l.client_id",
      "l.contact_id",
      "l.expires_at",
      "ct.name as contact_name",
      "cl.name as client_name",
      "o.name as organization_name",
    ])
    .where("l.token_hash", "=", tokenHash)
    .where("l.revoked_at", "is", null)
    .where("l.expires_at", ">", now)
    .where("cl.archived_at", "is", null)
    .executeTakeFirst();
}

export async function logView(db: Kysely<DB>, row: { org_id: string; id: string; link_id: string; at: Date; user_agent: string | null }) {
  await db.insertInto("portal_views").values(row).execute();
  await db
    .updateTable("portal_links")
    .set({ last_opened_at: row.at })
    .where("org_id", "=", row.org_id)
    .where("id", "=", row.link_id)
    .execute();
}

/**
 * What one contact of the client may see: the promises made to that contact and those
 * made to the client as a whole (no contact named), active or closed since `closedSince`.
 * Promises made to another contact of the same client stay out.
 */
export async function contactPromises(db: Kysely<DB>, orgId: string, clientId: string, contactId: string, closedSince: Date) {
  return (
    db
      .selectFrom("commitments as c")
      .innerJoin("user as u", "u.id", "c.owner_id")
      // A callback nobody is left to take on has no person yet: the client is not shown the last one who let it lapse.
      .leftJoin("callbacks as cb", (join) => join.onRef("cb.org_id", "=", "c.org_id").onRef("cb.commitment_id", "=", "c.id"))
      .select(["c.title", "c.done_when", "c.status", "c.due_at", "c.original_due_at", "c.closed_at"])
      .select(
        sql<string | null>`case when cb.accepted_at is null and cb.alert_reason = 'nobody_left' then null else u.name end`.as("owner_name"),
      )
      .where("c.org_id", "=", orgId)
      .where("c.client_id", "=", clientId)
      .where((eb) => eb.or([eb("c.contact_id", "=", contactId), eb("c.contact_id", "is", null)]))
      .where((eb) => eb.or([eb("c.closed_at", "is", null), eb("c.closed_at", ">=", closedSince)]))
      .orderBy("c.closed_at", (ob) => ob.desc().nullsFirst())
      .orderBy("c.due_at")
      .limit(500)
      .execute()
  );
}

/** The portal settings of a client, when anyone ever changed them. */
export async function findSettings(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("client_portal_settings")
    .select(["show_track_record"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
}

export async function saveSettings(
  db: Kysely<DB>,
  row: { org_id: string; client_id: string; show_track_record: boolean; updated_by: string; updated_at: Date },
) {
  await db
    .insertInto("client_portal_settings")
    .values(row)
    .onConflict((conflict) =>
      conflict.columns(["org_id", "client_id"]).doUpdateSet({
        show_track_record: row.show_track_record,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
