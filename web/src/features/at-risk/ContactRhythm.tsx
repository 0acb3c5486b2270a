import { Alert, Button, Card, Group, NumberInput, Radio, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type ClientTrust, rhythmBody } from "../../../../src/modules/trust/trust.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useClientTrust } from "../trust/queries.ts";
import { useRiskText } from "./messages.ts";
import { refreshRisks } from "./queries.ts";

type Contact = ClientTrust["contact"];
type Values = { mode: "learn" | "fixed"; days: number | string };

/** "Last contact 19 days ago; rhythm every 11 days (learned)", and how far beyond it the silence is. */
export function rhythmSentence(
  contact: Contact,
  rt: ReturnType<typeof useRiskText>["rt"],
  locale: string,
): { line: string; beyond: string | null } {
  const from = rt(`rhythm.from.${contact.rhythmFrom}`);
  const rhythm = contact.rhythmDays === 1 ? rt("rhythm.everyOne", { from }) : rt("rhythm.every", { days: contact.rhythmDays, from });
  const last =
    contact.daysSinceContact === null
      ? rt("rhythm.never")
      : rt("rhythm.last", { when: new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-contact.daysSinceContact, "day") });
  const beyond =
    contact.daysBeyondRhythm <= 0
      ? null
      : contact.daysBeyondRhythm === 1
        ? rt("rhythm.beyondOne")
        : rt("rhythm.beyond", { days: contact.daysBeyondRhythm });
  return { line: `${last}; ${rhythm}`, beyond };
}

function RhythmForm({ clientId, contact, onDone }: { clientId: string; contact: Contact; onDone: (saved: boolean) => void }) {
  const { t, rt } = useRiskText();
  const queryClient = useQueryClient();
  const bodyOf = (values: Values) => ({
    contactRhythmDays:
      values.mode === "learn" ? null : typeof values.days === "number" ? values.days : values.days.trim() === "" ? "" : Number(values.days),
  });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { mode: contact.clientRhythmDays === null ? "learn" : "fixed", days: contact.clientRhythmDays ?? contact.rhythmDays },
    validate: (values) => zodErrors(rhythmBody, bodyOf(values), t, (path) => (path === "contactRhythmDays" ? "days" : path)),
  });
  const save = useMutation({
    mutationFn: (values: Values) => api("PUT", `/api/v1/clients/${clientId}/contact-rhythm`, bodyOf(values)),
    onSuccess: () => {
      refreshRisks(queryClient, clientId);
      onDone(true);
    },
  });
  const mode = form.getValues().mode;
  const alert = formError(save.error, ["contactRhythmDays"]);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm" mt="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Radio.Group label={rt("rhythm.edit.title")} {...form.getInputProps("mode")}>
          <Stack gap={6} mt={6}>
            <Radio value="learn" label={rt("rhythm.edit.learn")} />
            <Radio value="fixed" label={rt("rhythm.edit.fixed")} />
          </Stack>
        </Radio.Group>
        {mode === "fixed" && (
          <NumberInput
            label={rt("rhythm.edit.days")}
            description={rt("rhythm.edit.daysHint")}
            required
            min={1}
            max={730}
            allowDecimal={false}
            allowNegative={false}
            // Out of range is said beside the field (the schema's words), not silently clamped on leaving it.
            clampBehavior="none"
            w={200}
            {...form.getInputProps("days")}
            error={(form.errors.days as string | undefined) ?? fieldError(save.error, "contactRhythmDays")}
          />
        )}
        <Group>
          <Button type="submit" size="xs" loading={save.isPending}>
            {t("app.save")}
          </Button>
          <Button size="xs" variant="default" onClick={() => onDone(false)}>
            {t("app.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The client page's silence line: when we were last in touch against the
 * expected rhythm (the client's own, learned from contacts, or the firm's),
 * with a small editor for this client's rhythm.
 */
export function ContactRhythm({ clientId }: { clientId: string }) {
  const { rt, locale } = useRiskText();
  const trust = useClientTrust(clientId);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  // The front desk has no trust ledger: the line is not for them.
  if (trust.error instanceof ApiError && trust.error.status === 403) return null;
  const contact = trust.data?.contact;
  const sentence = contact ? rhythmSentence(contact, rt, locale) : null;
  return (
    <Card withBorder component="section" aria-labelledby="client-rhythm" py="sm">
      <Group justify="space-between" align="center" wrap="wrap" gap="xs">
        <div>
          <Title order={2} fz="h5" id="client-rhythm">
            {rt("rhythm.title")}
          </Title>
          {sentence && (
            <Text fz="sm" data-testid="contact-rhythm">
              {sentence.line}
              {sentence.beyond && (
                <Text span fz="sm" fw={600} c="red.9">
                  {" "}
                  ({sentence.beyond})
                </Text>
              )}
            </Text>
          )}
          {trust.error && (
            <Text fz="sm" c="red.9">
              {trust.error.message}
            </Text>
          )}
        </div>
        {contact && !editing && (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            {rt("rhythm.change")}
          </Button>
        )}
      </Group>
      {saved && (
        <Text fz="sm" role="status" c="green.9">
          {rt("rhythm.saved")}
        </Text>
      )}
      {contact && editing && (
        <RhythmForm
          clientId={clientId}
          contact={contact}
          onDone={(done) => {
            setEditing(false);
            setSaved(done);
          }}
        />
      )}
    </Card>
  );
}
