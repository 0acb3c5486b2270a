import { type Kysely, sql } from "kysely";

/**
 * When a person last opened a contract's indexation audit, and who: the
 * integrity dashboard lists indexed contracts nobody ever audited.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contracts
      add column last_audited_at timestamptz,
      add column last_audited_by text references "user" ("id") on delete set null;
  `.execute(db);
}
