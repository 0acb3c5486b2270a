import type { AuditResult } from "./audit.ts";

/**
 * The red-face exposure of a firm: what its audited contracts charged too
 * much, in cents, per client and for the contracts that weigh most. A
 * contract's total nets its own years (an under-charge in one year offsets an
 * over-charge in another, as on the client's account); across contracts,
 * over- and under-charges are kept apart — one client's too-little never
 * excuses another's too-much.
 */
export type AuditedContract = { contractId: string; clientId: string; title: string; audit: AuditResult };

export type Exposure = {
  overchargeCents: number;
  underchargeCents: number;
  contractsOvercharged: number;
  /** Contracts with a year that could not be worked out (a missing figure). */
  contractsIncomplete: number;
  byClient: Array<{ clientId: string; overchargeCents: number; contracts: number }>;
  topContracts: Array<{ contractId: string; clientId: string; title: string; overchargeCents: number }>;
};

export function exposureOf(contracts: readonly AuditedContract[], top = 10): Exposure {
  let overchargeCents = 0;
  let underchargeCents = 0;
  const clients = new Map<string, { overchargeCents: number; contracts: number }>();
  for (const { clientId, audit } of contracts) {
    const total = audit.totalOverchargeCents;
    if (total > 0) overchargeCents += total;
    else underchargeCents -= total;
    if (total <= 0) continue;
    const client = clients.get(clientId) ?? { overchargeCents: 0, contracts: 0 };
    clients.set(clientId, { overchargeCents: client.overchargeCents + total, contracts: client.contracts + 1 });
  }
  const overcharged = contracts.filter((contract) => contract.audit.totalOverchargeCents > 0);
  return {
    overchargeCents,
    underchargeCents,
    contractsOvercharged: overcharged.length,
    contractsIncomplete: contracts.filter((contract) => !contract.audit.complete).length,
    byClient: [...clients]
      .map(([clientId, figures]) => ({ clientId, ...figures }))
      .sort((a, b) => b.overchargeCents - a.overchargeCents || a.clientId.localeCompare(b.clientId)),
    topContracts: overcharged
      .map(({ contractId, clientId, title, audit }) => ({ contractId, clientId, title, overchargeCents: audit.totalOverchargeCents }))
      .sort((a, b) => b.overchargeCents - a.overchargeCents || a.contractId.localeCompare(b.contractId))
      .slice(0, top),
  };
}
