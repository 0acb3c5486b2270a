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
      underchargeCents: 90_000,
      contractsOvercharged: 3,
      contractsIncomplete: 1,
      byClient: [
        { clientId: "veenstra", overchargeCents: 4_318_485, contracts: 2 },
        { clientId: "jansen", overchargeCents: 250_000, contracts: 1 },
      ],
      topContracts: [
        { contractId: "c1", clientId: "veenstra", title: "Jaarrekening", overchargeCents: 4_308_485 },
        { contractId: "c3", clientId: "jansen", title: "Advies", overchargeCents: 250_000 },
      ],
    });
  });
});
