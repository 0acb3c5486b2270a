import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { dateInZone } from "../../core/dates.ts";
import { type AuditResult, auditIndexation, IndexationError, type IndexPoint } from "../../core/indexation/audit.ts";
import { canSeeTrust } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { badRequest, conflict, forbidden, notFound } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import { newId } from "../../shared/ids.ts";
import { inTransaction } from "../../shared/transaction.ts";
import * as clients from "../clients/clients.usecases.ts";
import * as domainEvents from "../domain-events/domain-events.usecases.ts";
import * as indexSeries from "../index-series/index-series.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import {
  INCREASE_RECORDED,
  type IncreaseRecordedPayload,
  OVERCHARGE_CORRECTED,
  type OverchargeCorrectedPayload,
} from "./contracts.events.ts";
import { correctionLetterEn, correctionLetterNl } from "./contracts.messages.ts";
import * as repo from "./contracts.repository.ts";
import type {
  Contract,
  ContractAudit,
  CorrectionInput,
  CorrectionLetter,
  CorrectionLetterQuery,
  CreateContractInput,
  IncreaseInput,
} from "./contracts.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/** Prices are what a firm keeps to itself: everyone but the front desk. */
function requireRights(actor: Actor) {
  if (!canSeeTrust(actor.role)) throw forbidden();
}

const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

type ContractRow = NonNullable<Awaited<ReturnType<typeof repo.findContract>>>;

