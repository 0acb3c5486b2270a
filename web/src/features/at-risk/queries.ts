import { type QueryClient, useQuery } from "@tanstack/react-query";
import type { AtRiskList } from "../../../../src/modules/trust/trust.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";

export type AtRiskItem = AtRiskList["items"][number];
export type AtRiskFilter = { ownerId?: string | undefined; teamId?: string | undefined; includeAcknowledged?: boolean; limit?: number };

/** Every at-risk query starts with ["at-risk"]: one invalidation refreshes the page, My day and the Team page. */
export const atRiskKeys = { all: ["at-risk"] as const };

export function atRiskUrl(filter: AtRiskFilter): string {
  const params = new URLSearchParams();
  if (filter.ownerId) params.set("ownerId", filter.ownerId);
  if (filter.teamId) params.set("teamId", filter.teamId);
  if (filter.includeAcknowledged) params.set("includeAcknowledged", "true");
  if (filter.limit) params.set("limit", String(filter.limit));
  const query = params.toString();
  return `/api/v1/at-risk${query ? `?${query}` : ""}`;
}

/** The ranked list; its reasons and next steps come in the UI language, so the language is part of the key. */
export function useAtRisk(filter: AtRiskFilter, options: { enabled?: boolean } = {}) {
  const { language } = useI18n();
  return useQuery({
    queryKey: [...atRiskKeys.all, filter, language],
    queryFn: () => api<AtRiskList>("GET", atRiskUrl(filter)),
    enabled: options.enabled ?? true,
    retry: false,
  });
}

/** After an acknowledgement or a new rhythm: the list, and the client's trust (its silence line). */
export function refreshRisks(queryClient: QueryClient, clientId?: string) {
  void queryClient.invalidateQueries({ queryKey: atRiskKeys.all });
  if (clientId) void queryClient.invalidateQueries({ queryKey: ["trust", clientId] });
}
