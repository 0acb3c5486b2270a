import { keepPreviousData, type QueryClient, useQuery } from "@tanstack/react-query";
import type { Callback, CallbackPreview } from "../../../../src/modules/callbacks/callbacks.schemas.ts";
import { api } from "../../api/client.ts";

/** One callback (its id is its promise's id); a promise that is no callback answers 404. */
export function useCallbackRequest(id: string, enabled = true) {
  return useQuery({
    queryKey: ["callback", id],
    queryFn: () => api<Callback>("GET", `/api/v1/callbacks/${id}`),
    retry: false,
    enabled,
  });
}

export type PreviewInput = { topic?: string | undefined; clientId?: string | undefined; expertId?: string | undefined; language: string };

/** While the caller is on the line: who calls back, the sentence to say, what we know of the caller. */
export function useCallbackPreview(input: PreviewInput, enabled = true) {
  return useQuery({
    queryKey: ["callback-preview", input],
    queryFn: () => {
      const params = new URLSearchParams({ language: input.language });
      if (input.topic) params.set("topic", input.topic.slice(0, 100));
      if (input.clientId) params.set("clientId", input.clientId);
      if (input.expertId) params.set("expertId", input.expertId);
      return api<CallbackPreview>("GET", `/api/v1/callbacks/preview?${params}`);
    },
    placeholderData: keepPreviousData,
    // The promised time moves with the clock: the sentence on screen stays the one to say now.
    refetchInterval: 30_000,
    enabled,
  });
}

/** After a callback changed: it, its promise, and every list that shows it. */
export function refreshAfterCallback(queryClient: QueryClient, saved: Callback) {
  queryClient.setQueryData(["callback", saved.commitment.id], saved);
  queryClient.invalidateQueries({ queryKey: ["commitment", saved.commitment.id] });
  queryClient.invalidateQueries({ queryKey: ["commitments"] });
  queryClient.invalidateQueries({ queryKey: ["my-day"] });
  queryClient.invalidateQueries({ queryKey: ["reliability"] });
  queryClient.invalidateQueries({ queryKey: ["callback-preview"] });
}
