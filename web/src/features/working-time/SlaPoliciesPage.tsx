import { Alert, Badge, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { canManageSlaPolicies } from "../../../../src/core/roles.ts";
import {
  type CreateSlaPolicyInput,
  createSlaPolicyBody,
  type SlaPolicy,
} from "../../../../src/modules/working-time/working-time.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useMe } from "../auth/session.ts";
import { type CommitmentKind, type DurationUnit, formatDue, KINDS, termText, useDueExample, useSlaPolicies } from "./queries.ts";
import { TermFields } from "./TermFields.tsx";

/** The firm's service levels ("callback within 4 working hours"); leads and admins change them. */
export function SlaPoliciesPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const policies = useSlaPolicies();
  const queryClient = useQueryClient();
  const canManage = me.data ? canManageSlaPolicies(me.data.role) : false;
  const [editing, setEditing] = useState<{ policy?: SlaPolicy } | null>(null);
  const [retiring, setRetiring] = useState<SlaPolicy | null>(null);
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ["sla-policies"] });
    queryClient.invalidateQueries({ queryKey: ["due-example"] });
    queryClient.invalidateQueries({ queryKey: ["sla-overrides"] });
  };
  const retire = useMutation({
    mutationFn: (id: string) => api("DELETE", `/api/v1/sla-policies/${id}`),
    onSuccess: () => {
      setRetiring(null);
      refresh();
    },
  });

  return (
    <Stack gap="md">
      <Text>{t("sla.intro")}</Text>
      {canManage && (
        <Group>
          <Button onClick={() => setEditing({})}>{t("sla.new")}</Button>
        </Group>
      )}
      {policies.error && (
        <Alert color="red" role="alert">
          {policies.error.message}
        </Alert>
      )}
      {policies.data?.length === 0 && <Text c="gray.7">{t("sla.empty")}</Text>}
      {policies.data && policies.data.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("sla.col.name")}</Table.Th>
                <Table.Th scope="col">{t("sla.col.kind")}</Table.Th>
                <Table.Th scope="col">{t("sla.col.term")}</Table.Th>
                <Table.Th scope="col">{t("sla.col.warn")}</Table.Th>
                <Table.Th scope="col">{t("sla.col.example")}</Table.Th>
                {canManage && (
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("app.edit")}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.map((policy) => (
                <Table.Tr key={policy.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text fw={500} fz="sm">
                        {policy.name}
                      </Text>
                      {policy.isDefault && (
                        <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
                          {t("sla.default")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`sla.kind.${policy.kind}`)}</Table.Td>
                  <Table.Td>{termText(t, locale, policy.amount, policy.unit)}</Table.Td>
                  <Table.Td>{t("sla.warnAt", { percent: policy.warnPercent })}</Table.Td>
                  <Table.Td>
                    <DueExample kind={policy.kind} input={{ slaPolicyId: policy.id }} />
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-label={`${t("app.edit")}: ${policy.name}`}
                          onClick={() => setEditing({ policy })}
                        >
                          {t("app.edit")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          aria-label={`${t("sla.retire")}: ${policy.name}`}
                          onClick={() => setRetiring(policy)}
                        >
                          {t("sla.retire")}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.policy ? t("sla.edit") : t("sla.new")}
      >
        {editing && (
          <SlaPolicyForm
            policy={editing.policy}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={retiring !== null}
        title={t("sla.retire")}
        message={t("sla.retireConfirm", { name: retiring?.name ?? "" })}
        confirmLabel={t("sla.retire")}
        onConfirm={() => retiring && retire.mutate(retiring.id)}
        onCancel={() => setRetiring(null)}
        pending={retire.isPending}
        error={retire.error}
      />
    </Stack>
  );
}

/** "A callback requested now is due by Tuesday 24 November at 11:00." */
export function DueExample({
  kind,
  input,
}: {
  kind: CommitmentKind;
  input: { slaPolicyId: string; clientId?: string } | { amount: number; unit: DurationUnit } | null;
}) {
  const { t, locale } = useI18n();
  const due = useDueExample(input);
  if (!due.data) return <Text fz="sm">{due.error ? due.error.message : ""}</Text>;
  return <Text fz="sm">{t(`sla.example.${kind}`, { due: formatDue(locale, due.data) })}</Text>;
}

type PolicyValues = Omit<CreateSlaPolicyInput, "amount" | "warnPercent"> & { amount: number | string; warnPercent: number | string };

/** A NumberInput's value as the API takes it: an emptied field is no number. */
const numberOf = (value: number | string) => (typeof value === "number" ? value : value.trim() === "" ? undefined : Number(value));

function SlaPolicyForm({ policy, onDone, onCancel }: { policy?: SlaPolicy; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const bodyOf = (values: PolicyValues) => ({ ...values, amount: numberOf(values.amount), warnPercent: numberOf(values.warnPercent) });
  const form = useForm<PolicyValues>({
    mode: "controlled",
    initialValues: policy
      ? {
          name: policy.name,
          kind: policy.kind,
          amount: policy.amount,
          unit: policy.unit,
          warnPercent: policy.warnPercent,
          isDefault: policy.isDefault,
        }
      : { name: "", kind: "callback", amount: 4, unit: "working_hours", warnPercent: 75, isDefault: false },
    // The API's own schema, its issues in the UI's words, before anything is sent
    // (an edit sends every field, so the create schema holds for it too).
    validate: (values) => zodErrors(createSlaPolicyBody, bodyOf(values), t),
  });
  const values = form.getValues();
  const save = useMutation({
    mutationFn: (values: PolicyValues) =>
      policy
        ? api<SlaPolicy>("PATCH", `/api/v1/sla-policies/${policy.id}`, bodyOf(values))
        : api<SlaPolicy>("POST", "/api/v1/sla-policies", bodyOf(values)),
    onSuccess: onDone,
  });
  /** The form's own message first, else the server's. */
  const errorOf = (key: keyof PolicyValues) => (form.errors[key] as string | undefined) ?? fieldError(save.error, key);
  const input = (key: keyof PolicyValues) => ({ ...form.getInputProps(key), error: errorOf(key) });
  const shown = ["name", "kind", "amount", "unit", "warnPercent"];
  const alert = formError(save.error, shown);
  const amount = numberOf(values.amount);
  const validAmount = amount !== undefined && Number.isInteger(amount) && amount >= 1 && amount <= 1000;
  return (
    <form onSubmit={form.onSubmit((submitted) => save.mutate(submitted))} noValidate>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <TextInput label={t("sla.field.name")} required {...input("name")} data-autofocus />
        <Select
          label={t("sla.field.kind")}
          data={KINDS.map((kind) => ({ value: kind, label: t(`sla.kind.${kind}`) }))}
          allowDeselect={false}
          {...input("kind")}
        />
        <TermFields
          amount={values.amount}
          unit={values.unit}
          onAmount={(value) => form.setFieldValue("amount", value)}
          onUnit={(unit) => form.setFieldValue("unit", unit)}
          error={save.error}
          errors={{ amount: form.errors.amount as string | undefined, unit: form.errors.unit as string | undefined }}
        />
        <NumberInput
          label={t("sla.field.warn")}
          description={t("sla.field.warnHint")}
          min={1}
          max={99}
          allowDecimal={false}
          suffix=" %"
          {...input("warnPercent")}
        />
        <Checkbox
          label={t("sla.field.default")}
          description={t("sla.field.defaultHint")}
          {...form.getInputProps("isDefault", { type: "checkbox" })}
        />
        <Stack gap={0}>
          <Text fz="sm" fw={500}>
            {t("sla.col.example")}
          </Text>
          <DueExample kind={values.kind} input={validAmount ? { amount, unit: values.unit } : null} />
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {policy ? t("app.save") : t("sla.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
