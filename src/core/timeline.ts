/**
 * What a client's timeline shows of the domain events (ARCHITECTURE.md,
 * "domain events"): every event about the client, grouped by its producer —
 * the part of the type before the dot — so a new type of a known producer
 * ("commitment.reopened") lands in its group without a change here, and a
 * new producer shows under "other".
 */
export const TIMELINE_GROUPS = ["interactions", "commitments", "callbacks", "incidents", "pulse", "evidence"] as const;
export type TimelineGroup = (typeof TIMELINE_GROUPS)[number];

/**
 * What a group holds: the events of some producers, a part optionally
 * narrowed by a documented payload field. A callback is a promise of the
 * commitments module (its facts say `commitmentKind: "callback"`), so its
 * kept and broken facts belong with the callbacks, not with the promises.
 */
export type EventSelector = { module: string; payload?: { key: string; equals?: string; notEquals?: string } };

const CALLBACK_FACT = { key: "commitmentKind", equals: "callback" };

export const GROUP_SELECTORS: Readonly<Record<TimelineGroup, readonly EventSelector[]>> = {
  interactions: [{ module: "interaction" }],
  commitments: [{ module: "commitment", payload: { key: CALLBACK_FACT.key, notEquals: CALLBACK_FACT.equals } }],
  callbacks: [{ module: "callback" }, { module: "commitment", payload: CALLBACK_FACT }],
  incidents: [{ module: "incident" }],
  pulse: [{ module: "pulse" }],
  evidence: [{ module: "evidence" }, { module: "trust" }],
};

function selects(selector: EventSelector, type: string, payload: Record<string, unknown>): boolean {
  if (moduleOf(type) !== selector.module) return false;
  if (!selector.payload) return true;
  const value = payload[selector.payload.key];
  if (selector.payload.equals !== undefined) return value === selector.payload.equals;
  return value !== selector.payload.notEquals;
}

/**
 * Producers whose events are private to a person and never appear on a
 * client's timeline, whoever looks: a colleague's team-pulse answer or
 * self-assessment is shown only aggregated elsewhere.
 */
export const PRIVATE_MODULES: readonly string[] = ["team_pulse", "self_assessment"];

export const moduleOf = (type: string): string => type.split(".", 1)[0] ?? type;

export function groupOf(type: string, payload: Record<string, unknown> = {}): TimelineGroup | "other" {
  return TIMELINE_GROUPS.find((group) => GROUP_SELECTORS[group].some((selector) => selects(selector, type, payload))) ?? "other";
}

/** The line to show for an event of any type: its payload's title, else its summary, else none. */
export function titleOf(payload: Record<string, unknown>): string | null {
  for (const key of ["title", "summary"]) {
    const value = payload[key];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return null;
}
