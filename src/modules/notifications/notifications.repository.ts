import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { DeliveryStatus } from "../../db/schema-notifications.ts";

/* Notifications: always one person's, in one organization. */

export async function insertNotification(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    user_id: string;
    kind: string;
    params: string;
    commitment_id: string | null;
    dedupe_key: string;
    created_at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto("notifications")
    .values(row)
    .onConflict((conflict) => conflict.columns(["org_id", "dedupe_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findUser(db: Kysely<DB>, userId: string) {
  return db.selectFrom("user").select(["id", "name", "email"]).where("id", "=", userId).executeTakeFirst();
}

const notificationColumns = ["id", "kind", "params", "commitment_id", "created_at", "read_at"] as const;

export async function listNotifications(db: Kysely<DB>, orgId: string, userId: string, options: { unread: boolean; limit: number }) {
  let query = db
    .selectFrom("notifications")
    .select(notificationColumns)
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit);
  if (options.unread) query = query.where("read_at", "is", null);
  return query.execute();
}

export async function countUnread(db: Kysely<DB>, orgId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Marks one notification read (keeping the first time it was read); undefined when it is not this person's. */
export async function markRead(db: Kysely<DB>, orgId: string, userId: string, id: string, now: Date) {
  return db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`coalesce(read_at, ${now})` })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .returning(notificationColumns)
    .executeTakeFirst();
}

export async function markAllRead(db: Kysely<DB>, orgId: string, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/* Deliveries. */

export async function insertDelivery(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    kind: string;
    to_address: string;
    language: "nl" | "en";
    subject: string;
    body_text: string;
    next_attempt_at: Date;
    dedupe_key: string;
    created_at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto("deliveries")
    .values({ ...row, status: "queued" })
    .onConflict((conflict) => conflict.columns(["org_id", "dedupe_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export type ClaimedDelivery = {
  org_id: string;
  id: string;
  to_address: string;
  language: "nl" | "en";
  subject: string;
  body_text: string;
  attempts: number;
  max_attempts: number;
  claimed_at: Date;
};

/**
 * Across organizations (the sender serves them all): takes up to `limit`
 * deliveries that are due, or were claimed before `staleBefore` by an instance
 * that stopped, and marks them 'sending' in one statement. SKIP LOCKED lets two
 * instances claim at the same moment without ever taking the same row.
 */
export async function claimDue(db: Kysely<DB>, now: Date, staleBefore: Date, limit: number): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
    update deliveries d
       set status = 'sending', claimed_at = ${now}, attempts = d.attempts + 1
      from (
        select org_id, id from deliveries
         where (status = 'queued' and next_attempt_at <= ${now})
            or (status = 'sending' and claimed_at < ${staleBefore})
         order by next_attempt_at, id
         limit ${limit}
         for update skip locked
      ) due
     where d.org_id = due.org_id and d.id = due.id
    returning d.org_id, d.id, d.to_address, d.language, d.subject, d.body_text, d.attempts, d.max_attempts, d.claimed_at
  `.execute(db);
  return result.rows;
}

/** Without an SMTP server: what is due goes to the outbox instead. */
export async function moveDueToOutbox(db: Kysely<DB>, now: Date, staleBefore: Date): Promise<number> {
  const result = await sql`
    update deliveries set status = 'outbox', claimed_at = null
     where (status = 'queued' and next_attempt_at <= ${now})
        or (status = 'sending' and claimed_at < ${staleBefore})
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The outcome of one attempt, written only while the row is still this attempt's claim. */
export async function settleAttempt(
  db: Kysely<DB>,
  claim: { orgId: string; id: string; claimedAt: Date },
  outcome:
    | { status: "sent"; sentAt: Date }
    | { status: "queued"; nextAttemptAt: Date; error: string }
    | { status: "failed"; error: string },
): Promise<boolean> {
  const set =
    outcome.status === "sent"
      ? { status: "sent" as const, sent_at: outcome.sentAt, claimed_at: null, last_error: null }
      : outcome.status === "queued"
        ? { status: "queued" as const, next_attempt_at: outcome.nextAttemptAt, claimed_at: null, last_error: outcome.error }
        : { status: "failed" as const, claimed_at: null, last_error: outcome.error };
  const result = await db
    .updateTable("deliveries")
    .set(set)
    .where("org_id", "=", claim.orgId)
    .where("id", "=", claim.id)
    .where("status", "=", "sending")
    .where("claimed_at", "=", claim.claimedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countDeliveries(db: Kysely<DB>, orgId: string, sentSince: Date) {
  const rows = await db
    .selectFrom("deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("org_id", "=", orgId)
    .where("status", "in", ["queued", "sending", "failed", "outbox"])
    .groupBy("status")
    .execute();
  const sent = await db
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("org_id", "=", orgId)
    .where("status", "=", "sent")
    .where("sent_at", ">=", sentSince)
    .executeTakeFirst();
  const count = (status: DeliveryStatus) => Number(rows.find((r) => r.status === status)?.count ?? 0);
  return {
    queued: count("queued"),
    sending: count("sending"),
    failed: count("failed"),
    outbox: count("outbox"),
    sentLast24h: Number(sent?.count ?? 0),
  };
}

const deliveryColumns = [
  "id",
  "kind",
  "to_address",
  "language",
  "subject",
  "body_text",
  "status",
  "attempts",
  "max_attempts",
  "next_attempt_at",
  "last_error",
  "created_at",
  "sent_at",
] as const;

export async function listDeliveries(
  db: Kysely<DB>,
  orgId: string,
  options: { status: DeliveryStatus | undefined; after: { createdAt: Date; id: string } | undefined; limit: number },
) {
  let query = db
    .selectFrom("deliveries")
    .select(deliveryColumns)
    .where("org_id", "=", orgId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit);
  if (options.status) query = query.where("status", "=", options.status);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("created_at", "<", after.createdAt), eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)])]),
    );
  }
  return query.execute();
}

export async function findDelivery(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom("deliveries").select(deliveryColumns).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

/** A failed or outbox delivery back in the queue, with all its attempts again. */
export async function requeueDelivery(db: Kysely<DB>, orgId: string, id: string, now: Date) {
  return db
    .updateTable("deliveries")
    .set({ status: "queued", attempts: 0, next_attempt_at: now, claimed_at: null })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "in", ["failed", "outbox"])
    .returning(deliveryColumns)
    .executeTakeFirst();
}

/* Job runs: one row per job of the installation. */

export async function startJobRun(db: Kysely<DB>, name: string, now: Date): Promise<void> {
  await db
    .insertInto("job_runs")
    .values({ name, last_started_at: now, runs: 1 })
    .onConflict((conflict) => conflict.column("name").doUpdateSet({ last_started_at: now, runs: sql`job_runs.runs + 1` }))
    .execute();
}

export async function finishJobRun(db: Kysely<DB>, name: string, now: Date, error: string | null): Promise<void> {
  await db
    .updateTable("job_runs")
    .set(error === null ? { last_finished_at: now, last_error: null, last_ok_at: now } : { last_finished_at: now, last_error: error })
    .where("name", "=", name)
    .execute();
}

export async function findJobRun(db: Kysely<DB>, name: string) {
  return db
    .selectFrom("job_runs")
    .select(["last_started_at", "last_finished_at", "last_error", "last_ok_at", "runs"])
    .where("name", "=", name)
    .executeTakeFirst();
}
