import { Alert, Button, Checkbox, Group, Kbd, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, useRef, useState } from "react";
import type { Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import {
  INTERACTION_DIRECTIONS,
  INTERACTION_INITIATORS,
  INTERACTION_KINDS,
  type InteractionDirection,
  type InteractionInitiator,
  type InteractionKind,
  type LoggedInteraction,
  type LogInteractionInput,
  logInteractionBody,
  MAX_BODY_LENGTH,
} from "../../../../src/modules/interactions/interactions.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { dateTimePattern, formatDateTimeText, parseDateTimeText } from "../../forms/date-text.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTimeZone } from "../commitments/queries.ts";
import { formatMoment, isoToWall, wallToIso } from "../commitments/time.ts";
import { refreshClientHistory } from "./queries.ts";

type Values = {
  summary: string;
  kind: InteractionKind;
  direction: InteractionDirection;
  initiatedBy: InteractionInitiator;
  contactId: string | null;
  /** The moment as typed; untouched it means "now". */
  occurredText: string;
  occurredAt: string | undefined;
  edited: boolean;
  body: string;
  clientRaisedProblem: boolean;
  clientInvitation: boolean;
};

/** The API schema's paths as this form's fields. */
const FIELD_OF: Record<string, string> = { occurredAt: "occurredText" };
/** Server field paths this form shows next to its fields (the rest go above it). */
const SHOWN = ["summary", "kind", "direction", "initiatedBy", "contactId", "occurredAt", "body", "clientRaisedProblem", "clientInvitation"];
/** Errors without a field that are still about one field. */
const CODE_FIELDS: Record<string, keyof Values> = {
  "interactions.in_future": "occurredText",
  "interactions.contact_not_of_client": "contactId",
  "contacts.not_found": "contactId",
};

/**
 * Logging a call, meeting, e-mail, note or portal message, keyboard first: the
 * focus starts in "What was it about?", the defaults are a call we made now,
 * and Ctrl+Enter logs. Checked with the API's own schema before sending.
 */
