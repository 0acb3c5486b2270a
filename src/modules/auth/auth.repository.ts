import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** The few writes to better-auth's tables that its API has no call for. */

export async function setActiveOrganization(db: Kysely<DB>, sessionToken: string, orgId: string): Promise<void> {
  await db.updateTable("session").set({ activeOrganizationId: orgId }).where("token", "=", sessionToken).execute();
}

export async function deleteSessionByToken(db: Kysely<DB>, sessionToken: string): Promise<void> {
  await db.deleteFrom("session").where("token", "=", sessionToken).execute();
}

/** Used to undo a sign-up whose organization could not be created; sessions and accounts cascade. */
export async function deleteUser(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom("user").where("id", "=", userId).execute();
}

export async function markEmailVerified(db: Kysely<DB>, userId: string): Promise<void> {
  await db.updateTable("user").set({ emailVerified: true }).where("id", "=", userId).execute();
}

export async function findUser(db: Kysely<DB>, userId: string) {
  return db.selectFrom("user").select(["id", "name", "email"]).where("id", "=", userId).executeTakeFirst();
}

/** A session with the member role in its active organization (null when it has none), in one query. */
export async function findSessionWithRole(db: Kysely<DB>, token: string) {
  return db
    .selectFrom("session")
    .leftJoin("member", (join) =>
      join.onRef("member.userId", "=", "session.userId").onRef("member.organizationId", "=", "session.activeOrganizationId"),
    )
    .select(["session.userId", "session.expiresAt", "session.activeOrganizationId", "member.role"])
    .where("session.token", "=", token)
    .executeTakeFirst();
}
