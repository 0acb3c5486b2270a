import { Alert, Button, Checkbox, Group, Loader, Radio, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import {
  breakBody,
  type Commitment,
  cancelBody,
  informClientBody,
  type NoticeDraft,
  reassignBody,
  renegotiateBody,
} from "../../../../src/modules/commitments/commitments.schemas.ts";
import { ApiError, api, fieldError } from "../../api/client.ts";
import { dateTimePattern } from "../../forms/date-text.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMembers } from "../settings/members/queries.ts";
import { DueInput } from "./DueInput.tsx";
import { type CommitmentAction, useCommitmentAction, useDueFormat } from "./queries.ts";

type DialogProps = { commitment: Commitment; onClose: () => void };

/** Errors without a field that are still about one field of these dialogs. */
const CODE_FIELDS: Record<string, string> = {
  "commitments.same_due_time": "dueAt",
  "commitments.due_in_past": "dueAt",
  "commitments.reason_required": "reason",
  "commitments.cancel_needs_client_agreement": "clientAgreed",
  "commitments.owner_not_member": "ownerId",
};
const codeField = (error: unknown) => (error instanceof ApiError && error.fields.length === 0 ? CODE_FIELDS[error.code] : undefined);

/** The server's message for a field: pinned on it, or about it by its code. */
function errorAt(error: unknown, path: string): string | undefined {
  return fieldError(error, path) ?? (codeField(error) === path && error instanceof Error ? error.message : undefined);
}

/** What the form does not show next to a field; after a conflict, the promise has been reloaded. */
function ActionAlert({ error, paths }: { error: Error | null; paths: readonly string[] }) {
  const { t } = useI18n();
  if (!error) return null;
  if (codeField(error)) return null;
  if (error instanceof ApiError && error.fields.length > 0 && error.fields.every((f) => paths.includes(f.path))) return null;
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <Alert color={conflict ? "yellow" : "red"} role="alert">
      {error.message}
      {conflict && <Text fz="sm">{t("commitments.reloaded")}</Text>}
    </Alert>
  );
}

