import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { DurationUnit } from "../../db/schema-commitments.ts";

export async function findSettings(db: Kysely<DB>, orgId: string) {
  return db.selectFrom("org_settings").selectAll().where("org_id", "=", orgId).executeTakeFirst();
}

export async function insertDefaultSettings(db: Kysely<DB>, orgId: string, businessHours: string) {
  await db
    .insertInto("org_settings")
    .values({ org_id: orgId, business_hours: businessHours })
    .onConflict((oc) => oc.column("org_id").doNothing())
    .execute();
}

export async function updateSettings(
  db: Kysely<DB>,
  orgId: string,
  expectedVersion: number,
  values: {
    time_zone: string;
    business_hours: string;
    holiday_country: string;
    holiday_region: string | null;
    holiday_choices: string;
    language: "nl" | "en";
    updated_at: Date;
  },
) {
  return db
    .updateTable("org_settings")
    .set((eb) => ({ ...values, version: eb("version", "+", 1) }))
    .where("org_id", "=", orgId)
    .where("version", "=", expectedVersion)
    .returning("version")
    .executeTakeFirst();
}

const policyColumns = ["id", "name", "kind", "amount", "unit", "warn_percent", "is_default"] as const;

export async function listPolicies(db: Kysely<DB>, orgId: string) {
  return db
    .selectFrom("sla_policies")
    .select(policyColumns)
    .where("org_id", "=", orgId)
    .where("archived_at", "is", null)
    .orderBy("kind")
    .orderBy("name")
    .execute();
}

export async function findPolicy(db: Kysely<DB>, orgId: string, id: string) {
  return db
    .selectFrom("sla_policies")
    .select(policyColumns)
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

export async function findDefaultPolicy(db: Kysely<DB>, orgId: string, kind: string) {
  return db
    .selectFrom("sla_policies")
    .select(policyColumns)
    .where("org_id", "=", orgId)
    .where("kind", "=", kind as never)
    .where("is_default", "=", true)
    .where("archived_at", "is", null)
    .executeTakeFirst();
}

export type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicy>>>;

export async function insertPolicy(
  db: Kysely<DB>,
  row: {
    org_id: string;
    id: string;
    name: string;
    kind: "callback" | "deliverable" | "meeting" | "other";
    amount: number;
    unit: DurationUnit;
    warn_percent: number;
    is_default: boolean;
  },
) {
  await db.insertInto("sla_policies").values(row).execute();
}

export async function updatePolicy(
  db: Kysely<DB>,
  orgId: string,
  id: string,
  values: Partial<{
    name: string;
    kind: "callback" | "deliverable" | "meeting" | "other";
    amount: number;
    unit: DurationUnit;
    warn_percent: number;
    is_default: boolean;
  }>,
) {
  if (Object.keys(values).length === 0) return;
  await db.updateTable("sla_policies").set(values).where("org_id", "=", orgId).where("id", "=", id).execute();
}

/** Only one default per kind: setting a new one clears the old one first. */
export async function clearDefault(db: Kysely<DB>, orgId: string, kind: string, exceptId: string) {
  await db
    .updateTable("sla_policies")
    .set({ is_default: false })
    .where("org_id", "=", orgId)
    .where("kind", "=", kind as never)
    .where("id", "!=", exceptId)
    .where("is_default", "=", true)
    .execute();
}

export async function archivePolicy(db: Kysely<DB>, orgId: string, id: string, at: Date) {
  const result = await db
    .updateTable("sla_policies")
    .set({ archived_at: at, is_default: false })
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listOverrides(db: Kysely<DB>, orgId: string, clientId: string) {
  return db
    .selectFrom("client_sla_overrides as o")
    .innerJoin("sla_policies as p", (join) => join.onRef("p.org_id", "=", "o.org_id").onRef("p.id", "=", "o.policy_id"))
    .select(["o.policy_id", "p.name as policy_name", "o.amount", "o.unit"])
    .where("o.org_id", "=", orgId)
    .where("o.client_id", "=", clientId)
    .where("p.archived_at", "is", null)
    .orderBy("p.name")
    .execute();
}

export async function findOverride(db: Kysely<DB>, orgId: string, clientId: string, policyId: string) {
  return db
    .selectFrom("client_sla_overrides")
    .select(["amount", "unit"])
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("policy_id", "=", policyId)
    .executeTakeFirst();
}

export async function upsertOverride(
  db: Kysely<DB>,
  row: { org_id: string; client_id: string; policy_id: string; amount: number; unit: DurationUnit },
) {
  await db
    .insertInto("client_sla_overrides")
    .values(row)
    .onConflict((oc) => oc.columns(["org_id", "client_id", "policy_id"]).doUpdateSet({ amount: row.amount, unit: row.unit }))
    .execute();
}

export async function deleteOverride(db: Kysely<DB>, orgId: string, clientId: string, policyId: string) {
  const result = await db
    .deleteFrom("client_sla_overrides")
    .where("org_id", "=", orgId)
    .where("client_id", "=", clientId)
    .where("policy_id", "=", policyId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
