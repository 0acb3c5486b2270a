import { addWorkingMilliseconds, type WorkingTimeSettings, workingMillisecondsBetween } from "./working-time.ts";

/**
 * The lifecycle of a promise as pure rules:
 *   open ──complete──▶ kept | kept_late   (on time or late is computed, never typed)
 *   open ──renegotiate──▶ renegotiated ──complete/renegotiate/break/cancel──▶ …
 *   open ──break──▶ broken
 *   open ──cancel (client agreed)──▶ cancelled
 * Closed promises (kept, kept_late, broken, cancelled) do not change again.
 */
export type Status = "open" | "renegotiated" | "kept" | "kept_late" | "broken" | "cancelled";
export type Action = "complete" | "renegotiate" | "break" | "cancel" | "reassign" | "inform_client";

export const isActive = (status: Status): boolean => status === "open" || status === "renegotiated";

export type TransitionRefusal = "closed" | "client_must_agree" | "reason_required" | "same_due_time" | "due_in_past";

/** Why an action may not happen, or null when it may. */
export function refuseTransition(
  status: Status,
  action: Action,
  input: { reason?: string; clientAgreed?: boolean; newDueAt?: Date; currentDueAt?: Date; now?: Date } = {},
): TransitionRefusal | null {
  if (!isActive(status)) return "closed";
  if ((action === "renegotiate" || action === "break" || action === "cancel" || action === "inform_client") && !input.reason?.trim()) {
    return "reason_required";
  }
  if (action === "cancel" && input.clientAgreed !== true) return "client_must_agree";
  if (action === "renegotiate" || action === "inform_client") {
    if (input.newDueAt && input.currentDueAt && input.newDueAt.getTime() === input.currentDueAt.getTime()) return "same_due_time";
    if (input.newDueAt && input.now && input.newDueAt.getTime() <= input.now.getTime()) return "due_in_past";
  }
  return null;
}

/** Done at `doneAt` against `dueAt`: kept when not after the due time (to the second). */
export function completionStatus(doneAt: Date, dueAt: Date): "kept" | "kept_late" {
  return doneAt.getTime() <= dueAt.getTime() ? "kept" : "kept_late";
}

/**
 * The client counts as informed in time only when the owner says they told
 * the client and the renegotiation is recorded before the old due time passed.
 */
export function informedBeforeDue(clientInformed: boolean, recordedAt: Date, oldDueAt: Date): boolean {
  return clientInformed && recordedAt.getTime() <= oldDueAt.getTime();
}

/**
 * When the owner gets the "most of the time is used" warning: `percent` of the
 * working time between `from` and `dueAt`, counted on working time. Null when
 * there is nothing to warn about (due already, or no working time in between).
 */
export function warningTime(settings: WorkingTimeSettings, from: Date, dueAt: Date, percent: number): Date | null {
  if (dueAt.getTime() <= from.getTime()) return null;
  const working = workingMillisecondsBetween(settings, from, dueAt);
  if (working <= 0) return null;
  const at = addWorkingMilliseconds(settings, from, Math.round((working * percent) / 100));
  return at.getTime() < dueAt.getTime() ? at : null;
}

/** Kept on time as a share of everything that came due: cancelled promises (client agreed) do not count. */
export function keptOnTimeRate(figures: { kept: number; keptLate: number; broken: number }): number | null {
  const due = figures.kept + figures.keptLate + figures.broken;
  return due === 0 ? null : figures.kept / due;
}
