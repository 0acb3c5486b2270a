import { type Kysely, sql } from "kysely";

/**
 * Indexes for the trust ledger's hot reads (bench/RESULTS.md): a lead's at-risk
 * list filters clients by team, and every list request first claims the
 * client_risks rows that are stale or old — each of those in its own index,
 * instead of a scan of the whole table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index clients_team_idx on clients (org_id, team_id) where team_id is not null;
    create index client_risks_stale_idx on client_risks (org_id, client_id) where stale;
    create index client_risks_computed_idx on client_risks (org_id, computed_at);
  `.execute(db);
}
