import { Alert, Button, Checkbox, Group, Loader, Radio, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import type { Commitment, NoticeDraft } from "../../../../src/modules/commitments/commitments.schemas.ts";
import { ApiError, api, fieldError } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMembers } from "../settings/members/queries.ts";
import { DueTimePicker } from "./DueTimePicker.tsx";
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

/** A new due time, why, and whether the client heard it in time. */
export function MoveDueDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const format = useDueFormat();
  const action = useDialogAction(commitment, "renegotiate", onClose);
  const [dueAt, setDueAt] = useState<string | undefined>();
  const [reason, setReason] = useState("");
  const [told, setTold] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    if (!dueAt || !reason.trim() || !told) return;
    action.send({ dueAt, reason, clientInformed: told === "yes" });
  };
  const error = action.error;
  return (
    <DialogForm onSubmit={submit} onClose={onClose} submitLabel={t("commitments.move.submit")} pending={action.isPending}>
      <ActionAlert error={error} paths={["dueAt", "reason", "clientInformed"]} />
      <Text fz="sm">{t("commitments.move.current", { due: format.due(commitment.dueAt) })}</Text>
      <DueTimePicker
        label={t("commitments.move.newDue")}
        required
        value={dueAt}
        onChange={setDueAt}
        timeZone={format.timeZone}
        error={tried && !dueAt ? t("commitments.due.required") : errorAt(error, "dueAt")}
      />
      <Textarea
        label={t("commitments.field.reason")}
        description={t("commitments.move.reasonHint")}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={tried && !reason.trim() ? t("commitments.reasonRequired") : errorAt(error, "reason")}
      />
      <Radio.Group
        label={t("commitments.move.told")}
        required
        value={told}
        onChange={setTold}
        error={tried && !told ? t("commitments.move.toldRequired") : errorAt(error, "clientInformed")}
      >
        <Group mt={6} gap="lg">
          <Radio value="yes" label={t("commitments.yes")} />
          <Radio value="no" label={t("commitments.no")} />
        </Group>
      </Radio.Group>
    </DialogForm>
  );
}

/** The message that tells the client, before it slips, and proposes a new due time; sending records the move. */
export function InformClientDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const format = useDueFormat();
  const action = useDialogAction(commitment, "client-notice", onClose);
  const [dueAt, setDueAt] = useState<string | undefined>();
  const [language, setLanguage] = useState<"nl" | "en" | undefined>();
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const draft = useQuery({
    queryKey: ["client-notice", commitment.id, dueAt ?? null, language ?? null],
    queryFn: () => {
      const params = new URLSearchParams();
      if (dueAt) params.set("dueAt", dueAt);
      if (language) params.set("language", language);
      return api<NoticeDraft>("GET", `/api/v1/commitments/${commitment.id}/client-notice?${params}`);
    },
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: (previous) => previous,
  });
  // A new due time or language writes the message anew.
  useEffect(() => {
    if (draft.data) {
      setSubject(draft.data.subject);
      setBody(draft.data.text);
    }
  }, [draft.data]);
  const proposed = dueAt ?? draft.data?.dueAt;
  const chosenLanguage = language ?? draft.data?.language ?? "nl";
  const noEmail = draft.data !== undefined && !draft.data.to?.email;
  const submit = () => {
    setTried(true);
    if (!proposed || !reason.trim() || !subject.trim() || !body.trim() || noEmail) return;
    action.send({ dueAt: proposed, reason, subject, text: body, language: chosenLanguage });
  };
  const error = action.error;
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
        <DueTimePicker
          label={t("commitments.move.newDue")}
          description={t("commitments.inform.redraft")}
          required
          value={proposed}
          onChange={(value) => value && setDueAt(value)}
          timeZone={format.timeZone}
          error={errorAt(error, "dueAt")}
        />
        <Select
          label={t("commitments.inform.language")}
          allowDeselect={false}
          value={chosenLanguage}
          onChange={(value) => setLanguage(value === "en" ? "en" : "nl")}
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
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={tried && !reason.trim() ? t("commitments.reasonRequired") : errorAt(error, "reason")}
      />
      <TextInput
        label={t("commitments.inform.subject")}
        required
        value={subject}
        onChange={(e) => setSubject(e.currentTarget.value)}
        error={tried && !subject.trim() ? t("commitments.fieldRequired") : errorAt(error, "subject")}
      />
      <Textarea
        label={t("commitments.inform.text")}
        required
        autosize
        minRows={8}
        maxRows={18}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={tried && !body.trim() ? t("commitments.fieldRequired") : errorAt(error, "text")}
      />
    </DialogForm>
  );
}

/** Not kept: say why. */
export function BreakDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const action = useDialogAction(commitment, "break", onClose);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    if (reason.trim()) action.send({ reason });
  };
  return (
    <DialogForm onSubmit={submit} onClose={onClose} submitLabel={t("commitments.break.submit")} pending={action.isPending} danger>
      <ActionAlert error={action.error} paths={["reason"]} />
      <Text fz="sm">{t("commitments.break.intro")}</Text>
      <Textarea
        label={t("commitments.field.reason")}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={tried && !reason.trim() ? t("commitments.reasonRequired") : errorAt(action.error, "reason")}
        data-autofocus
      />
    </DialogForm>
  );
}

/** Cancelled, only with the client's agreement. */
export function CancelDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const action = useDialogAction(commitment, "cancel", onClose);
  const [reason, setReason] = useState("");
  const [agreed, setAgreed] = useState(false);
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    if (reason.trim() && agreed) action.send({ reason, clientAgreed: true });
  };
  return (
    <DialogForm onSubmit={submit} onClose={onClose} submitLabel={t("commitments.cancel.submit")} pending={action.isPending} danger>
      <ActionAlert error={action.error} paths={["reason", "clientAgreed"]} />
      <Textarea
        label={t("commitments.field.reason")}
        required
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={tried && !reason.trim() ? t("commitments.reasonRequired") : errorAt(action.error, "reason")}
        data-autofocus
      />
      <Checkbox
        label={t("commitments.cancel.agreed")}
        required
        checked={agreed}
        onChange={(e) => setAgreed(e.currentTarget.checked)}
        error={tried && !agreed ? t("commitments.cancel.agreedRequired") : errorAt(action.error, "clientAgreed")}
      />
    </DialogForm>
  );
}

/** Another owner. */
export function ReassignDialog({ commitment, onClose }: DialogProps) {
  const { t } = useI18n();
  const members = useMembers();
  const action = useDialogAction(commitment, "reassign", onClose);
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const submit = () => {
    setTried(true);
    if (ownerId) action.send({ ownerId });
  };
  return (
    <DialogForm onSubmit={submit} onClose={onClose} submitLabel={t("commitments.reassign.submit")} pending={action.isPending}>
      <ActionAlert error={action.error} paths={["ownerId"]} />
      <Text fz="sm">{t("commitments.reassign.current", { name: commitment.owner.name })}</Text>
      <Select
        label={t("commitments.reassign.to")}
        required
        searchable
        value={ownerId}
        onChange={setOwnerId}
        data={(members.data ?? []).filter((m) => m.id !== commitment.owner.id).map((m) => ({ value: m.id, label: m.name }))}
        error={tried && !ownerId ? t("commitments.fieldRequired") : errorAt(action.error, "ownerId")}
      />
    </DialogForm>
  );
}
