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
  values: Partial<{
    accepted_at: Date;
    accept_by: Date | null;
    reached_at: Date;
    outcome: string;
    routed_to_lead: boolean;
    alerted_at: Date;
    alert_reason: "nobody_left" | "time_running_out";
  }>,
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

/** The callback's row, locked for one step (after its promise: always promise first, then callback). */
export async function lockCallback(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom("callbacks").selectAll().where("org_id", "=", orgId).where("commitment_id", "=", id).forUpdate().executeTakeFirst();
}

/**
 * Accepts, only while nobody has: of two people accepting at once, exactly
 * one gets the row back (the other's update finds accepted_at set).
 */
export async function markAccepted(db: Kysely<DB>, orgId: string, id: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable("callbacks")
    .set({ accepted_at: at, accept_by: null })
    .where("org_id", "=", orgId)
    .where("commitment_id", "=", id)
    .where("accepted_at", "is", null)
    .returning("commitment_id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Callbacks nobody accepted in time, across organizations, oldest deadline
 * first. Only a list: each is then rerouted in a transaction of its own that
 * locks it and checks again, so a crash or failure leaves it due for the next
 * sweep, and two instances sweeping at once reroute it once.
 */
export async function dueForReroute(db: Kysely<DB>, now: Date, limit: number) {
  return db
    .selectFrom("callbacks as cb")
    .innerJoin("commitments as c", (join) => join.onRef("c.org_id", "=", "cb.org_id").onRef("c.id", "=", "cb.commitment_id"))
    .select(["cb.org_id", "cb.commitment_id"])
    .where("cb.accepted_at", "is", null)
    .where("cb.accept_by", "<=", now)
    .where("c.status", "in", ["open", "renegotiated"])
    .orderBy("cb.accept_by")
    .limit(limit)
    .execute();
}

/**
 * Callbacks still not accepted when 75 % of the promised time has passed (the
 * promise's warning time) and not alerted about yet, across organizations.
 */
export async function dueForAlert(db: Kysely<DB>, now: Date, limit: number) {
  return db
    .selectFrom("callbacks as cb")
    .innerJoin("commitments as c", (join) => join.onRef("c.org_id", "=", "cb.org_id").onRef("c.id", "=", "cb.commitment_id"))
    .select(["cb.org_id", "cb.commitment_id"])
    .where("cb.accepted_at", "is", null)
    .where("cb.alerted_at", "is", null)
    .where("c.status", "in", ["open", "renegotiated"])
    .where(sql<boolean>`coalesce(c.warn_at, c.due_at) <= ${now}`)
    .orderBy("c.due_at")
    .limit(limit)
    .execute();
}

/** Who hears that a callback has no person: the one who took the call (when still a member) and every team lead. */
export async function alertRecipients(db: Kysely<DB>, orgId: string, takenBy: string | null) {
  return db
    .selectFrom("member as m")
    .innerJoin("user as u", "u.id", "m.userId")
    .select(["u.id", "u.name"])
    .where("m.organizationId", "=", orgId)
    .where((eb) => eb.or([eb("m.role", "=", "lead"), ...(takenBy ? [eb("m.userId", "=", takenBy)] : [])]))
    .orderBy("u.name")
    .execute();
}
