import { Alert, Badge, Button, Card, Code, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { canSeeSystem } from "../../../../src/core/notifications.ts";
import type { Delivery, DeliveryList, DeliveryStatus, SystemStatus } from "../../../../src/modules/notifications/notifications.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { useMe } from "../auth/session.ts";
import { formatRelative } from "./time.ts";

/** The filters of the e-mail table, in the order shown. */
const FILTERS = ["all", "queued", "uncertain", "failed", "outbox", "sent"] as const;
type Filter = (typeof FILTERS)[number];

/** Dark enough for white text at 4.5:1; the words say it too, never the colour alone. */
const GREEN = "#1f7a3a";
const ORANGE = "#9a4700";
const STATUS_COLORS: Record<DeliveryStatus, string> = {
  queued: "brand.8",
  sending: "brand.8",
  sent: GREEN,
  failed: "red.9",
  outbox: ORANGE,
  uncertain: ORANGE,
  dismissed: "gray.7",
};

/** What an administrator may decide about a delivery: send it again, or not at all. */
const DECIDABLE: readonly DeliveryStatus[] = ["failed", "outbox", "uncertain"];

/** Administrators: is e-mail going out, did the background sweep run, what is waiting or failed. */
export function SystemPage() {
  const me = useMe();
  const { t } = useI18n();
  if (me.data && !canSeeSystem(me.data.role)) {
    return (
      <Alert color="gray" role="status">
        {t("system.adminOnly")}
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <StatusCards />
      <Deliveries />
    </Stack>
  );
}

function StatusCards() {
  const { t, locale, formatDateTime, formatNumber } = useI18n();
  const status = useQuery({
    queryKey: ["system", "status"],
    queryFn: () => api<SystemStatus>("GET", "/api/v1/system/status"),
    refetchInterval: 30_000,
  });
  if (status.error) {
    return (
      <Alert color="red" role="alert">
        {status.error.message}
      </Alert>
    );
  }
  const data = status.data;
  if (!data) return null;
  const sweep = data.lastSweep;
  const counts: [string, number][] = [
    [t("system.counts.queued"), data.deliveries.queued + data.deliveries.sending],
    [t("system.counts.uncertain"), data.deliveries.uncertain],
    [t("system.counts.failed"), data.deliveries.failed],
    [t("system.counts.outbox"), data.deliveries.outbox],
    [t("system.counts.sent"), data.deliveries.sentLast24h],
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      <Card withBorder component="section" aria-labelledby="system-mail">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} fz="h4" id="system-mail">
              {t("system.mail.title")}
            </Title>
            <Badge color={data.mail.mode === "smtp" ? GREEN : ORANGE} variant="filled">
              {t(`system.mail.${data.mail.mode}`)}
            </Badge>
          </Group>
          {data.mail.mode === "smtp" ? (
            <Text fz="sm">{t("system.mail.smtpHelp")}</Text>
          ) : (
            <>
              <Text fz="sm">{t("system.mail.outboxHelp")}</Text>
              <Code block style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                TRUSTLEDGER_SMTP_URL=smtp://user:password@mail.example.com:587
              </Code>
            </>
          )}
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="system-sweep">
        <Stack gap="xs">
          <Title order={2} fz="h4" id="system-sweep">
            {t("system.sweep.title")}
          </Title>
          {!sweep?.startedAt ? (
            <Text fz="sm">{t("system.sweep.never")}</Text>
          ) : (
            <>
              <Text fz="sm">
                {t("system.sweep.last", { relative: formatRelative(locale, sweep.finishedAt ?? sweep.startedAt) })}{" "}
                <Text span c="dimmed" fz="sm">
                  ({formatDateTime(sweep.finishedAt ?? sweep.startedAt)})
                </Text>
              </Text>
              {sweep.error ? (
                <Alert color="red" role="alert" title={t("system.sweep.error")}>
                  <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {sweep.error}
                  </Text>
                  <Text fz="sm" mt={4}>
                    {sweep.okAt ? t("system.sweep.okAt", { date: formatDateTime(sweep.okAt) }) : t("system.sweep.neverOk")}
                  </Text>
                </Alert>
              ) : (
                <Text fz="sm">{t("system.sweep.ok")}</Text>
              )}
            </>
          )}
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="system-counts">
        <Stack gap="xs">
          <Title order={2} fz="h4" id="system-counts">
            {t("system.counts.title")}
          </Title>
          <dl
            style={{
              margin: 0,
              display: "grid",
              gridTemplateColumns: "1fr auto",
              gap: "4px 16px",
              fontSize: "var(--mantine-font-size-sm)",
            }}
          >
            {counts.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd style={{ margin: 0, textAlign: "right", fontWeight: 600 }}>{formatNumber(value)}</dd>
              </Fragment>
            ))}
          </dl>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}