function DialogForm({
  onSubmit,
  onClose,
  submitLabel,
  pending,
  danger,
  children,
}: {
  onSubmit: () => void;
  onClose: () => void;
  submitLabel: string;
  pending: boolean;
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={pending} color={danger ? "red.9" : undefined}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function useDialogAction(commitment: Commitment, action: CommitmentAction, onClose: () => void) {
  const mutation = useCommitmentAction(commitment, action);
  return { ...mutation, send: (body: Record<string, unknown>) => mutation.mutate(body, { onSuccess: onClose }) };
}

/**
 * A typed due time's error, beside the field: nothing typed, or typed so it is
 * no date and time ("31-02-2027"); the pattern is the language's.
 */
function useDueTextError() {
  const { t, language } = useI18n();
  return (text: string) => (text.trim() ? t("form.dateTime", { pattern: dateTimePattern(language) }) : t("commitments.due.required"));
}

type MoveValues = { dueAt: string | undefined; dueText: string; reason: string; told: string | null };

/** The renegotiation schema's paths as the dialog's fields. */
const MOVE_FIELD_OF: Record<string, string> = { dueAt: "dueText", clientInformed: "told" };

/** A new due time, typed as the language writes it, why, and whether the client heard it in time. */
export function MoveDueDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const format = useDueFormat();
  const dueTextError = useDueTextError();
  const action = useDialogAction(commitment, "renegotiate", onClose);
  const bodyOf = (values: MoveValues) => ({
    dueAt: values.dueAt,
    reason: values.reason,
    clientInformed: values.told === null ? undefined : values.told === "yes",
  });
  const form = useForm<MoveValues>({
    mode: "controlled",
    initialValues: { dueAt: undefined, dueText: "", reason: "", told: null },
    // The API's own schema, its issues in the UI's words; then the sentences these dialogs use for what is missing.
    validate: (values) => {
      const errors = zodErrors(renegotiateBody, bodyOf(values), t, (path) => MOVE_FIELD_OF[path] ?? path);
      if (!values.dueAt) errors.dueText = dueTextError(values.dueText);
      if (!values.reason.trim()) errors.reason = t("commitments.reasonRequired");
      if (values.told === null) errors.told = t("commitments.move.toldRequired");
      return errors;
    },
  });
  const values = form.getValues();
  const error = action.error;
  const errorOf = (field: keyof MoveValues, path: string) => (form.errors[field] as string | undefined) ?? errorAt(error, path);
  return (
    <DialogForm
      onSubmit={form.onSubmit((submitted) => action.send(bodyOf(submitted)))}
      onClose={onClose}
      submitLabel={t("commitments.move.submit")}
      pending={action.isPending}
    >
      <ActionAlert error={error} paths={["dueAt", "reason", "clientInformed"]} />
      <Text fz="sm">{t("commitments.move.current", { due: format.due(commitment.dueAt) })}</Text>
      <DueInput
        label={t("commitments.move.newDue")}
        required
        value={values.dueAt}
        now={format.now}
        onChange={(iso, text) => {
          form.setFieldValue("dueAt", iso);
          form.setFieldValue("dueText", text);
          form.clearFieldError("dueText");
        }}
        timeZone={format.timeZone}
        error={errorOf("dueText", "dueAt")}
      />
      <Textarea
        label={t("commitments.field.reason")}
        description={t("commitments.move.reasonHint")}
        required
        autosize
        minRows={2}
        {...form.getInputProps("reason")}
        error={errorOf("reason", "reason")}
      />
      <Radio.Group label={t("commitments.move.told")} required {...form.getInputProps("told")} error={errorOf("told", "clientInformed")}>
        <Group mt={6} gap="lg">
          <Radio value="yes" label={t("commitments.yes")} />
          <Radio value="no" label={t("commitments.no")} />
        </Group>
      </Radio.Group>
    </DialogForm>
  );
}

type InformValues = {
  /** Whether a due time was typed; until then, the one the draft proposes. */
  dueTyped: boolean;
  dueAt: string | undefined;
  dueText: string;
  language: "nl" | "en" | undefined;
  subject: string;
  text: string;
  reason: string;
};

/** The message that tells the client, before it slips, and proposes a new due time; sending records the move. */
export function InformClientDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const format = useDueFormat();
  const dueTextError = useDueTextError();
  const action = useDialogAction(commitment, "client-notice", onClose);
  const form = useForm<InformValues>({
    mode: "controlled",
    initialValues: { dueTyped: false, dueAt: undefined, dueText: "", language: undefined, subject: "", text: "", reason: "" },
  });
  const values = form.getValues();
  // The message is drafted anew for the last due time typed that is one, once typing pauses.
  const [typedDue, setTypedDue] = useState<string | undefined>();
  const [draftDue] = useDebouncedValue(typedDue, 400);
  const draft = useQuery({
    queryKey: ["client-notice", commitment.id, draftDue ?? null, values.language ?? null],
    queryFn: () => {
      const params = new URLSearchParams();
      if (draftDue) params.set("dueAt", draftDue);
      if (values.language) params.set("language", values.language);
      return api<NoticeDraft>("GET", `/api/v1/commitments/${commitment.id}/client-notice?${params}`);
    },
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
  // A new due time or language writes the message anew.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new draft sets the fields; the form object is stable in use
  useEffect(() => {
    if (draft.data) {
      form.setFieldValue("subject", draft.data.subject);
      form.setFieldValue("text", draft.data.text);
    }
  }, [draft.data]);
  const proposed = values.dueTyped ? values.dueAt : draft.data?.dueAt;
  const chosenLanguage = values.language ?? draft.data?.language ?? "nl";
  const noEmail = draft.data !== undefined && !draft.data.to?.email;
  const bodyOf = (submitted: InformValues) => ({
    dueAt: submitted.dueTyped ? submitted.dueAt : draft.data?.dueAt,
    reason: submitted.reason,
    subject: submitted.subject,
    text: submitted.text,
    language: submitted.language ?? draft.data?.language ?? "nl",
  });
  const submit = form.onSubmit((submitted) => {
    // The API's own schema, its issues in the UI's words; then the sentences these dialogs use for what is missing.
    const errors = zodErrors(informClientBody, bodyOf(submitted), t, (path) => (path === "dueAt" ? "dueText" : path));
    if (submitted.dueTyped && !submitted.dueAt) errors.dueText = dueTextError(submitted.dueText);
    if (!submitted.reason.trim()) errors.reason = t("commitments.reasonRequired");
    form.setErrors(errors);
    if (Object.keys(errors).length === 0 && !noEmail) action.send(bodyOf(submitted));
  });
  const error = action.error;
  const errorOf = (field: keyof InformValues, path: string) => (form.errors[field] as string | undefined) ?? errorAt(error, path);
  if (draft.isPending) return <Loader aria-label={t("app.loading")} />;
  if (draft.error && !draft.data) {
    return (
      <Alert color="red" role="alert">
        {draft.error.message}
      </Alert>
    );
  }
  return (
    <DialogForm onSubmit={submit} onClose={onClose} submitLabel={t("commitments.inform.submit")} pending={action.isPending}>
      <ActionAlert error={error} paths={["dueAt", "reason", "subject", "text", "language"]} />
      {draft.error && (
        <Alert color="red" role="alert">
          {draft.error.message}
        </Alert>
      )}
      <Text fz="sm">
        {draft.data?.to?.email
          ? t("commitments.inform.to", { name: draft.data.to.name, email: draft.data.to.email })
          : t("commitments.inform.noEmail")}
      </Text>
      <Text fz="sm">{t("commitments.move.current", { due: format.due(commitment.dueAt) })}</Text>
      <Group grow align="flex-start">
        <DueInput
          label={t("commitments.move.newDue")}
          description={t("commitments.inform.redraft")}
          required
          value={proposed}
          now={format.now}
          onChange={(iso, text) => {
            form.setFieldValue("dueTyped", true);
            form.setFieldValue("dueAt", iso);
            form.setFieldValue("dueText", text);
            form.clearFieldError("dueText");
            if (iso) setTypedDue(iso);
          }}
          timeZone={format.timeZone}
          error={errorOf("dueText", "dueAt")}
        />
        <Select
          label={t("commitments.inform.language")}
          allowDeselect={false}
          value={chosenLanguage}
          onChange={(value) => form.setFieldValue("language", value === "en" ? "en" : "nl")}
          error={errorOf("language", "language")}
          data={[
            { value: "nl", label: t("commitments.inform.language.nl") },
            { value: "en", label: t("commitments.inform.language.en") },
          ]}
        />
      </Group>
      <Textarea
        label={t("commitments.field.reason")}
        description={t("commitments.inform.reasonHint")}
        required
        autosize
        minRows={1}
        {...form.getInputProps("reason")}
        error={errorOf("reason", "reason")}
      />
      <TextInput
        label={t("commitments.inform.subject")}
        required
        {...form.getInputProps("subject")}
        error={errorOf("subject", "subject")}
      />
      <Textarea
        label={t("commitments.inform.text")}
        required
        autosize
        minRows={8}
        maxRows={18}
        {...form.getInputProps("text")}
        error={errorOf("text", "text")}
      />
    </DialogForm>
  );
}

type BreakValues = { reason: string; clientInformed: boolean };

/** Not kept: say why, and whether the client was told; not telling weighs heaviest on trust. */
export function BreakDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const action = useDialogAction(commitment, "break", onClose);
  const form = useForm<BreakValues>({
    mode: "controlled",
    initialValues: { reason: "", clientInformed: false },
    // The API's own schema, its issues in the UI's words; then the sentence these dialogs use for a missing reason.
    validate: (values) => {
      const errors = zodErrors(breakBody, values, t);
      if (!values.reason.trim()) errors.reason = t("commitments.reasonRequired");
      return errors;
    },
  });
  const error = action.error;
  const errorOf = (field: keyof BreakValues) => (form.errors[field] as string | undefined) ?? errorAt(error, field);
  return (
    <DialogForm
      onSubmit={form.onSubmit((values) => action.send(values))}
      onClose={onClose}
      submitLabel={t("commitments.break.submit")}
      pending={action.isPending}
      danger
    >
      <ActionAlert error={error} paths={["reason", "clientInformed"]} />
      <Text fz="sm">{t("commitments.break.intro")}</Text>
      <Textarea
        label={t("commitments.field.reason")}
        required
        autosize
        minRows={2}
        {...form.getInputProps("reason")}
        error={errorOf("reason")}
        data-autofocus
      />
      <Checkbox
        label={t("commitments.break.clientInformed")}
        {...form.getInputProps("clientInformed", { type: "checkbox" })}
        error={errorOf("clientInformed")}
      />
    </DialogForm>
  );
}

type CancelValues = { reason: string; clientAgreed: boolean };

/** Cancelled, only with the client's agreement. */
export function CancelDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const action = useDialogAction(commitment, "cancel", onClose);
  const form = useForm<CancelValues>({
    mode: "controlled",
    initialValues: { reason: "", clientAgreed: false },
    // The API's own schema; the agreement it only types, the server insists on: asked for here before sending.
    validate: (values) => {
      const errors = zodErrors(cancelBody, values, t);
      if (!values.reason.trim()) errors.reason = t("commitments.reasonRequired");
      if (!values.clientAgreed) errors.clientAgreed = t("commitments.cancel.agreedRequired");
      return errors;
    },
  });
  const error = action.error;
  const errorOf = (field: keyof CancelValues) => (form.errors[field] as string | undefined) ?? errorAt(error, field);
  return (
    <DialogForm
      onSubmit={form.onSubmit((values) => action.send(values))}
      onClose={onClose}
      submitLabel={t("commitments.cancel.submit")}
      pending={action.isPending}
      danger
    >
      <ActionAlert error={error} paths={["reason", "clientAgreed"]} />
      <Textarea
        label={t("commitments.field.reason")}
        required
        autosize
        minRows={2}
        {...form.getInputProps("reason")}
        error={errorOf("reason")}
        data-autofocus
      />
      <Checkbox
        label={t("commitments.cancel.agreed")}
        required
        {...form.getInputProps("clientAgreed", { type: "checkbox" })}
        error={errorOf("clientAgreed")}
      />
    </DialogForm>
  );
}

