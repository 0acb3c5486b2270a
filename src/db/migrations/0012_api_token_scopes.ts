import { type Kysely, sql } from "kysely";

/**
 * What an API token may do: any of read, write and admin, chosen when it is
 * created. Tokens made before scopes existed could do everything their owner
 * can; they keep working but only for reading, the safe choice for a secret
 * that may have leaked: an integration that also writes gets a new token with
 * the write scope (README, "API tokens").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table api_tokens add column scopes text[] not null default array['read']::text[];
    alter table api_tokens alter column scopes drop default;
    alter table api_tokens add constraint api_tokens_scopes_check
      check (cardinality(scopes) > 0 and scopes <@ array['read', 'write', 'admin']::text[]);
  `.execute(db);
}
