import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { CommitmentKind, CommitmentSource, CommitmentStatus } from "../../db/schema-commitments.ts";

/** All SQL of commitments. Every function is scoped by org_id, except the sweep's, which spans organizations by design. */

const ACTIVE: CommitmentStatus[] = ["open", "renegotiated"];

function baseSelect(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("commitments as c")
    .innerJoin("clients as cl", (join) => join.onRef("cl.org_id", "=", "c.org_id").onRef("cl.id", "=", "c.client_id"))
    .innerJoin("user as u", "u.id", "c.owner_id")
    .leftJoin("contacts as ct", (join) => join.onRef("ct.org_id", "=", "c.org_id").onRef("ct.id", "=", "c.contact_id"))
    .select([
      "c.id",
      "c.client_id",
      "cl.name as client_name",
      "c.contact_id",
      "ct.name as contact_name",
      "c.title",
      "c.done_when",
      "c.owner_id",
      "u.name as owner_name",
      "c.source",
      "c.kind",
      "c.sla_policy_id",
      "c.status",
      "c.due_at",
      "c.original_due_at",
      "c.recorded_after_due",
      "c.renegotiation_count",
      "c.warned_at",
      "c.warn_at",
      "c.closed_at",
      "c.created_at",
      "c.version",
    ])
    .where("c.org_id", "=", orgId);
}

export type CommitmentRow = NonNullable<Awaited<ReturnType<typeof findCommitment>>>;

export async function findCommitment(db: Kysely<DB>, orgId: string, id: string) {
  return baseSelect(db, orgId).where("c.id", "=", id).executeTakeFirst();
}

/** The row locked for a change: two changes of one promise queue up instead of overwriting each other. */
export async function lockCommitment(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("commitments")
    .select([
      "id",
      "status",
      "due_at",
      "owner_id",
      "created_by",
      "client_id",
      "contact_id",
      "version",
      "title",
      "sla_policy_id",
      "created_at",
      "closed_at",
      "renegotiation_count",
      "kind",
    ])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}
export type LockedCommitment = NonNullable<Awaited<ReturnType<typeof lockCommitment>>>;

export async function listCommitments(
  db: Kysely<DB>,
  orgId: string,
  filter: {
    clientId?: string | undefined;
    ownerId?: string | undefined;
    /** Owned by one of these (a team's members); an empty list matches nothing. */
    ownerIds?: readonly string[] | undefined;
    statuses?: readonly CommitmentStatus[] | undefined;
    /** Closed in [from, to). */
    closed?: { from: Date; to: Date } | undefined;
    /** Still to be done and due before this instant (overdue at that moment). */
    activeDueBefore?: Date | undefined;
    order: "due_asc" | "due_desc";
    after?: { dueAt: Date; id: string } | undefined;
    limit: number;
  },
) {
  let query = baseSelect(db, orgId);
  if (filter.clientId) query = query.where("c.client_id", "=", filter.clientId);
  if (filter.ownerId) query = query.where("c.owner_id", "=", filter.ownerId);
  if (filter.ownerIds) {
    if (filter.ownerIds.length === 0) return [];
    query = query.where("c.owner_id", "in", filter.ownerIds);
  }
  if (filter.statuses) query = query.where("c.status", "in", filter.statuses);
  if (filter.closed) query = query.where("c.closed_at", ">=", filter.closed.from).where("c.closed_at", "<", filter.closed.to);
  if (filter.activeDueBefore) query = query.where("c.status", "in", ACTIVE).where("c.due_at", "<", filter.activeDueBefore);
  const ascending = filter.order === "due_asc";
  if (filter.after) {
    const { dueAt, id } = filter.after;
    query = ascending
      ? query.where(sql<boolean>`(c.due_at, c.id) > (${dueAt}, ${id}::uuid)`)
      : query.where(sql<boolean>`(c.due_at, c.id) < (${dueAt}, ${id}::uuid)`);
  }
  const direction = ascending ? "asc" : "desc";
  return query.orderBy("c.due_at", direction).orderBy("c.id", direction).limit(filter.limit).execute();
}

/** One owner's promises still to be done that are due before `until`, plus all their open callbacks. */
export async function listMyDay(db: Kysely<DB>, orgId: string, ownerId: string, until: Date, limit: number) {
  return baseSelect(db, orgId)
    .where("c.owner_id", "=", ownerId)
    .where("c.status", "in", ACTIVE)
    .where((eb) => eb.or([eb("c.due_at", "<", until), eb("c.kind", "=", "callback")]))
    .orderBy("c.due_at")
    .orderBy("c.id")
    .limit(limit)
    .execute();
}

