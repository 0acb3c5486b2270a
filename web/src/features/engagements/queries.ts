import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type {
  AdviceInput,
  AnalysisInput,
  CreateEngagementInput,
  DeclineInput,
  DisagreementInput,
  Engagement,
  pullRatioSchema,
} from "../../../../src/modules/engagements/engagements.schemas.ts";
import { api } from "../../api/client.ts";

export type PullRatio = z.infer<typeof pullRatioSchema>;

export function useEngagements(filter: { clientId?: string; ownerId?: string; teamId?: string }) {
  const params = new URLSearchParams(Object.entries(filter).filter(([, value]) => value) as [string, string][]);
  return useQuery({
    queryKey: ["engagements", filter],
    queryFn: () => api<{ items: Engagement[] }>("GET", `/api/v1/engagements?${params}`).then((r) => r.items),
  });
}

export function useEngagement(id: string) {
  return useQuery({ queryKey: ["engagement", id], queryFn: () => api<Engagement>("GET", `/api/v1/engagements/${id}`), retry: false });
}

export function usePullRatio(groupBy: "client" | "owner" | "team", enabled = true) {
  return useQuery({
    queryKey: ["pull-ratio", groupBy],
    queryFn: () => api<PullRatio>("GET", `/api/v1/pull-ratio?groupBy=${groupBy}`),
    enabled,
  });
}

/** A change answers with the engagement: it replaces the cached one; lists, timeline and trust read anew. */
function useChange<T>(id: string, send: (body: T) => Promise<Engagement>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (engagement) => {
      queryClient.setQueryData(["engagement", id], engagement);
      queryClient.invalidateQueries({ queryKey: ["engagements"] });
      queryClient.invalidateQueries({ queryKey: ["pull-ratio"] });
      queryClient.invalidateQueries({ queryKey: ["timeline", engagement.clientId] });
      queryClient.invalidateQueries({ queryKey: ["trust", engagement.clientId] });
    },
  });
}

export function useCreateEngagement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEngagementInput) => api<Engagement>("POST", "/api/v1/engagements", body),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ["engagements"] });
      queryClient.invalidateQueries({ queryKey: ["pull-ratio"] });
    },
  });
}

export const useRecordAnalysis = (id: string) =>
  useChange(id, (body: AnalysisInput) => api<Engagement>("PUT", `/api/v1/engagements/${id}/analysis`, body));
export const useMoveStage = (id: string) =>
  useChange(id, (stage: string) => api<Engagement>("POST", `/api/v1/engagements/${id}/stage`, { stage }));
export const useDecline = (id: string) =>
  useChange(id, (body: DeclineInput) => api<Engagement>("POST", `/api/v1/engagements/${id}/decline`, body));
export const useRecordAdvice = (id: string) =>
  useChange(id, (body: AdviceInput) => api<Engagement>("POST", `/api/v1/engagements/${id}/advice`, body));
export const useRecordDisagreement = (id: string) =>
  useChange(id, (body: DisagreementInput) => api<Engagement>("POST", `/api/v1/engagements/${id}/disagreements`, body));
