import { useQuery } from "@tanstack/react-query";
import type { Member } from "../../../../../src/modules/organizations/organizations.schemas.ts";
import { api } from "../../../api/client.ts";

export function useMembers() {
  return useQuery({ queryKey: ["members"], queryFn: () => api<{ items: Member[] }>("GET", "/api/v1/members").then((r) => r.items) });
}
