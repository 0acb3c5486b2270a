import { type Insertable, type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { InteractionsTable } from "../../db/schema-interactions.ts";

/** All SQL of interactions. Every query is scoped by org_id; rows are only ever inserted. */

export async function insertInteraction(db: Kysely<DB>, row: Insertable<InteractionsTable>): Promise<void> {
  await db.insertInto("interactions").values(row).execute();
}

/** The client a contact of this organization belongs to; undefined when the organization has no such contact. */
export async function clientOfContact(db: Kysely<DB>, orgId: string, contactId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("contacts")
    .select("client_id")
    .where("org_id", "=", orgId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  return row?.client_id;
}

/** Interactions with the names of their contact and of who logged them (read-only joins). */
function selectInteractions(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("interactions as i")
    .leftJoin("contacts as ct", (join) => join.onRef("ct.org_id", "=", "i.org_id").onRef("ct.id", "=", "i.contact_id"))
    .leftJoin("user as u", "u.id", "i.logged_by")
    .select([
      "i.id",
      "i.client_id",
      "i.contact_id",
      "ct.name as contact_name",
      "i.kind",
      "i.direction",
      "i.initiated_by",
      "i.occurred_at",
      "i.summary",
      "i.body",
      "i.client_raised_problem",
      "i.client_invitation",
      "i.logged_by",
      "u.name as logged_by_name",
      "i.created_at",
    ])
    .where("i.org_id", "=", orgId);
}

export type InteractionRow = NonNullable<Awaited<ReturnType<typeof findInteraction>>>;

export async function findInteraction(db: Kysely<DB>, orgId: string, id: string) {
  return selectInteractions(db, orgId).where("i.id", "=", id).executeTakeFirst();
}

/** A client's interactions, newest first, from an optional (occurred_at, id) position. */
export async function listForClient(
  db: Kysely<DB>,
  orgId: string,
  clientId: string,
  options: { before?: { occurredAt: Date; id: string } | undefined; limit: number },
) {
  let query = selectInteractions(db, orgId).where("i.client_id", "=", clientId);
  if (options.before) {
    const { occurredAt, id } = options.before;
    query = query.where(sql<boolean>`(i.occurred_at, i.id) < (${occurredAt}, ${id}::uuid)`);
  }
  return query.orderBy("i.occurred_at", "desc").orderBy("i.id", "desc").limit(options.limit).execute();
}
