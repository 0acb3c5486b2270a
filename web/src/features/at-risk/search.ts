/**
 * The at-risk page's filters, kept in the address so Back returns to the same
 * list: whose clients ("me", "all" or a member's id), which team, and whether
 * acknowledged clients show too. Without `owner` a role's default applies.
 */
export type AtRiskSearch = { owner?: string; team?: string; acknowledged?: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** User ids are opaque strings (the API takes up to 100 characters); nothing else travels in the address. */
const USER_ID = /^[\w-]{1,100}$/;

export function validateAtRiskSearch(search: Record<string, unknown>): AtRiskSearch {
  const owner = typeof search.owner === "string" || typeof search.owner === "number" ? String(search.owner) : "";
  const team = typeof search.team === "string" ? search.team : "";
  return {
    ...(USER_ID.test(owner) ? { owner } : {}),
    ...(UUID.test(team) ? { team } : {}),
    ...(search.acknowledged === true || search.acknowledged === "true" ? { acknowledged: true as const } : {}),
  };
}

/** The API's ownerId for a chosen owner filter: everyone's clients need no filter. */
export const ownerIdOf = (owner: string): string | undefined => (owner === "all" ? undefined : owner);
