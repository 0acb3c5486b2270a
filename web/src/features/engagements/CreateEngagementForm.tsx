import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQuery } from "@tanstack/react-query";
import { INITIATED_BY } from "../../../../src/core/engagements/stages.ts";
import type { ClientList } from "../../../../src/modules/clients/clients.schemas.ts";
import {
  type CreateEngagementInput,
  createEngagementBody,
  type Engagement,
} from "../../../../src/modules/engagements/engagements.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { useMembers } from "../settings/members/queries.ts";
import { useCreateEngagement } from "./queries.ts";

type Values = {
  clientId: string | null;
  title: string;
  request: string;
  initiatedBy: "client" | "us";
  ownerId: string | null;
  teamId: string | null;
  value: number | string;
};
const FIELDS = ["clientId", "title", "request", "initiatedBy", "ownerId", "teamId", "valueCents"];

function bodyOf(values: Values): CreateEngagementInput {
  return {
    clientId: values.clientId ?? "",
    title: values.title,
    request: values.request,
    initiatedBy: values.initiatedBy,
    ownerId: values.ownerId ?? "",
    ...(values.teamId ? { teamId: values.teamId } : {}),
    ...(typeof values.value === "number" ? { valueCents: Math.round(values.value * 100) } : {}),
  };
}

/** Taking a request in: the client, the request in their own words, who initiated it, the owner. */
export function CreateEngagementForm({
  clientId,
  onSaved,
  onCancel,
}: {
  clientId?: string;
  onSaved: (engagement: Engagement) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const members = useMembers();
  const clients = useQuery({
    queryKey: ["clients", "for-engagement"],
    queryFn: () => api<ClientList>("GET", `/api/v1/clients?${new URLSearchParams({ limit: "200" })}`),
  });
  const create = useCreateEngagement();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      clientId: clientId ?? null,
      title: "",
      request: "",
      initiatedBy: "client",
      ownerId: me.data?.id ?? null,
      teamId: null,
      value: "",
    },
    validate: (values) =>
      zodErrors(createEngagementBody, bodyOf(values), t, (path) => (path === "valueCents" ? "value" : path.split(".")[0])),
  });
  const input = (key: keyof Values, apiPath: string = key) => ({
    ...form.getInputProps(key),
    error: (form.errors[key] as string | undefined) ?? fieldError(create.error, apiPath),
  });
  const teams = new Map<string, string>();
  for (const member of members.data ?? []) for (const team of member.teams) teams.set(team.id, team.name);
  const alert = formError(create.error, FIELDS);
  const frontdesk = me.data?.role === "frontdesk";
  return (
    <form
      onSubmit={form.onSubmit((values) => create.mutate(bodyOf(values), { onSuccess: onSaved }))}
      noValidate
      aria-label={t("engagements.new")}
    >
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        {!clientId && (
          <Select
            label={t("engagements.field.client")}
            required
            searchable
            data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
            {...input("clientId")}
          />
        )}
        <TextInput label={t("engagements.field.title")} required data-autofocus {...input("title")} />
        <Textarea label={t("engagements.field.request")} required autosize minRows={2} maxRows={8} {...input("request")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t("engagements.field.initiatedBy")}
            required
            allowDeselect={false}
            data={INITIATED_BY.map((value) => ({ value, label: t(`engagements.initiatedBy.${value}`) }))}
            {...input("initiatedBy")}
          />
          <Select
            label={t("engagements.field.owner")}
            required
            searchable
            allowDeselect={false}
            data={(members.data ?? []).map((member) => ({ value: member.id, label: member.name }))}
            {...input("ownerId")}
          />
          <Select
            label={t("engagements.field.team")}
            clearable
            data={[...teams.entries()].map(([value, label]) => ({ value, label }))}
            {...input("teamId")}
          />
          {!frontdesk && <NumberInput label={t("engagements.field.value")} min={0} decimalScale={2} {...input("value", "valueCents")} />}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("engagements.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
