import { type Kysely, sql } from "kysely";

/**
 * Keeps the number of contacts on the client row. Counting them per listed
 * client halved the throughput of the client list; the count is maintained in
 * the same statement that rebuilds the search text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table clients add column contact_count integer not null default 0;
    update clients c set contact_count = (select count(*) from contacts k where k.org_id = c.org_id and k.client_id = c.id);
  `.execute(db);
}
