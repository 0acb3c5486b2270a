import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** All SQL about organizations, memberships, expertise and invitations. */

export async function insertOrganization(db: Kysely<DB>, row: { id: string; name: string; slug: string; createdAt: Date }): Promise<void> {
  await db.insertInto("organization").values(row).execute();
}

export async function findOrganization(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("organization").select(["id", "name", "slug"]).where("id", "=", orgId).executeTakeFirst();
}

/**
 * Locks the organization's row until the transaction ends, so checks about
 * its members (such as "another admin remains") and the change they guard
 * happen one transaction at a time.
 */
export async function lockOrganization(db: Kysely<DB>, orgId: string): Promise<void> {
  await db.selectFrom("organization").select("id").where("id", "=", orgId).forUpdate().execute();
}

export async function insertMember(
  db: Kysely<DB>,
  row: { id: string; organizationId: string; userId: string; role: string; createdAt: Date },
): Promise<void> {
  await db.insertInto("member").values(row).execute();
}

export async function findMembership(db: Kysely<DB>, orgId: string, userId: string) {
  return db
    .selectFrom("member")
    .innerJoin("organization", "organization.id", "member.organizationId")
    .select(["member.role", "member.organizationId", "organization.name as organizationName"])
    .where("member.organizationId", "=", orgId)
    .where("member.userId", "=", userId)
    .executeTakeFirst();
}

/** The membership to use when a session has no active organization yet: the oldest. */
export async function findFirstMembership(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("member")
    .select(["organizationId", "role"])
    .where("userId", "=", userId)
    .orderBy("createdAt")
    .limit(1)
    .executeTakeFirst();
}

export async function listMembers(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("member")
    .innerJoin("user", "user.id", "member.userId")
    .select([
      "user.id as id",
      "user.name as name",
      "user.email as email",
      "member.role as role",
      "member.createdAt as joinedAt",
      (eb) =>
        eb
          .selectFrom("expertise")
          .select(sql<string[]>`coalesce(array_agg(topic order by lower(topic)), '{}')`.as("topics"))
          .whereRef("expertise.user_id", "=", "user.id")
          .where("expertise.org_id", "=", orgId)
          .as("expertise"),
      (eb) =>
        eb
          .selectFrom("team_members")
          .innerJoin("teams", (join) =>
            join.onRef("teams.org_id", "=", "team_members.org_id").onRef("teams.id", "=", "team_members.team_id"),
          )
          .select(
            sql<
              { id: string; name: string }[]
            >`coalesce(json_agg(json_build_object('id', teams.id, 'name', teams.name) order by lower(teams.name)), '[]')`.as("teams"),
          )
          .whereRef("team_members.user_id", "=", "user.id")
          .where("team_members.org_id", "=", orgId)
          .as("teams"),
    ])
    .where("member.organizationId", "=", orgId)
    .orderBy(sql`lower("user"."name")`)
    .execute();
}

export async function countAdmins(db: Kysely<DB>, orgId: string): Promise<number> {
  const row = await db
    .selectFrom("member")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organizationId", "=", orgId)
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateMemberRole(db: Kysely<DB>, orgId: string, userId: string, role: string) {
  const result = await db
    .updateTable("member")
    .set({ role })
    .where("organizationId", "=", orgId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function replaceExpertise(db: Kysely<DB>, orgId: string, userId: string, topics: string[]) {
  await db.deleteFrom("expertise").where("org_id", "=", orgId).where("user_id", "=", userId).execute();
  if (topics.length > 0) {
    await db
      .insertInto("expertise")
      .values(topics.map((topic) => ({ org_id: orgId, user_id: userId, topic })))
      .execute();
  }
}

/** Members whose topics contain the given text, best matches (most topics matched) first. */
export async function findExperts(db: Kysely<DB>, orgId: string, text: string) {
  const pattern = `%${escapeLike(text.toLowerCase())}%`;
  return db
    .selectFrom("expertise")
    .innerJoin("member", (join) =>
      join.onRef("member.userId", "=", "expertise.user_id").onRef("member.organizationId", "=", "expertise.org_id"),
    )
    .innerJoin("user", "user.id", "expertise.user_id")
    .select([
      "user.id as id",
      "user.name as name",
      "member.role as role",
      sql<string[]>`array_agg(expertise.topic order by lower(expertise.topic))`.as("topics"),
    ])
    .where("expertise.org_id", "=", orgId)
    .where(sql<boolean>`lower(expertise.topic) like ${pattern}`)
    .groupBy(["user.id", "user.name", "member.role"])
    .orderBy(sql`count(*)`, "desc")
    .orderBy(sql`lower("user"."name")`)
    .limit(20)
    .execute();
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom("user").select(["id", "name", "email"]).where("email", "=", email).executeTakeFirst();
}

export async function findUser(db: Kysely<DB>, userId: string) {
  return db.selectFrom("user").select(["id", "name", "email"]).where("id", "=", userId).executeTakeFirst();
}

export async function insertInvitation(
  db: Kysely<DB>,
  row: { id: string; organizationId: string; email: string; role: string; inviterId: string; expiresAt: Date; createdAt: Date },
) {
  await db
    .insertInto("invitation")
    .values({ ...row, status: "pending" })
    .execute();
}

export async function cancelPendingInvitations(db: Kysely<DB>, orgId: string, email: string) {
  await db
    .updateTable("invitation")
    .set({ status: "canceled" })
    .where("organizationId", "=", orgId)
    .where("email", "=", email)
    .where("status", "=", "pending")
    .execute();
}

export async function listPendingInvitations(db: Kysely<DB>, orgId: string, now: Date) {
  return db
    .selectFrom("invitation")
    .select(["id", "email", "role", "status", "expiresAt"])
    .where("organizationId", "=", orgId)
    .where("status", "=", "pending")
    .where("expiresAt", ">", now)
    .orderBy("createdAt", "desc")
    .execute();
}

export async function findPendingInvitation(db: Kysely<DB>, id: string, now: Date) {
  return db
    .selectFrom("invitation")
    .innerJoin("organization", "organization.id", "invitation.organizationId")
    .select(["invitation.id", "invitation.email", "invitation.role", "invitation.organizationId", "organization.name as organizationName"])
    .where("invitation.id", "=", id)
    .where("invitation.status", "=", "pending")
    .where("invitation.expiresAt", ">", now)
    .executeTakeFirst();
}

/** Marks an invitation with a final status; 0 when it was no longer pending (used twice at once). */
export async function closeInvitation(db: Kysely<DB>, orgId: string, id: string, status: "accepted" | "canceled") {
  const result = await db
    .updateTable("invitation")
    .set({ status })
    .where("organizationId", "=", orgId)
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function memberIdsWithRole(db: Kysely<DB>, orgId: string, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom("member")
    .select("userId")
    .where("organizationId", "=", orgId)
    .where("role", "=", role)
    .orderBy("userId")
    .execute();
  return rows.map((row) => row.userId);
}
