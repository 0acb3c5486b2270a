import { useQuery } from "@tanstack/react-query";
import type { ImportResult, SeriesDetail, SeriesList } from "../../../../src/modules/index-series/index-series.schemas.ts";
import { api, upload } from "../../api/client.ts";

export const SERIES_KEY = ["index-series"];

export function useSeriesList() {
  return useQuery({ queryKey: SERIES_KEY, queryFn: () => api<SeriesList>("GET", "/api/v1/index-series").then((r) => r.items) });
}

export function useSeries(id: string | null) {
  return useQuery({
    queryKey: [...SERIES_KEY, id],
    queryFn: () => api<SeriesDetail>("GET", `/api/v1/index-series/${id}`),
    enabled: id !== null,
  });
}

export function importSeries(file: Blob, name: string): Promise<ImportResult> {
  const query = name.trim() === "" ? "" : `?name=${encodeURIComponent(name.trim())}`;
  return upload<ImportResult>(`/api/v1/index-series/import${query}`, file, "text/csv");
}
