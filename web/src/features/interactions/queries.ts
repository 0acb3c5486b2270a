import { type QueryClient, useInfiniteQuery } from "@tanstack/react-query";
import type { TimelineGroup } from "../../../../src/core/timeline.ts";
import type { Timeline } from "../../../../src/modules/timeline/timeline.schemas.ts";
import { api } from "../../api/client.ts";

const PAGE = 25;

/** A client's timeline, newest first, page by page; `groups` empty is everything. */
export function useTimeline(clientId: string, groups: readonly TimelineGroup[]) {
  return useInfiniteQuery({
    queryKey: ["timeline", clientId, [...groups].sort()],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (groups.length > 0) params.set("types", groups.join(","));
      if (pageParam) params.set("cursor", pageParam);
      return api<Timeline>("GET", `/api/v1/clients/${clientId}/timeline?${params}`);
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** After something was recorded about a client, its timeline and lists read it anew. */
export function refreshClientHistory(queryClient: QueryClient, clientId: string) {
  queryClient.invalidateQueries({ queryKey: ["timeline", clientId] });
  queryClient.invalidateQueries({ queryKey: ["interactions", clientId] });
}