export function LogInteractionForm({
  clientId,
  contacts,
  onLogged,
  onCancel,
}: {
  clientId: string;
  contacts: Contact[];
  onLogged: (saved: LoggedInteraction) => void;
  onCancel: () => void;
}) {
  const { t, language, locale } = useI18n();
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const formRef = useRef<HTMLFormElement>(null);
  const [openedAt] = useState(() => new Date().toISOString());

  const bodyOf = (values: Values): LogInteractionInput => ({
    clientId,
    ...(values.contactId ? { contactId: values.contactId } : {}),
    kind: values.kind,
    direction: values.direction,
    initiatedBy: values.initiatedBy,
    // Untouched, "now" is the moment of logging, on the server's clock: the
    // browser's may run ahead of it, and a future moment would be refused.
    ...(values.edited ? { occurredAt: values.occurredAt ?? "" } : {}),
    summary: values.summary,
    ...(values.body.trim() ? { body: values.body } : {}),
    clientRaisedProblem: values.clientRaisedProblem,
    clientInvitation: values.clientInvitation,
  });

  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      summary: "",
      kind: "call",
      direction: "outbound",
      initiatedBy: "us",
      contactId: contacts.length === 1 ? (contacts[0]?.id ?? null) : null,
      occurredText: formatDateTimeText(isoToWall(openedAt, timeZone), language),
      occurredAt: openedAt,
      edited: false,
      body: "",
      clientRaisedProblem: false,
      clientInvitation: false,
    },
    validate: (values) => {
      const errors = zodErrors(logInteractionBody, bodyOf(values), t, (path) => FIELD_OF[path] ?? path);
      if (values.edited && !values.occurredAt) errors.occurredText = t("form.dateTime", { pattern: dateTimePattern(language) });
      return errors;
    },
  });
  const values = form.getValues();

  const save = useMutation({
    mutationFn: (body: LogInteractionInput) => api<LoggedInteraction>("POST", "/api/v1/interactions", body),
    onSuccess: (saved) => {
      refreshClientHistory(queryClient, clientId);
      onLogged(saved);
    },
  });
  const error = save.error;
  const codeField = error instanceof ApiError && error.fields.length === 0 ? CODE_FIELDS[error.code] : undefined;
  const alert = codeField ? undefined : formError(error, SHOWN);
  const errorOf = (field: keyof Values, path: string = field) =>
    (form.errors[field] as string | undefined) ?? fieldError(error, path) ?? (codeField === field ? error?.message : undefined);

  const onKeyDownCapture = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      formRef.current?.requestSubmit();
    }
  };

  const understood = values.occurredAt
    ? t("interactions.field.occurredAtUnderstood", { moment: formatMoment(values.occurredAt, timeZone, locale) })
    : "";
  const bodyLength = values.body.length;

  return (
    <form
      ref={formRef}
      onSubmit={form.onSubmit((submitted) => save.mutate(bodyOf(submitted)))}
      onKeyDownCapture={onKeyDownCapture}
      noValidate
    >
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <TextInput
          label={t("interactions.field.summary")}
          description={t("interactions.field.summaryHint")}
          required
          data-autofocus
          autoComplete="off"
          {...form.getInputProps("summary")}
          error={errorOf("summary")}
        />
        <Radio.Group label={t("interactions.field.kind")} {...form.getInputProps("kind")} error={errorOf("kind")}>
          <Group mt={6} gap="md">
            {INTERACTION_KINDS.map((kind) => (
              <Radio key={kind} value={kind} label={t(`interactions.kind.${kind}`)} />
            ))}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Radio.Group label={t("interactions.field.direction")} {...form.getInputProps("direction")} error={errorOf("direction")}>
            <Group mt={6} gap="md">
              {INTERACTION_DIRECTIONS.map((direction) => (
                <Radio key={direction} value={direction} label={t(`interactions.direction.${direction}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Radio.Group label={t("interactions.field.initiatedBy")} {...form.getInputProps("initiatedBy")} error={errorOf("initiatedBy")}>
            <Group mt={6} gap="md">
              {INTERACTION_INITIATORS.map((initiator) => (
                <Radio key={initiator} value={initiator} label={t(`interactions.initiatedBy.${initiator}`)} />
              ))}
            </Group>
          </Radio.Group>
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("interactions.field.contact")}
            placeholder={t("interactions.field.noContact")}
            clearable
            searchable
            selectFirstOptionOnChange
            data={contacts.map((contact) => ({
              value: contact.id,
              label: contact.role ? `${contact.name} (${contact.role})` : contact.name,
            }))}
            {...form.getInputProps("contactId")}
            error={errorOf("contactId")}
            comboboxProps={{ withinPortal: true }}
          />
          <Stack gap={4}>
            <TextInput
              label={t("interactions.field.occurredAt")}
              description={t("interactions.field.occurredAtHint", { pattern: dateTimePattern(language) })}
              placeholder={dateTimePattern(language)}
              autoComplete="off"
              value={values.occurredText}
              onChange={(event) => {
                const text = event.currentTarget.value;
                const wall = parseDateTimeText(text, "12:00");
                form.setValues({ occurredText: text, occurredAt: wall ? wallToIso(wall, timeZone) : undefined, edited: true });
                form.clearFieldError("occurredText");
              }}
              error={errorOf("occurredText", "occurredAt")}
            />
            <Text fz="sm" aria-live="polite">
              {values.edited ? understood : ""}
            </Text>
          </Stack>
        </SimpleGrid>
        <Textarea
          label={t("interactions.field.body")}
          description={
            bodyLength > MAX_BODY_LENGTH * 0.9
              ? t("interactions.field.bodyCount", { count: bodyLength, max: MAX_BODY_LENGTH })
              : t("interactions.field.bodyHint")
          }
          autosize
          minRows={3}
          maxRows={12}
          {...form.getInputProps("body")}
          error={errorOf("body")}
        />
        <Stack gap={6} component="fieldset" m={0} p={0} style={{ border: 0 }}>
          <Text component="legend" fz="sm" fw={500} p={0}>
            {t("interactions.signals")}
          </Text>
          <Checkbox label={t("interactions.field.raisedProblem")} {...form.getInputProps("clientRaisedProblem", { type: "checkbox" })} />
          <Checkbox label={t("interactions.field.invitation")} {...form.getInputProps("clientInvitation", { type: "checkbox" })} />
        </Stack>
        <Group justify="space-between" wrap="wrap">
          <Text fz="sm" c="gray.7">
            {t("interactions.submitHint")} <Kbd>Ctrl</Kbd> + <Kbd>Enter</Kbd>
          </Text>
          <Group>
            <Button variant="default" onClick={onCancel}>
              {t("app.cancel")}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t("interactions.submit")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
