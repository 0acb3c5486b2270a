import { Alert, Button, Card, Group, Modal, Select, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { canManageSlaPolicies } from "../../../../src/core/roles.ts";
import { slaOverrideBody, type slaOverrideSchema } from "../../../../src/modules/working-time/working-time.schemas.ts";
import { api, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { ConfirmDialog } from "../../layout/ConfirmDialog.tsx";
import { useMe } from "../auth/session.ts";
import { type DurationUnit, termText, useSlaPolicies } from "./queries.ts";
import { TermFields } from "./TermFields.tsx";

type Override = z.infer<typeof slaOverrideSchema>;

/** On a client's page: the service levels agreed with this client that differ from the firm's policies. */
export function ClientSlaAgreements({ clientId }: { clientId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const queryClient = useQueryClient();
  const canManage = me.data ? canManageSlaPolicies(me.data.role) : false;
  const [editing, setEditing] = useState<{ override?: Override } | null>(null);
  const [removing, setRemoving] = useState<Override | null>(null);
  const overrides = useQuery({
    queryKey: ["sla-overrides", clientId],
    queryFn: () => api<{ items: Override[] }>("GET", `/api/v1/clients/${clientId}/sla-overrides`).then((r) => r.items),
    retry: false,
  });
  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ["sla-overrides", clientId] });
    queryClient.invalidateQueries({ queryKey: ["due-example"] });
  };
  const remove = useMutation({
    mutationFn: (policyId: string) => api("DELETE", `/api/v1/clients/${clientId}/sla-overrides/${policyId}`),
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });

  return (
    <Card withBorder component="section" aria-labelledby="client-sla">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4" id="client-sla">
          {t("clientSla.title")}
        </Title>
        {canManage && (
          <Button size="xs" variant="default" onClick={() => setEditing({})}>
            {t("clientSla.add")}
          </Button>
        )}
      </Group>
      {overrides.error && (
        <Alert color="red" role="alert">
          {overrides.error.message}
        </Alert>
      )}
      {overrides.data?.length === 0 && <Text c="gray.7">{t("clientSla.empty")}</Text>}
      {overrides.data && overrides.data.length > 0 && (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {overrides.data.map((override) => (
            <li
              key={override.policyId}
              style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8, padding: "2px 0" }}
            >
              <Text fz="sm">
                <Text span fw={500} fz="sm">
                  {override.policyName}
                </Text>
                {": "}
                {termText(t, locale, override.amount, override.unit)}
              </Text>
              {canManage && (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={`${t("app.edit")}: ${override.policyName}`}
                    onClick={() => setEditing({ override })}
                  >
                    {t("app.edit")}
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={`${t("clientSla.remove")}: ${override.policyName}`}
                    onClick={() => setRemoving(override)}
                  >
                    {t("clientSla.remove")}
                  </Button>
                </Group>
              )}
            </li>
          ))}
        </ul>
      )}
      <Modal
        closeButtonProps={{ "aria-label": t("app.close") }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.override ? t("clientSla.edit") : t("clientSla.add")}
      >
        {editing && (
          <AgreementForm
            clientId={clientId}
            override={editing.override}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={t("clientSla.remove")}
        message={t("clientSla.removeConfirm", { name: removing?.policyName ?? "" })}
        confirmLabel={t("clientSla.remove")}
        onConfirm={() => removing && remove.mutate(removing.policyId)}
        onCancel={() => setRemoving(null)}
        pending={remove.isPending}
        error={remove.error}
      />
    </Card>
  );
}

type AgreementValues = { policyId: string | null; amount: number | string; unit: DurationUnit };

function AgreementForm({
  clientId,
  override,
  onDone,
  onCancel,
}: {
  clientId: string;
  override?: Override;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const policies = useSlaPolicies();
  const bodyOf = (values: AgreementValues) => ({
    amount: typeof values.amount === "number" ? values.amount : values.amount.trim() === "" ? undefined : Number(values.amount),
    unit: values.unit,
  });
  const form = useForm<AgreementValues>({
    mode: "controlled",
    initialValues: { policyId: override?.policyId ?? null, amount: override?.amount ?? "", unit: override?.unit ?? "working_hours" },
    // The API's own schema, its issues in the UI's words, before anything is sent; the policy is in the address.
    validate: (values) => ({
      ...zodErrors(slaOverrideBody, bodyOf(values), t),
      ...(values.policyId ? {} : { policyId: t("form.choose") }),
    }),
  });
  const values = form.getValues();
  const policy = policies.data?.find((p) => p.id === values.policyId);
  const save = useMutation({
    mutationFn: (submitted: AgreementValues) =>
      api("PUT", `/api/v1/clients/${clientId}/sla-overrides/${submitted.policyId}`, bodyOf(submitted)),
    onSuccess: onDone,
  });
  const choosePolicy = (id: string | null) => {
    form.setFieldValue("policyId", id);
    const chosen = policies.data?.find((p) => p.id === id);
    // Start from the policy's own term, to be changed to what was agreed.
    if (chosen && !override) {
      form.setFieldValue("amount", chosen.amount);
      form.setFieldValue("unit", chosen.unit);
    }
  };
  const shown = ["amount", "unit"];
  const alert = formError(save.error, shown);
  return (
    <form onSubmit={form.onSubmit((submitted) => save.mutate(submitted))} noValidate>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Select
          label={t("clientSla.policy")}
          required
          data={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={values.policyId}
          onChange={choosePolicy}
          error={form.errors.policyId}
          disabled={override !== undefined}
          allowDeselect={false}
          data-autofocus
        />
        {policy && <Text fz="sm">{t("clientSla.standard", { term: termText(t, locale, policy.amount, policy.unit) })}</Text>}
        <TermFields
          amount={values.amount}
          unit={values.unit}
          onAmount={(value) => form.setFieldValue("amount", value)}
          onUnit={(unit) => form.setFieldValue("unit", unit)}
          error={save.error}
          errors={{ amount: form.errors.amount as string | undefined, unit: form.errors.unit as string | undefined }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("app.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