type ReassignValues = { ownerId: string | null };

/** Another owner. */
export function ReassignDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const members = useMembers();
  const action = useDialogAction(commitment, "reassign", onClose);
  const form = useForm<ReassignValues>({
    mode: "controlled",
    initialValues: { ownerId: null },
    // The API's own schema; nobody chosen is asked for in the sentence the dialog always used.
    validate: (values) => {
      const errors = zodErrors(reassignBody, { ownerId: values.ownerId ?? undefined }, t);
      if (!values.ownerId) errors.ownerId = t("commitments.fieldRequired");
      return errors;
    },
  });
  const error = action.error;
  return (
    <DialogForm
      onSubmit={form.onSubmit((values) => action.send({ ownerId: values.ownerId }))}
      onClose={onClose}
      submitLabel={t("commitments.reassign.submit")}
      pending={action.isPending}
    >
      <ActionAlert error={error} paths={["ownerId"]} />
      <Text fz="sm">{t("commitments.reassign.current", { name: commitment.owner.name })}</Text>
      <Select
        label={t("commitments.reassign.to")}
        required
        searchable
        {...form.getInputProps("ownerId")}
        data={(members.data ?? []).filter((m) => m.id !== commitment.owner.id).map((m) => ({ value: m.id, label: m.name }))}
        error={(form.errors.ownerId as string | undefined) ?? errorAt(error, "ownerId")}
      />
    </DialogForm>
  );
}
