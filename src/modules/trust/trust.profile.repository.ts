import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/**
 * The personal trust profile's queries: a person's own evidence (the rows whose
 * conduct it is about) and their self-assessments. Every query names the user
 * it is for; no query lists other people's self-assessments.
 */
export async function findHalfLifeDays(db: Kysely<DB>, orgId: string): Promise<number | undefined> {
  const row = await db.selectFrom("trust_settings").select("half_life_days").where("org_id", "=", orgId).executeTakeFirst();
  return row?.half_life_days;
}

/** The live (not revoked) evidence about the conduct of any of `userIds`, for sums and counts. */
export async function liveEvidenceOf(db: Kysely<DB>, orgId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("trust_evidence")
    .select(["event_id", "core", "kind", "weight", "occurred_at", "subject_user_id"])
    .where("org_id", "=", orgId)
    .where("subject_user_id", "in", userIds)
    .where("revoked_at", "is", null)
    .execute();
}

/** One person's most recent live evidence, with the client it was with. */
export async function recentEvidenceOf(db: Kysely<DB>, orgId: string, userId: string, limit: number) {
  return db
    .selectFrom("trust_evidence as e")
    .innerJoin("clients as c", (join) => join.onRef("c.org_id", "=", "e.org_id").onRef("c.id", "=", "e.client_id"))
    .select([
      "e.id",
      "e.core",
      "e.kind",
      "e.weight",
      "e.occurred_at",
      "e.label",
      "e.note",
      "e.source_type",
      "e.source_id",
      "e.client_id",
      "c.name as client_name",
    ])
    .where("e.org_id", "=", orgId)
    .where("e.subject_user_id", "=", userId)
    .where("e.revoked_at", "is", null)
    .orderBy("e.occurred_at", "desc")
    .orderBy("e.id", "desc")
    .limit(limit)
    .execute();
}

export async function insertSelfAssessment(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    user_id: string;
    integrity: number;
    intent: number;
    capabilities: number;
    results: number;
    note: string | null;
    created_at: Date;
  },
) {
  await db.insertInto("trust_self_assessments").values(row).execute();
}

/** One person's latest self-assessments, newest first. */
export async function latestSelfAssessments(db: Kysely<DB>, orgId: string, userId: string, limit: number) {
  return db
    .selectFrom("trust_self_assessments")
    .select(["id", "integrity", "intent", "capabilities", "results", "note", "created_at"])
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
}
