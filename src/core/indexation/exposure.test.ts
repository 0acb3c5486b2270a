import { describe, expect, it } from "vitest";
import type { AuditResult } from "./audit.ts";
import { exposureOf } from "./exposure.ts";

const audit = (totalOverchargeCents: number, complete = true): AuditResult => ({ years: [], totalOverchargeCents, complete });

describe("red-face exposure", () => {
  it("adds over-charges per client and ranks the contracts; under-charges are kept apart, never netted across contracts", () => {
    const exposure = exposureOf(
      [
        { contractId: "c1", clientId: "veenstra", title: "Jaarrekening", audit: audit(4_308_485) },
        { contractId: "c2", clientId: "veenstra", title: "Loonadministratie", audit: audit(10_000) },
        { contractId: "c3", clientId: "jansen", title: "Advies", audit: audit(250_000, false) },
        { contractId: "c4", clientId: "jansen", title: "Fiscaal", audit: audit(-90_000) },
        { contractId: "c5", clientId: "de-vries", title: "Fair", audit: audit(0) },
      ],
      2,
    );
    expect(exposure).toEqual({
      overchargeCents: 4_568_485,
      correctedCents: 0,
      outstandingCents: 4_568_485,
      underchargeCents: 90_000,
      contractsOvercharged: 3,
      contractsOutstanding: 3,
      contractsIncomplete: 1,
      byClient: [
        { clientId: "veenstra", overchargeCents: 4_318_485, correctedCents: 0, outstandingCents: 4_318_485, contracts: 2 },
        { clientId: "jansen", overchargeCents: 250_000, correctedCents: 0, outstandingCents: 250_000, contracts: 1 },
      ],
      topContracts: [
        {
          contractId: "c1",
          clientId: "veenstra",
          title: "Jaarrekening",
          overchargeCents: 4_308_485,
          correctedCents: 0,
          outstandingCents: 4_308_485,
        },
        { contractId: "c3", clientId: "jansen", title: "Advies", overchargeCents: 250_000, correctedCents: 0, outstandingCents: 250_000 },
      ],
    });
  });

  it("takes refunds off what is outstanding, never below zero, and ranks by what is still outstanding", () => {
    const exposure = exposureOf([
      // Fully refunded, and a little more as a gesture: nothing outstanding, not a negative figure.
      { contractId: "big", clientId: "veenstra", title: "Jaarrekening", audit: audit(4_308_485), correctedCents: 4_400_000 },
      { contractId: "part", clientId: "jansen", title: "Advies", audit: audit(250_000), correctedCents: 100_000 },
      { contractId: "none", clientId: "jansen", title: "Salaris", audit: audit(50_000) },
    ]);
    expect(exposure).toMatchObject({
      overchargeCents: 4_608_485,
      correctedCents: 4_500_000,
      outstandingCents: 200_000,
      contractsOvercharged: 3,
      contractsOutstanding: 2,
    });
    expect(exposure.byClient.map((client) => [client.clientId, client.outstandingCents])).toEqual([
      ["jansen", 200_000],
      ["veenstra", 0],
    ]);
    expect(exposure.topContracts.map((contract) => [contract.contractId, contract.outstandingCents])).toEqual([
      ["part", 150_000],
      ["none", 50_000],
      ["big", 0],
    ]);
  });
});
