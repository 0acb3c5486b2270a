import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

export async function listTeams(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("teams")
    .select([
      "teams.id",
      "teams.name",
      (eb) =>
        eb
          .selectFrom("team_members")
          .select(sql<string[]>`coalesce(array_agg(user_id order by user_id), '{}')`.as("ids"))
          .whereRef("team_members.org_id", "=", "teams.org_id")
          .whereRef("team_members.team_id", "=", "teams.id")
          .as("memberIds"),
    ])
    .where("teams.org_id", "=", orgId)
    .orderBy(sql`lower(teams.name)`)
    .execute();
}

export async function findTeam(db: Kysely<DB>, orgId: string, id: string) {
  return db.selectFrom("teams").select(["id", "name"]).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
}

export async function findTeamByName(db: Kysely<DB>, orgId: string, name: string) {
  return db
    .selectFrom("teams")
    .select(["id"])
    .where("org_id", "=", orgId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

export async function insertTeam(db: Kysely<DB>, row: { org_id: string; id: string; name: string; created_at: Date }) {
  await db.insertInto("teams").values(row).execute();
}

export async function renameTeam(db: Kysely<DB>, orgId: string, id: string, name: string) {
  const result = await db.updateTable("teams").set({ name }).where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteTeam(db: Kysely<DB>, orgId: string, id: string) {
  const result = await db.deleteFrom("teams").where("org_id", "=", orgId).where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function replaceTeamMembers(db: Kysely<DB>, orgId: string, teamId: string, userIds: string[]) {
  await db.deleteFrom("team_members").where("org_id", "=", orgId).where("team_id", "=", teamId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto("team_members")
      .values(userIds.map((user_id) => ({ org_id: orgId, team_id: teamId, user_id })))
      .execute();
  }
}

/** (team, member) pairs of the teams `teamIds`. */
export async function membersOfTeams(db: Kysely<DB>, orgId: string, teamIds: readonly string[]) {
  if (teamIds.length === 0) return [];
  return db.selectFrom("team_members").select(["team_id", "user_id"]).where("org_id", "=", orgId).where("team_id", "in", teamIds).execute();
}

/** (team, member) pairs of every team that one of `userIds` belongs to. */
export async function membersOfTeamsOf(db: Kysely<DB>, orgId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("team_members as tm")
    .select(["tm.team_id", "tm.user_id"])
    .where("tm.org_id", "=", orgId)
    .where("tm.team_id", "in", (eb) =>
      eb.selectFrom("team_members as mine").select("mine.team_id").where("mine.org_id", "=", orgId).where("mine.user_id", "in", userIds),
    )
    .execute();
}
