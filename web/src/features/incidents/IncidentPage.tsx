import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Text, Textarea, Title } from "@mantine/core";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import type { Incident } from "../../../../src/modules/incidents/incidents.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";
import { DiscloseForm } from "./DiscloseForm.tsx";
import { formatHours } from "./format.ts";
import { useIncident, useNonDisclosure } from "./queries.ts";

type ClientRow = Incident["clients"][number];

function NonDisclosure({ incidentId, client }: { incidentId: string; client: ClientRow }) {
  const { t, formatDateTime } = useI18n();
  const me = useMe();
  const { propose, approve } = useNonDisclosure(incidentId);
  const [reason, setReason] = useState("");
  const canApprove = me.data?.role === "admin" || me.data?.role === "lead";
  const error = propose.error ?? approve.error;
  return (
    <Stack gap="xs">
      {client.nonDisclosures.map((proposal) => (
        <Group key={proposal.id} gap="sm" wrap="wrap">
          <Text fz="sm">
            {t("incidents.proposed", {
              name: proposal.proposedBy?.name ?? "—",
              date: formatDateTime(proposal.proposedAt),
              reason: proposal.reason,
            })}{" "}
            {proposal.approvedAt &&
              t("incidents.approvedBy", { name: proposal.approvedBy?.name ?? "—", date: formatDateTime(proposal.approvedAt) })}
          </Text>
          {!proposal.approvedAt && client.status === "undisclosed" && canApprove && proposal.proposedBy?.id !== me.data?.id && (
            <Button size="xs" variant="light" loading={approve.isPending} onClick={() => approve.mutate(proposal.id)}>
              {t("incidents.approve")}
            </Button>
          )}
        </Group>
      ))}
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {client.status === "undisclosed" && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            propose.mutate({ clientId: client.clientId, reason }, { onSuccess: () => setReason("") });
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Textarea
              label={t("incidents.field.reason")}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              autosize
              minRows={1}
              style={{ flex: 1, minWidth: 240 }}
            />
            <Button type="submit" variant="default" loading={propose.isPending} disabled={reason.trim().length < 3}>
              {t("incidents.propose")}
            </Button>
          </Group>
        </form>
      )}
    </Stack>
  );
}

function ClientDisclosure({ incident, client }: { incident: Incident; client: ClientRow }) {
  const { t, formatDateTime, locale } = useI18n();
  const told = client.disclosure;
  return (
    <Card withBorder component="li" padding="md" aria-labelledby={`client-${client.clientId}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} fz="h5" id={`client-${client.clientId}`}>
            <Anchor component={Link} to={`/clients/${client.clientId}`} inherit>
              {client.clientName}
            </Anchor>
          </Title>
          <Badge
            variant="light"
            color={client.status === "undisclosed" ? "red" : "green"}
            styles={{ label: { color: "var(--mantine-color-dark-8)" } }}
          >
            {t(`incidents.status.${client.status}`)}
          </Badge>
        </Group>
        {told ? (
          <>
            <Text fw={700} fz="lg">
              {t("incidents.timeToDisclosure", { hours: formatHours(told.workingHoursToDisclosure, locale) })} ·{" "}
              {told.withinPolicy ? t("incidents.withinPolicy") : t("incidents.late")}
            </Text>
            <Text fz="sm">
              {t("incidents.disclosed", {
                date: formatDateTime(told.disclosedAt),
                name: told.disclosedBy?.name ?? "—",
                channel: t(`incidents.channel.${told.channel}`),
              })}
            </Text>
            <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
              {told.message}
            </Text>
          </>
        ) : (
          <Text fz="sm">
            {t("incidents.soFar", { hours: formatHours(client.workingHoursSoFar, locale) })} ·{" "}
            {client.overdue ? t("incidents.overdue") : t("incidents.deadline", { date: formatDateTime(client.discloseBy) })}
          </Text>
        )}
        {client.escalatedToLeadAt && (
          <Text fz="sm">{t("incidents.escalatedLead", { date: formatDateTime(client.escalatedToLeadAt) })}</Text>
        )}
        {client.escalatedToAdminsAt && (
          <Text fz="sm">{t("incidents.escalatedAdmins", { date: formatDateTime(client.escalatedToAdminsAt) })}</Text>
        )}
        {client.status === "undisclosed" && (
          <DiscloseForm incidentId={incident.id} clientId={client.clientId} clientName={client.clientName} />
        )}
        <NonDisclosure incidentId={incident.id} client={client} />
      </Stack>
    </Card>
  );
}

/** One error: what happened and what we learnt, and per client how and when they were told. */
export function IncidentPage() {
  const { t, formatDateTime } = useI18n();
  const { id } = useParams({ strict: false }) as { id: string };
  const incident = useIncident(id);
  usePageTitle(incident.data?.title ?? t("incidents.title"));
  if (incident.isPending) return <Loader aria-label={t("app.loading")} />;
  if (incident.error || !incident.data)
    return (
      <Alert color="red" role="alert">
        {t("incidents.notFound")}
      </Alert>
    );
  const data = incident.data;
  const texts = [
    ["incidents.field.description", data.description],
    ["incidents.field.rootCause", data.rootCause],
    ["incidents.field.remedy", data.remedy],
    ["incidents.field.lesson", data.lesson],
  ] as const;
  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to="/incidents" fz="sm">
        {t("incidents.back")}
      </Anchor>
      {/* Long compound words (Dutch makes them) wrap instead of pushing the page sideways. */}
      <Title order={1} style={{ overflowWrap: "anywhere" }}>
        {data.title}
      </Title>
      <Text c="gray.7">
        {t("incidents.discovered", { date: formatDateTime(data.discoveredAt) })} · {t(`incidents.foundBy.${data.foundBy}`)} ·{" "}
        {t(`incidents.severity.${data.severity}`)}
      </Text>
      {texts.some(([, value]) => value) && (
        <Card withBorder padding="md" component="section" aria-label={t("incidents.texts")}>
          <Stack gap="xs">
            {texts.map(([key, value]) =>
              value ? (
                <div key={key}>
                  <Text fw={600} fz="sm">
                    {t(key)}
                  </Text>
                  <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {value}
                  </Text>
                </div>
              ) : null,
            )}
          </Stack>
        </Card>
      )}
      <Title order={2} fz="h3">
        {t("incidents.clients")}
      </Title>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {data.clients.map((client) => (
          <ClientDisclosure key={client.clientId} incident={data} client={client} />
        ))}
      </Stack>
    </Stack>
  );
}