function Deliveries() {
  const { t, formatDateTime } = useI18n();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>("all");
  const list = useInfiniteQuery({
    queryKey: ["system", "deliveries", filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50" });
      if (filter !== "all") params.set("status", filter);
      if (pageParam) params.set("cursor", pageParam);
      return api<DeliveryList>("GET", `/api/v1/system/deliveries?${params}`);
    },
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: 30_000,
  });
  const retry = useMutation({
    mutationFn: (id: string) => api<Delivery>("POST", `/api/v1/system/deliveries/${id}/retry`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["system"] }),
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => api<Delivery>("POST", `/api/v1/system/deliveries/${id}/dismiss`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["system"] }),
  });
  const decisionError = retry.error ?? dismiss.error;
  const deliveries = list.data?.pages.flatMap((page) => page.items) ?? [];
  const narrow = useMediaQuery("(max-width: 36em)");
  return (
    <Stack gap="sm" component="section" aria-labelledby="system-deliveries">
      <Group justify="space-between" align="flex-end">
        <Title order={2} fz="h3" id="system-deliveries">
          {t("system.deliveries.title")}
        </Title>
        <div>
          <Text component="span" id="system-filter" fz="sm" fw={500} display="block" mb={4}>
            {t("system.filter")}
          </Text>
          <SegmentedControl
            aria-labelledby="system-filter"
            value={filter}
            onChange={(value) => setFilter(value as Filter)}
            // Four choices side by side are wider than a phone: one under the other there.
            orientation={narrow ? "vertical" : "horizontal"}
            data={FILTERS.map((value) => ({ value, label: t(`system.filter.${value}`) }))}
          />
        </div>
      </Group>
      {decisionError && (
        <Alert color="red" role="alert">
          {decisionError.message}
        </Alert>
      )}
      {filter === "uncertain" && <Text fz="sm">{t("system.uncertainHelp")}</Text>}
      {list.error && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      {list.data && deliveries.length === 0 && <Text c="gray.7">{t("system.empty")}</Text>}
      {deliveries.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("system.col.created")}</Table.Th>
                <Table.Th scope="col">{t("system.col.to")}</Table.Th>
                <Table.Th scope="col">{t("system.col.subject")}</Table.Th>
                <Table.Th scope="col">{t("system.col.status")}</Table.Th>
                <Table.Th scope="col">{t("system.col.attempts")}</Table.Th>
                <Table.Th scope="col">{t("system.col.error")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("system.retry")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.map((delivery) => (
                <Table.Tr key={delivery.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(delivery.createdAt)}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{delivery.to}</Table.Td>
                  <Table.Td>{delivery.subject}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[delivery.status]} variant="filled" tt="none">
                      {t(`system.status.${delivery.status}`)}
                    </Badge>
                    {delivery.status === "queued" && delivery.attempts > 0 && (
                      <Text fz="xs" c="dimmed">
                        {t("system.nextAttempt", { date: formatDateTime(delivery.nextAttemptAt) })}
                      </Text>
                    )}
                    {delivery.status === "sent" && delivery.sentAt && (
                      <Text fz="xs" c="dimmed">
                        {formatDateTime(delivery.sentAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t("system.attempts", { attempts: delivery.attempts, max: delivery.maxAttempts })}</Table.Td>
                  <Table.Td fz="sm" style={{ overflowWrap: "anywhere" }}>
                    {delivery.lastError ?? t("app.none")}
                  </Table.Td>
                  <Table.Td ta="right">
                    {DECIDABLE.includes(delivery.status) && (
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="light"
                          aria-label={`${t("system.retry")}: ${delivery.subject}`}
                          loading={retry.isPending && retry.variables === delivery.id}
                          onClick={() => retry.mutate(delivery.id)}
                        >
                          {t("system.retry")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="gray"
                          aria-label={`${t("system.dismiss")}: ${delivery.subject}`}
                          loading={dismiss.isPending && dismiss.variables === delivery.id}
                          onClick={() => dismiss.mutate(delivery.id)}
                        >
                          {t("system.dismiss")}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Group>
          <Button variant="default" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {t("system.loadMore")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
