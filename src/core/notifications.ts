import type { Role } from "./roles.ts";

/**
 * Pure rules of notifications and e-mail delivery: who sees the System page,
 * and how long a failed e-mail waits before the next attempt.
 */

/** The System page (mail mode, the sweep, every delivery of the organization) is for administrators. */
export const canSeeSystem = (role: Role): boolean => role === "admin";

/** Minutes to wait after a failed attempt: 1, 5, 15, 60, then every 4 hours. */
const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 240] as const;

/** How long to wait after attempt `attempt` (1 for the first) failed, in minutes. */
export function retryDelayMinutes(attempt: number): number {
  const index = Math.min(Math.max(Math.trunc(attempt), 1), RETRY_DELAYS_MINUTES.length) - 1;
  return RETRY_DELAYS_MINUTES[index] ?? 240;
}

/** What becomes of a delivery whose attempt `attempt` failed: wait and retry, or give up. */
export function afterFailedAttempt(
  attempt: number,
  maxAttempts: number,
  now: Date,
): { status: "failed" } | { status: "queued"; nextAttemptAt: Date } {
  if (attempt >= maxAttempts) return { status: "failed" };
  return { status: "queued", nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(attempt) * 60_000) };
}

/** A claim older than this was left by an instance that stopped while sending; another may take it over. */
export const STALE_CLAIM_MS = 5 * 60_000;
