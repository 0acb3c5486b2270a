import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Contract, CorrectionInput, CorrectionLetter, IncreaseInput } from "../../../../src/modules/contracts/contracts.schemas.ts";
import { ApiError, api, upload } from "../../api/client.ts";

/** After any change to a contract, its list, its audit and the integrity figures read anew. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ["contracts"] });
    void queryClient.invalidateQueries({ queryKey: ["integrity"] });
  };
}

export function useRecordIncrease(contractId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: IncreaseInput) => api<Contract>("POST", `/api/v1/contracts/${contractId}/increases`, body),
    onSuccess: refresh,
  });
}

export function useRecordCorrection(contractId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CorrectionInput) => api<{ id: string }>("POST", `/api/v1/contracts/${contractId}/corrections`, body),
    onSuccess: refresh,
  });
}

export function useCorrectionLetter(contractId: string, language: "nl" | "en", refundCents: number | null, enabled: boolean) {
  return useQuery({
    queryKey: ["contracts", "letter", contractId, language, refundCents],
    queryFn: () =>
      api<CorrectionLetter>(
        "GET",
        `/api/v1/contracts/${contractId}/correction-letter?${new URLSearchParams({
          language,
          ...(refundCents === null ? {} : { refundCents: String(refundCents) }),
        })}`,
      ),
    enabled,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type ImportResult = { imported: number; contracts: string[] };

export function useImportContracts() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (file: File) => upload<ImportResult>("/api/v1/contracts/import", file, "text/csv"),
    onSuccess: refresh,
  });
}

/** A server refusal that belongs to one field of the form (not a validation issue, which names its field itself). */
export function codeError(error: unknown, codes: readonly string[]): string | undefined {
  return error instanceof ApiError && codes.includes(error.code) ? error.message : undefined;
}
