import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

export async function findActiveFeed(db: Kysely<DB>, orgId: string, userId: string) {
  return db
    .selectFrom("calendar_feeds")
    .select(["id", "created_at", "last_used_at"])
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

export async function revokeFeeds(db: Kysely<DB>, orgId: string, userId: string, at: Date) {
  const result = await db
    .updateTable("calendar_feeds")
    .set({ revoked_at: at })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertFeed(
  db: Kysely<DB>,
  row: { org_id: string; id: string; user_id: string; token_hash: string; created_at: Date },
) {
  await db.insertInto("calendar_feeds").values(row).execute();
}

/** The feed behind a token, only while its owner is still a member of the organization. */
export async function findFeedByHash(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom("calendar_feeds as f")
    .innerJoin("member as m", (join) => join.onRef("m.organizationId", "=", "f.org_id").onRef("m.userId", "=", "f.user_id"))
    .innerJoin("user as u", "u.id", "f.user_id")
    .select(["f.org_id", "f.id", "f.user_id", "u.name as user_name"])
    .where("f.token_hash", "=", tokenHash)
    .where("f.revoked_at", "is", null)
    .executeTakeFirst();
}

export async function touchFeed(db: Kysely<DB>, orgId: string, id: string, at: Date) {
  await db.updateTable("calendar_feeds").set({ last_used_at: at }).where("org_id", "=", orgId).where("id", "=", id).execute();
}
