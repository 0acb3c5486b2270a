import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { holidaysFor } from "../../core/holidays.ts";
import { canConfigureOrganization, canManageSlaPolicies } from "../../core/roles.ts";
import {
  addWorkingDays,
  addWorkingHours,
  DEFAULT_WORKING_TIME,
  isValidTimeZone,
  MIN_WORKING_MS_PER_WEEK,
  validateSettings,
  type WorkingTimeSettings,
  weeklyWorkingMilliseconds,
} from "../../core/working-time.ts";
import { isUniqueViolation } from "../../db/errors.ts";
import type { DB } from "../../db/schema.ts";
import type { DurationUnit } from "../../db/schema-commitments.ts";
import { AppError, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import * as repo from "./working-time.repository.ts";
import type {
  ComputeDueInput,
  CreateSlaPolicyInput,
  Language,
  SlaPolicy,
  UpdateSlaPolicyInput,
  UpdateWorkingTimeInput,
  WorkingTime,
} from "./working-time.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/** What other modules need to compute due times and write messages for an organization. */
export type OrganizationTime = { settings: WorkingTimeSettings; language: Language; version: number };

/** The sensible start every new organization gets: a callback within 4 working hours, a deliverable within 5 working days. */
const STARTER_POLICIES = [
  { name: "Terugbellen binnen 4 werkuren", kind: "callback", amount: 4, unit: "working_hours" },
  { name: "Toegezegd stuk binnen 5 werkdagen", kind: "deliverable", amount: 5, unit: "working_days" },
] as const;

/** Called when an organization is created: default working time and starter SLA policies. */
export async function initializeOrganization(deps: Pick<Deps, "db">, orgId: string, language: Language = "nl"): Promise<void> {
  await repo.insertDefaultSettings(deps.db, orgId, JSON.stringify(DEFAULT_WORKING_TIME.hours));
  if (language !== "nl") await deps.db.updateTable("org_settings").set({ language }).where("org_id", "=", orgId).execute();
  for (const policy of STARTER_POLICIES) {
    await repo.insertPolicy(deps.db, { org_id: orgId, id: newId(), warn_percent: 75, is_default: true, ...policy });
  }
}

export async function loadOrganizationTime(deps: Pick<Deps, "db">, orgId: string): Promise<OrganizationTime> {
  const row = await repo.findSettings(deps.db, orgId);
  if (!row) return { settings: DEFAULT_WORKING_TIME, language: "nl", version: 0 };
  return {
    settings: {
      timeZone: row.time_zone,
      hours: row.business_hours as WorkingTimeSettings["hours"],
      holidayCountry: row.holiday_country,
      holidayRegion: row.holiday_region,
      holidayChoices: row.holiday_choices,
    },
    language: row.language,
    version: row.version,
  };
}

function holidaysAround(settings: WorkingTimeSettings, now: Date) {
  const year = now.getUTCFullYear();
  return [...holidaysFor(settings, year), ...holidaysFor(settings, year + 1)];
}

function toWorkingTime(time: OrganizationTime, now: Date): WorkingTime {
  const hours: WorkingTime["businessHours"] = {};
  for (const day of ["1", "2", "3", "4", "5", "6", "7"] as const) {
    hours[day] = time.settings.hours[Number(day) as 1] ?? null;
  }
  return {
    timeZone: time.settings.timeZone,
    businessHours: hours,
    holidayCountry: time.settings.holidayCountry,
    holidayRegion: time.settings.holidayRegion ?? null,
    holidayChoices: time.settings.holidayChoices,
    language: time.language,
    version: time.version,
    holidays: holidaysAround(time.settings, now),
  };
}

export async function getWorkingTime(deps: Deps, actor: Actor): Promise<WorkingTime> {
  return toWorkingTime(await loadOrganizationTime(deps, actor.orgId), deps.clock.now());
}

export async function updateWorkingTime(deps: Deps, actor: Actor, input: UpdateWorkingTimeInput): Promise<WorkingTime> {
  if (!canConfigureOrganization(actor.role)) throw forbidden();
  if (!isValidTimeZone(input.timeZone)) throw new AppError("working_time.invalid_time_zone", 400, { zone: input.timeZone });
  const settings: WorkingTimeSettings = {
    timeZone: input.timeZone,
    hours: Object.fromEntries(Object.entries(input.businessHours).map(([day, hours]) => [Number(day), hours ?? null])),
    holidayCountry: input.holidayCountry,
    holidayRegion: input.holidayRegion ?? null,
    holidayChoices: input.holidayChoices,
  };
  const problems = validateSettings(settings);
  if (problems.length > 0) throw new AppError("working_time.invalid", 400, { problems: problems.join("; ") });
  if (!Object.values(settings.hours).some((day) => day)) throw new AppError("working_time.no_open_day", 400);
  // Below the minimum, ordinary amounts ("within 5 working days") lie years ahead, and every computation walks them.
  if (weeklyWorkingMilliseconds(settings.hours) < MIN_WORKING_MS_PER_WEEK) throw new AppError("working_time.too_little", 400, MINIMUM);
  return deps.db.transaction().execute(async (trx) => {
    // An organization created before working time existed has no row yet: give it one to update.
    await repo.insertDefaultSettings(trx, actor.orgId, JSON.stringify(DEFAULT_WORKING_TIME.hours));
    const updated = await repo.updateSettings(trx, actor.orgId, input.version === 0 ? 1 : input.version, {
      time_zone: settings.timeZone,
      business_hours: JSON.stringify(settings.hours),
      holiday_country: settings.holidayCountry,
      holiday_region: settings.holidayRegion ?? null,
      holiday_choices: JSON.stringify(settings.holidayChoices),
      language: input.language,
      updated_at: deps.clock.now(),
    });
    if (!updated) throw conflict("working_time.version_conflict");
    return toWorkingTime({ settings, language: input.language, version: updated.version }, deps.clock.now());
  });
}

function toPolicy(row: repo.PolicyRow): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    amount: row.amount,
    unit: row.unit,
    warnPercent: row.warn_percent,
    isDefault: row.is_default,
  };
}

