import { Alert, Button, Group, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Client, createClientBody } from "../../../../src/modules/clients/clients.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMembers } from "../settings/members/queries.ts";
import { useTeams } from "../teams/queries.ts";

type Values = {
  kind: "company" | "person";
  name: string;
  email: string;
  phone: string;
  website: string;
  notes: string;
  accountOwnerId: string | null;
  teamId: string | null;
};

const FIELDS = ["kind", "name", "email", "phone", "website", "notes", "accountOwnerId", "teamId"];

const valuesOf = (client?: Client): Values => ({
  kind: client?.kind ?? "company",
  name: client?.name ?? "",
  email: client?.email ?? "",
  phone: client?.phone ?? "",
  website: client?.website ?? "",
  notes: client?.notes ?? "",
  accountOwnerId: client?.accountOwner?.id ?? null,
  teamId: client?.team?.id ?? null,
});

/** Create a client (no `client`) or edit one; edits carry the version read, so a concurrent change is refused. */
export function ClientForm({
  client,
  defaultOwnerId,
  onDone,
  onCancel,
}: {
  client?: Client;
  defaultOwnerId?: string;
  onDone: (client: Client) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const members = useMembers();
  const teams = useTeams();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      ...valuesOf(client),
      accountOwnerId: client ? (client.accountOwner?.id ?? null) : (defaultOwnerId ?? null),
    },
    // The API's own schema, its issues in the UI's words, before anything is sent.
    validate: (values) => zodErrors(createClientBody, values, t),
  });
  const save = useMutation({
    mutationFn: (values: Values) =>
      client
        ? api<Client>("PATCH", `/api/v1/clients/${client.id}`, { ...values, version: client.version })
        : api<Client>("POST", "/api/v1/clients", values),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: ["clients"] });
      queryClient.setQueryData(["client", saved.id], saved);
      onDone(saved);
    },
  });
  // After a conflict: load what is saved now; the page then restarts this form from it (keyed by version).
  const reload = useMutation({
    mutationFn: () => api<Client>("GET", `/api/v1/clients/${client?.id}`),
    onSuccess: (fresh) => {
      queryClient.setQueryData(["client", fresh.id], fresh);
      queryClient.invalidateQueries({ queryKey: ["clients"] });
    },
  });
  const error = save.error;
  /** A field's props: its value, and the form's own message first, else the server's. */
  const input = (key: keyof Values) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(error, key),
  });
  const conflict = error instanceof ApiError && error.status === 409;
  const alert = formError(error, FIELDS);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        {alert && (
          <Alert color={conflict ? "yellow" : "red"} role="alert">
            {alert}
            {reload.error && <Text fz="sm">{reload.error.message}</Text>}
            {conflict && client && (
              <Group mt="xs">
                <Button size="xs" variant="light" loading={reload.isPending} onClick={() => reload.mutate()}>
                  {t("clients.reload")}
                </Button>
              </Group>
            )}
          </Alert>
        )}
        <Select
          label={t("clients.field.kind")}
          allowDeselect={false}
          {...input("kind")}
          data={[
            { value: "company", label: t("clients.kind.company") },
            { value: "person", label: t("clients.kind.person") },
          ]}
        />
        <TextInput label={t("clients.field.name")} required {...input("name")} data-autofocus />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label={t("clients.field.email")} type="email" {...input("email")} />
          <TextInput label={t("clients.field.phone")} type="tel" {...input("phone")} />
        </Group>
        <TextInput label={t("clients.field.website")} type="url" placeholder="https://" {...input("website")} />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t("clients.field.owner")}
            clearable
            searchable
            {...input("accountOwnerId")}
            data={(members.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
          />
          <Select
            label={t("clients.field.team")}
            clearable
            {...input("teamId")}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
        </Group>
        <Textarea label={t("clients.field.notes")} autosize minRows={3} maxRows={8} {...input("notes")} />
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
