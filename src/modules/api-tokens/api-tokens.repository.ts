import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/**
 * Locks the owner's membership row until the transaction ends, so that
 * counting their active tokens and adding one happen one request at a time.
 */
export async function lockTokenOwner(db: Kysely<DB>, orgId: string, userId: string): Promise<void> {
  await db.selectFrom("member").select("id").where("organizationId", "=", orgId).where("userId", "=", userId).forUpdate().execute();
}

export async function insertToken(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    token_prefix: string;
    scopes: string[];
    created_at: Date;
  },
) {
  await db.insertInto("api_tokens").values(row).execute();
}

export async function listActiveTokens(db: Kysely<DB>, orgId: string, userId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "token_prefix", "scopes", "created_at", "last_used_at"])
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeToken(db: Kysely<DB>, orgId: string, userId: string, id: string, now: Date) {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The token's owner, only while the token is active and its owner still a member. */
export async function findActiveTokenOwner(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("member", (join) =>
      join.onRef("member.organizationId", "=", "api_tokens.org_id").onRef("member.userId", "=", "api_tokens.user_id"),
    )
    .select(["api_tokens.org_id", "api_tokens.id", "api_tokens.user_id", "api_tokens.scopes", "api_tokens.last_used_at", "member.role"])
    .where("api_tokens.token_hash", "=", tokenHash)
    .where("api_tokens.revoked_at", "is", null)
    .executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, orgId: string, id: string, now: Date) {
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("org_id", "=", orgId).where("id", "=", id).execute();
}
