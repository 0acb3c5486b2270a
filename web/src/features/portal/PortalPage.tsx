import { Alert, Badge, Box, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import type { PortalView } from "../../../../src/modules/portal/portal.schemas.ts";
import { api } from "../../api/client.ts";
import { useI18n } from "../../i18n/i18n.tsx";
import { LanguageSwitch } from "../../layout/LanguageSwitch.tsx";
import { usePageTitle } from "../../layout/usePageTitle.ts";
import { TrackRecord } from "./TrackRecord.tsx";

type Item = PortalView["items"][number];

const STATUS_COLOURS: Record<Item["status"], string> = {
  open: "blue",
  renegotiated: "indigo",
  kept: "green",
  kept_late: "yellow",
  broken: "red",
  cancelled: "gray",
};

/**
 * What a client sees through a portal link: the firm's promises to them, who
 * keeps each, by when, and how it stands. Built for a phone first.
 */
export function PortalPage() {
  const { t, locale } = useI18n();
  const { token } = useParams({ from: "/portal/$token" });
  const view = useQuery({
    queryKey: ["portal", token],
    queryFn: () => api<PortalView>("GET", `/api/v1/portal/${encodeURIComponent(token)}`),
    retry: false,
  });
  usePageTitle(view.data ? t("portal.title", { organization: view.data.organizationName }) : t("portal.heading"));
  const when = (value: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: "short",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: view.data?.timeZone,
    }).format(new Date(value));
  const active = view.data?.items.filter((item) => item.status === "open" || item.status === "renegotiated") ?? [];
  const closed = view.data?.items.filter((item) => item.status !== "open" && item.status !== "renegotiated") ?? [];

  const card = (item: Item) => (
    <Card key={`${item.title}-${item.dueAt}`} withBorder radius="md" p="md" component="li">
      <Stack gap={4}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600}>{item.title}</Text>
          <Badge
            color={item.overdue ? "red" : STATUS_COLOURS[item.status]}
            variant="light"
            // Mantine's light badges put green or yellow text on a pale tint (about 3.8:1): dark text reads on every tint.
            styles={{ label: { color: "var(--mantine-color-dark-8)" } }}
            style={{ flexShrink: 0 }}
          >
            {item.overdue ? t("portal.overdue") : t(`commitments.status.${item.status}`)}
          </Badge>
        </Group>
        <Text fz="sm">{t("portal.doneWhen", { doneWhen: item.doneWhen })}</Text>
        <Text fz="sm" c="dimmed">
          {t("portal.byWhom", { owner: item.ownerName })}
        </Text>
        <Text fz="sm">
          {item.closedAt ? t("portal.closedOn", { date: when(item.closedAt) }) : t("portal.dueBy", { date: when(item.dueAt) })}
        </Text>
        {item.originalDueAt !== item.dueAt && !item.closedAt && (
          <Text fz="sm" c="dimmed">
            {t("portal.movedFrom", { date: when(item.originalDueAt) })}
          </Text>
        )}
      </Stack>
    </Card>
  );

  return (
    <Box mih="100vh" bg="gray.0">
      <Group component="header" justify="space-between" px="md" py="sm">
        <Text fw={700} fz="lg" c="brand.8">
          {view.data?.organizationName ?? t("app.name")}
        </Text>
        <LanguageSwitch />
      </Group>
      <Box component="main" id="main" px="md" pb="xl" maw={680} mx="auto">
        {view.isPending && (
          <Center py="xl">
            <Loader aria-label={t("app.loading")} />
          </Center>
        )}
        {view.error && (
          <Stack py="xl">
            <Title order={1} fz="h2">
              {t("portal.heading")}
            </Title>
            <Alert color="red" role="alert">
              {view.error.message}
            </Alert>
          </Stack>
        )}
        {view.data && (
          <Stack gap="lg">
            <div>
              <Title order={1} fz="h2">
                {t("portal.title", { organization: view.data.organizationName })}
              </Title>
              <Text c="dimmed" fz="sm">
                {t("portal.intro", { contact: view.data.contactName, client: view.data.clientName })}
              </Text>
            </div>
            <section aria-labelledby="portal-active">
              <Title order={2} fz="h4" id="portal-active" mb="xs">
                {t("portal.active")}
              </Title>
              {active.length === 0 ? (
                <Text fz="sm">{t("portal.noneActive")}</Text>
              ) : (
                <Stack component="ul" gap="sm" p={0} style={{ listStyle: "none" }}>
                  {active.map(card)}
                </Stack>
              )}
            </section>
            {closed.length > 0 && (
              <section aria-labelledby="portal-closed">
                <Title order={2} fz="h4" id="portal-closed" mb="xs">
                  {t("portal.closed")}
                </Title>
                <Stack component="ul" gap="sm" p={0} style={{ listStyle: "none" }}>
                  {closed.map(card)}
                </Stack>
              </section>
            )}
            {view.data.trackRecord && <TrackRecord record={view.data.trackRecord} timeZone={view.data.timeZone} />}
            <Text fz="xs" c="dimmed">
              {t("portal.expires", { date: when(view.data.expiresAt) })}
            </Text>
          </Stack>
        )}
      </Box>
    </Box>
  );
}
