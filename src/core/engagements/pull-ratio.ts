/**
 * The pull ratio ("never sell", PRODUCT.md C4): of the engagements of a
 * client, owner or team, the share the client asked for rather than we
 * proposed — overall and per quarter. A ratio that fell from one quarter to
 * the next (by at least FALLING_BY) is a warning: the team is pushing.
 */
export type PullFact = { group: string; initiatedBy: "client" | "us"; quarter: string };
export type QuarterRatio = { quarter: string; clientInitiated: number; weInitiated: number; ratio: number | null };
export type PullGroup = {
  group: string;
  clientInitiated: number;
  weInitiated: number;
  ratio: number | null;
  quarters: QuarterRatio[];
  falling: boolean;
};

/** A fall of at least ten percentage points between the last two quarters with engagements. */
export const FALLING_BY = 0.1;

/** "2026-Q4" for a calendar date "2026-11-03". */
export function quarterOf(date: string): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export function ratioOf(clientInitiated: number, weInitiated: number): number | null {
  const total = clientInitiated + weInitiated;
  return total === 0 ? null : clientInitiated / total;
}

/** Whether the ratio fell between the last two quarters that had engagements. */
export function isFalling(quarters: readonly QuarterRatio[]): boolean {
  const withData = quarters.filter((quarter) => quarter.ratio !== null);
  if (withData.length < 2) return false;
  const last = withData[withData.length - 1]?.ratio ?? 0;
  const before = withData[withData.length - 2]?.ratio ?? 0;
  return before - last >= FALLING_BY - 1e-9;
}

export function pullRatios(facts: readonly PullFact[]): PullGroup[] {
  const groups = new Map<string, Map<string, { client: number; us: number }>>();
  for (const fact of facts) {
    const quarters = groups.get(fact.group) ?? new Map<string, { client: number; us: number }>();
    groups.set(fact.group, quarters);
    const counts = quarters.get(fact.quarter) ?? { client: 0, us: 0 };
    quarters.set(fact.quarter, counts);
    if (fact.initiatedBy === "client") counts.client += 1;
    else counts.us += 1;
  }
  return [...groups.entries()]
    .map(([group, byQuarter]) => {
      const quarters = [...byQuarter.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([quarter, counts]) => ({
          quarter,
          clientInitiated: counts.client,
          weInitiated: counts.us,
          ratio: ratioOf(counts.client, counts.us),
        }));
      const clientInitiated = quarters.reduce((sum, quarter) => sum + quarter.clientInitiated, 0);
      const weInitiated = quarters.reduce((sum, quarter) => sum + quarter.weInitiated, 0);
      return { group, clientInitiated, weInitiated, ratio: ratioOf(clientInitiated, weInitiated), quarters, falling: isFalling(quarters) };
    })
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