export async function listPolicies(deps: Pick<Deps, "db">, actor: Actor): Promise<SlaPolicy[]> {
  return (await repo.listPolicies(deps.db, actor.orgId)).map(toPolicy);
}

export async function findPolicy(deps: Pick<Deps, "db">, orgId: string, id: string): Promise<SlaPolicy | undefined> {
  const row = await repo.findPolicy(deps.db, orgId, id);
  return row ? toPolicy(row) : undefined;
}

export async function findDefaultPolicy(deps: Pick<Deps, "db">, orgId: string, kind: string): Promise<SlaPolicy | undefined> {
  const row = await repo.findDefaultPolicy(deps.db, orgId, kind);
  return row ? toPolicy(row) : undefined;
}

export async function createPolicy(deps: Deps, actor: Actor, input: CreateSlaPolicyInput): Promise<SlaPolicy> {
  if (!canManageSlaPolicies(actor.role)) throw forbidden();
  const id = newId();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (input.isDefault) await repo.clearDefault(trx, actor.orgId, input.kind, id);
      await repo.insertPolicy(trx, {
        org_id: actor.orgId,
        id,
        name: input.name,
        kind: input.kind,
        amount: input.amount,
        unit: input.unit,
        warn_percent: input.warnPercent,
        is_default: input.isDefault,
      });
      const row = await repo.findPolicy(trx, actor.orgId, id);
      if (!row) throw notFound("sla_policies.not_found");
      return toPolicy(row);
    });
  } catch (error) {
    if (isUniqueViolation(error, "sla_policies_name_key")) throw conflict("sla_policies.name_taken");
    throw error;
  }
}

export async function updatePolicy(deps: Deps, actor: Actor, id: string, input: UpdateSlaPolicyInput): Promise<SlaPolicy> {
  if (!canManageSlaPolicies(actor.role)) throw forbidden();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const existing = await repo.findPolicy(trx, actor.orgId, id);
      if (!existing) throw notFound("sla_policies.not_found");
      const kind = input.kind ?? existing.kind;
      if (input.isDefault) await repo.clearDefault(trx, actor.orgId, kind, id);
      await repo.updatePolicy(trx, actor.orgId, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.amount !== undefined && { amount: input.amount }),
        ...(input.unit !== undefined && { unit: input.unit }),
        ...(input.warnPercent !== undefined && { warn_percent: input.warnPercent }),
        ...(input.isDefault !== undefined && { is_default: input.isDefault }),
      });
      const row = await repo.findPolicy(trx, actor.orgId, id);
      if (!row) throw notFound("sla_policies.not_found");
      return toPolicy(row);
    });
  } catch (error) {
    if (isUniqueViolation(error, "sla_policies_name_key")) throw conflict("sla_policies.name_taken");
    throw error;
  }
}

