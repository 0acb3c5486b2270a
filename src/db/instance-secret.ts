import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "./schema.ts";

/**
 * The secret that signs sessions and cursors. When not configured it is made
 * once and kept in the database, so every app instance on one database agrees
 * on it and a restart does not sign everybody out.
 */
export async function ensureInstanceSecret(db: Kysely<DB>): Promise<string> {
  await db
    .insertInto("instance_settings")
    .values({ key: "secret", value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db.selectFrom("instance_settings").select("value").where("key", "=", "secret").executeTakeFirstOrThrow();
  return row.value;
}
