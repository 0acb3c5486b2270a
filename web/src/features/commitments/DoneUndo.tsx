import { Affix, Alert, Button, Group, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Commitment } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { refreshAfterChange } from "./queries.ts";
import { type DoneOffer, useDoneOffer, withdrawUndo } from "./undo-done.ts";

/** How long the undo is offered; the server allows it for two minutes after closing. */
export const UNDO_SECONDS = 10;

/**
 * "Marked done — Undo", for a few seconds after a promise was marked done, on
 * whatever page that happened. Undo reopens it: a new "reopened" event in its
 * history, never an edit of the closing.
 */
export function DoneUndo() {
  const offer = useDoneOffer();
  if (!offer) return null;
  return (
    <Affix position={{ bottom: 20, left: 20 }} zIndex={300}>
      <UndoBar key={offer.key} offer={offer} />
    </Affix>
  );
}

function UndoBar({ offer }: { offer: DoneOffer }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { commitment } = offer;
  const undo = useMutation({
    mutationFn: () =>
      api<Commitment>("POST", `/api/v1/commitments/${commitment.id}/reopen`, { reason: "undo", version: commitment.version }),
    onSuccess: (saved) => {
      refreshAfterChange(queryClient, saved);
      withdrawUndo(offer.key);
    },
  });
  // Offered a few seconds; an error stays until closed, so it is read.
  useEffect(() => {
    if (undo.error || undo.isPending) return;
    const timer = setTimeout(() => withdrawUndo(offer.key), UNDO_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [offer.key, undo.error, undo.isPending]);
  return (
    <Alert
      role="status"
      aria-label={t("commitments.undo.region")}
      color={undo.error ? "red" : "brand"}
      variant="light"
      withCloseButton
      closeButtonLabel={t("app.close")}
      onClose={() => withdrawUndo(offer.key)}
      maw={420}
      style={{ boxShadow: "var(--mantine-shadow-md)" }}
    >
      <Group gap="sm" wrap="nowrap" justify="space-between">
        <Text fz="sm">{undo.error ? undo.error.message : t("commitments.undo.done", { title: commitment.title })}</Text>
        {!undo.error && (
          <Button size="xs" variant="filled" loading={undo.isPending} onClick={() => undo.mutate()}>
            {t("commitments.undo.action")}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
