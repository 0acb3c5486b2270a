/**
 * What a client's timeline shows of the domain events (ARCHITECTURE.md,
 * "domain events"): every event about the client, grouped by its producer —
 * the part of the type before the dot — so a new type of a known producer
 * ("commitment.reopened") lands in its group without a change here, and a
 * new producer shows under "other".
 */
export const TIMELINE_GROUPS = ["interactions", "commitments", "callbacks", "pulse", "evidence"] as const;
export type TimelineGroup = (typeof TIMELINE_GROUPS)[number];

export const GROUP_MODULES: Readonly<Record<TimelineGroup, readonly string[]>> = {
  interactions: ["interaction"],
  commitments: ["commitment"],
  callbacks: ["callback"],
  pulse: ["pulse"],
  evidence: ["evidence", "trust"],
};

/**
 * Producers whose events are private to a person and never appear on a
 * client's timeline, whoever looks: a colleague's team-pulse answer or
 * self-assessment is shown only aggregated elsewhere.
 */
export const PRIVATE_MODULES: readonly string[] = ["team_pulse", "self_assessment"];

export const moduleOf = (type: string): string => type.split(".", 1)[0] ?? type;

export function groupOf(type: string): TimelineGroup | "other" {
  const module = moduleOf(type);
  return TIMELINE_GROUPS.find((group) => GROUP_MODULES[group].includes(module)) ?? "other";
}

/** The line to show for an event of any type: its payload's title, else its summary, else none. */
export function titleOf(payload: Record<string, unknown>): string | null {
  for (const key of ["title", "summary"]) {
    const value = payload[key];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return null;
}
