import type { Kysely } from "kysely";

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one:
 * a use-case that writes in its own transaction can then also be one step of
 * a larger one (a new caller recorded as a client with the callback's promise).
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
