import { Alert, Button, Group, type MantineColor, Modal, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n.tsx";

/**
 * "Really delete X?" before an action that cannot be undone. One component so every page asks the same way:
 * the same close label, the failure shown inside the dialog, Cancel beside a confirm button in a warning colour.
 */
export function ConfirmDialog({
  opened,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  pending = false,
  error = null,
  color = "red",
}: {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  /** Cancel, the close button, Escape and a click outside all just close the dialog. */
  onCancel: () => void;
  pending?: boolean;
  error?: Error | null;
  color?: MantineColor;
}) {
  const { t } = useI18n();
  return (
    <Modal closeButtonProps={{ "aria-label": t("app.close") }} opened={opened} onClose={onCancel} title={title}>
      <Stack>
        <Text>{message}</Text>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button color={color} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
