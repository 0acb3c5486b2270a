import { Alert, Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { IntegrityDashboard } from "../../../../src/modules/integrity/integrity.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { formatHours } from "../incidents/format.ts";

export const integrityQueryKey = ["integrity"] as const;

export function useIntegrity() {
  return useQuery({ queryKey: integrityQueryKey, queryFn: () => api<IntegrityDashboard>("GET", "/api/v1/integrity") });
}

function Stat({ label, value, detail, alarm }: { label: string; value: string; detail?: string; alarm?: boolean }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={label}>
      <Text fz="sm" c="gray.7">
        {label}
      </Text>
      <Text fz={28} fw={700} c={alarm ? "red.9" : undefined}>
        {value}
      </Text>
      {detail && (
        <Text fz="sm" c="gray.7">
          {detail}
        </Text>
      )}
    </Card>
  );
}

/** The firm's integrity in one page (PRODUCT.md C7): what is untold, how fast we tell, and the red face in euro. */
export function IntegrityPage() {
  const { t, locale, formatDate, formatNumber } = useI18n();
  usePageTitle(t("integrity.title"));
  const integrity = useIntegrity();
  const euro = (cents: number) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(cents / 100);
  const month = (period: string) =>
    new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${period}-01T00:00:00Z`));
  if (integrity.isPending) return <Loader aria-label={t("app.loading")} />;
  if (integrity.isError) {
    return (
      <Alert color="red" role="alert">
        {integrity.error.message}
      </Alert>
    );
  }
  const { errors, exposure, corrections, neverAudited } = integrity.data;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("integrity.title")}</Title>
        <Text c="gray.7" maw={760}>
          {t("integrity.intro")}
        </Text>
      </div>

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Stat
          label={t("integrity.stat.untold")}
          value={formatNumber(errors.openIncidents)}
          detail={t("integrity.stat.untoldDetail", { count: formatNumber(errors.untoldClients), overdue: formatNumber(errors.overdue) })}
          alarm={errors.overdue > 0}
        />
        <Stat
          label={t("integrity.stat.median")}
          value={
            errors.medianWorkingHoursToDisclosure === null
              ? "—"
              : t("integrity.stat.medianValue", { hours: formatHours(errors.medianWorkingHoursToDisclosure, locale) })
          }
          detail={
            errors.disclosedLastYear === 0
              ? t("integrity.stat.medianNone")
              : t("integrity.stat.medianDetail", {
                  within: formatNumber(errors.withinPolicyLastYear),
                  count: formatNumber(errors.disclosedLastYear),
                  foundByClient: formatNumber(errors.foundByClientLastYear),
                  recorded: formatNumber(errors.recordedLastYear),
                })
          }
        />
        <Stat
          label={t("integrity.stat.exposure")}
          value={euro(exposure.outstandingCents)}
          detail={t("integrity.stat.exposureDetail", {
            overcharge: euro(exposure.overchargeCents),
            corrected: euro(exposure.correctedCents),
          })}
          alarm={exposure.outstandingCents > 0}
        />
        <Stat
          label={t("integrity.stat.neverAudited")}
          value={formatNumber(neverAudited.count)}
          detail={t("integrity.stat.neverAuditedDetail", { count: formatNumber(exposure.contractsIndexed) })}
        />
      </SimpleGrid>

      <Stack gap="xs" component="section" aria-labelledby="integrity-untold">
        <Title order={2} fz="h3" id="integrity-untold">
          {t("integrity.untold.title")}
        </Title>
        {errors.untold.length === 0 ? (
          <Text>{t("integrity.untold.empty")}</Text>
        ) : (
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {errors.untold.map((pair) => (
              <Group key={`${pair.incidentId}-${pair.clientId}`} component="li" gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/incidents/${pair.incidentId}`}>
                  {pair.title}
                </Anchor>
                <Text fz="sm">· {pair.clientName}</Text>
                <Text fz="sm" c="gray.7">
                  · {t("integrity.untold.discloseBy", { date: formatDate(pair.discloseBy) })}
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
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="integrity-trend">
        <Title order={2} fz="h3" id="integrity-trend">
          {t("integrity.trend.title")}
        </Title>
        <Table.ScrollContainer minWidth={420}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("integrity.trend.month")}</Table.Th>
                <Table.Th ta="right">{t("integrity.trend.disclosures")}</Table.Th>
                <Table.Th ta="right">{t("integrity.trend.median")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.trend.map((row) => (
                <Table.Tr key={row.month}>
                  <Table.Td>{month(row.month)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(row.disclosures)}</Table.Td>
                  <Table.Td ta="right">
                    {row.medianWorkingHours === null ? t("integrity.trend.none") : formatHours(row.medianWorkingHours, locale)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="integrity-exposure">
        <Title order={2} fz="h3" id="integrity-exposure">
          {t("integrity.exposure.title")}
        </Title>
        {exposure.contractsIncomplete > 0 && (
          <Text fz="sm" c="gray.7">
            {t("integrity.exposure.incomplete", { count: formatNumber(exposure.contractsIncomplete) })}
          </Text>
        )}
        {exposure.contractsUnauditable > 0 && (
          <Text fz="sm" c="orange.9">
            {t("integrity.exposure.unauditable", { count: formatNumber(exposure.contractsUnauditable) })}
          </Text>
        )}
        {exposure.topContracts.length === 0 ? (
          <Text>{t("integrity.exposure.empty")}</Text>
        ) : (
          <>
            <Title order={3} fz="h4">
              {t("integrity.exposure.byClient")}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("integrity.col.client")}</Table.Th>
                    <Table.Th ta="right">{t("integrity.col.contracts")}</Table.Th>
                    <Table.Th ta="right">{t("integrity.col.overcharge")}</Table.Th>
                    <Table.Th ta="right">{t("integrity.col.corrected")}</Table.Th>
                    <Table.Th ta="right">{t("integrity.col.outstanding")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {exposure.byClient.map((client) => (
                    <Table.Tr key={client.clientId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/clients/${client.clientId}`}>
                          {client.clientName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(client.contracts)}</Table.Td>
                      <Table.Td ta="right">{euro(client.overchargeCents)}</Table.Td>
                      <Table.Td ta="right">{euro(client.correctedCents)}</Table.Td>
                      <Table.Td ta="right" fw={client.outstandingCents > 0 ? 700 : undefined}>
                        {euro(client.outstandingCents)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Title order={3} fz="h4">
              {t("integrity.exposure.topContracts")}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("integrity.col.contract")}</Table.Th>
                    <Table.Th>{t("integrity.col.client")}</Table.Th>
                    <Table.Th ta="right">{t("integrity.col.overcharge")}</Table.Th>
                    <Table.Th ta="right">{t("integrity.col.outstanding")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {exposure.topContracts.map((contract) => (
                    <Table.Tr key={contract.contractId}>
                      <Table.Td>{contract.title}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/clients/${contract.clientId}`}>
                          {contract.clientName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td ta="right">{euro(contract.overchargeCents)}</Table.Td>
                      <Table.Td ta="right" fw={contract.outstandingCents > 0 ? 700 : undefined}>
                        {euro(contract.outstandingCents)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        {corrections.count > 0 && (
          <Text fz="sm">
            {t("integrity.corrections", {
              count: formatNumber(corrections.count),
              amount: euro(corrections.refundCents),
              raised: formatNumber(corrections.raisedByClient),
            })}
          </Text>
        )}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="integrity-never-audited">
        <Title order={2} fz="h3" id="integrity-never-audited">
          {t("integrity.neverAudited.title")}
        </Title>
        {neverAudited.count === 0 ? (
          <Text>{t("integrity.neverAudited.empty")}</Text>
        ) : (
          <>
            <Text fz="sm" c="gray.7">
              {t("integrity.neverAudited.intro")}
            </Text>
            <Stack gap={2} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
              {neverAudited.contracts.map((contract) => (
                <Text key={contract.contractId} component="li" fz="sm">
                  <Anchor component={Link} to={`/clients/${contract.clientId}`}>
                    {contract.clientName}
                  </Anchor>
                  {`: ${contract.title}`}
                </Text>
              ))}
              {neverAudited.count > neverAudited.contracts.length && (
                <Text component="li" fz="sm" c="gray.7">
                  {t("integrity.neverAudited.more", { count: formatNumber(neverAudited.count - neverAudited.contracts.length) })}
                </Text>
              )}
            </Stack>
          </>
        )}
      </Stack>
    </Stack>
  );
}
