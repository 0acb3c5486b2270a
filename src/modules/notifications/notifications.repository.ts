import { type Insertable, type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { DeliveriesTable, DeliveryStatus, NotificationsTable } from "../../db/schema-notifications.ts";

/* Notifications: always one person's, in one organization. */

export type NotificationInsert = Insertable<NotificationsTable>;

/** Rows per INSERT: far below PostgreSQL's 65,535 parameters, large enough that a sweep batch is one statement. */
const INSERT_CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
}

/** Inserts notifications, skipping any whose (org_id, dedupe_key) exists; returns the ids of those inserted. */
export async function insertNotifications(db: Kysely<DB>, rows: readonly NotificationInsert[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of chunks(rows)) {
    const result = await db
      .insertInto("notifications")
      .values(chunk)
      .onConflict((conflict) => conflict.columns(["org_id", "dedupe_key"]).doNothing())
      .returning("id")
      .execute();
    for (const row of result) inserted.add(row.id);
  }
  return inserted;
}

export async function findUsers(db: Kysely<DB>, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("user")
    .select(["id", "name", "email"])
    .where("id", "in", [...new Set(userIds)])
    .execute();
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

/** A new delivery; it is always queued. */
export type DeliveryInsert = Omit<Insertable<DeliveriesTable>, "status">;

/** Queues e-mails, skipping any whose (org_id, dedupe_key) exists; returns the ids of those queued. */
export async function insertDeliveries(db: Kysely<DB>, rows: readonly DeliveryInsert[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of chunks(rows)) {
    const result = await db
      .insertInto("deliveries")
      .values(chunk.map((row) => ({ ...row, status: "queued" as const })))
      .onConflict((conflict) => conflict.columns(["org_id", "dedupe_key"]).doNothing())
      .returning("id")
      .execute();
    for (const row of result) inserted.add(row.id);
  }
  return inserted;
}

/**
 * Whether an organization may send e-mail: one of its administrators (the
 * owner who signed up, or one added since) has confirmed their address.
 */
export async function organizationMayMail(db: Kysely<DB>, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom("member")
    .innerJoin("user", "user.id", "member.userId")
    .select("member.id")
    .where("member.organizationId", "=", orgId)
    .where("member.role", "=", "admin")
    .where("user.emailVerified", "=", true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Serialises the send-limit checks of one organization until the caller's transaction ends. */
export async function lockOrganizationSends(db: Kysely<DB>, orgId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`deliveries:${orgId}`}))`.execute(db);
}

/** E-mails people of the organization sent by hand since `since`: in all, and per person. */
export async function countRequestedSince(db: Kysely<DB>, orgId: string, since: Date) {
  const rows = await db
    .selectFrom("deliveries")
    .select(["requested_by", (eb) => eb.fn.countAll<number>().as("count")])
    .where("org_id", "=", orgId)
    .where("requested_by", "is not", null)
    .where("created_at", ">=", since)
    .groupBy("requested_by")
    .execute();
  const byUser = new Map(rows.map((row) => [String(row.requested_by), Number(row.count)]));
  return { organization: [...byUser.values()].reduce((sum, n) => sum + n, 0), byUser };
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
 * deliveries that are due and marks them 'sending' in one statement. It
 * follows the index on (status, next_attempt_at); SKIP LOCKED lets two
 * instances claim at the same moment without ever taking the same row.
 * Nothing goes out for an organization none of whose administrators has
 * confirmed their e-mail address, except that confirmation e-mail itself: such
 * deliveries wait, queued, until someone has.
 */
export async function claimDue(db: Kysely<DB>, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const result = await sql<ClaimedDelivery>`
    update deliveries d
       set status = 'sending', claimed_at = ${now}, attempts = d.attempts + 1
      from (
        select q.org_id, q.id from deliveries q
         where q.status = 'queued' and q.next_attempt_at <= ${now}
           and (q.kind = ${VERIFICATION_KIND} or exists (
                 select 1 from member m join "user" u on u.id = m."userId"
                  where m."organizationId" = q.org_id and m.role = 'admin' and u."emailVerified"))
         order by q.next_attempt_at, q.id
         limit ${limit}
         for update of q skip locked
      ) due
     where d.org_id = due.org_id and d.id = due.id
    returning d.org_id, d.id, d.to_address, d.language, d.subject, d.body_text, d.attempts, d.max_attempts, d.claimed_at
  `.execute(db);
  return result.rows;
}

/** The kind of the e-mail that asks a new owner to confirm their address: the one e-mail an unconfirmed organization sends. */
export const VERIFICATION_KIND = "auth.verify_email";

/** Confirmation e-mails to an address that is confirmed now and that have not gone out yet: nothing left to send. */
export async function deleteUnsentVerificationEmails(db: Kysely<DB>, toAddress: string): Promise<number> {
  const result = await db
    .deleteFrom("deliveries")
    .where("kind", "=", VERIFICATION_KIND)
    .where(sql<string>`lower(to_address)`, "=", toAddress.toLowerCase())
    .where("status", "in", ["queued", "outbox"])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Claims left 'sending' before `staleBefore` by an instance that stopped (or
 * whose write after the send failed): the message may have gone out, so they
 * are never sent again by themselves but marked 'uncertain' for an
 * administrator. Returns how many.
 */
export async function markStaleClaimsUncertain(db: Kysely<DB>, staleBefore: Date): Promise<number> {
  const result = await sql`
    update deliveries
       set status = 'uncertain', claimed_at = null,
           last_error = 'The sender stopped during this attempt: the e-mail may or may not have been sent.'
     where status = 'sending' and claimed_at < ${staleBefore}
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Without an SMTP server: what is due goes to the outbox instead. */
export async function moveDueToOutbox(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await sql`
    update deliveries set status = 'outbox', claimed_at = null
     where status = 'queued' and next_attempt_at <= ${now}
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export type AttemptOutcome =
  | { status: "sent"; sentAt: Date }
  | { status: "queued"; nextAttemptAt: Date; error: string }
  | { status: "failed"; error: string }
  /** It may have been sent: never retried by itself, an administrator decides. */
  | { status: "uncertain"; error: string };

export type Settlement = { orgId: string; id: string; claimedAt: Date; outcome: AttemptOutcome };

/**
 * The outcomes of many attempts in one statement, each written only while the
 * row is still that attempt's claim (another instance may have taken over a
 * claim it thought abandoned). Returns the ids that were settled.
 */
export async function settleAttempts(db: Kysely<DB>, settlements: readonly Settlement[]): Promise<Set<string>> {
  if (settlements.length === 0) return new Set();
  const values = settlements.map(({ orgId, id, claimedAt, outcome }) => {
    const sentAt = outcome.status === "sent" ? outcome.sentAt : null;
    const nextAttemptAt = outcome.status === "queued" ? outcome.nextAttemptAt : null;
    const error = outcome.status === "sent" ? null : outcome.error;
    return sql`(${orgId}, ${id}::uuid, ${claimedAt}::timestamptz, ${outcome.status}, ${sentAt}::timestamptz, ${nextAttemptAt}::timestamptz, ${error}::text)`;
  });
  const result = await sql<{ id: string }>`
    update deliveries d
       set status = v.status,
           sent_at = coalesce(v.sent_at, d.sent_at),
           next_attempt_at = coalesce(v.next_attempt_at, d.next_attempt_at),
           claimed_at = null,
           last_error = v.error
      from (values ${sql.join(values)}) as v (org_id, id, claimed_at, status, sent_at, next_attempt_at, error)
     where d.org_id = v.org_id and d.id = v.id and d.status = 'sending' and d.claimed_at = v.claimed_at
    returning d.id
  `.execute(db);
  return new Set(result.rows.map((row) => String(row.id)));
}

/**
 * Hands claims back untried: queued again at once, the attempt not counted.
 * Only rows that are still these claims are touched.
 */
export async function releaseClaims(db: Kysely<DB>, claims: readonly Omit<Settlement, "outcome">[], now: Date): Promise<number> {
  if (claims.length === 0) return 0;
  const values = claims.map(({ orgId, id, claimedAt }) => sql`(${orgId}, ${id}::uuid, ${claimedAt}::timestamptz)`);
  const result = await sql`
    update deliveries d
       set status = 'queued', claimed_at = null, next_attempt_at = ${now}, attempts = greatest(d.attempts - 1, 0)
      from (values ${sql.join(values)}) as v (org_id, id, claimed_at)
     where d.org_id = v.org_id and d.id = v.id and d.status = 'sending' and d.claimed_at = v.claimed_at
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function countDeliveries(db: Kysely<DB>, orgId: string, sentSince: Date) {
  const rows = await db
    .selectFrom("deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("org_id", "=", orgId)
    .where("status", "in", ["queued", "sending", "failed", "outbox", "uncertain"])
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
    uncertain: count("uncertain"),
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

/** A failed, outbox or uncertain delivery back in the queue, with all its attempts again. */
export async function requeueDelivery(db: Kysely<DB>, orgId: string, id: string, now: Date) {
  return db
    .updateTable("deliveries")
    .set({ status: "queued", attempts: 0, next_attempt_at: now, claimed_at: null })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "in", ["failed", "outbox", "uncertain"])
    .returning(deliveryColumns)
    .executeTakeFirst();
}

/** An administrator's decision not to send a failed, outbox or uncertain delivery (again). */
export async function dismissDelivery(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .updateTable("deliveries")
    .set({ status: "dismissed", claimed_at: null })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("status", "in", ["failed", "outbox", "uncertain"])
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