/**
 * The organization's callbacks without a person, for everyone's My day: not
 * accepted and alerted about (nobody left to route to, or most of the time gone).
 */
export async function listCallbacksWithoutPerson(db: Kysely<DB>, orgId: string, limit: number) {
  return baseSelect(db, orgId)
    .innerJoin("callbacks as cb", (join) => join.onRef("cb.org_id", "=", "c.org_id").onRef("cb.commitment_id", "=", "c.id"))
    .where("cb.accepted_at", "is", null)
    .where("cb.alerted_at", "is not", null)
    .where("c.status", "in", ACTIVE)
    .orderBy("c.due_at")
    .orderBy("c.id")
    .limit(limit)
    .execute();
}

export async function listOpenForOwner(db: Kysely<DB>, orgId: string, ownerId: string, limit: number) {
  return baseSelect(db, orgId).where("c.owner_id", "=", ownerId).where("c.status", "in", ACTIVE).orderBy("c.due_at").limit(limit).execute();
}

export async function insertCommitment(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    client_id: string;
    contact_id: string | null;
    title: string;
    done_when: string;
    owner_id: string;
    source: CommitmentSource;
    kind: CommitmentKind;
    sla_policy_id: string | null;
    due_at: Date;
    original_due_at: Date;
    recorded_after_due: boolean;
    warn_at: Date | null;
    created_by: string;
    created_at: Date;
    updated_at: Date;
  },
) {
  await db.insertInto("commitments").values(row).execute();
}

export async function updateCommitment(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  values: Partial<{
    status: CommitmentStatus;
    due_at: Date;
    owner_id: string;
    warn_at: Date | null;
    warned_at: Date | null;
    escalated_at: Date | null;
    closed_at: Date | null;
    updated_at: Date;
  }>,
  options: { renegotiated?: { informedBeforeDue: boolean } } = {},
) {
  await db
    .updateTable("commitments")
    .set((eb) => ({
      ...values,
      version: eb("version", "+", 1),
      ...(options.renegotiated && {
        renegotiation_count: eb("renegotiation_count", "+", 1),
        ...(options.renegotiated.informedBeforeDue && { renegotiated_with_notice: true }),
      }),
    }))
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .execute();
}

export async function insertEvent(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    commitment_id: string;
    kind: string;
    at: Date;
    actor_id: string | null;
    data: Record<string, unknown>;
  },
) {
  await db
    .insertInto("commitment_events")
    .values({ ...row, data: JSON.stringify(row.data) })
    .execute();
}

export async function listEvents(db: Kysely<DB>, orgId: string, commitmentId: string) {
  return db
    .selectFrom("commitment_events as e")
    .leftJoin("user as u", "u.id", "e.actor_id")
    .select(["e.id", "e.kind", "e.at", "e.actor_id", "u.name as actor_name", "e.data"])
    .where("e.org_id", "=", orgId)
    .where("e.commitment_id", "=", commitmentId)
    .orderBy("e.seq")
    .execute();
}