function toContract(
  row: ContractRow,
  increases: Awaited<ReturnType<typeof repo.listIncreases>>,
  corrections: Awaited<ReturnType<typeof repo.listCorrections>>,
  lines: Awaited<ReturnType<typeof repo.listLines>>,
): Contract {
  return {
    id: row.id,
    clientId: row.client_id,
    clientName: row.client_name,
    title: row.title,
    startsOn: row.starts_on,
    annualPriceCents: Number(row.annual_price_cents),
    termMonths: row.term_months,
    renewal: row.renewal,
    lines: lines
      .filter((line) => line.contract_id === row.id)
      .map((line) => {
        const hoursPerYear = Number(line.hours_per_year);
        const hourlyRateCents = Number(line.hourly_rate_cents);
        return { id: line.id, role: line.role, hourlyRateCents, hoursPerYear, annualCents: Math.round(hourlyRateCents * hoursPerYear) };
      }),
    indexation:
      row.series_id && row.method && row.lag_months !== null
        ? {
            seriesId: row.series_id,
            method: row.method,
            lagMonths: row.lag_months,
            basePeriod: row.base_period,
            effectiveMonth: row.effective_month,
            capPct: numberOrNull(row.cap_pct),
            floorPct: numberOrNull(row.floor_pct),
            roundPctDecimals: row.round_pct_decimals,
          }
        : null,
    increases: increases
      .filter((increase) => increase.contract_id === row.id)
      .map((increase) => ({
        year: increase.year,
        effectiveOn: increase.effective_on,
        appliedPct: numberOrNull(increase.applied_pct),
        newPriceCents: numberOrNull(increase.new_price_cents),
      })),
    corrections: corrections
      .filter((correction) => correction.contract_id === row.id)
      .map((correction) => ({
        id: correction.id,
        raisedBy: correction.raised_by,
        refundCents: Number(correction.refund_cents),
        auditedOverchargeCents: Number(correction.audited_overcharge_cents),
        note: correction.note,
        recordedAt: new Date(correction.recorded_at).toISOString(),
      })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function getContract(deps: Pick<Deps, "db">, actor: Actor, id: string): Promise<Contract> {
  requireRights(actor);
  const row = await repo.findContract(deps.db, actor.orgId, id);
  if (!row) throw notFound("contracts.not_found");
  return toContract(
    row,
    await repo.listIncreases(deps.db, actor.orgId, [id]),
    await repo.listCorrections(deps.db, actor.orgId, [id]),
    await repo.listLines(deps.db, actor.orgId, [id]),
  );
}

export async function listContracts(deps: Pick<Deps, "db">, actor: Actor, query: { clientId?: string | undefined }) {
  requireRights(actor);
  if (query.clientId) await clients.getClient(deps, actor, query.clientId);
  const rows = await repo.listContracts(deps.db, actor.orgId, query.clientId);
  const ids = rows.map((row) => row.id);
  const [increases, corrections, lines] = [
    await repo.listIncreases(deps.db, actor.orgId, ids),
    await repo.listCorrections(deps.db, actor.orgId, ids),
    await repo.listLines(deps.db, actor.orgId, ids),
  ];
  return { items: rows.map((row) => toContract(row, increases, corrections, lines)) };
}

export async function createContract(deps: Deps, actor: Actor, input: CreateContractInput): Promise<Contract> {
  requireRights(actor);
  const id = newId();
  await inTransaction(deps.db, async (trx) => {
    const tx = { ...deps, db: trx };
    await clients.getClient(tx, actor, input.clientId);
    const clause = input.indexation ?? null;
    // Another organization's series is as unknown as one that does not exist.
    if (clause) await indexSeries.getSeries(tx, actor, clause.seriesId);
    await repo.insertContract(trx, {
      org_id: actor.orgId,
      id,
      client_id: input.clientId,
      title: input.title,
      starts_on: input.startsOn,
      annual_price_cents: input.annualPriceCents,
      series_id: clause?.seriesId ?? null,
      method: clause?.method ?? null,
      lag_months: clause?.lagMonths ?? null,
      base_period: clause?.basePeriod ?? null,
      effective_month: clause?.effectiveMonth ?? null,
      cap_pct: clause?.capPct ?? null,
      floor_pct: clause?.floorPct ?? null,
      round_pct_decimals: clause?.roundPctDecimals ?? null,
      term_months: input.termMonths ?? null,
      renewal: input.renewal ?? null,
      created_by: actor.userId,
      created_at: deps.clock.now(),
    });
    await repo.insertLines(
      trx,
      (input.lines ?? []).map((line, position) => ({
        org_id: actor.orgId,
        id: newId(),
        contract_id: id,
        position,
        role: line.role,
        hourly_rate_cents: line.hourlyRateCents,
        hours_per_year: line.hoursPerYear,
      })),
    );
  });
  return getContract(deps, actor, id);
}

/**
 * Records the increase applied in a contract year (a percentage or the new
 * price); one a year. Its fact goes on the client's timeline in the same
 * transaction, and so the client's at-risk reasons (red-face exposure) are
 * worked out again.
 */
export async function recordIncrease(deps: Deps, actor: Actor, id: string, input: IncreaseInput): Promise<Contract> {
  const contract = await getContract(deps, actor, id);
  if (input.effectiveOn <= contract.startsOn) throw badRequest("contracts.increase_before_start");
  const now = deps.clock.now();
  const year = Number(input.effectiveOn.slice(0, 4));
  await inTransaction(deps.db, async (trx) => {
    const inserted = await repo.insertIncrease(trx, {
      org_id: actor.orgId,
      contract_id: id,
      year,
      effective_on: input.effectiveOn,
      applied_pct: input.appliedPct ?? null,
      new_price_cents: input.newPriceCents ?? null,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    if (!inserted) throw conflict("contracts.increase_exists");
    const payload: IncreaseRecordedPayload = {
      contractId: id,
      title: contract.title,
      year,
      effectiveOn: input.effectiveOn,
      appliedPct: input.appliedPct ?? null,
      newPriceCents: input.newPriceCents ?? null,
    };
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id: newId(),
      type: INCREASE_RECORDED,
      subjectType: "contract",
      subjectId: id,
      clientId: contract.clientId,
      actorId: actor.userId,
      payload,
      occurredAt: now,
    });
  });
  return getContract(deps, actor, id);
}

function runAudit(contract: Contract, points: readonly IndexPoint[], until: string): AuditResult {
  const clause = contract.indexation;
  if (!clause) throw badRequest("contracts.not_indexed");
  try {
    return auditIndexation({
      startsOn: contract.startsOn,
      annualPriceCents: contract.annualPriceCents,
      effectiveMonth: clause.effectiveMonth ?? undefined,
      clause: {
        method: clause.method,
        lagMonths: clause.lagMonths,
        basePeriod: clause.basePeriod ?? undefined,
        capPct: clause.capPct ?? undefined,
        floorPct: clause.floorPct ?? undefined,
        roundPctDecimals: clause.roundPctDecimals ?? undefined,
      },
      increases: contract.increases.map((increase) => ({
        effectiveOn: increase.effectiveOn,
        appliedPct: increase.appliedPct ?? undefined,
        newPriceCents: increase.newPriceCents ?? undefined,
      })),
      points,
      until,
    });
  } catch (error) {
    if (error instanceof IndexationError) {
      throw badRequest(error.code === "cap_below_floor" ? "contracts.cap_below_floor" : "contracts.invalid_clause");
    }
    throw error;
  }
}

/** The red-face audit of one contract, up to today in the organization's time zone; reads only. */
async function workOutAudit(deps: Deps, actor: Actor, id: string): Promise<ContractAudit> {
  const contract = await getContract(deps, actor, id);
  if (!contract.indexation) throw badRequest("contracts.not_indexed");
  const series = await indexSeries.getSeries(deps, actor, contract.indexation.seriesId);
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const until = dateInZone(time.settings.timeZone, deps.clock.now());
  const result = runAudit(contract, series.points, until);
  return {
    contractId: id,
    until,
    series: { id: series.id, name: series.name, code: series.code ?? null },
    ...result,
    correctedCents: contract.corrections.reduce((sum, correction) => sum + correction.refundCents, 0),
  };
}

/** The audit as a person (or a token) opens it: noted, so the dashboard no longer lists the contract as never audited. */
export async function auditContract(deps: Deps, actor: Actor, id: string): Promise<ContractAudit> {
  const audit = await workOutAudit(deps, actor, id);
  await repo.markAudited(deps.db, actor.orgId, id, actor.userId, deps.clock.now());
  return audit;
}

/**
 * Records a correction of what the audit found charged too much: a refund or
 * credit we made on our own (+Integrity) or one the client had to ask for
 * (−Integrity, −Intent). The audited figure is kept with it; the fact goes to
 * the trust ledger in the same transaction.
 */
export async function recordCorrection(deps: Deps, actor: Actor, id: string, input: CorrectionInput) {
  // Read only: a refused correction leaves nothing behind, not even an "audited" mark.
  const audit = await workOutAudit(deps, actor, id);
  if (audit.totalOverchargeCents <= 0) throw conflict("contracts.nothing_to_correct");
  const contract = await getContract(deps, actor, id);
  const now = deps.clock.now();
  const correctionId = newId();
  await inTransaction(deps.db, async (trx) => {
    await repo.insertCorrection(trx, {
      org_id: actor.orgId,
      id: correctionId,
      contract_id: id,
      raised_by: input.raisedBy,
      refund_cents: input.refundCents,
      note: input.note ? input.note : null,
      audited_overcharge_cents: audit.totalOverchargeCents,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    const payload: OverchargeCorrectedPayload = {
      contractId: id,
      title: contract.title,
      raisedBy: input.raisedBy,
      refundCents: input.refundCents,
      auditedOverchargeCents: audit.totalOverchargeCents,
    };
    await domainEvents.publish(trx, {
      orgId: actor.orgId,
      id: correctionId,
      type: OVERCHARGE_CORRECTED,
      subjectType: "contract",
      subjectId: id,
      clientId: contract.clientId,
      actorId: actor.userId,
      payload,
      occurredAt: now,
    });
  });
  return {
    id: correctionId,
    contractId: id,
    raisedBy: input.raisedBy,
    refundCents: input.refundCents,
    auditedOverchargeCents: audit.totalOverchargeCents,
    recordedAt: now.toISOString(),
  };
}

const LETTER_TEMPLATES = { nl: correctionLetterNl, en: correctionLetterEn } as const;
const LOCALE_OF = { nl: "nl-NL", en: "en-GB" } as const;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/**
 * A letter to the client about what the audit found charged too much, in Dutch
 * or English, to edit before it goes out: the years charged too much with the
 * allowed and the charged price, the total, and what we will refund or credit
 * (by default what has not been corrected yet).
 */
export async function draftCorrectionLetter(deps: Deps, actor: Actor, id: string, query: CorrectionLetterQuery): Promise<CorrectionLetter> {
  const audit = await workOutAudit(deps, actor, id);
  if (audit.totalOverchargeCents <= 0) throw conflict("contracts.nothing_to_correct");
  const contract = await getContract(deps, actor, id);
  const language = query.language ?? (await workingTime.loadOrganizationTime(deps, actor.orgId)).language;
  const refundCents = query.refundCents ?? Math.max(0, audit.totalOverchargeCents - audit.correctedCents);
  const text = LETTER_TEMPLATES[language];
  const money = new Intl.NumberFormat(LOCALE_OF[language], { style: "currency", currency: "EUR" });
  const euro = (cents: number) => money.format(cents / 100);
  // A calendar date names a day, not a moment: formatted at noon UTC so no zone moves it.
  const day = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: "long", timeZone: "UTC" });
  const date = (calendarDate: string) => day.format(new Date(`${calendarDate}T12:00:00Z`));
  const over = audit.years.filter((year) => (year.overchargeCents ?? 0) > 0 && year.allowedPriceCents !== null);
  const under = audit.years.some((year) => (year.overchargeCents ?? 0) < 0);
  const body = [
    fill(text.greeting, { client: contract.clientName }),
    "",
    fill(text.opening, { title: contract.title }),
    "",
    text.yearsIntro,
    ...over.map((year) =>
      fill(text.year, {
        date: date(year.effectiveOn),
        allowed: euro(year.allowedPriceCents as number),
        charged: euro(year.chargedPriceCents),
        difference: euro(year.overchargeCents as number),
      }),
    ),
    "",
    fill(text.total, { total: euro(audit.totalOverchargeCents) }),
    ...(under ? [text.underNote] : []),
    "",
    fill(text.refund, { refund: euro(refundCents) }),
    "",
    text.apology,
    "",
    text.closing,
  ].join("\n");
  return { language, refundCents, subject: fill(text.subject, { title: contract.title }), body };
}
