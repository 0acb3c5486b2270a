import { type Kysely, sql } from "kysely";

/**
 * Request counts for rate limits (sign-in, sign-up, portal links, invitations,
 * suggestions), kept in the database so that every app instance on it counts
 * against the same limit: three instances must not mean three times the
 * password guesses. Like job_runs this serves the whole installation, not one
 * organization: the requests it counts come before anyone is known. The key is
 * a hash (it would otherwise hold addresses and e-mail addresses).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limit_hits (
      key_hash text primary key,
      hits integer not null,
      window_ends_at timestamptz not null
    );
    -- Housekeeping removes windows that ended.
    create index rate_limit_hits_window_idx on rate_limit_hits (window_ends_at);
  `.execute(db);
}
