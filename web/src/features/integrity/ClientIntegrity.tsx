import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { IntegrityDashboard } from "../../../../src/modules/integrity/integrity.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";

/**
 * The integrity dashboard narrowed to one client, on the client's page: our
 * errors this client has not heard of yet, and what our indexation charged
 * them too much. At the bottom of the page, so nothing above moves when it loads.
 */
export function ClientIntegrity({ clientId }: { clientId: string }) {
  const { t, locale, formatDate } = useI18n();
  const integrity = useQuery({
    queryKey: ["integrity", clientId],
    queryFn: () => api<IntegrityDashboard>("GET", `/api/v1/integrity?${new URLSearchParams({ clientId })}`),
  });
  const euro = (cents: number) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(cents / 100);
  const data = integrity.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`client-integrity-${clientId}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} fz="h3" id={`client-integrity-${clientId}`}>
            {t("integrity.client.title")}
          </Title>
          <Anchor component={Link} to="/integrity" fz="sm">
            {t("integrity.client.open")}
          </Anchor>
        </Group>
        {data && (
          <>
            {data.errors.untold.length === 0 ? (
              <Text fz="sm">{t("integrity.client.untoldNone")}</Text>
            ) : (
              <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                {data.errors.untold.map((pair) => (
                  <Group key={pair.incidentId} component="li" gap="xs" wrap="wrap">
                    <Anchor component={Link} to={`/incidents/${pair.incidentId}`} fz="sm">
                      {pair.title}
                    </Anchor>
                    <Text fz="sm" c="gray.7">
                      {t("integrity.untold.discloseBy", { date: formatDate(pair.discloseBy) })}
                    </Text>
                    {pair.overdue && (
                      <Badge color="red" variant="light" styles={{ label: { color: "var(--mantine-color-dark-8)" } }}>
                        {t("integrity.untold.overdue")}
                      </Badge>
                    )}
                  </Group>
                ))}
              </Stack>
            )}
            <Text fz="sm" fw={data.exposure.outstandingCents > 0 ? 700 : undefined}>
              {data.exposure.contractsIndexed === 0
                ? t("integrity.client.noContracts")
                : data.exposure.overchargeCents === 0
                  ? t("integrity.client.exposureNone")
                  : t("integrity.client.exposure", {
                      overcharge: euro(data.exposure.overchargeCents),
                      corrected: euro(data.exposure.correctedCents),
                      outstanding: euro(data.exposure.outstandingCents),
                    })}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}
