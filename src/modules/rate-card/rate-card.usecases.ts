import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { dateInZone } from "../../core/dates.ts";
import { assessFairness, DEFAULT_BAND, type FairnessBand, roleKey } from "../../core/fairness.ts";
import { canConfigureOrganization, canSeeTrust } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import * as contracts from "../contracts/contracts.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import * as repo from "./rate-card.repository.ts";
import type { Band, BandInput, CreateRateInput, Fairness, Rate } from "./rate-card.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/** Prices are what a firm keeps to itself: everyone but the front desk reads them (as contracts). */
function requireReader(actor: Actor) {
  if (!canSeeTrust(actor.role)) throw forbidden();
}

/** The rate card and its band are the firm's settings: administrators set them. */
function requireWriter(actor: Actor) {
  if (!canConfigureOrganization(actor.role)) throw forbidden();
}

async function loadBand(db: Kysely<DB>, orgId: string): Promise<Band> {
  const stored = await repo.findBand(db, orgId);
  if (!stored) return { ...DEFAULT_BAND, isDefault: true };
  return { abovePct: Number(stored.above_pct), belowPct: Number(stored.below_pct), isDefault: false };
}

async function today(deps: Deps, orgId: string): Promise<string> {
  const time = await workingTime.loadOrganizationTime(deps, orgId);
  return dateInZone(time.settings.timeZone, deps.clock.now());
}

/** Every rate, current and past: per role, each rate knows the day its successor took over. */
export async function getRateCard(deps: Deps, actor: Actor) {
  requireReader(actor);
  const [rows, band, on] = [
    await repo.listRates(deps.db, actor.orgId),
    await loadBand(deps.db, actor.orgId),
    await today(deps, actor.orgId),
  ];
  const items: Rate[] = rows.map((row, index) => {
    // Rows come by role, newest first: the previous row of the same role is the successor.
    const previous = index > 0 ? rows[index - 1] : undefined;
    const successor = previous && previous.role_key === row.role_key ? previous : undefined;
    const started = row.valid_from <= on;
    return {
      id: row.id,
      role: row.role,
      hourlyRateCents: Number(row.hourly_rate_cents),
      validFrom: row.valid_from,
      supersededFrom: successor?.valid_from ?? null,
      current: started && (successor === undefined || successor.valid_from > on),
    };
  });
  return { today: on, items, band };
}

/** Adds a rate for a role from a day; earlier rates stay as history. One rate per role and day. */
export async function addRate(deps: Deps, actor: Actor, input: CreateRateInput): Promise<Rate> {
  requireWriter(actor);
  const id = newId();
  const role = input.role.replace(/\s+/g, " ");
  const inserted = await repo.insertRate(deps.db, {
    org_id: actor.orgId,
    id,
    role,
    role_key: roleKey(role),
    hourly_rate_cents: input.hourlyRateCents,
    valid_from: input.validFrom,
    created_by: actor.userId,
    created_at: deps.clock.now(),
  });
  if (!inserted) throw conflict("rate_card.rate_exists");
  const card = await getRateCard(deps, actor);
  return card.items.find((item) => item.id === id) as Rate;
}

export async function deleteRate(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireWriter(actor);
  if (!(await repo.deleteRate(deps.db, actor.orgId, id))) throw notFound("rate_card.not_found");
}

export async function setBand(deps: Deps, actor: Actor, input: BandInput): Promise<Band> {
  requireWriter(actor);
  await repo.upsertBand(deps.db, {
    org_id: actor.orgId,
    above_pct: input.abovePct,
    below_pct: input.belowPct,
    updated_by: actor.userId,
    updated_at: deps.clock.now(),
  });
  return loadBand(deps.db, actor.orgId);
}

/**
 * Every contract line against the card rate valid on its contract's start day
 * and against the same role's rates for other clients (core/fairness.ts), with
 * the reason recorded for it.
 */
export async function getFairness(deps: Deps, actor: Actor, query: { flagged?: "true" | "false" | undefined }): Promise<Fairness> {
  requireReader(actor);
  const band = await loadBand(deps.db, actor.orgId);
  const { items: list } = await contracts.listContracts(deps, actor, {});
  const rates = (await repo.listRates(deps.db, actor.orgId)).map((row) => ({
    id: row.id,
    role: row.role,
    hourlyRateCents: Number(row.hourly_rate_cents),
    validFrom: row.valid_from,
  }));
  const reasons = new Map((await repo.listReasons(deps.db, actor.orgId)).map((row) => [row.line_id, row]));
  const lines = list.flatMap((contract) => contract.lines.map((line) => ({ contract, line })));
  const bandRule: FairnessBand = { abovePct: band.abovePct, belowPct: band.belowPct };
  const assessed = assessFairness({
    rates,
    band: bandRule,
    lines: lines.map(({ contract, line }) => ({
      lineId: line.id,
      contractId: contract.id,
      clientId: contract.clientId,
      role: line.role,
      hourlyRateCents: line.hourlyRateCents,
      on: contract.startsOn,
    })),
  });
  const clientNames = new Map(list.map((contract) => [contract.clientId, contract.clientName]));
  const items = lines.map(({ contract, line }, index) => {
    const result = assessed[index] as (typeof assessed)[number];
    const reason = reasons.get(line.id);
    return {
      contractId: contract.id,
      contractTitle: contract.title,
      clientId: contract.clientId,
      clientName: contract.clientName,
      startsOn: contract.startsOn,
      lineId: line.id,
      role: line.role,
      hourlyRateCents: line.hourlyRateCents,
      hoursPerYear: line.hoursPerYear,
      annualCents: line.annualCents,
      card: result.card,
      differenceCents: result.differenceCents,
      differencePct: result.differencePct,
      annualDifferenceCents: result.differenceCents === null ? null : Math.round(result.differenceCents * line.hoursPerYear),
      flags: result.flags,
      inconsistentWith: result.inconsistentWith.map((other) => ({ ...other, clientName: clientNames.get(other.clientId) ?? "" })),
      reason: reason
        ? { text: reason.reason, recordedAt: new Date(reason.recorded_at).toISOString(), recordedBy: reason.recorded_by_name ?? null }
        : null,
    };
  });
  const flagged = items.filter((item) => item.flags.length > 0);
  return { band, items: query.flagged === "true" ? flagged : items, flaggedCount: flagged.length };
}

/** Records (or replaces) why a contract line is priced as it is. */
export async function recordReason(deps: Deps, actor: Actor, contractId: string, lineId: string, reason: string) {
  requireReader(actor);
  const contract = await contracts.getContract(deps, actor, contractId);
  if (!contract.lines.some((line) => line.id === lineId)) throw notFound("rate_card.line_not_found");
  const now = deps.clock.now();
  await repo.upsertReason(deps.db, { org_id: actor.orgId, line_id: lineId, reason, recorded_by: actor.userId, recorded_at: now });
  return { contractId, lineId, reason, recordedAt: now.toISOString() };
}
