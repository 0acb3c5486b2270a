import { COMMITMENT_STATUSES, type CommitmentStatus } from "../../../../src/modules/commitments/commitments.schemas.ts";

/**
 * The filters of the promises list, as they live in its address
 * (`/commitments?ownerId=…&status=kept,broken&closedFrom=…`), so every figure
 * can link to the list behind it and a filter is removed by leaving it out.
 * Pure functions, checked by list-search.test.ts.
 */
export type CommitmentsSearch = {
  ownerId?: string;
  teamId?: string;
  clientId?: string;
  status?: string;
  state?: "active" | "closed";
  closedFrom?: string;
  closedTo?: string;
  overdue?: boolean;
};
export type FilterKey = keyof CommitmentsSearch;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_-]{1,100}$/;
const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);

export function statusesOf(status: string | undefined): CommitmentStatus[] {
  return (status ?? "").split(",").filter((part): part is CommitmentStatus => (COMMITMENT_STATUSES as readonly string[]).includes(part));
}

/** What the address may hold; anything else is dropped rather than sent to the server. */
export function validateCommitmentsSearch(search: Record<string, unknown>): CommitmentsSearch {
  const result: CommitmentsSearch = {};
  for (const key of ["ownerId", "teamId", "clientId"] as const) {
    const value = text(search[key]);
    if (value && ID.test(value)) result[key] = value;
  }
  const statuses = statusesOf(text(search.status));
  if (statuses.length > 0) result.status = statuses.join(",");
  if (search.state === "active" || search.state === "closed") result.state = search.state;
  for (const key of ["closedFrom", "closedTo"] as const) {
    const value = text(search[key]);
    if (value && DATE.test(value)) result[key] = value;
  }
  if (search.overdue === true || search.overdue === "true") result.overdue = true;
  return result;
}

/** The list endpoint's query for these filters. */
export function listQuery(search: CommitmentsSearch, cursor?: string): URLSearchParams {
  const params = new URLSearchParams({ limit: "100", order: search.closedFrom || search.closedTo ? "due_desc" : "due_asc" });
  for (const [key, value] of Object.entries(search)) if (value !== undefined) params.set(key, String(value));
  if (cursor) params.set("cursor", cursor);
  return params;
}

/** The filters without some of them (what a filter's "remove" button leads to). */
export function without(search: CommitmentsSearch, ...keys: FilterKey[]): CommitmentsSearch {
  return Object.fromEntries(Object.entries(search).filter(([key]) => !keys.includes(key as FilterKey))) as CommitmentsSearch;
}

/** The statuses a kept-on-time rate is made of: everything that fell due (cancelled ones do not count). */
export const RATE_STATUSES = "kept,kept_late,broken";
