import { Alert, Button, Checkbox, Group, NumberInput, Radio, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import type { Commitment, CreateCommitmentInput } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { useMembers } from "../settings/members/queries.ts";
import { DueTimePicker } from "./DueTimePicker.tsx";
import { refreshAfterChange, useDueFormat, useSlaPolicies, useTimeZone } from "./queries.ts";

type Source = CreateCommitmentInput["source"];
type Kind = NonNullable<CreateCommitmentInput["kind"]>;
type Unit = "working_hours" | "working_days";
type DueMode = "at" | "in" | "sla";

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
];

/** Errors without a field that are still about one field. */
const CODE_FIELDS: Record<string, string> = {
  "commitments.due_in_past_on_create": "dueAt",
  "commitments.contact_not_of_client": "contactId",
  "commitments.owner_not_member": "ownerId",
  "sla_policies.not_found": "slaPolicyId",
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

/** Record a promise to this client: what, done when, who, and when it is due. */
export function CommitmentForm({
  clientId,
  onDone,
  onCancel,
}: {
  clientId: string;
  onDone: (commitment: Commitment) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const me = useMe();
  const members = useMembers();
  const contacts = useContacts(clientId);
  const policies = useSlaPolicies();
  const timeZone = useTimeZone();
  const { now } = useDueFormat();
  const [title, setTitle] = useState("");
  const [doneWhen, setDoneWhen] = useState("");
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [source, setSource] = useState<Source>("call");
  const [kind, setKind] = useState<Kind>("other");
  const [mode, setMode] = useState<DueMode>("at");
  const [dueAt, setDueAt] = useState<string | undefined>();
  const [amount, setAmount] = useState<number | string>(4);
  const [unit, setUnit] = useState<Unit>("working_hours");
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [pastPromise, setPastPromise] = useState(false);
  const [missingDue, setMissingDue] = useState(false);

  const owner = ownerId ?? me.data?.id ?? null;
  const policyList = policies.data ?? [];
  // Until one is chosen, the policy is the default one of the chosen kind.
  const policy = policyId ?? policyList.find((p) => p.kind === kind && p.isDefault)?.id ?? null;
  const validAmount = typeof amount === "number" && Number.isInteger(amount) && amount >= 1 && amount <= 1000;
  const isPast = mode === "at" && dueAt !== undefined && new Date(dueAt).getTime() <= now;

  const due = (): Partial<CreateCommitmentInput> => {
    if (mode === "at") return dueAt ? { dueAt, ...(isPast && pastPromise ? { pastPromise: true } : {}) } : {};
    if (mode === "in") return { dueIn: { amount: typeof amount === "number" ? amount : Number(amount), unit } };
    return policy ? { slaPolicyId: policy } : {};
  };
  const previewBody =
    mode === "in" && validAmount ? { amount, unit, clientId } : mode === "sla" && policy ? { slaPolicyId: policy, clientId } : undefined;

  const save = useMutation({
    mutationFn: () =>
      api<Commitment>("POST", "/api/v1/commitments", {
        clientId,
        ...(contactId ? { contactId } : {}),
        title,
        doneWhen,
        ownerId: owner ?? "",
        source,
        kind,
        ...due(),
      }),
    onSuccess: (saved) => {
      refreshAfterChange(queryClient, saved);
      onDone(saved);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const noDue = (mode === "at" && !dueAt) || (mode === "sla" && !policy);
    setMissingDue(noDue);
    if (!noDue) save.mutate();
  };
  const error = save.error;
  const codeShown = error instanceof ApiError && error.fields.length === 0 && CODE_FIELDS[error.code] !== undefined;
  const alert = codeShown ? undefined : formError(error, SHOWN);
  const dueMissing = missingDue ? t(mode === "sla" ? "commitments.due.pickPolicy" : "commitments.due.required") : undefined;

  return (
    <form onSubmit={submit} noValidate>
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
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errorAt(error, "title")}
          maxLength={300}
          data-autofocus
        />
        <Textarea
          label={t("commitments.field.doneWhen")}
          description={t("commitments.field.doneWhenHint")}
          required
          autosize
          minRows={2}
          maxRows={6}
          value={doneWhen}
          onChange={(e) => setDoneWhen(e.currentTarget.value)}
          error={errorAt(error, "doneWhen")}
        />
        <Group grow align="flex-start">
          <Select
            label={t("commitments.field.owner")}
            required
            searchable
            allowDeselect={false}
            value={owner}
            onChange={setOwnerId}
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
            error={errorAt(error, "ownerId")}
          />
          <Select
            label={t("commitments.field.contact")}
            clearable
            placeholder={t("commitments.field.noContact")}
            value={contactId}
            onChange={setContactId}
            data={(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            error={errorAt(error, "contactId")}
          />
        </Group>
        <Group grow align="flex-start">
          <Select
            label={t("commitments.field.source")}
            allowDeselect={false}
            value={source}
            onChange={(value) => setSource((value ?? "call") as Source)}
            data={SOURCES.map((value) => ({ value, label: t(`commitments.source.${value}`) }))}
            error={errorAt(error, "source")}
          />
          <Select
            label={t("commitments.field.kind")}
            allowDeselect={false}
            value={kind}
            onChange={(value) => setKind((value ?? "other") as Kind)}
            data={KINDS.map((value) => ({ value, label: t(`commitments.kind.${value}`) }))}
            error={errorAt(error, "kind")}
          />
        </Group>
        <Radio.Group
          label={t("commitments.due.mode")}
          value={mode}
          onChange={(value) => {
            setMode(value as DueMode);
            setMissingDue(false);
          }}
        >
          <Group mt={6} gap="lg">
            <Radio value="at" label={t("commitments.due.modeAt")} />
            <Radio value="in" label={t("commitments.due.modeIn")} />
            <Radio value="sla" label={t("commitments.due.modeSla")} />
          </Group>
        </Radio.Group>
        {mode === "at" && (
          <>
            <DueTimePicker
              label={t("commitments.field.dueAt")}
              required
              value={dueAt}
              onChange={(value) => {
                setDueAt(value);
                setMissingDue(false);
              }}
              timeZone={timeZone}
              error={dueMissing ?? errorAt(error, "dueAt")}
            />
            {isPast && (
              <Checkbox
                label={t("commitments.field.pastPromise")}
                description={t("commitments.field.pastPromiseHint")}
                checked={pastPromise}
                onChange={(e) => setPastPromise(e.currentTarget.checked)}
              />
            )}
          </>
        )}
        {mode === "in" && (
          <Stack gap={4}>
            <Group grow align="flex-start">
              <NumberInput
                label={t("commitments.field.amount")}
                required
                min={1}
                max={1000}
                allowDecimal={false}
                allowNegative={false}
                value={amount}
                onChange={setAmount}
                error={errorAt(error, "dueIn.amount", "dueIn")}
              />
              <Select
                label={t("commitments.field.unit")}
                allowDeselect={false}
                value={unit}
                onChange={(value) => setUnit((value ?? "working_hours") as Unit)}
                data={[
                  { value: "working_hours", label: t("commitments.unit.working_hours") },
                  { value: "working_days", label: t("commitments.unit.working_days") },
                ]}
                error={errorAt(error, "dueIn.unit")}
              />
            </Group>
            <DuePreview body={previewBody} />
          </Stack>
        )}
        {mode === "sla" && (
          <Stack gap={4}>
            <Select
              label={t("commitments.field.slaPolicy")}
              required
              allowDeselect={false}
              value={policy}
              onChange={setPolicyId}
              nothingFoundMessage={t("commitments.field.noPolicies")}
              data={policyList.map((p) => ({
                value: p.id,
                label: `${p.name} (${t(`commitments.unit.amount.${p.unit}`, { amount: p.amount })})`,
              }))}
              error={dueMissing ?? errorAt(error, "slaPolicyId")}
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
