import { Alert, Anchor, Badge, Button, Card, Group, Loader, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import type { Incident } from "../../../../src/modules/incidents/incidents.schemas.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { useMe } from "../auth/session.ts";
import { formatHours } from "./format.ts";
import { PolicyForm } from "./PolicyForm.tsx";
import { type IncidentStatusFilter, useIncidents } from "./queries.ts";
import { RecordIncidentForm } from "./RecordIncidentForm.tsx";

const SEVERITY_COLOR = { low: "gray", medium: "yellow", high: "orange", critical: "red" } as const;

function IncidentCard({ incident }: { incident: Incident }) {
  const { t, formatDateTime, locale } = useI18n();
  return (
    <Card withBorder component="li" padding="md">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={2} fz="h4" style={{ overflowWrap: "anywhere" }}>
            <Anchor component={Link} to={`/incidents/${incident.id}`} inherit>
              {incident.title}
            </Anchor>
          </Title>
          <Group gap="xs">
            <Badge variant="light" color={SEVERITY_COLOR[incident.severity]} styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
              {t(`incidents.severity.${incident.severity}`)}
            </Badge>
            {incident.undisclosedCount > 0 ? (
              <Badge color="red" variant="light" styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
                {t("incidents.untold", { count: incident.undisclosedCount })}
              </Badge>
            ) : (
              <Badge color="green" variant="light" styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
                {t("incidents.allTold")}
              </Badge>
            )}
          </Group>
        </Group>
        <Text fz="sm" c="gray.7">
          {t("incidents.discovered", { date: formatDateTime(incident.discoveredAt) })} · {t(`incidents.foundBy.${incident.foundBy}`)}
        </Text>
        <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {incident.clients.map((client) => (
            <Text key={client.clientId} component="li" fz="sm">
              <strong>{client.clientName}</strong>: {t(`incidents.status.${client.status}`)}
              {" · "}
              {client.disclosure
                ? t("incidents.timeToDisclosure", { hours: formatHours(client.disclosure.workingHoursToDisclosure, locale) })
                : t("incidents.soFar", { hours: formatHours(client.workingHoursSoFar, locale) })}
              {client.overdue ? ` · ${t("incidents.overdue")}` : ""}
            </Text>
          ))}
        </Stack>
      </Stack>
    </Card>
  );
}

/** Errors of ours, untold ones first, with the time to disclosure per client; recording one opens the form here. */
export function IncidentsPage() {
  const { t } = useI18n();
  usePageTitle(t("incidents.title"));
  const navigate = useNavigate();
  const [status, setStatus] = useState<IncidentStatusFilter>("all");
  const [recording, setRecording] = useState(false);
  const incidents = useIncidents(status);
  const me = useMe();
  return (
    <Stack gap="md" maw={960}>
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t("incidents.title")}</Title>
        {!recording && <Button onClick={() => setRecording(true)}>{t("incidents.record")}</Button>}
      </Group>
      <Text c="gray.7">{t("incidents.intro")}</Text>
      {incidents.data && (
        <Text fz="sm" c="gray.7">
          {t("incidents.policy", { hours: incidents.data.policy.discloseWithinHours, admins: incidents.data.policy.adminsAfterHours })}
        </Text>
      )}
      {me.data?.role === "admin" && (
        <Card withBorder padding="md">
          <PolicyForm />
        </Card>
      )}
      {recording && (
        <Card withBorder padding="lg">
          <RecordIncidentForm
            onCancel={() => setRecording(false)}
            onSaved={(incident) => {
              setRecording(false);
              void navigate({ to: `/incidents/${incident.id}` });
            }}
          />
        </Card>
      )}
      <SegmentedControl
        value={status}
        onChange={(value) => setStatus(value as IncidentStatusFilter)}
        data={(["all", "open", "undisclosed"] as const).map((value) => ({ value, label: t(`incidents.filter.${value}`) }))}
        w="fit-content"
      />
      {incidents.isPending && <Loader aria-label={t("app.loading")} />}
      {incidents.error && (
        <Alert color="red" role="alert">
          {incidents.error.message}
        </Alert>
      )}
      {incidents.data && incidents.data.items.length === 0 && <Text>{t("incidents.empty")}</Text>}
      {incidents.data && incidents.data.items.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {incidents.data.items.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
