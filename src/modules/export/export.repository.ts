import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Reads everything one organization owns, table by table, in a stable order. */
export async function readOrganizationData(db: Kysely<DB>, orgId: string) {
  const [organization, members, teams, teamMembers, expertise, clients, contacts] = await Promise.all([
    db.selectFrom("organization").select(["id", "name", "slug", "createdAt"]).where("id", "=", orgId).executeTakeFirst(),
    db
      .selectFrom("member")
      .innerJoin("user", "user.id", "member.userId")
      .select(["user.id", "user.name", "user.email", "member.role", "member.createdAt as joinedAt"])
      .where("member.organizationId", "=", orgId)
      .orderBy("user.email")
      .execute(),
    db.selectFrom("teams").select(["id", "name", "created_at"]).where("org_id", "=", orgId).orderBy("id").execute(),
    db
      .selectFrom("team_members")
      .select(["team_id", "user_id"])
      .where("org_id", "=", orgId)
      .orderBy("team_id")
      .orderBy("user_id")
      .execute(),
    db.selectFrom("expertise").select(["user_id", "topic"]).where("org_id", "=", orgId).orderBy("user_id").orderBy("topic").execute(),
    db
      .selectFrom("clients")
      .select([
        "id",
        "kind",
        "name",
        "email",
        "phone",
        "website",
        "notes",
        "account_owner_id",
        "team_id",
        "archived_at",
        "created_at",
        "updated_at",
        "version",
      ])
      .where("org_id", "=", orgId)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("contacts")
      .select(["id", "client_id", "name", "role", "email", "phone", "created_at", "updated_at"])
      .where("org_id", "=", orgId)
      .orderBy("id")
      .execute(),
  ]);
  return { organization, members, teams, teamMembers, expertise, clients, contacts };
}

export async function findOrganizationId(db: Kysely<DB>, idOrSlug: string) {
  const row = await db
    .selectFrom("organization")
    .select("id")
    .where((eb) => eb.or([eb("id", "=", idOrSlug), eb("slug", "=", idOrSlug)]))
    .executeTakeFirst();
  return row?.id;
}

export async function listOrganizations(db: Kysely<DB>) {
  return db.selectFrom("organization").select(["id", "name", "slug"]).orderBy("createdAt").execute();
}
