import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { acknowledgeBody } from "../../../../src/modules/trust/trust.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useRiskText } from "./messages.ts";
import { refreshRisks } from "./queries.ts";

type Values = { reason: string; snoozeDays: number | string };
const FIELDS = ["reason", "snoozeDays"];

/** An empty number field is left as text, so the schema asks for it instead of reading it as 0. */
const bodyOf = (values: Values) => ({
  reason: values.reason,
  snoozeDays: typeof values.snoozeDays === "number" ? values.snoozeDays : values.snoozeDays.trim() === "" ? "" : Number(values.snoozeDays),
});

function AcknowledgeForm({
  client,
  onDone,
  onCancel,
}: {
  client: { id: string; name: string };
  onDone: (until: string) => void;
  onCancel: () => void;
}) {
  const { t, rt } = useRiskText();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { reason: "", snoozeDays: 14 },
    // The API's own schema, its issues in the UI's words, beside each field before anything is sent.
    validate: (values) => zodErrors(acknowledgeBody, bodyOf(values), t),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      api<{ until: string }>("POST", `/api/v1/at-risk/${client.id}/acknowledge`, { ...bodyOf(values), reason: values.reason.trim() }),
    onSuccess: (saved) => {
      refreshRisks(queryClient, client.id);
      onDone(saved.until);
    },
  });
  const errorOf = (key: keyof Values) => (form.errors[key] as string | undefined) ?? fieldError(save.error, key);
  const alert = formError(save.error, FIELDS);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        <Text fz="sm">{rt("risk.ack.intro")}</Text>
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Textarea
          label={rt("risk.ack.reason")}
          description={rt("risk.ack.reasonHint")}
          required
          autosize
          minRows={3}
          maxRows={8}
          data-autofocus
          {...form.getInputProps("reason")}
          error={errorOf("reason")}
        />
        <NumberInput
          label={rt("risk.ack.days")}
          description={rt("risk.ack.daysHint")}
          required
          min={1}
          max={90}
          allowDecimal={false}
          allowNegative={false}
          // Out of range is said beside the field (the schema's words), not silently clamped on leaving it.
          clampBehavior="none"
          w={200}
          {...form.getInputProps("snoozeDays")}
          error={errorOf("snoozeDays")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {rt("risk.ack.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Acknowledge or snooze a client's reasons, with a reason (audited by the API). */
export function AcknowledgeDialog({
  client,
  onClose,
  onDone,
}: {
  client: { id: string; name: string } | null;
  onClose: () => void;
  onDone: (client: { id: string; name: string }, until: string) => void;
}) {
  const { t, rt } = useRiskText();
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("app.close") }}
      opened={client !== null}
      onClose={onClose}
      title={client ? rt("risk.ack.title", { client: client.name }) : ""}
      size="lg"
    >
      {client && <AcknowledgeForm key={client.id} client={client} onCancel={onClose} onDone={(until) => onDone(client, until)} />}
    </Modal>
  );
}
