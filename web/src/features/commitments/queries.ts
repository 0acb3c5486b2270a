import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Commitment, CommitmentList, MyDay } from "../../../../src/modules/commitments/commitments.schemas.ts";
import type { SlaPolicy, WorkingTime } from "../../../../src/modules/working-time/working-time.schemas.ts";
import { ApiError, api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { browserTimeZone, formatDue, formatMoment, relativeTime } from "./time.ts";

export type CommitmentAction = "complete" | "renegotiate" | "break" | "cancel" | "reassign" | "client-notice";

export const ACTIVE: readonly Commitment["status"][] = ["open", "renegotiated"];
export const isActive = (commitment: Pick<Commitment, "status">) => ACTIVE.includes(commitment.status);

export function useCommitment(id: string) {
  return useQuery({
    queryKey: ["commitment", id],
    queryFn: () => api<Commitment>("GET", `/api/v1/commitments/${id}`),
    retry: false,
  });
}

/** A client's promises: the active ones (due soonest first) or the closed ones (latest due first). */
export function useClientCommitments(clientId: string, state: "active" | "closed", enabled = true) {
  return useQuery({
    queryKey: ["commitments", { clientId, state }],
    queryFn: () => {
      const params = new URLSearchParams({ clientId, state, order: state === "active" ? "due_asc" : "due_desc", limit: "200" });
      return api<CommitmentList>("GET", `/api/v1/commitments?${params}`);
    },
    enabled,
  });
}

export function useMyDay() {
  return useQuery({ queryKey: ["my-day"], queryFn: () => api<MyDay>("GET", "/api/v1/my-day") });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: ["sla-policies"],
    queryFn: () => api<{ items: SlaPolicy[] }>("GET", "/api/v1/sla-policies").then((r) => r.items),
    staleTime: 60_000,
  });
}

/** The organization's time zone (its working time); the browser's until it is known. */
export function useTimeZone(): string {
  const time = useQuery({
    queryKey: ["working-time"],
    queryFn: () => api<WorkingTime>("GET", "/api/v1/settings/working-time"),
    staleTime: 5 * 60_000,
  });
  return time.data?.timeZone ?? browserTimeZone();
}

/** The current time, refreshed every `everyMs`, so "in 5 minutes" does not stand still. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Due times and moments in the organization's time zone (or `zone`) and the UI language. */
export function useDueFormat(zone?: string) {
  const { locale } = useI18n();
  const orgZone = useTimeZone();
  const timeZone = zone ?? orgZone;
  const now = useNow();
  return {
    timeZone,
    now,
    due: (iso: string) => formatDue(iso, timeZone, locale, now),
    relative: (iso: string) => relativeTime(iso, now, timeZone, locale),
    moment: (iso: string) => formatMoment(iso, timeZone, locale),
  };
}

/** After any change of a promise: every list and figure that may show it. */
export function refreshAfterChange(queryClient: QueryClient, saved: Commitment) {
  queryClient.setQueryData(["commitment", saved.id], saved);
  queryClient.invalidateQueries({ queryKey: ["commitments"] });
  queryClient.invalidateQueries({ queryKey: ["my-day"] });
  queryClient.invalidateQueries({ queryKey: ["reliability"] });
  // A kept, moved or broken promise is evidence: the client's trust scores move with it.
  queryClient.invalidateQueries({ queryKey: ["trust"] });
}

/** One action on a promise, sending the version read (a concurrent change answers 409). */
export function useCommitmentAction(commitment: Pick<Commitment, "id" | "version">, action: CommitmentAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown> = {}) =>
      api<Commitment>("POST", `/api/v1/commitments/${commitment.id}/${action}`, { ...body, version: commitment.version }),
    onSuccess: (saved) => refreshAfterChange(queryClient, saved),
    // Changed or closed by someone else meanwhile: show what is saved now.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        queryClient.invalidateQueries({ queryKey: ["commitment", commitment.id] });
        queryClient.invalidateQueries({ queryKey: ["commitments"] });
        queryClient.invalidateQueries({ queryKey: ["my-day"] });
      }
    },
  });
}
