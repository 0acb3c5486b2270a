import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { computedDueSchema, SlaPolicy, WorkingTime } from "../../../../src/modules/working-time/working-time.schemas.ts";
import { api } from "../../api/client.ts";
import type { MessageKey } from "../../i18n/en.ts";

export type ComputedDue = z.infer<typeof computedDueSchema>;
export type DurationUnit = SlaPolicy["unit"];
export type CommitmentKind = SlaPolicy["kind"];
export const KINDS: readonly CommitmentKind[] = ["callback", "deliverable", "meeting", "other"];
export const UNITS: readonly DurationUnit[] = ["working_hours", "working_days"];

export function useWorkingTime() {
  return useQuery({ queryKey: ["working-time"], queryFn: () => api<WorkingTime>("GET", "/api/v1/settings/working-time") });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: ["sla-policies"],
    queryFn: () => api<{ items: SlaPolicy[] }>("GET", "/api/v1/sla-policies").then((r) => r.items),
  });
}

/** When something asked for now would be due: by a policy (and a client's agreement) or by an amount. */
export function useDueExample(input: { slaPolicyId: string; clientId?: string } | { amount: number; unit: DurationUnit } | null) {
  return useQuery({
    queryKey: ["due-example", input],
    queryFn: () => api<ComputedDue>("POST", "/api/v1/working-time/due", input),
    enabled: input !== null,
    staleTime: 60_000,
    retry: false,
  });
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** "within 4 working hours", "binnen 1 werkdag". */
export function termText(t: T, locale: string, amount: number, unit: DurationUnit): string {
  const plural = new Intl.PluralRules(locale).select(amount) === "one" ? "one" : "other";
  return t(`sla.within.${unit}.${plural}`, { amount });
}

/** "Monday 23 November at 15:32" in the firm's time zone. */
export function formatDue(locale: string, due: ComputedDue): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: due.timeZone,
  }).format(new Date(due.dueAt));
}