export async function archivePolicy(deps: Deps, actor: Actor, id: string): Promise<void> {
  if (!canManageSlaPolicies(actor.role)) throw forbidden();
  if (!(await repo.archivePolicy(deps.db, actor.orgId, id, deps.clock.now()))) throw notFound("sla_policies.not_found");
}

async function requireClient(db: Kysely<DB>, orgId: string, clientId: string) {
  const client = await db.selectFrom("clients").select("id").where("org_id", "=", orgId).where("id", "=", clientId).executeTakeFirst();
  if (!client) throw notFound("clients.not_found");
}

export async function listOverrides(deps: Pick<Deps, "db">, actor: Actor, clientId: string) {
  await requireClient(deps.db, actor.orgId, clientId);
  return (await repo.listOverrides(deps.db, actor.orgId, clientId)).map((row) => ({
    policyId: row.policy_id,
    policyName: row.policy_name,
    amount: row.amount,
    unit: row.unit,
  }));
}

export async function setOverride(
  deps: Deps,
  actor: Actor,
  clientId: string,
  policyId: string,
  input: { amount: number; unit: DurationUnit },
) {
  if (!canManageSlaPolicies(actor.role)) throw forbidden();
  await requireClient(deps.db, actor.orgId, clientId);
  if (!(await repo.findPolicy(deps.db, actor.orgId, policyId))) throw notFound("sla_policies.not_found");
  await repo.upsertOverride(deps.db, { org_id: actor.orgId, client_id: clientId, policy_id: policyId, ...input });
  return listOverrides(deps, actor, clientId);
}

export async function removeOverride(deps: Deps, actor: Actor, clientId: string, policyId: string) {
  if (!canManageSlaPolicies(actor.role)) throw forbidden();
  await requireClient(deps.db, actor.orgId, clientId);
  if (!(await repo.deleteOverride(deps.db, actor.orgId, clientId, policyId))) throw notFound("sla_policies.not_found");
}

const MINIMUM = { hours: MIN_WORKING_MS_PER_WEEK / 3_600_000 };

/**
 * N working hours or days from `from` on the organization's working time. Working
 * time stored before the weekly minimum existed may lie below it: refused here
 * with the same message the settings page gives, so an admin knows what to fix.
 */
export function addWorkingTime(settings: WorkingTimeSettings, from: Date, amount: number, unit: DurationUnit): Date {
  if (weeklyWorkingMilliseconds(settings.hours) < MIN_WORKING_MS_PER_WEEK) throw new AppError("working_time.too_little", 400, MINIMUM);
  return unit === "working_hours" ? addWorkingHours(settings, from, amount) : addWorkingDays(settings, from, amount);
}

/**
 * The amount and unit a policy gives for a client: the client's agreed
 * override when there is one, otherwise the policy's own.
 */
export async function policyDuration(deps: Pick<Deps, "db">, orgId: string, policy: SlaPolicy, clientId: string | undefined) {
  const override = clientId ? await repo.findOverride(deps.db, orgId, clientId, policy.id) : undefined;
  return override ?? { amount: policy.amount, unit: policy.unit };
}

export async function computeDue(deps: Deps, actor: Actor, input: ComputeDueInput) {
  const time = await loadOrganizationTime(deps, actor.orgId);
  let duration: { amount: number; unit: DurationUnit };
  if (input.slaPolicyId) {
    const policy = await findPolicy(deps, actor.orgId, input.slaPolicyId);
    if (!policy) throw notFound("sla_policies.not_found");
    if (input.clientId) await requireClient(deps.db, actor.orgId, input.clientId);
    duration = await policyDuration(deps, actor.orgId, policy, input.clientId);
  } else {
    duration = { amount: input.amount ?? 1, unit: input.unit ?? "working_hours" };
  }
  const from = input.from ? new Date(input.from) : deps.clock.now();
  const dueAt = addWorkingTime(time.settings, from, duration.amount, duration.unit);
  return { dueAt: dueAt.toISOString(), ...duration, timeZone: time.settings.timeZone };
}
