import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export async function insertCallback(
  db: Kysely<DB>,
  row: {
    org_id: string;
    commitment_id: string;
    caller_name: string;
    caller_phone: string | null;
    caller_email: string | null;
    question: string;
    topic: string | null;
    routed_to_lead: boolean;
    accept_by: Date;
    confirmation_sent: boolean;
    created_at: Date;
  },
) {
  await db.insertInto("callbacks").values(row).execute();
}

export async function findCallback(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom("callbacks").selectAll().where("org_id", "=", orgId).where("commitment_id", "=", id).executeTakeFirst();
}
export type CallbackRow = NonNullable<Awaited<ReturnType<typeof findCallback>>>;

export async function updateCallback(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  values: Partial<{ accepted_at: Date; accept_by: Date | null; reached_at: Date; outcome: string; routed_to_lead: boolean }>,
  options: { attempt?: boolean } = {},
) {
  await db
    .updateTable("callbacks")
    .set((eb) => ({ ...values, ...(options.attempt && { attempts: eb("attempts", "+", 1) }) }))
    .where("org_id", "=", orgId)
    .where("commitment_id", "=", id)
    .execute();
}

/** Open callbacks per owner: the expert with the fewest waiting gets the next one. */
export async function waitingPerOwner(db: Kysely<DB>, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("commitments")
    .select(["owner_id", sql<number>`count(*)::int`.as("n")])
    .where("org_id", "=", orgId)
    .where("kind", "=", "callback")
    .where("status", "in", ["open", "renegotiated"])
    .groupBy("owner_id")
    .execute();
  return new Map(rows.map((row) => [row.owner_id, Number(row.n)]));
}

export async function membersWithRole(db: Kysely<DB>, orgId: string, role: string) {
  return db
    .selectFrom("member as m")
    .innerJoin("user as u", "u.id", "m.userId")
    .select(["u.id", "u.name", "m.role"])
    .where("m.organizationId", "=", orgId)
    .where("m.role", "=", role)
    .orderBy("u.name")
    .execute();
}

export async function acceptMinutes(db: Kysely<DB>, orgId: string): Promise<number> {
  const row = await db.selectFrom("org_settings").select("callback_accept_minutes").where("org_id", "=", orgId).executeTakeFirst();
  return row?.callback_accept_minutes ?? 30;
}

export async function lastCallbackAt(db: Kysely<DB>, orgId: string, clientId: string) {
  const row = await db
    .selectFrom("callbacks as cb")
    .innerJoin("commitments as c", (join) => join.onRef("c.org_id", "=", "cb.org_id").onRef("c.id", "=", "cb.commitment_id"))
    .select(sql<Date>`max(cb.created_at)`.as("at"))
    .where("cb.org_id", "=", orgId)
    .where("c.client_id", "=", clientId)
    .executeTakeFirst();
  return row?.at ?? null;
}

/**
 * Callbacks nobody accepted in time, across organizations, claimed for one
 * sweep: their deadline moves on, so another instance sweeping at the same
 * moment skips them.
 */
export async function claimUnaccepted(db: Kysely<DB>, now: Date, limit: number) {
  const result = await sql<{ org_id: string; commitment_id: string; topic: string | null; routed_to_lead: boolean }>`
    with due as (
      select cb.org_id, cb.commitment_id from callbacks cb
      join commitments c on c.org_id = cb.org_id and c.id = cb.commitment_id
      where cb.accepted_at is null and cb.accept_by <= ${now} and c.status in ('open', 'renegotiated')
      order by cb.accept_by
      limit ${limit}
      for update of cb skip locked
    )
    update callbacks cb set accept_by = null
    from due
    where cb.org_id = due.org_id and cb.commitment_id = due.commitment_id
    returning cb.org_id, cb.commitment_id, cb.topic, cb.routed_to_lead`.execute(db);
  return result.rows;
}

/** Everyone who has held this callback: it is not routed back to them. */
export async function previousOwners(db: Kysely<DB>, orgId: string, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom("commitment_events")
    .select(["data"])
    .where("org_id", "=", orgId)
    .where("commitment_id", "=", id)
    .where("kind", "in", ["created", "reassigned", "rerouted"])
    .execute();
  const ids = new Set<string>();
  for (const { data } of rows) {
    for (const key of ["ownerId", "fromOwnerId", "toOwnerId"]) {
      const value = data[key];
      if (typeof value === "string") ids.add(value);
    }
  }
  return [...ids];
}
