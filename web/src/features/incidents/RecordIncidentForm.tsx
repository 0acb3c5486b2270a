import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { ClientList } from "../../../../src/modules/clients/clients.schemas.ts";
import {
  FOUND_BY,
  type FoundBy,
  type Incident,
  type RecordIncidentInput,
  recordIncidentBody,
  SEVERITIES,
  type Severity,
} from "../../../../src/modules/incidents/incidents.schemas.ts";
import { api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useTimeZone } from "../commitments/queries.ts";
import { wallToIso } from "../commitments/time.ts";
import { useRecordIncident } from "./queries.ts";
import { wallNow } from "./wall.ts";

type Values = {
  title: string;
  clientIds: string[];
  /** "YYYY-MM-DDTHH:mm" in the firm's time zone, as the datetime-local field gives it. */
  discoveredWall: string;
  foundBy: FoundBy | null;
  severity: Severity | null;
  description: string;
  rootCause: string;
  remedy: string;
  lesson: string;
};
const FIELDS = ["title", "clientIds", "discoveredAt", "foundBy", "severity", "description", "rootCause", "remedy", "lesson"];
const FIELD_OF: Record<string, keyof Values> = { discoveredAt: "discoveredWall" };

/**
 * The body the API takes, from the form's values (empty texts left out).
 * Untouched, "discovered at" is now on the server's clock: the browser's may
 * run ahead of it, and a moment in the future would be refused.
 */
function bodyOf(values: Values, timeZone: string, edited = true): RecordIncidentInput {
  const text = (value: string) => (value.trim() === "" ? undefined : value);
  return {
    title: values.title,
    clientIds: values.clientIds,
    ...(edited ? { discoveredAt: wallToIso(values.discoveredWall, timeZone) ?? "" } : {}),
    foundBy: values.foundBy as FoundBy,
    severity: values.severity as Severity,
    description: text(values.description),
    rootCause: text(values.rootCause),
    remedy: text(values.remedy),
    lesson: text(values.lesson),
  };
}

/** Recording an error: checked with the API's own schema before it is sent, the server's refusals shown at their fields. */
export function RecordIncidentForm({ onSaved, onCancel }: { onSaved: (incident: Incident) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const timeZone = useTimeZone();
  const clients = useQuery({
    queryKey: ["clients", "for-incident"],
    queryFn: () => api<ClientList>("GET", `/api/v1/clients?${new URLSearchParams({ limit: "200" })}`),
  });
  const record = useRecordIncident();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      title: "",
      clientIds: [],
      discoveredWall: wallNow(timeZone),
      foundBy: "us",
      severity: null,
      description: "",
      rootCause: "",
      remedy: "",
      lesson: "",
    },
    validate: (values) => zodErrors(recordIncidentBody, bodyOf(values, timeZone), t, (path) => FIELD_OF[path] ?? path.split(".")[0]),
  });
  // The firm's time zone arrives after the first render: "now" follows it until the user picks a moment.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new time zone moves the default
  useEffect(() => {
    if (!form.isTouched("discoveredWall")) form.setFieldValue("discoveredWall", wallNow(timeZone));
  }, [timeZone]);
  const input = (key: keyof Values) => {
    const apiPath = Object.entries(FIELD_OF).find(([, field]) => field === key)?.[0] ?? key;
    return { ...form.getInputProps(key), error: (form.errors[key] as string | undefined) ?? fieldError(record.error, apiPath) };
  };
  const alert = formError(record.error, FIELDS);
  return (
    <form
      onSubmit={form.onSubmit((values) =>
        record.mutate(bodyOf(values, timeZone, form.isTouched("discoveredWall")), { onSuccess: onSaved }),
      )}
      noValidate
      aria-label={t("incidents.record")}
    >
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <TextInput label={t("incidents.field.title")} required data-autofocus {...input("title")} />
        <MultiSelect
          label={t("incidents.field.clients")}
          required
          searchable
          data={(clients.data?.items ?? []).map((client) => ({ value: client.id, label: client.name }))}
          {...input("clientIds")}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="datetime-local" label={t("incidents.field.discoveredAt")} required {...input("discoveredWall")} />
          <Select
            label={t("incidents.field.foundBy")}
            required
            data={FOUND_BY.map((value) => ({ value, label: t(`incidents.foundBy.${value}`) }))}
            {...input("foundBy")}
          />
          <Select
            label={t("incidents.field.severity")}
            required
            data={SEVERITIES.map((value) => ({ value, label: t(`incidents.severity.${value}`) }))}
            {...input("severity")}
          />
        </SimpleGrid>
        <Textarea label={t("incidents.field.description")} autosize minRows={2} maxRows={8} {...input("description")} />
        <Textarea label={t("incidents.field.rootCause")} autosize minRows={1} maxRows={6} {...input("rootCause")} />
        <Textarea label={t("incidents.field.remedy")} autosize minRows={1} maxRows={6} {...input("remedy")} />
        <Textarea label={t("incidents.field.lesson")} autosize minRows={1} maxRows={6} {...input("lesson")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("app.cancel")}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t("incidents.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
