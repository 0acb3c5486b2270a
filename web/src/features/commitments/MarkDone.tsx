import { Alert, Button, type ButtonProps, Group, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { Commitment } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { ApiError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useCommitmentAction } from "./queries.ts";
import { offerUndo } from "./undo-done.ts";

type Props = ButtonProps & { commitment: Commitment; label: string; ariaLabel?: string };

/**
 * "Mark done" asks once, showing what done means for this promise, so nobody
 * closes the wrong one by a stray click; right after, an undo is offered (DoneUndo).
 */
export function MarkDoneButton({ commitment, label, ariaLabel, ...button }: Props) {
  const { t } = useI18n();
  const [opened, setOpened] = useState(false);
  const complete = useCommitmentAction(commitment, "complete");
  const close = () => {
    setOpened(false);
    complete.reset();
  };
  const confirm = () =>
    complete.mutate(
      {},
      {
        onSuccess: (saved) => {
          setOpened(false);
          offerUndo(saved);
        },
      },
    );
  const conflict = complete.error instanceof ApiError && complete.error.status === 409;
  return (
    <>
      <Button {...button} onClick={() => setOpened(true)} aria-label={ariaLabel}>
        {label}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t("commitments.done.title")}
        closeButtonProps={{ "aria-label": t("app.close") }}
        size="lg"
      >
        <Stack gap="md">
          <Text fw={600}>{commitment.title}</Text>
          <Text style={{ whiteSpace: "pre-wrap" }}>{t("commitments.done.means", { doneWhen: commitment.doneWhen })}</Text>
          {complete.error && (
            <Alert color={conflict ? "yellow" : "red"} role="alert">
              {complete.error.message}
              {conflict && <Text fz="sm">{t("commitments.reloaded")}</Text>}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t("commitments.done.notYet")}
            </Button>
            <Button loading={complete.isPending} onClick={confirm} data-autofocus>
              {t("commitments.done.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
