import { useQuery } from "@tanstack/react-query";
import type { Team } from "../../../../src/modules/teams/teams.schemas.ts";
import { api } from "../../api/client.ts";

export function useTeams() {
  return useQuery({ queryKey: ["teams"], queryFn: () => api<{ items: Team[] }>("GET", "/api/v1/teams").then((r) => r.items) });
}
