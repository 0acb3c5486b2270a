import { Alert, Button, Card, Group, Modal, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { z } from "zod";
import { canManageSlaPolicies } from "../../../../src/core/roles.ts";
import type { slaOverrideSchema } from "../../../../src/modules/working-time/working-time.schemas.ts";
import { api, formError } from "../../api/client.ts";
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
  const [policyId, setPolicyId] = useState<string | null>(override?.policyId ?? null);
  const [amount, setAmount] = useState<number | string>(override?.amount ?? "");
  const [unit, setUnit] = useState<DurationUnit>(override?.unit ?? "working_hours");
  const policy = policies.data?.find((p) => p.id === policyId);
  const save = useMutation({
    mutationFn: () =>
      api("PUT", `/api/v1/clients/${clientId}/sla-overrides/${policyId}`, {
        amount: typeof amount === "number" ? amount : Number.NaN,
        unit,
      }),
    onSuccess: onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const choosePolicy = (id: string | null) => {
    setPolicyId(id);
    const chosen = policies.data?.find((p) => p.id === id);
    // Start from the policy's own term, to be changed to what was agreed.
    if (chosen && !override) {
      setAmount(chosen.amount);
      setUnit(chosen.unit);
    }
  };
  const shown = ["amount", "unit"];
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {formError(save.error, shown) && (
          <Alert color="red" role="alert">
            {formError(save.error, shown)}
          </Alert>
        )}
        <Select
          label={t("clientSla.policy")}
          required
          data={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={policyId}
          onChange={choosePolicy}
          disabled={override !== undefined}
          allowDeselect={false}
          data-autofocus
        />
        {policy && <Text fz="sm">{t("clientSla.standard", { term: termText(t, locale, policy.amount, policy.unit) })}</Text>}
        <TermFields amount={amount} unit={unit} onAmount={setAmount} onUnit={setUnit} error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!policyId}>
            {t("app.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
