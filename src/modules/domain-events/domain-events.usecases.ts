import type { Kysely } from "kysely";
import type { EventSelector } from "../../core/timeline.ts";
import type { DB } from "../../db/schema.ts";
import * as repo from "./domain-events.repository.ts";

/**
 * The one door for "what happened" (ARCHITECTURE.md, "domain events"). A
 * module publishes its facts inside the transaction that made them true;
 * consumers that must agree with the facts (the trust ledger's evidence) run
 * in that same transaction. Readers that talk to the outside (webhooks) read
 * the table later by `seq`.
 *
 * The event id is the producer's own id for the fact, so publishing a fact
 * twice (a replay, a backfill) changes nothing and runs no consumer twice.
 */
export type DomainEvent = {
  orgId: string;
  /** The producer's id for this fact (e.g. the commitment event's id). */
  id: string;
  /** "<module>.<what happened>", e.g. "commitment.kept". */
  type: string;
  subjectType: string;
  subjectId: string;
  clientId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
};

export type StoredDomainEvent = DomainEvent & { seq: number };

/** Runs inside the publishing transaction; throwing rolls the fact back too. */
export type InTransactionConsumer = (trx: Kysely<DB>, event: DomainEvent) => Promise<void>;

const consumers = new Map<string, InTransactionConsumer>();

/**
 * Registers a consumer that runs in the publisher's transaction. The
 * composition root (app.ts) lists them; registering a name again replaces it,
 * so building several apps in one process does not run a consumer twice.
 */
export function consumeInTransaction(name: string, consumer: InTransactionConsumer): void {
  consumers.set(name, consumer);
}

const rowOf = (event: DomainEvent) => ({
  org_id: event.orgId,
  id: event.id,
  type: event.type,
  subject_type: event.subjectType,
  subject_id: event.subjectId,
  client_id: event.clientId,
  actor_id: event.actorId,
  payload: event.payload,
  occurred_at: event.occurredAt,
});

/** Records the fact and hands it to every in-transaction consumer; false when it was already recorded. */
export async function publish(trx: Kysely<DB>, event: DomainEvent): Promise<boolean> {
  if (!trx.isTransaction) throw new Error("domain events are published inside the transaction that made them true");
  const inserted = await repo.insertEvent(trx, rowOf(event));
  if (!inserted) return false;
  for (const consumer of consumers.values()) await consumer(trx, event);
  return true;
}

/**
 * Records past facts without running the consumers — only for a backfill that,
 * in the same transaction, derives every consumer's state again from the whole
 * table (the trust ledger's rebuild). Running the consumers one event at a
 * time first would only do that work twice. Ids already recorded are skipped;
 * returns how many were new.
 */
export async function recordPastFacts(trx: Kysely<DB>, events: readonly DomainEvent[]): Promise<number> {
  if (!trx.isTransaction) throw new Error("past facts are recorded inside the backfill's transaction");
  return repo.insertEvents(trx, events.map(rowOf));
}

function fromRow(row: Awaited<ReturnType<typeof repo.listAfter>>[number]): StoredDomainEvent {
  return {
    orgId: row.org_id,
    id: row.id,
    seq: Number(row.seq),
    type: row.type,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    clientId: row.client_id,
    actorId: row.actor_id,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at),
  };
}

/**
 * A client's events, newest first; `before` continues a page. `types` keeps
 * only those types, `modules` only the types of those producers ("commitment"
 * keeps every "commitment.*", also types added later), `selectors` only the
 * events one of them selects, `notModules` leaves those producers out.
 */
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
): Promise<StoredDomainEvent[]> {
  return (await repo.listForClient(db, orgId, clientId, options)).map(fromRow);
}

/** Events in recorded order after `afterSeq` (outbox readers, backfill). */
export async function listAfter(db: Kysely<DB>, orgId: string, afterSeq: number, limit: number): Promise<StoredDomainEvent[]> {
  return (await repo.listAfter(db, orgId, afterSeq, limit)).map(fromRow);
}

export async function findEvent(db: Kysely<DB>, orgId: string, id: string): Promise<StoredDomainEvent | undefined> {
  const row = await repo.findEvent(db, orgId, id);
  return row ? fromRow(row) : undefined;
}
