import { type Kysely, sql } from "kysely";
import type { EventSelector } from "../../core/timeline.ts";
import type { DB } from "../../db/schema.ts";

export type DomainEventRow = {
  org_id: string;
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  client_id: string | null;
  actor_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
};

/** Inserts many events in their order (seq follows it), skipping ids that exist; how many were new. */
export async function insertEvents(db: Kysely<DB>, events: readonly DomainEventRow[]): Promise<number> {
  let inserted = 0;
  // 9 columns a row: 1,000 rows stay far below PostgreSQL's 65,535 bind parameters.
  for (let start = 0; start < events.length; start += 1000) {
    const chunk = events.slice(start, start + 1000);
    const rows = await db
      .insertInto("domain_events")
      .values(chunk.map((event) => ({ ...event, payload: JSON.stringify(event.payload) })))
      .onConflict((conflict) => conflict.columns(["org_id", "id"]).doNothing())
      .returning("id")
      .execute();
    inserted += rows.length;
  }
  return inserted;
}

/** Inserts the event unless one with its id exists; true when it is new. */
export async function insertEvent(db: Kysely<DB>, event: DomainEventRow): Promise<boolean> {
  const inserted = await db
    .insertInto("domain_events")
    .values({ ...event, payload: JSON.stringify(event.payload) })
    .onConflict((conflict) => conflict.columns(["org_id", "id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

const columns = ["org_id", "id", "seq", "type", "subject_type", "subject_id", "client_id", "actor_id", "payload", "occurred_at"] as const;

/** A client's events, newest first, from an optional (occurred_at, id) position. */
export async function listForClient(
  db: Kysely<DB>,
  orgId: string,
  clientId: string,
  options: {
    types?: readonly string[];
    modules?: readonly string[];
    selectors?: readonly EventSelector[];
    notModules?: readonly string[];
    before?: { occurredAt: Date; id: string };
    limit: number;
  },
) {
  let query = db.selectFrom("domain_events").select(columns).where("org_id", "=", orgId).where("client_id", "=", clientId);
  if (options.types && options.types.length > 0) query = query.where("type", "in", options.types);
  // "<module>.<what happened>": the part before the dot names the producer.
  if (options.modules && options.modules.length > 0) query = query.where(sql`split_part(type, '.', 1)`, "in", options.modules);
  if (options.selectors && options.selectors.length > 0) {
    const selectors = options.selectors;
    query = query.where((eb) =>
      eb.or(
        selectors.map((selector) => {
          const module = eb(sql`split_part(type, '.', 1)`, "=", selector.module);
          const field = selector.payload ? sql`payload ->> ${selector.payload.key}` : undefined;
          if (!selector.payload || !field) return module;
          if (selector.payload.equals !== undefined) return eb.and([module, eb(field, "=", selector.payload.equals)]);
          return eb.and([module, eb(field, "is distinct from", selector.payload.notEquals ?? null)]);
        }),
      ),
    );
  }
  if (options.notModules && options.notModules.length > 0) {
    query = query.where(sql`split_part(type, '.', 1)`, "not in", options.notModules);
  }
  if (options.before) {
    const { occurredAt, id } = options.before;
    query = query.where(sql<boolean>`(occurred_at, id) < (${occurredAt}, ${id}::uuid)`);
  }
  return query.orderBy("occurred_at", "desc").orderBy("id", "desc").limit(options.limit).execute();
}

/** An organization's events in the order they were recorded, after `afterSeq`. */
export async function listAfter(db: Kysely<DB>, orgId: string, afterSeq: number, limit: number) {
  return db
    .selectFrom("domain_events")
    .select(columns)
    .where("org_id", "=", orgId)
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

export async function findEvent(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom("domain_events").select(columns).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}
