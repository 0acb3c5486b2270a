import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Me } from "../../../../src/modules/auth/auth.schemas.ts";
import { api } from "../../api/client.ts";

export const meQueryKey = ["me"] as const;

/** Who is signed in; a 401 leaves `data` undefined and `error.status` 401. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: () => api<Me>("GET", "/api/v1/me"), retry: false, staleTime: 60_000 });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>("DELETE", "/api/v1/session"),
    onSettled: () => queryClient.clear(),
  });
}

/** After signing in or up: remember who we are without another round trip. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  return (me: Me) => {
    queryClient.clear();
    queryClient.setQueryData(meQueryKey, me);
  };
}
