import type { Kysely } from "kysely";
import type { Actor } from "../../core/actor.ts";
import { exposureOf } from "../../core/indexation/exposure.ts";
import { canSeeTrust } from "../../core/roles.ts";
import type { DB } from "../../db/schema.ts";
import { forbidden } from "../../shared/app-error.ts";
import type { Clock } from "../../shared/clock.ts";
import * as clients from "../clients/clients.usecases.ts";
import { auditPortfolio } from "../contracts/contracts.portfolio.ts";
import * as incidents from "../incidents/incidents.usecases.ts";
import * as workingTime from "../working-time/working-time.usecases.ts";
import type { IntegrityDashboard } from "./integrity.schemas.ts";

type Deps = { db: Kysely<DB>; clock: Clock };

/** How many contracts and clients the dashboard names; the totals count them all. */
const LISTED = 10;
const NEVER_AUDITED_LISTED = 50;

/**
 * The integrity dashboard, worked out on request from the ledgers of errors
 * and contracts: every figure is as of now, nothing is cached that could go
 * stale after a disclosure or a correction.
 */
export async function dashboard(deps: Deps, actor: Actor, query: { clientId?: string | undefined }): Promise<IntegrityDashboard> {
  // Prices and errors are what a firm keeps to itself: everyone but the front desk.
  if (!canSeeTrust(actor.role)) throw forbidden();
  if (query.clientId) await clients.getClient(deps, actor, query.clientId);
  const now = deps.clock.now();
  const time = await workingTime.loadOrganizationTime(deps, actor.orgId);
  const errors = await incidents.disclosureFigures(deps.db, actor.orgId, now, time.settings.timeZone, query.clientId);
  const portfolio = await auditPortfolio(deps.db, actor.orgId, now, query.clientId);
  const audited = portfolio.flatMap((contract) => (contract.audit ? [{ ...contract, audit: contract.audit }] : []));
  const exposure = exposureOf(audited, LISTED);
  const clientNames = new Map(portfolio.map((contract) => [contract.clientId, contract.clientName]));
  const neverAudited = portfolio.filter((contract) => contract.lastAuditedAt === null);
  return {
    asOf: now.toISOString(),
    clientId: query.clientId ?? null,
    errors,
    exposure: {
      overchargeCents: exposure.overchargeCents,
      correctedCents: exposure.correctedCents,
      outstandingCents: exposure.outstandingCents,
      underchargeCents: exposure.underchargeCents,
      contractsIndexed: portfolio.length,
      contractsOvercharged: exposure.contractsOvercharged,
      contractsOutstanding: exposure.contractsOutstanding,
      contractsIncomplete: exposure.contractsIncomplete,
      contractsUnauditable: portfolio.length - audited.length,
      byClient: exposure.byClient.slice(0, LISTED).map((client) => ({ ...client, clientName: clientNames.get(client.clientId) ?? "" })),
      topContracts: exposure.topContracts.map((contract) => ({ ...contract, clientName: clientNames.get(contract.clientId) ?? "" })),
    },
    corrections: {
      count: portfolio.reduce((sum, contract) => sum + contract.corrections, 0),
      refundCents: portfolio.reduce((sum, contract) => sum + contract.correctedCents, 0),
      raisedByClient: portfolio.reduce((sum, contract) => sum + contract.correctionsRaisedByClient, 0),
    },
    neverAudited: {
      count: neverAudited.length,
      contracts: neverAudited
        .slice(0, NEVER_AUDITED_LISTED)
        .map(({ contractId, clientId, clientName, title }) => ({ contractId, clientId, clientName, title })),
    },
  };
}
