import type { Insertable, Kysely, Updateable } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { EngagementStageColumn } from "../../db/schema-engagements.ts";

/** All SQL of engagements: always scoped to one organization. */

export async function insertEngagement(db: Kysely<DB>, row: Insertable<DB["engagements"]>) {
  await db.insertInto("engagements").values(row).execute();
}

export async function updateEngagement(db: Kysely<DB>, orgId: string, id: string, changes: Updateable<DB["engagements"]>) {
  await db.updateTable("engagements").set(changes).where("org_id", "=", orgId).where("id", "=", id).execute();
}

const columns = [
  "e.id",
  "e.client_id",
  "c.name as client_name",
  "e.title",
  "e.request",
  "e.initiated_by",
  "e.owner_id",
  "u.name as owner_name",
  "e.team_id",
  "t.name as team_name",
  "e.value_cents",
  "e.stage",
  "e.stage_changed_at",
  "e.real_need",
  "e.root_causes",
  "e.stakeholders",
  "e.risks",
  "e.success_looks_like",
  "e.advice",
  "e.second_look",
  "e.analysis_recorded_at",
  "e.declined_reason",
  "e.referral",
  "e.declined_at",
  "e.created_at",
] as const;

function selectEngagements(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("engagements as e")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "e.org_id").onRef("c.id", "=", "e.client_id"))
    .leftJoin("user as u", "u.id", "e.owner_id")
    .leftJoin("teams as t", (join) => join.onRef("t.org_id", "=", "e.org_id").onRef("t.id", "=", "e.team_id"))
    .select(columns)
    .where("e.org_id", "=", orgId);
}

export async function findEngagement(db: Kysely<DB>, orgId: string, id: string) {
  return selectEngagements(db, orgId).where("e.id", "=", id).executeTakeFirst();
}

/** For an update: the row locked against a concurrent stage change. */
export async function lockEngagement(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("engagements")
    .select(["id", "client_id", "title", "stage", "value_cents", "second_look", "analysis_recorded_at"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function listEngagements(
  db: Kysely<DB>,
  orgId: string,
  filter: {
    clientId?: string | undefined;
    ownerId?: string | undefined;
    teamId?: string | undefined;
    stage?: EngagementStageColumn | undefined;
  },
) {
  let query = selectEngagements(db, orgId);
  if (filter.clientId) query = query.where("e.client_id", "=", filter.clientId);
  if (filter.ownerId) query = query.where("e.owner_id", "=", filter.ownerId);
  if (filter.teamId) query = query.where("e.team_id", "=", filter.teamId);
  if (filter.stage) query = query.where("e.stage", "=", filter.stage);
  return query.orderBy("e.created_at", "desc").orderBy("e.id").limit(1000).execute();
}

export async function listAdvice(db: Kysely<DB>, orgId: string, engagementIds: readonly string[]) {
  if (engagementIds.length === 0) return [];
  return db
    .selectFrom("engagement_advice")
    .select(["id", "engagement_id", "advice", "against_own_revenue", "revenue_forgone_cents", "recorded_at"])
    .where("org_id", "=", orgId)
    .where("engagement_id", "in", engagementIds)
    .orderBy("recorded_at")
    .orderBy("id")
    .execute();
}

export async function insertAdvice(db: Kysely<DB>, row: Insertable<DB["engagement_advice"]>) {
  await db.insertInto("engagement_advice").values(row).execute();
}

export async function listDisagreements(db: Kysely<DB>, orgId: string, engagementIds: readonly string[]) {
  if (engagementIds.length === 0) return [];
  return db
    .selectFrom("engagement_disagreements")
    .select(["id", "engagement_id", "summary", "resolved_by", "recorded_at"])
    .where("org_id", "=", orgId)
    .where("engagement_id", "in", engagementIds)
    .orderBy("recorded_at")
    .orderBy("id")
    .execute();
}

export async function insertDisagreement(db: Kysely<DB>, row: Insertable<DB["engagement_disagreements"]>) {
  await db.insertInto("engagement_disagreements").values(row).execute();
}

/** Every engagement's group keys and who initiated it: the pull ratio's facts. */
export async function listPullFacts(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("engagements as e")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "e.org_id").onRef("c.id", "=", "e.client_id"))
    .leftJoin("user as u", "u.id", "e.owner_id")
    .leftJoin("teams as t", (join) => join.onRef("t.org_id", "=", "e.org_id").onRef("t.id", "=", "e.team_id"))
    .select([
      "e.client_id",
      "c.name as client_name",
      "e.owner_id",
      "u.name as owner_name",
      "e.team_id",
      "t.name as team_name",
      "e.initiated_by",
      "e.created_at",
    ])
    .where("e.org_id", "=", orgId)
    .execute();
}
