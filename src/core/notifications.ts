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

/**
 * SMTP commands that come before the message itself: a failure during one of
 * them means the server never had the message, so trying again cannot send it twice.
 */
const BEFORE_THE_MESSAGE = /^(CONN|API|EHLO|HELO|LHLO|STARTTLS|AUTH\b.*|MAIL FROM|RCPT TO|RSET)$/;

/**
 * Whether a failed send may still have delivered the message. No, when the
 * server answered with a refusal (an SMTP reply code) or the failure came
 * before the message was handed over; otherwise (a connection lost or timed
 * out while or after the message went over, an unknown error) it may have,
 * and resending could send it twice.
 */
export function sendMayHaveSucceeded(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return true;
  const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
  if (typeof responseCode === "number" && responseCode >= 400) return false;
  return !(typeof command === "string" && BEFORE_THE_MESSAGE.test(command));
}

/**
 * E-mails that people cause by hand (invitations, notices to clients) are
 * limited per person and per organization over the last hour, so a stolen or
 * throw-away account cannot turn the firm's mail server into a spam relay.
 * E-mail the app sends itself (reminders, escalations) does not count.
 */
export const SEND_LIMITS = { windowMs: 60 * 60_000, perUser: 20, perOrganization: 50 } as const;
