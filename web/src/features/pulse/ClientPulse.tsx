import { Alert, Button, Card, Group, Radio, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { TRUST_CORES } from "../../../../src/core/trust/cores.ts";
import type { Contact } from "../../../../src/modules/clients/clients.schemas.ts";
import { createPulseRequestBody, type PulseSummary } from "../../../../src/modules/pulse/pulse.schemas.ts";
import { ApiError, api, fieldError, formError } from "../../api/client.ts";
import { zodErrors } from "../../forms/zod-errors.ts";
import type { Language } from "../../i18n/i18n.tsx";
import { CopyableValue } from "../../layout/CopyableValue.tsx";
import { useTrustText } from "../trust/messages.ts";
import { questionKey, usePulseText } from "./messages.ts";
import { TeamPulse } from "./TeamPulse.tsx";

type Created = { id: string; url: string; token: string; expiresAt: string; emailed: boolean };
type Values = { contactId: string | null; language: Language; how: "email" | "link" };

/** Errors without a field that are still about one field. */
const CODE_FIELDS: Record<string, keyof Values> = {
  "pulse.too_soon": "contactId",
  "pulse.contact_not_of_client": "contactId",
  "pulse.no_email": "how",
};
const pulseKey = (clientId: string) => ["pulse", clientId] as const;

function useContacts(clientId: string) {
  return useQuery({
    queryKey: ["contacts", clientId],
    queryFn: () => api<{ items: Contact[] }>("GET", `/api/v1/clients/${clientId}/contacts`).then((r) => r.items),
  });
}

/** "Ask for a pulse": a contact, the questions' language, and by e-mail or as a link to copy. */
function AskForm({
  clientId,
  contacts,
  onCreated,
}: {
  clientId: string;
  contacts: Contact[];
  onCreated: (created: Created, contact: string) => void;
}) {
  const { t, pt, language } = usePulseText();
  const queryClient = useQueryClient();
  const bodyOf = (values: Values) => ({ contactId: values.contactId ?? "", language: values.language, send: values.how === "email" });
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { contactId: null, language, how: "link" },
    validate: (values) => {
      const errors = zodErrors(createPulseRequestBody, bodyOf(values), t, (path) => (path === "send" ? "how" : path));
      // A contact not chosen yet is asked for as a choice.
      if (errors.contactId && values.contactId === null) errors.contactId = t("form.choose");
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => api<Created>("POST", `/api/v1/clients/${clientId}/pulse-requests`, bodyOf(values)),
    onSuccess: (created, values) => {
      void queryClient.invalidateQueries({ queryKey: pulseKey(clientId) });
      onCreated(created, contacts.find((c) => c.id === values.contactId)?.name ?? "");
      form.reset();
    },
  });
  const error = save.error;
  const codeField = error instanceof ApiError && error.fields.length === 0 ? CODE_FIELDS[error.code] : undefined;
  const errorOf = (key: keyof Values, path: string) =>
    (form.errors[key] as string | undefined) ?? fieldError(error, path) ?? (codeField === key ? error?.message : undefined);
  const alert = codeField ? undefined : formError(error, ["contactId", "language", "send"]);
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack gap="sm">
        {alert && (
          <Alert color="red" role="alert">
            {alert}
          </Alert>
        )}
        <Group align="flex-start" wrap="wrap" gap="md">
          <Select
            label={pt("pulse.contact")}
            required
            searchable
            selectFirstOptionOnChange
            w={260}
            data={contacts.map((c) => ({ value: c.id, label: c.name }))}
            {...form.getInputProps("contactId")}
            onChange={(value) => {
              form.setFieldValue("contactId", value);
              // A contact without an e-mail address gets the link by hand.
              form.setFieldValue("how", contacts.find((c) => c.id === value)?.email ? "email" : "link");
              save.reset();
            }}
            error={errorOf("contactId", "contactId")}
          />
          <Radio.Group label={pt("pulse.language")} {...form.getInputProps("language")} error={errorOf("language", "language")}>
            <Group gap="md" mt={8}>
              <Radio value="nl" label={pt("pulse.language.nl")} />
              <Radio value="en" label={pt("pulse.language.en")} />
            </Group>
          </Radio.Group>
        </Group>
        <Radio.Group label={pt("pulse.how")} {...form.getInputProps("how")} error={errorOf("how", "send")}>
          <Stack gap={6} mt={6}>
            <Radio value="email" label={pt("pulse.how.email")} />
            <Radio value="link" label={pt("pulse.how.link")} />
          </Stack>
        </Radio.Group>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {pt("pulse.ask")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How the client sees it: each core's average answer, beside the statement they answered. */
function Perceived({ summary }: { summary: PulseSummary }) {
  const { pt, t, locale } = usePulseText();
  const { coreName } = useTrustText();
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="pulse-perceived">
      <Title order={3} fz="h5" id="pulse-perceived" mb={4}>
        {pt("pulse.perceived")}
      </Title>
      {summary.perceived === null ? (
        <Text fz="sm" c="dimmed">
          {pt("pulse.perceivedNone")}
        </Text>
      ) : (
        <>
          <Text fz="sm" c="dimmed" mb={4}>
            {summary.answersLastYear === 1 ? pt("pulse.perceivedFromOne") : pt("pulse.perceivedFrom", { count: summary.answersLastYear })}
          </Text>
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={4} data-testid="pulse-perceived">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{pt("pulse.col.core")}</Table.Th>
                  <Table.Th scope="col">{pt("pulse.col.statement")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {pt("pulse.col.average")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {TRUST_CORES.map((core) => {
                  const value = summary.perceived?.[core] ?? null;
                  return (
                    <Table.Tr key={core}>
                      <Table.Th scope="row" fw={500}>
                        {coreName(core)}
                      </Table.Th>
                      <Table.Td>{pt(questionKey(core))}</Table.Td>
                      <Table.Td ta="right">{value === null ? t("app.none") : number.format(value)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </section>
  );
}

function Requests({ summary }: { summary: PulseSummary }) {
  const { pt, t, formatDate } = usePulseText();
  const { coreName } = useTrustText();
  const now = Date.now();
  if (summary.requests.length === 0) return null;
  return (
    <section aria-labelledby="pulse-requests">
      <Title order={3} fz="h5" id="pulse-requests" mb={4}>
        {pt("pulse.requests")}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{pt("pulse.col.contact")}</Table.Th>
              <Table.Th scope="col">{pt("pulse.col.asked")}</Table.Th>
              <Table.Th scope="col">{pt("pulse.col.status")}</Table.Th>
              <Table.Th scope="col">{pt("pulse.col.answers")}</Table.Th>
              <Table.Th scope="col">{pt("pulse.col.comment")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.requests.map((request) => (
              <Table.Tr key={request.id}>
                <Table.Td>{request.contact.name}</Table.Td>
                <Table.Td>{formatDate(request.createdAt)}</Table.Td>
                <Table.Td>
                  {request.answeredAt
                    ? pt("pulse.status.answered", { date: formatDate(request.answeredAt) })
                    : Date.parse(request.expiresAt) > now
                      ? pt("pulse.status.open", { date: formatDate(request.expiresAt) })
                      : pt("pulse.status.expired", { date: formatDate(request.expiresAt) })}
                </Table.Td>
                <Table.Td>
                  {request.answer
                    ? TRUST_CORES.map((core) => pt("pulse.answer", { core: coreName(core), value: request.answer?.[core] ?? "" })).join(
                        ", ",
                      )
                    : t("app.none")}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "pre-wrap" }}>{request.answer?.comment ?? t("app.none")}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

/**
 * The client page's pulse: ask a contact for one (e-mailed or a link to copy),
 * the response rate, the client's own view per core, and every request with its
 * answers. Then how the team feels about working with this client.
 */
export function ClientPulseSections({ clientId }: { clientId: string }) {
  const { pt, locale, formatDate } = usePulseText();
  const contacts = useContacts(clientId);
  const summary = useQuery({
    queryKey: pulseKey(clientId),
    queryFn: () => api<PulseSummary>("GET", `/api/v1/clients/${clientId}/pulse`),
    retry: false,
  });
  const [created, setCreated] = useState<{ link: Created; contact: string } | null>(null);
  // Not for the front desk: the API refuses, the page shows nothing.
  if (summary.error instanceof ApiError && summary.error.status === 403) return null;
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (
    <>
      <Card withBorder component="section" aria-labelledby="client-pulse">
        <Stack gap="sm">
          <Title order={2} fz="h4" id="client-pulse">
            {pt("pulse.title")}
          </Title>
          <Text fz="sm" c="dimmed">
            {pt("pulse.intro")}
          </Text>
          {contacts.data && contacts.data.length === 0 && <Text fz="sm">{pt("pulse.noContacts")}</Text>}
          {contacts.data && contacts.data.length > 0 && (
            <AskForm clientId={clientId} contacts={contacts.data} onCreated={(link, contact) => setCreated({ link, contact })} />
          )}
          {created && (
            <Alert color="green" role="status">
              <Text fz="sm">
                {pt(created.link.emailed ? "pulse.created.emailed" : "pulse.created.link", {
                  contact: created.contact,
                  date: formatDate(created.link.expiresAt),
                })}
              </Text>
              <CopyableValue value={created.link.url} testId="pulse-link" />
            </Alert>
          )}
          {summary.error && (
            <Alert color="red" role="alert">
              {summary.error.message}
            </Alert>
          )}
          {summary.data && (
            <>
              <Text fz="sm" fw={500}>
                {summary.data.responseRate === null
                  ? pt("pulse.rateNone")
                  : pt("pulse.rate", {
                      rate: percent.format(summary.data.responseRate),
                      answered: summary.data.answered,
                      sent: summary.data.sent,
                    })}
              </Text>
              <Perceived summary={summary.data} />
              <Requests summary={summary.data} />
            </>
          )}
        </Stack>
      </Card>
      <TeamPulse clientId={clientId} />
    </>
  );
}
