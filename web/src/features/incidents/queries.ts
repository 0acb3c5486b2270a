import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  DisclosureInput,
  Incident,
  IncidentList,
  NonDisclosure,
  RecordIncidentInput,
} from "../../../../src/modules/incidents/incidents.schemas.ts";
import { api } from "../../api/client.ts";

export type IncidentStatusFilter = "all" | "open" | "undisclosed";

export function useIncidents(status: IncidentStatusFilter) {
  return useQuery({
    queryKey: ["incidents", status],
    queryFn: () => api<IncidentList>("GET", `/api/v1/incidents?${new URLSearchParams({ status })}`),
  });
}

export function useIncident(id: string) {
  return useQuery({ queryKey: ["incident", id], queryFn: () => api<Incident>("GET", `/api/v1/incidents/${id}`), retry: false });
}

export function useDraft(id: string, clientId: string, language: "nl" | "en", enabled: boolean) {
  return useQuery({
    queryKey: ["incident-draft", id, clientId, language],
    queryFn: () =>
      api<{ subject: string; message: string }>(
        "GET",
        `/api/v1/incidents/${id}/disclosure-draft?${new URLSearchParams({ clientId, language })}`,
      ),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Everything an error touches reads anew: the lists, the error, the clients' timelines and trust. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (incident?: Incident) => {
    queryClient.invalidateQueries({ queryKey: ["incidents"] });
    queryClient.invalidateQueries({ queryKey: ["integrity"] });
    if (incident) {
      queryClient.setQueryData(["incident", incident.id], incident);
      for (const client of incident.clients) {
        queryClient.invalidateQueries({ queryKey: ["timeline", client.clientId] });
        queryClient.invalidateQueries({ queryKey: ["trust", client.clientId] });
      }
    }
  };
}

export function useRecordIncident() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: RecordIncidentInput) => api<Incident>("POST", "/api/v1/incidents", body),
    onSuccess: (incident) => refresh(incident),
  });
}

export function useDisclose(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DisclosureInput) => api<Incident>("POST", `/api/v1/incidents/${id}/disclosures`, body),
    onSuccess: (incident) => refresh(incident),
  });
}

export function useNonDisclosure(id: string) {
  const queryClient = useQueryClient();
  const after = () => {
    queryClient.invalidateQueries({ queryKey: ["incident", id] });
    queryClient.invalidateQueries({ queryKey: ["incidents"] });
  };
  const propose = useMutation({
    mutationFn: (body: { clientId: string; reason: string }) => api<NonDisclosure>("POST", `/api/v1/incidents/${id}/non-disclosures`, body),
    onSuccess: after,
  });
  const approve = useMutation({
    mutationFn: (nid: string) => api<NonDisclosure>("POST", `/api/v1/incidents/${id}/non-disclosures/${nid}/approve`),
    onSuccess: after,
  });
  return { propose, approve };
}
