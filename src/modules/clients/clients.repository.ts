import { type Insertable, type Kysely, sql } from "kysely";
import type { ClientsTable, DB } from "../../db/schema.ts";

/** All SQL of clients and their contacts. Every query is scoped by org_id. */

type ClientRow = Insertable<ClientsTable>;

export async function insertClient(db: Kysely<DB>, row: ClientRow): Promise<void> {
  await db.insertInto("clients").values(row).execute();
}

function selectClients(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("clients as c")
    .leftJoin("user as owner", "owner.id", "c.account_owner_id")
    .leftJoin("teams as t", (join) => join.onRef("t.org_id", "=", "c.org_id").onRef("t.id", "=", "c.team_id"))
    .select([
      "c.id",
      "c.kind",
      "c.name",
      "c.sort_name",
      "c.email",
      "c.phone",
      "c.website",
      "c.notes",
      "c.account_owner_id",
      "owner.name as account_owner_name",
      "c.team_id",
      "t.name as team_name",
      "c.archived_at",
      "c.created_at",
      "c.updated_at",
      "c.version",
      "c.contact_count",
    ])
    .where("c.org_id", "=", orgId);
}

export type ClientRecord = Awaited<ReturnType<typeof findClient>> & {};

export async function findClient(db: Kysely<DB>, orgId: string, id: string) {
  return selectClients(db, orgId).where("c.id", "=", id).executeTakeFirst();
}

export type ClientSearch = {
  /** Lower-cased terms; every term must occur in the client's search text. */
  terms: string[];
  archived: boolean;
  ownerId?: string | undefined;
  /** The sort key of the last row of the previous page. */
  after?: { sortName: string; id: string } | undefined;
  limit: number;
};

/**
 * One page in name order. The trigram index answers rare terms; for common
 * ones Postgres walks the name index and stops after `limit` matches.
 */
export async function listClients(db: Kysely<DB>, orgId: string, search: ClientSearch) {
  let query = selectClients(db, orgId).where("c.archived_at", search.archived ? "is not" : "is", null);
  for (const term of search.terms) {
    query = query.where("c.search_text", "like", `%${escapeLike(term)}%`);
  }
  if (search.ownerId) query = query.where("c.account_owner_id", "=", search.ownerId);
  if (search.after) {
    const { sortName, id } = search.after;
    query = query.where(sql<boolean>`(c.sort_name, c.id) > (${sortName}, ${id}::uuid)`);
  }
  return query.orderBy("c.sort_name").orderBy("c.id").limit(search.limit).execute();
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type ClientPatch = Partial<
  Pick<ClientsTable, "kind" | "name" | "sort_name" | "email" | "phone" | "website" | "notes" | "account_owner_id" | "team_id">
> & { archived_at?: Date | null };

/**
 * Applies a change and bumps the version. With `expectedVersion` the update
 * only happens when nobody changed the row since it was read (no lost update).
 * Returns false when nothing was updated.
 */
export async function updateClient(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  patch: ClientPatch,
  now: Date,
  expectedVersion?: number,
): Promise<boolean> {
  let query = db
    .updateTable("clients")
    .set({ ...patch, updated_at: now, version: sql`version + 1` })
    .where("org_id", "=", orgId)
    .where("id", "=", id);
  if (expectedVersion !== undefined) query = query.where("version", "=", expectedVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Rebuilds what is derived from a client's contacts: the text the search runs
 * on (the client's name, e-mail and phone and those of its contacts,
 * lower-cased, phones also as digits only) and the number of contacts.
 * Called in the same transaction as every change to a client or its contacts;
 * without `clientId` it rebuilds every client of the organization (imports).
 */
export async function refreshSearchText(db: Kysely<DB>, orgId: string, clientId?: string): Promise<void> {
  await sql`
    update clients c set search_text = lower(concat_ws(' ',
      c.name, c.email, c.phone, regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g'),
      (select string_agg(concat_ws(' ', k.name, k.email, k.phone, regexp_replace(coalesce(k.phone, ''), '[^0-9]', '', 'g')), ' ')
         from contacts k where k.org_id = c.org_id and k.client_id = c.id))),
      contact_count = (select count(*) from contacts k where k.org_id = c.org_id and k.client_id = c.id)
    where c.org_id = ${orgId} ${clientId === undefined ? sql`` : sql`and c.id = ${clientId}::uuid`}
  `.execute(db);
}

export async function insertContact(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    client_id: string;
    name: string;
    role: string | null;
    email: string | null;
    phone: string | null;
    created_at: Date;
    updated_at: Date;
  },
) {
  await db.insertInto("contacts").values(row).execute();
}

const contactColumns = ["id", "client_id", "name", "role", "email", "phone", "created_at", "updated_at"] as const;

export async function listContacts(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("contacts")
    .select(contactColumns)
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .execute();
}

/**
 * The contacts of several clients (a page of search results) whose own name,
 * e-mail or phone holds at least one of the terms: the candidates a search
 * could have matched on. One statement for the whole page.
 */
export async function contactsHoldingAnyTerm(db: Kysely<DB>, orgId: string, clientIds: readonly string[], terms: readonly string[]) {
  if (clientIds.length === 0 || terms.length === 0) return [];
  const text = sql<string>`lower(concat_ws(' ', name, email, phone, regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')))`;
  return db
    .selectFrom("contacts")
    .select(contactColumns)
    .where("org_id", "=", orgId)
    .where("client_id", "in", clientIds)
    .where((eb) => eb.or(terms.map((term) => eb(text, "like", `%${escapeLike(term)}%`))))
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .execute();
}

export async function findContact(db: Kysely<DB>, orgId: string, clientId: string, id: string) {
  return db
    .selectFrom("contacts")
    .select(contactColumns)
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function updateContact(
  db: Kysely<DB>,
  orgId: string,
  clientId: string,
  id: string,
  patch: { name?: string; role?: string | null; email?: string | null; phone?: string | null },
  now: Date,
) {
  const result = await db
    .updateTable("contacts")
    .set({ ...patch, updated_at: now })
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteContact(db: Kysely<DB>, orgId: string, clientId: string, id: string) {
  const result = await db
    .deleteFrom("contacts")
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