/** The event that closed the promise last (completed, broken or cancelled): who closed it. */
export async function lastClosingEvent(db: Kysely<DB>, orgId: string, commitmentId: string) {
  return db
    .selectFrom("commitment_events")
    .select(["id", "kind", "at", "actor_id"])
    .where("org_id", "=", orgId)
    .where("commitment_id", "=", commitmentId)
    .where("kind", "in", ["completed", "broken", "cancelled"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function findContact(db: Kysely<DB>, orgId: string, clientId: string, contactId: string) {
  return db
    .selectFrom("contacts")
    .select(["id", "name", "email"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("id", "=", contactId)
    .executeTakeFirst();
}

export async function findClientName(db: Kysely<DB>, orgId: string, clientId: string) {
  return db.selectFrom("clients").select(["id", "name"]).where("org_id", "=", orgId).where("id", "=", clientId).executeTakeFirst();
}

/** The first contact of a client with an e-mail address: who hears about a promise without a named contact. */
export async function firstContactWithEmail(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("contacts")
    .select(["id", "name", "email"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("email", "is not", null)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
}

/** A promise the reminder sweep claimed, with what its notices need. */
export type DueRow = {
  org_id: string;
  id: string;
  title: string;
  owner_id: string;
  owner_name: string;
  client_id: string;
  client_name: string;
  client_team_id: string | null;
  due_at: Date;
};

/**
 * Claims up to `batch` active promises across organizations for the sweep: those to warn
 * (`warned_at`) or to escalate (`escalated_at`), marked with `now` in one conditional
 * UPDATE; SKIP LOCKED keeps two sweeping instances off each other's rows.
 */
export async function claimDue(trx: Kysely<DB>, column: "warned_at" | "escalated_at", now: Date, batch: number): Promise<DueRow[]> {
  const condition =
    column === "warned_at"
      ? sql`c.warned_at is null and c.warn_at is not null and c.warn_at <= ${now} and c.due_at > ${now}`
      : sql`c.escalated_at is null and c.due_at <= ${now}`;
  const claimed = await sql<DueRow>`
    with due as (
      select c.org_id, c.id from commitments c
      where c.status in ('open', 'renegotiated') and ${condition}
      order by ${column === "warned_at" ? sql`c.warn_at` : sql`c.due_at`}
      limit ${batch}
      for update skip locked
    )
    update commitments c set ${sql.ref(column)} = ${now}
    from due, clients cl, "user" u
    where c.org_id = due.org_id and c.id = due.id
      and cl.org_id = c.org_id and cl.id = c.client_id and u.id = c.owner_id
    returning c.org_id, c.id, c.title, c.owner_id, u.name as owner_name, c.client_id, cl.name as client_name,
      cl.team_id as client_team_id, c.due_at`.execute(trx);
  return claimed.rows;
}

export type SweepEventRow = { org_id: string; id: string; commitment_id: string; kind: string; at: Date; actor_id: null; data: string };

/** The sweep's events of a whole batch in one statement. */
export async function insertEvents(trx: Kysely<DB>, events: readonly SweepEventRow[]) {
  if (events.length > 0) await trx.insertInto("commitment_events").values(events).execute();
}

/** Who sends a notice to a client, and for which firm: named in the notice's frame. */
export async function findNoticeSender(db: Kysely<DB>, orgId: string, userId: string) {
  const [sender, organization] = await Promise.all([
    db.selectFrom("user").select(["name", "email"]).where("id", "=", userId).executeTakeFirst(),
    db.selectFrom("organization").select("name").where("id", "=", orgId).executeTakeFirst(),
  ]);
  return { sender, organization };
}

/** Promises of an organization in id order, for publishing their facts again. */
export async function listForRepublish(db: Kysely<DB>, orgId: string, afterId: string | undefined, limit: number) {
  let query = db.selectFrom("commitments").select(["id", "client_id", "kind", "title", "owner_id"]).where("org_id", "=", orgId);
  if (afterId) query = query.where("id", ">", afterId);
  return query.orderBy("id").limit(limit).execute();
}

/** The whole history of some promises, each in the order it was written. */
export async function listHistories(db: Kysely<DB>, orgId: string, ids: readonly string[]) {
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom("commitment_events")
          .select(["id", "commitment_id", "kind", "at", "actor_id", "data"])
          .where("org_id", "=", orgId)
          .where("commitment_id", "in", ids)
          .orderBy("seq")
          .execute();
  const histories = new Map<string, Array<(typeof rows)[number]>>();
  for (const row of rows) {
    const list = histories.get(row.commitment_id) ?? [];
    list.push(row);
    histories.set(row.commitment_id, list);
  }
  return histories;
}

const CLOSED: CommitmentStatus[] = ["kept", "kept_late", "broken", "cancelled"];

/** The promises to one contact of a client (or to the client as a whole) closed since `since`, counted by how they ended. */
export async function countClosedForContact(db: Kysely<DB>, orgId: string, clientId: string, contactId: string, since: Date) {
  return db
    .selectFrom("commitments")
    .select([
      sql<number>`count(*) filter (where status = 'kept')::int`.as("kept"),
      sql<number>`count(*) filter (where status = 'kept_late')::int`.as("kept_late"),
      sql<number>`count(*) filter (where renegotiated_with_notice)::int`.as("renegotiated_with_notice"),
      sql<number>`count(*) filter (where status = 'broken')::int`.as("broken"),
      sql<number>`count(*) filter (where status = 'cancelled')::int`.as("cancelled"),
    ])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where((eb) => eb.or([eb("contact_id", "=", contactId), eb("contact_id", "is", null)]))
    .where("status", "in", CLOSED)
    .where("closed_at", ">=", since)
    .executeTakeFirstOrThrow();
}

/** The same promises, newest closed first: only what the client may read (title, times, outcome). */
export async function listClosedForContact(db: Kysely<DB>, orgId: string, clientId: string, contactId: string, since: Date, limit: number) {
  return db
    .selectFrom("commitments")
    .select(["title", "status", "due_at", "closed_at", "renegotiated_with_notice"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where((eb) => eb.or([eb("contact_id", "=", contactId), eb("contact_id", "is", null)]))
    .where("status", "in", CLOSED)
    .where("closed_at", ">=", since)
    .orderBy("closed_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}
