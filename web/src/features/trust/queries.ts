import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TrustCore } from "../../../../src/core/trust/cores.ts";
import type { ClientTrust, EvidenceList, TrustSettings } from "../../../../src/modules/trust/trust.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";

export type TrustHistory = { days: Array<{ day: string } & Record<TrustCore, number>> };
export type EvidenceSort = "recent" | "impact";

/** Every trust query of a client starts with ["trust", clientId]: one invalidation refreshes scores, evidence and trend. */
export const trustKeys = {
  all: ["trust"] as const,
  client: (clientId: string) => ["trust", clientId] as const,
};

export const HISTORY_DAYS = 180;

export function useClientTrust(clientId: string) {
  return useQuery({
    queryKey: [...trustKeys.client(clientId), "scores"],
    queryFn: () => api<ClientTrust>("GET", `/api/v1/clients/${clientId}/trust`),
  });
}

/** The evidence of one core; its explanations come in the UI language, so the language is part of the key. */
export function useEvidence(clientId: string, core: TrustCore, sort: EvidenceSort, limit: number) {
  const { language } = useI18n();
  return useQuery({
    queryKey: [...trustKeys.client(clientId), "evidence", core, sort, limit, language],
    queryFn: () => api<EvidenceList>("GET", `/api/v1/clients/${clientId}/trust/evidence?core=${core}&sort=${sort}&limit=${limit}`),
    // Showing more keeps the rows already shown on screen while the longer page loads.
    placeholderData: keepPreviousData,
  });
}

export function useTrustHistory(clientId: string, days = HISTORY_DAYS) {
  return useQuery({
    queryKey: [...trustKeys.client(clientId), "history", days],
    queryFn: () => api<TrustHistory>("GET", `/api/v1/clients/${clientId}/trust/history?days=${days}`),
  });
}

export function useTrustSettings() {
  return useQuery({ queryKey: ["trust-settings"], queryFn: () => api<TrustSettings>("GET", "/api/v1/trust/settings") });
}
