import { Alert, Button, Checkbox, Group, NumberInput, Radio, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import {
  type Commitment,
  type CreateCommitmentInput,
  createCommitmentBody,
} from "../../../../src/modules/commitments/commitments.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { dateTimePattern } from "../../forms/date-text.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { useMembers } from "../settings/members/queries.ts";
import { DueInput } from "./DueInput.tsx";
import { refreshAfterChange, useDueFormat, useSlaPolicies, useTimeZone } from "./queries.ts";

type Source = CreateCommitmentInput["source"];
type Kind = NonNullable<CreateCommitmentInput["kind"]>;
type Unit = "working_hours" | "working_days";
type DueMode = "at" | "in" | "sla";
/** How a past promise ended: still open (recorded as overdue), or its real outcome with a closing time. */
type Outcome = "open" | NonNullable<CreateCommitmentInput["outcome"]>;
export const OUTCOMES: readonly Outcome[] = ["open", "kept", "kept_late", "broken", "cancelled"];

export const SOURCES: readonly Source[] = ["call", "meeting", "email", "note", "portal"];
export const KINDS: readonly Kind[] = ["callback", "deliverable", "meeting", "other"];

/** Server field paths this form shows next to its fields (the rest go above the form). */
const SHOWN = [
  "title",
  "doneWhen",
  "ownerId",
  "contactId",
  "source",
  "kind",
  "dueAt",
  "dueIn",
  "dueIn.amount",
  "dueIn.unit",
  "slaPolicyId",
  "outcome",
  "closedAt",
];

/** Errors without a field that are still about one field. */
const CODE_FIELDS: Record<string, string> = {
  "commitments.due_in_past_on_create": "dueAt",
  "commitments.contact_not_of_client": "contactId",
  "commitments.owner_not_member": "ownerId",
  "sla_policies.not_found": "slaPolicyId",
  "commitments.kept_after_due": "outcome",
  "commitments.kept_late_before_due": "outcome",
  "commitments.outcome_needs_past_promise": "outcome",
  "commitments.outcome_needs_closed_at": "closedAt",
  "commitments.closed_at_in_future": "closedAt",
};

function errorAt(error: unknown, ...paths: string[]): string | undefined {
  for (const path of paths) {
    const message = fieldError(error, path);
    if (message) return message;
  }
  if (error instanceof ApiError && error.fields.length === 0 && paths.includes(CODE_FIELDS[error.code] ?? "")) return error.message;
  return undefined;
}

function useContacts(clientId: string) {
  return useQuery({
    queryKey: ["contacts", clientId],
    queryFn: () => api<{ items: Contact[] }>("GET", `/api/v1/clients/${clientId}/contacts`).then((r) => r.items),
  });
}

/** "Due Monday 30 November 11:00": what "in 4 working hours" or an SLA policy comes to, asked of the server. */
function DuePreview({ body }: { body: Record<string, unknown> | undefined }) {
  const { t } = useI18n();
  const format = useDueFormat();
  const [debounced] = useDebouncedValue(body, 300);
  const preview = useQuery({
    queryKey: ["due-preview", debounced],
    queryFn: () => api<{ dueAt: string; timeZone: string }>("POST", "/api/v1/working-time/due", debounced),
    enabled: debounced !== undefined,
    staleTime: 30_000,
  });
  return (
    <Text fz="sm" aria-live="polite" c={preview.error ? "red.9" : undefined}>
      {body === undefined
        ? ""
        : preview.error
          ? preview.error.message
          : preview.data
            ? t("commitments.due.preview", { due: format.due(preview.data.dueAt), relative: format.relative(preview.data.dueAt) })
            : t("app.loading")}
    </Text>
  );
}

type Values = {
  title: string;
  doneWhen: string;
  ownerId: string | null;
  contactId: string | null;
  source: Source;
  kind: Kind;
  mode: DueMode;
  dueAt: string | undefined;
  dueText: string;
  amount: number | string;
  unit: Unit;
  policyId: string | null;
  pastPromise: boolean;
  outcome: Outcome;
  closedAt: string | undefined;
  closedText: string;
};

/** The API schema's paths as this form's fields (the due time has three ways in). */
const FIELD_OF: Record<string, string> = {
  "dueIn.amount": "amount",
  "dueIn.unit": "unit",
  dueIn: "amount",
  dueAt: "dueText",
  slaPolicyId: "policyId",
  closedAt: "closedText",
};

/** What a form may start with: a promise suggested from an interaction's text. */
export type CommitmentDraft = Partial<Pick<Values, "title" | "doneWhen" | "contactId" | "source" | "kind" | "dueAt">>;

/** Record a promise to this client: what, done when, who, and when it is due; `initial` fills in a suggestion. */
export function CommitmentForm({
  clientId,
  initial,
  onDone,
  onCancel,
}: {
  clientId: string;
  initial?: CommitmentDraft;
  onDone: (commitment: Commitment) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const me = useMe();
  const members = useMembers();
  const contacts = useContacts(clientId);
  const policies = useSlaPolicies();
  const timeZone = useTimeZone();
  const { now } = useDueFormat();
  const policyList = policies.data ?? [];

  // Until chosen, the owner is me and the policy is the default one of the chosen kind.
  const ownerOf = (values: Values) => values.ownerId ?? me.data?.id ?? null;
  const policyOf = (values: Values) => values.policyId ?? policyList.find((p) => p.kind === values.kind && p.isDefault)?.id ?? null;
  const isPastAt = (values: Values) => values.mode === "at" && values.dueAt !== undefined && new Date(values.dueAt).getTime() <= now;
  /** History brought in: a past promise with how it ended. */
  const isHistory = (values: Values) => isPastAt(values) && values.pastPromise && values.outcome !== "open";
  const bodyOf = (values: Values): CreateCommitmentInput => {
    const policy = policyOf(values);
    const due: Partial<CreateCommitmentInput> =
      values.mode === "at"
        ? values.dueAt
          ? {
              dueAt: values.dueAt,
              ...(isPastAt(values) && values.pastPromise ? { pastPromise: true } : {}),
              ...(isHistory(values) && values.outcome !== "open"
                ? { outcome: values.outcome, ...(values.closedAt ? { closedAt: values.closedAt } : {}) }
                : {}),
            }
          : {}
        : values.mode === "in"
          ? { dueIn: { amount: typeof values.amount === "number" ? values.amount : Number(values.amount), unit: values.unit } }
          : policy
            ? { slaPolicyId: policy }
            : {};
    return {
      clientId,
      ...(values.contactId ? { contactId: values.contactId } : {}),
      title: values.title,
      doneWhen: values.doneWhen,
      ownerId: ownerOf(values) ?? "",
      source: values.source,
      kind: values.kind,
      ...due,
    };
  };

  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      title: "",
      doneWhen: "",
      ownerId: null,
      contactId: null,
      source: "call",
      kind: "other",
      mode: "at",
      dueAt: undefined,
      dueText: "",
      amount: 4,
      unit: "working_hours",
      policyId: null,
      pastPromise: false,
      outcome: "open",
      closedAt: undefined,
      closedText: "",
      ...initial,
    },
    // The API's own schema, its issues in the UI's words; then what the schema cannot say (one of three ways to set the due time).
    validate: (values) => {
      const errors: Record<string, string> = zodErrors(createCommitmentBody, bodyOf(values), t, (path) => FIELD_OF[path] ?? path);
      if (values.mode === "at" && !values.dueAt)
        errors.dueText = values.dueText.trim() ? t("form.dateTime", { pattern: dateTimePattern(language) }) : t("commitments.due.required");
      if (values.mode === "sla" && !policyOf(values)) errors.policyId = t("commitments.due.pickPolicy");
      if (isHistory(values)) {
        // When it closed, and whether that fits the outcome: said beside the fields before the API is asked.
        const closed = values.closedAt ? new Date(values.closedAt).getTime() : undefined;
        const due = values.dueAt ? new Date(values.dueAt).getTime() : undefined;
        if (closed === undefined)
          errors.closedText = values.closedText.trim() ? t("form.dateTime", { pattern: dateTimePattern(language) }) : t("form.required");
        else if (closed > now) errors.closedText = t("commitments.closed.future");
        else if (due !== undefined && values.outcome === "kept" && closed > due) errors.outcome = t("commitments.closed.notOnTime");
        else if (due !== undefined && values.outcome === "kept_late" && closed <= due) errors.outcome = t("commitments.closed.notLate");
      }
      return errors;
    },
  });
  const values = form.getValues();
  const owner = ownerOf(values);
  const policy = policyOf(values);
  const validAmount = typeof values.amount === "number" && Number.isInteger(values.amount) && values.amount >= 1 && values.amount <= 1000;
  const isPast = isPastAt(values);
  const previewBody =
    values.mode === "in" && validAmount
      ? { amount: values.amount, unit: values.unit, clientId }
      : values.mode === "sla" && policy
        ? { slaPolicyId: policy, clientId }
        : undefined;

  const save = useMutation({
    mutationFn: (body: CreateCommitmentInput) => api<Commitment>("POST", "/api/v1/commitments", body),
    onSuccess: (saved) => {
      refreshAfterChange(queryClient, saved);
      onDone(saved);
    },
  });
  const error = save.error;
  const codeShown = error instanceof ApiError && error.fields.length === 0 && CODE_FIELDS[error.code] !== undefined;
  const alert = codeShown ? undefined : formError(error, SHOWN);
  /** The form's own message first, else the server's for that field. */
  const errorOf = (field: keyof Values, ...paths: string[]) => (form.errors[field] as string | undefined) ?? errorAt(error, ...paths);
  const input = (field: keyof Values, ...paths: string[]) => ({ ...form.getInputProps(field), error: errorOf(field, ...paths) });

  return (
    <form onSubmit={form.onSubmit((submitted) => save.mutate(bodyOf(submitted)))} noValidate>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <TextInput
          label={t("commitments.field.title")}
          description={t("commitments.field.titleHint")}
          required
          {...input("title", "title")}
          data-autofocus
        />
        <Textarea
          label={t("commitments.field.doneWhen")}
          description={t("commitments.field.doneWhenHint")}
          required
          autosize
          minRows={2}
          maxRows={6}
          {...input("doneWhen", "doneWhen")}
        />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t("commitments.field.owner")}
            required
            searchable
            selectFirstOptionOnChange
            allowDeselect={false}
            miw={160}
            {...input("ownerId", "ownerId")}
            value={owner}
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
          <Select
            label={t("commitments.field.contact")}
            clearable
            searchable
            selectFirstOptionOnChange
            miw={160}
            placeholder={t("commitments.field.noContact")}
            {...input("contactId", "contactId")}
            data={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t("commitments.field.source")}
            allowDeselect={false}
            miw={160}
            {...input("source", "source")}
            data={SOURCES.map((value) => ({ value, label: t(`commitments.source.${value}`) }))}
          />
          <Select
            label={t("commitments.field.kind")}
            allowDeselect={false}
            miw={160}
            {...input("kind", "kind")}
            data={KINDS.map((value) => ({ value, label: t(`commitments.kind.${value}`) }))}
          />
        </Group>
        <Radio.Group label={t("commitments.due.mode")} {...form.getInputProps("mode")}>
          <Group mt={6} gap="lg">
            <Radio value="at" label={t("commitments.due.modeAt")} />
            <Radio value="in" label={t("commitments.due.modeIn")} />
            <Radio value="sla" label={t("commitments.due.modeSla")} />
          </Group>
        </Radio.Group>
        {values.mode === "at" && (
          <>
            <DueInput
              label={t("commitments.field.dueAt")}
              required
              value={values.dueAt}
              now={now}
              onChange={(iso, text) => {
                form.setFieldValue("dueAt", iso);
                form.setFieldValue("dueText", text);
                form.clearFieldError("dueText");
              }}
              timeZone={timeZone}
              error={errorOf("dueText", "dueAt")}
            />
            {isPast && (
              <Checkbox
                label={t("commitments.field.pastPromise")}
                description={t("commitments.field.pastPromiseHint")}
                {...form.getInputProps("pastPromise", { type: "checkbox" })}
              />
            )}
            {isPast && values.pastPromise && (
              <Select
                label={t("commitments.field.outcome")}
                description={t("commitments.field.outcomeHint")}
                allowDeselect={false}
                {...input("outcome", "outcome")}
                data={OUTCOMES.map((value) => ({ value, label: t(`commitments.outcome.${value}`) }))}
              />
            )}
            {isPast && values.pastPromise && values.outcome !== "open" && (
              <DueInput
                label={t("commitments.field.closedAtPast")}
                description={t("commitments.field.closedAtHint")}
                required
                value={values.closedAt}
                now={now}
                onChange={(iso, text) => {
                  form.setFieldValue("closedAt", iso);
                  form.setFieldValue("closedText", text);
                  form.clearFieldError("closedText");
                  form.clearFieldError("outcome");
                }}
                timeZone={timeZone}
                error={errorOf("closedText", "closedAt")}
              />
            )}
          </>
        )}
        {values.mode === "in" && (
          <Stack gap={4}>
            <Group grow align="flex-start" wrap="wrap">
              <NumberInput
                label={t("commitments.field.amount")}
                required
                min={1}
                max={1000}
                allowDecimal={false}
                allowNegative={false}
                miw={140}
                {...input("amount", "dueIn.amount", "dueIn")}
              />
              <Select
                label={t("commitments.field.unit")}
                allowDeselect={false}
                miw={160}
                {...input("unit", "dueIn.unit")}
                data={[
                  { value: "working_hours", label: t("commitments.unit.working_hours") },
                  { value: "working_days", label: t("commitments.unit.working_days") },
                ]}
              />
            </Group>
            <DuePreview body={previewBody} />
          </Stack>
        )}
        {values.mode === "sla" && (
          <Stack gap={4}>
            <Select
              label={t("commitments.field.slaPolicy")}
              required
              allowDeselect={false}
              {...input("policyId", "slaPolicyId")}
              value={policy}
              nothingFoundMessage={t("commitments.field.noPolicies")}
              data={policyList.map((p) => ({
                value: p.id,
                label: `${p.name} (${t(`commitments.unit.amount.${p.unit}`, { amount: p.amount })})`,
              }))}
            />
            {policies.data && policyList.length === 0 && <Text fz="sm">{t("commitments.field.noPolicies")}</Text>}
            <DuePreview body={previewBody} />
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("commitments.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
