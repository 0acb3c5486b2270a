import type { AuditResult } from "./audit.ts";

/**
 * The red-face exposure of a firm: what its audited contracts charged too
 * much, in cents, per client and for the contracts that weigh most, and what
 * of it is still outstanding after refunds and credits. A contract's total
 * nets its own years (an under-charge in one year offsets an over-charge in
 * another, as on the client's account); across contracts, over- and
 * under-charges are kept apart — one client's too-little never excuses
 * another's too-much. A refund beyond the overcharge leaves nothing
 * outstanding, never a negative figure.
 */
export type AuditedContract = {
  contractId: string;
  clientId: string;
  title: string;
  audit: AuditResult;
  /** Refunded or credited so far. */
  correctedCents?: number;
};

type Figures = { overchargeCents: number; correctedCents: number; outstandingCents: number };

export type Exposure = Figures & {
  underchargeCents: number;
  contractsOvercharged: number;
  /** Overcharged contracts with something still outstanding. */
  contractsOutstanding: number;
  /** Contracts with a year that could not be worked out (a missing figure). */
  contractsIncomplete: number;
  byClient: Array<Figures & { clientId: string; contracts: number }>;
  topContracts: Array<Figures & { contractId: string; clientId: string; title: string }>;
};

const figuresOf = (contract: AuditedContract): Figures => {
  const overchargeCents = Math.max(0, contract.audit.totalOverchargeCents);
  const correctedCents = contract.correctedCents ?? 0;
  return { overchargeCents, correctedCents, outstandingCents: Math.max(0, overchargeCents - correctedCents) };
};

export function exposureOf(contracts: readonly AuditedContract[], top = 10): Exposure {
  const total: Figures = { overchargeCents: 0, correctedCents: 0, outstandingCents: 0 };
  let underchargeCents = 0;
  const clients = new Map<string, Figures & { contracts: number }>();
  const overcharged: Exposure["topContracts"] = [];
  for (const contract of contracts) {
    const figures = figuresOf(contract);
    total.correctedCents += figures.correctedCents;
    if (contract.audit.totalOverchargeCents <= 0) {
      underchargeCents -= contract.audit.totalOverchargeCents;
      continue;
    }
    total.overchargeCents += figures.overchargeCents;
    total.outstandingCents += figures.outstandingCents;
    const client = clients.get(contract.clientId) ?? { overchargeCents: 0, correctedCents: 0, outstandingCents: 0, contracts: 0 };
    clients.set(contract.clientId, {
      overchargeCents: client.overchargeCents + figures.overchargeCents,
      correctedCents: client.correctedCents + figures.correctedCents,
      outstandingCents: client.outstandingCents + figures.outstandingCents,
      contracts: client.contracts + 1,
    });
    overcharged.push({ contractId: contract.contractId, clientId: contract.clientId, title: contract.title, ...figures });
  }
  return {
    ...total,
    underchargeCents,
    contractsOvercharged: overcharged.length,
    contractsOutstanding: overcharged.filter((contract) => contract.outstandingCents > 0).length,
    contractsIncomplete: contracts.filter((contract) => !contract.audit.complete).length,
    // Ranked by what is still outstanding: a corrected contract is no longer the red face to fear.
    byClient: [...clients]
      .map(([clientId, figures]) => ({ clientId, ...figures }))
      .sort(
        (a, b) => b.outstandingCents - a.outstandingCents || b.overchargeCents - a.overchargeCents || a.clientId.localeCompare(b.clientId),
      ),
    topContracts: overcharged
      .sort(
        (a, b) =>
          b.outstandingCents - a.outstandingCents || b.overchargeCents - a.overchargeCents || a.contractId.localeCompare(b.contractId),
      )
      .slice(0, top),
  };
}
